import path from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { enqueue } from '../../../src/domain/outbox.js'
import { people, startHarness } from '../../helpers/app.js'
import { chromiumAvailable, newPage, screenshot, signInInBrowser } from '../../helpers/browser.js'
import { openedTheBot } from '../../helpers/console.js'
import { tempDir } from '../../helpers/db.js'
import { eventually } from '../../helpers/wait.js'
import { novemberRound } from '../../platforms/telegram/evaluation-helpers.js'

// The admin's sections in a real browser, without JavaScript of our own: an XLSX export downloaded
// through the form, a dead letter sent again from its row, the audit trail filtered; a screenshot of each.

const admin = { nip: '197406162008012010', telegram: 790_000_012 }

async function rowsOf(file: string) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const ws = wb.worksheets[0]!
  const rows: unknown[][] = []
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return { name: ws.name, rows }
}

describe.skipIf(!chromiumAvailable)('console in a browser: ekspor, pesan gagal, audit', () => {
  it('downloads an XLSX export, sends a dead letter again, filters the audit trail', async () => {
    const h = await startHarness()
    await novemberRound(h) // the clock is now 1 December
    const page = await newPage()
    await signInInBrowser(h, page, admin)
    const base = `http://127.0.0.1:${h.app.port}`

    // Ekspor: the form as a person fills it, the file the browser saves
    await page.goto(`${base}/console/ekspor`)
    await page.getByRole('radio', { name: /^Aktivitas/ }).check()
    await page.getByLabel('Unit', { exact: true }).selectOption('BKPSDM-PKP')
    await page.getByLabel('Dari tanggal').fill('2026-11-01')
    await page.getByLabel('Sampai tanggal').fill('2026-11-30')
    expect(await page.getByLabel('Format', { exact: true }).inputValue()).toBe('xlsx')
    await screenshot(page, 'console-ekspor')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh' }).click()])
    expect(download.suggestedFilename()).toBe('aktivitas-BKPSDM-PKP-2026-11-01-2026-11-30.xlsx')
    const saved = path.join(tempDir(), download.suggestedFilename())
    await download.saveAs(saved)
    const cliFile = path.join(tempDir(), 'cli.xlsx')
    expect((await h.cli('export', 'aktivitas', '--unit', 'BKPSDM-PKP', '--from', '2026-11-01', '--to', '2026-11-30', '--format', 'xlsx', '--out', cliFile)).code).toBe(0)
    const got = await rowsOf(saved)
    expect(got.name).toBe('Aktivitas')
    expect(got.rows).toHaveLength(7)
    expect(got.rows).toEqual((await rowsOf(cliFile)).rows)
    // the page stays where it was: a download is no navigation
    expect(page.url()).toBe(`${base}/console/ekspor`)
    // a wrong range comes back as the form with the reason
    await page.getByLabel('Dari tanggal').fill('2026-11-30')
    await page.getByLabel('Sampai tanggal').fill('2026-11-01')
    await page.getByRole('button', { name: 'Unduh' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('jatuh setelah tanggal akhir')

    // Pesan gagal: a message Telegram refused (the person blocked the bot), sent again from its row
    const andi = await openedTheBot(h, people.andi.nip, people.andi.telegram)
    h.tg.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' })
    const id = await h.app.db.prisma.$transaction((tx) => enqueue(tx, { recipientId: andi, message: { kind: 'text', key: 'link.askCode' }, at: h.clock.now() }))
    await eventually(async () => {
      await h.app.dispatcher.runOnce()
      return (await h.app.db.prisma.outbox.findUniqueOrThrow({ where: { id } })).status === 'DEAD'
    }, { label: 'dead letter' })
    await page.goto(`${base}/console/pesan-gagal`)
    const row = page.locator(`tr[data-id="${id}"]`)
    await expect.poll(() => row.textContent()).toContain('blocked by the user')
    await screenshot(page, 'console-pesan-gagal')
    await row.getByRole('button', { name: 'Kirim ulang' }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`1 pesan dijadwalkan untuk dikirim lagi: #${id}.`)
    expect(await page.locator(`tr[data-id="${id}"]`).count()).toBe(0)
    await eventually(async () => (await h.app.db.prisma.outbox.findUniqueOrThrow({ where: { id } })).status === 'SENT', { label: 'sent' })
    expect(h.tg.messagesTo(people.andi.telegram).some((m) => m.text.includes('Silakan ketik kode tautan'))).toBe(true)

    // Audit: the admin's retry, found by NIP and action
    await page.goto(`${base}/console/audit`)
    await page.getByLabel('Orang (NIP atau nama)').fill(admin.nip)
    await page.getByLabel('Tindakan', { exact: true }).selectOption('outbox.retry')
    await page.getByRole('button', { name: 'Tampilkan' }).click()
    await page.waitForURL(/orang=197406162008012010&aksi=outbox\.retry/)
    const rows = page.locator('tbody tr')
    expect(await rows.count()).toBe(1)
    expect(await rows.first().textContent()).toContain(`outbox #${id}`)
    expect(await rows.first().textContent()).toContain('DEAD → PENDING')
    await screenshot(page, 'console-audit')
    // exports are in the trail too, the console's with the admin's name
    await page.getByLabel('Tindakan', { exact: true }).selectOption('export')
    await page.getByRole('button', { name: 'Tampilkan' }).click()
    await page.waitForURL(/aksi=export/)
    expect(await page.locator('tbody tr').count()).toBe(1)
    expect(await page.locator('tbody tr').first().textContent()).toContain('via: console')

    // on a phone: the forms fit the width
    const phone = await newPage({ width: 390, height: 844 })
    await signInInBrowser(h, phone, admin)
    for (const p of ['ekspor', 'pesan-gagal', 'audit']) {
      await phone.goto(`${base}/console/${p}`)
      expect(Number(await phone.evaluate('document.documentElement.scrollWidth')), p).toBeLessThanOrEqual(390)
      await screenshot(phone, `console-${p}-phone`)
    }
  }, 60_000)
})
