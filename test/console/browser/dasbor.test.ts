import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { people, startHarness, type Harness } from '../../helpers/app.js'
import { chromiumAvailable, newPage, screenshot, signInInBrowser } from '../../helpers/browser.js'
import { addActivity, link } from '../../scheduler/helpers.js'

// The console in a real browser, as the Admin BKPSDM uses it: sign in through the page and the link the
// bot sends to the (fake) Telegram chat, the Beranda, then the Dasbor from the city down to a unit and a
// person, the charts drawn; and the same pages at a phone's width, where nothing may push the page sideways.

const admin = { nip: '197406162008012010', telegram: 790_000_012 }
const { andi, salmiah, kabid } = people

/** A week's worth of reports in BKPSDM-PKP for 16–22 November (the last full week on Friday the 27th). */
async function lastWeek(h: Harness) {
  for (const [nip, days] of [
    [andi.nip, [16, 17, 18, 19, 20]],
    [salmiah.nip, [16, 18, 20]],
    [kabid.nip, [17]],
  ] as const) {
    for (const d of days) await addActivity(h, nip, { date: `2026-11-${d}`, minutes: 240, status: 'DISETUJUI' })
  }
  await addActivity(h, andi.nip, { date: '2026-11-20', minutes: 60, status: 'DIAJUKAN' })
}

/** Whether the page is wider than the window (something pushes it sideways). */
const overflow = (page: Page) =>
  page.evaluate(() => {
    // runs in the page (the tests are compiled without the DOM's types)
    const w = globalThis as unknown as { innerWidth: number; document: { documentElement: { scrollWidth: number } } }
    return w.document.documentElement.scrollWidth - w.innerWidth
  })

/** The rendered width of a chart's SVG. */
const chartWidth = (page: Page, id: string) => page.locator(`#${id} svg`).evaluate((svg) => svg.getBoundingClientRect().width)

describe.skipIf(!chromiumAvailable)('console in a real browser', () => {
  it('signs in through the chat, shows the Beranda, drills the Dasbor down to a person with its charts, and fits a phone', { timeout: 120_000 }, async () => {
    const h = await startHarness() // Friday 27 November 2026, 17:00 WITA
    await link(h, andi.telegram, kabid.telegram)
    await lastWeek(h)
    h.tg.userSends(andi.telegram, '/lapor 08:00-10:00 Menyusun laporan kinerja')
    await h.tg.waitForMessageTo(andi.telegram, /Laporan #\d+ terkirim/)

    const page = await newPage()
    await signInInBrowser(h, page, admin)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Beranda')
    await page.getByText('Hari ini: Jumat, 27 November 2026').waitFor()
    expect(await page.locator('#belum-melapor').isVisible()).toBe(true)
    await screenshot(page, 'console-beranda')

    // the city: the digest's chart of units and the trend, drawn
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Dasbor' }).click()
    await page.waitForURL(/\/console\/dasbor$/)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Dasbor — Sekretariat Daerah Kota Kendari')
    for (const id of ['grafik-kepatuhan', 'grafik-tren']) {
      expect(await page.locator(`#${id} svg`).isVisible()).toBe(true)
      expect(await chartWidth(page, id)).toBeGreaterThan(600)
    }
    expect(await page.getByRole('img', { name: /Kepatuhan laporan harian per unit/ }).isVisible()).toBe(true)
    await screenshot(page, 'console-dasbor-kota')

    // down to BKPSDM, then its Bidang, then Andi
    await page.locator('#unit-bawah').getByRole('link', { name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Dasbor — Badan Kepegawaian dan Pengembangan Sumber Daya Manusia')
    await screenshot(page, 'console-dasbor-bkpsdm')
    await page.locator('#unit-bawah').getByRole('link', { name: 'Bidang Penilaian Kinerja Aparatur dan Penghargaan' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Dasbor — Bidang Penilaian Kinerja Aparatur dan Penghargaan')
    const andiRow = page.locator('#pegawai-unit tr', { hasText: 'Andi Latif' })
    expect(await andiRow.locator('td').nth(1).textContent()).toBe('5/5')
    expect(await page.locator('#grafik-kepatuhan svg').isVisible()).toBe(true)
    await screenshot(page, 'console-dasbor-unit')
    await andiRow.getByRole('link', { name: 'Andi Latif, S.IP.' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Andi Latif, S.IP.')
    expect(await page.locator('#kepatuhan .big').textContent()).toBe('5/5')
    expect(await page.locator('#hari tbody tr').count()).toBe(7)
    await screenshot(page, 'console-dasbor-pegawai')

    // the week picker: the week before, chosen in the form
    await page.getByLabel(/Minggu \(ISO/).fill('2026-W46')
    await page.getByRole('button', { name: 'Tampilkan' }).click()
    await page.getByText('2026-W46 · Senin, 9 November 2026').waitFor()

    // a phone: the same pages fit its width; wide tables scroll inside their box, the charts shrink
    const phone = await newPage({ width: 390, height: 844 })
    await signInInBrowser(h, phone, admin)
    expect(await overflow(phone)).toBeLessThanOrEqual(0)
    await screenshot(phone, 'console-beranda-phone')
    await phone.goto(`http://127.0.0.1:${h.app.port}/console/dasbor`)
    await phone.locator('#grafik-tren svg').waitFor()
    expect(await overflow(phone)).toBeLessThanOrEqual(0)
    for (const id of ['grafik-kepatuhan', 'grafik-tren']) expect(await chartWidth(phone, id)).toBeLessThanOrEqual(390)
    await screenshot(phone, 'console-dasbor-phone')
    await phone.locator('#unit-bawah').getByRole('link', { name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia' }).click()
    await phone.locator('#unit-bawah').getByRole('link', { name: 'Bidang Penilaian Kinerja Aparatur dan Penghargaan' }).click()
    await phone.locator('#pegawai-unit').getByRole('link', { name: 'Andi Latif, S.IP.' }).click()
    await expect.poll(() => phone.getByRole('heading', { level: 1 }).textContent()).toBe('Andi Latif, S.IP.')
    await screenshot(phone, 'console-dasbor-pegawai-phone')
    expect(await overflow(phone)).toBeLessThanOrEqual(0)
  })
})
