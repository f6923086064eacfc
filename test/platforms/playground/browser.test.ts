import { existsSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { people, startHarness, type Harness } from '../../helpers/app.js'

// The whole loop in a real browser: the page as a trainee uses it, headless Chromium from the system
// (Debian's `chromium`, installed by .ci/run): no library downloads a browser. On a developer's machine
// without it the test is skipped; in CI (CI=true) it must run.
const CHROMIUM = '/usr/bin/chromium'
const available = existsSync(CHROMIUM)
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: CI installs it (apt-get install chromium, .ci/run)`)

/** Set to write the README's screenshot (docs/playground.png) from this run. */
const SCREENSHOT = process.env.PLAYGROUND_SCREENSHOT

let browser: Browser | undefined
afterEach(async () => {
  await browser?.close()
  browser = undefined
})

const column = (page: Page, id: number) => page.locator(`section.col[data-person="${id}"]`)
const message = (col: Locator, text: RegExp) => col.locator('.msg.bot', { hasText: text }).last()
async function type(col: Locator, text: string) {
  await col.getByRole('textbox', { name: 'Pesan' }).fill(text)
  await col.getByRole('button', { name: 'Kirim' }).click()
}

async function idOf(h: Harness, nip: string): Promise<number> {
  return (await h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip } })).id
}

describe.skipIf(!available)('playground in a real browser', () => {
  it('report → card → Revisi → resubmit → Setujui → rekap, two people side by side', { timeout: 90_000 }, async () => {
    const h = await startHarness({ env: { TELEGRAM_BOT_TOKEN: '' } })
    const andi = await idOf(h, people.andi.nip)
    const kabid = await idOf(h, people.kabid.nip)
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] })
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`http://127.0.0.1:${h.app.port}/playground?as=${andi},${kabid}`)
    await expect.poll(() => page.locator('.banner').textContent()).toMatch(/Mode latihan \(sandbox\)/)
    const employee = column(page, andi)
    const supervisor = column(page, kabid)
    await employee.waitFor()
    await supervisor.waitFor()

    await type(employee, '/lapor 08:00-10:00 Menyusun laporan keuangan')
    const receipt = message(employee, /Laporan #\d+ terkirim ke atasan/)
    await receipt.waitFor()
    const id = Number(/#(\d+)/.exec((await receipt.textContent()) ?? '')![1])

    const card = message(supervisor, new RegExp(`Laporan kegiatan #${id} menunggu persetujuan`))
    await card.waitFor()
    await card.getByRole('button', { name: /Revisi/ }).click()
    await message(supervisor, /alasan/i).waitFor()
    await type(supervisor, 'Lampirkan rincian anggaran')
    await message(supervisor, /Perlu revisi oleh Nurhayati Ramli/).waitFor()

    const notice = message(employee, new RegExp(`Keputusan atas laporan #${id}`))
    await notice.waitFor()
    await notice.getByRole('button', { name: /Ubah/ }).click()
    await message(employee, /Kirim ulang|uraian|kegiatan/i).waitFor()
    await type(employee, '08:00-10:00 Menyusun laporan keuangan dengan rincian anggaran')
    await message(employee, new RegExp(`Laporan #${id} diperbarui dan dikirim ulang`)).waitFor()

    const fresh = message(supervisor, new RegExp(`Laporan kegiatan #${id} \\(perbaikan ke-1\\) menunggu`))
    await fresh.waitFor()
    // the README's picture: the fixed report sent again, its new card waiting with its buttons
    if (SCREENSHOT) await page.screenshot({ path: path.resolve(import.meta.dirname, '../../../docs/playground.png') })
    await fresh.getByRole('button', { name: /^✅ Setujui$/ }).click()
    await message(supervisor, /Disetujui oleh Nurhayati Ramli/).waitFor()
    expect((await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id } })).status).toBe('DISETUJUI')

    await type(employee, '/rekap')
    await message(employee, /Rekap/i).waitFor()
  })

  it('a guest links with a code; a report with a file attached carries it as evidence', { timeout: 60_000 }, async () => {
    const h = await startHarness({ env: { TELEGRAM_BOT_TOKEN: '' } })
    const issued = await h.cli('link-code', people.ahmad.nip)
    const code = issued.out.trim().split('\n').at(-1)!
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] })
    const page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${h.app.port}/playground?as=guest-1`)
    const guest = page.locator('section.col[data-person="guest-1"]')
    await guest.waitFor()
    await type(guest, `/start ${code}`)
    await message(guest, /Selamat datang, Ahmad Anwar/).waitFor()
    await guest.getByLabel('Lampirkan bukti dukung', { exact: true }).setInputFiles({ name: 'notulen.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 notulen') })
    await type(guest, '/lapor 08:00-09:00 Rapat koordinasi')
    await message(guest, /Laporan #\d+ terkirim ke atasan/).waitFor()
    const row = await h.app.db.prisma.activity.findFirstOrThrow({ include: { employee: true } })
    expect(row.employee.nip).toBe(people.ahmad.nip)
    expect(row.evidenceFileId).not.toBeNull()
  })
})
