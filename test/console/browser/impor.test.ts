import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, people, startHarness } from '../../helpers/app.js'
import { chromiumAvailable, newPage, screenshot, signInInBrowser } from '../../helpers/browser.js'
import { tempDir } from '../../helpers/db.js'

// Impor in a real browser, without any script of ours: the form's file upload, the table of bad rows,
// then a good file through the preview and Simpan. A screenshot of each page (screenshots/impor-*.png).

const admin = { nip: '197406162008012010', telegram: 790_000_012 }
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8')

describe.skipIf(!chromiumAvailable)('console Impor in a browser', () => {
  it('shows the bad rows of a file, then previews and stores a good one', { timeout: 60_000 }, async () => {
    const h = await startHarness()
    const db = h.app.db.prisma
    const page = await newPage()
    await signInInBrowser(h, page, admin)
    const dir = tempDir()
    const file = (name: string, text: string) => {
      const p = path.join(dir, name)
      writeFileSync(p, text)
      return p
    }

    await page.getByRole('link', { name: 'Impor' }).click()
    await page.waitForURL(/\/console\/impor$/)
    await screenshot(page, 'impor-formulir')

    // Indonesian Excel: ';' between cells, a comma inside a name
    const bad = file('libur-salah.csv', 'date;name;kind\r\n2026-12-25;Hari Raya Natal, 2026;libur\r\n25/12/2026;Natal;libur\r\n2026-12-26;;hari_besar\r\n')
    await page.getByLabel('Hari libur (holidays.csv)').setInputFiles(bad)
    await page.locator('form[action="/console/impor/libur"]').getByRole('button', { name: 'Periksa' }).click()
    await page.getByRole('alert').waitFor()
    expect(await page.getByRole('alert').textContent()).toContain('3 kesalahan; tidak ada yang disimpan')
    const rows = await page.locator('tbody tr').allTextContents()
    expect(rows).toEqual([
      'libur-salah.csv3date "25/12/2026" bukan tanggal yang valid (format YYYY-MM-DD, misalnya 2026-12-25)',
      'libur-salah.csv4name wajib diisi',
      'libur-salah.csv4kind "hari_besar" tidak dikenal (pilih libur atau cuti_bersama)',
    ])
    // the table on a phone's width
    await page.setViewportSize({ width: 390, height: 844 })
    await screenshot(page, 'impor-kesalahan')
    expect(await db.holiday.count()).toBe(0)
    expect(await db.consoleUpload.count()).toBe(0)

    await page.getByRole('link', { name: 'Kembali ke Impor' }).click()
    await page.setViewportSize({ width: 1280, height: 900 })
    // the organisation as Indonesian Excel saves it: ';' between cells, commas inside names left unquoted;
    // a new unit and one employee moved into it with a new position
    const semicolons = (csv: string) =>
      csv
        .split('\r\n')
        .map((l) => l.replace(/"([^"]*)"/g, (_, s: string) => s.replace(',', '\u0000')).replaceAll(',', ';').replaceAll('\u0000', ','))
        .join('\r\n')
    const units = file('unit.csv', semicolons(`${fixture('kendari-units.csv')}BKPSDM-DATA,Subbidang Data Kinerja,BKPSDM-PKP,LAINNYA\r\n`))
    const employees = file(
      'pegawai.csv',
      semicolons(fixture('kendari-employees.csv')).replace(';BKPSDM-PKP;Analis Sumber Daya Manusia Aparatur Ahli Muda;', ';BKPSDM-DATA;Analis Data Kinerja, Ahli Muda;'),
    )
    await page.getByLabel('Unit kerja (units.csv)').setInputFiles(units)
    await page.getByLabel('Pegawai (employees.csv)').setInputFiles(employees)
    await page.locator('form[action="/console/impor/organisasi"]').getByRole('button', { name: 'Periksa' }).click()
    await page.getByRole('heading', { name: 'Pratinjau impor: Unit kerja dan pegawai' }).waitFor()
    expect(await page.locator('tr[data-entity="units"]').textContent()).toBe('Unit kerja1012—')
    expect(await page.locator('tr[data-entity="employees"]').textContent()).toBe('Pegawai0139—')
    expect(await page.getByRole('status').textContent()).toContain('Belum ada yang disimpan')
    expect(await page.getByText('position: Analis Sumber Daya Manusia Aparatur Ahli Muda → Analis Data Kinerja, Ahli Muda').count()).toBe(1)
    await screenshot(page, 'impor-pratinjau')
    expect(await db.unit.count()).toBe(12)

    await page.getByRole('button', { name: 'Simpan' }).click()
    await page.getByRole('heading', { name: 'Impor tersimpan: Unit kerja dan pegawai' }).waitFor()
    await screenshot(page, 'impor-tersimpan')
    const andi = await db.employee.findUniqueOrThrow({ where: { nip: people.andi.nip }, include: { unit: true } })
    expect([andi.position, andi.unit.code]).toEqual(['Analis Data Kinerja, Ahli Muda', 'BKPSDM-DATA'])
    expect(await db.auditLog.count({ where: { action: 'org.import', detail: { contains: '"via":"console"' } } })).toBe(1)
  })
})
