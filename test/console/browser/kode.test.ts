import { describe, expect, it } from 'vitest'
import { chromiumAvailable, newPage, screenshot, signInInBrowser } from '../../helpers/browser.js'
import { startWhatsAppHarness } from '../../helpers/whatsapp-harness.js'

// Organisasi and Kode tautan in a real Chromium: the search as a person types it, a page on a phone's
// width, and the code sheet printed on A4: every sheet of six cards fits one page, no card is cut, and the
// PDF has exactly one page per sheet.

const admin = { nip: '197406162008012010', telegram: 790_000_012 }

/** A4 less the sheet's 10 mm margins, in CSS pixels (96 per inch). */
const PRINTABLE_HEIGHT_PX = ((297 - 20) / 25.4) * 96

describe.skipIf(!chromiumAvailable)('console in a real browser: Organisasi and Kode tautan', () => {
  it('searches the organisation, fits a phone, and prints a unit code sheet on A4 without cutting a card', { timeout: 120_000 }, async () => {
    // Telegram and WhatsApp: two QR codes a card, the fullest card there is
    const h = await startWhatsAppHarness()
    const db = h.app.db.prisma
    const pkp = await db.unit.findUniqueOrThrow({ where: { code: 'BKPSDM-PKP' } })
    // eight more people, some with long names: BKPSDM and its sub-unit have 15 active people, three sheets
    await db.employee.createMany({
      data: Array.from({ length: 8 }, (_, i) => ({
        nip: `20000101202501100${i}`,
        name: i % 2 ? `Pegawai Cetak ${i + 1}` : `Dr. Andi Muhammad Fadhlurrahman Baharuddin Tenriajeng Lamaindi ${i + 1}, S.H., M.H., M.Kn.`,
        unitId: pkp.id,
        position: 'Analis Sumber Daya Manusia Aparatur',
        positionType: 'FUNGSIONAL',
        grade: 'III/b',
        role: 'EMPLOYEE',
      })),
    })
    const page = await newPage()
    const base = `http://127.0.0.1:${h.app.port}`
    await signInInBrowser(h, page, admin)

    // Organisasi: the search as typed, then a person
    await page.goto(`${base}/console/organisasi`)
    await page.getByLabel('Cari pegawai (nama atau NIP)').fill('andi')
    await page.getByRole('button', { name: 'Cari' }).click()
    await page.waitForURL(/\/console\/organisasi\?q=andi/)
    const results = page.getByRole('region', { name: 'Hasil pencarian' }).locator('tbody tr')
    await expect.poll(() => results.count()).toBe(7) // the three Andis and four of the long names
    await expect.poll(() => results.first().textContent()).toContain('Andi Latif, S.IP.')
    await screenshot(page, 'console-organisasi-cari')
    await page.getByRole('link', { name: 'Andi Latif, S.IP.' }).click()
    await page.getByRole('heading', { name: 'Apakah pesan sampai?' }).waitFor()
    await screenshot(page, 'console-organisasi-pegawai')

    // on a phone's width nothing but a table's own scroll box is wider than the screen
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${base}/console/organisasi/unit/${pkp.id}`)
    expect(await page.locator('html').evaluate((e) => e.scrollWidth)).toBeLessThanOrEqual(390)
    await screenshot(page, 'console-organisasi-unit-ponsel')
    await page.setViewportSize({ width: 1280, height: 900 })

    // Kode tautan: the unit with its sub-unit, the linked included
    await page.goto(`${base}/console/kode`)
    await screenshot(page, 'console-kode-formulir')
    await page.getByLabel('Unit', { exact: true }).selectOption('BKPSDM')
    await page.getByLabel('termasuk semua sub-unit di bawahnya').check()
    await page.getByLabel(/termasuk pegawai yang sudah punya akun chat tertaut/).check()
    await page.getByRole('button', { name: 'Buat kode dan lembar cetak' }).click()
    await page.getByRole('status').filter({ hasText: 'kode tautan dibuat' }).waitFor()
    const cards = page.locator('article.kcard')
    expect(await cards.count()).toBe(15)
    expect(await page.locator('section.sheet').count()).toBe(3)
    expect(await page.locator('article.kcard svg').count()).toBe(30)
    expect(await cards.first().locator('figcaption').allTextContents()).toEqual([
      expect.stringMatching(/^Telegramhttps:\/\/t\.me\/fake_test_bot\?start=[A-Z2-9]{4}-[A-Z2-9]{4}$/),
      expect.stringMatching(/^WhatsApphttps:\/\/wa\.me\/\d+\?text=[A-Z2-9]{4}-[A-Z2-9]{4}$/),
    ])
    await screenshot(page, 'console-kode-lembar')

    // printed: the menu and the notice go, each sheet fits the A4 page, no card's content is cut off
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('header').isVisible()).toBe(false)
    expect(await page.getByRole('status').isVisible()).toBe(false)
    const sheets = await page.locator('section.sheet').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))
    for (const height of sheets) expect(height).toBeLessThanOrEqual(PRINTABLE_HEIGHT_PX)
    const cut = await cards.evaluateAll((els) => els.filter((e) => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1).length)
    expect(cut).toBe(0)
    // every card within its sheet's box
    const outside = await page.locator('section.sheet').evaluateAll((els) =>
      els.flatMap((s) => {
        const box = s.getBoundingClientRect()
        return [...s.querySelectorAll('article.kcard')].filter((c) => {
          const r = c.getBoundingClientRect()
          return r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5
        })
      }).length,
    )
    expect(outside).toBe(0)
    await screenshot(page, 'console-kode-lembar-cetak')
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    // one page per sheet: a sheet that spilled over (a card cut across pages) would add a page
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g)).toHaveLength(3)

    // the sheet came from a POST: opening the section again shows no code
    await page.emulateMedia({ media: 'screen' })
    const codes = await cards.locator('.code').allTextContents()
    await page.goto(`${base}/console/kode`)
    const again = await page.content()
    for (const code of codes) expect(again).not.toContain(code)
  })
})
