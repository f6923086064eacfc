import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readCsvBytes } from '../../src/admin/csv-text.js'
import { HOLIDAY_COLUMNS, importHolidays } from '../../src/admin/import-calendar.js'
import { importOrg, previewOrg } from '../../src/admin/import-org.js'
import { readCsv } from '../../src/admin/org-csv.js'
import { runCli } from '../../src/cli/index.js'
import { fixedClock } from '../../src/domain/clock.js'
import { openTestDb, tempDir } from '../helpers/db.js'

// Files separated by ';' as Excel with Indonesian settings saves them: the separator is read from the
// header line, so commas inside values stay in their cell, quoted or not, in every import.

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')
const TODAY = '2026-11-28'
const AT = new Date('2026-11-28T02:00:00Z')

describe("';'-separated files", () => {
  it('keep commas, quoted semicolons, doubled quotes and line breaks inside their cells, on the lines they start', () => {
    const text = [
      'date;name;kind',
      '2026-12-25;Hari Raya Natal, libur nasional;libur',
      '"2026-12-24";"Cuti Bersama; Natal ""Malam"", 2026";cuti_bersama',
      '',
      '2026-12-31;"Malam',
      'Tahun Baru, 2026";libur',
      '2026-08-17;Kemerdekaan, ke-81;',
      '2026-08-18;satu;dua;tiga',
    ].join('\r\n')
    const errors: string[] = []
    const table = readCsv(text, HOLIDAY_COLUMNS, (line, message) => errors.push(`${line}: ${message}`))
    expect(table!.rows.map((r) => [r.line, r.get('date'), r.get('name'), r.get('kind')])).toEqual([
      [2, '2026-12-25', 'Hari Raya Natal, libur nasional', 'libur'],
      [3, '2026-12-24', 'Cuti Bersama; Natal "Malam", 2026', 'cuti_bersama'],
      [5, '2026-12-31', 'Malam\r\nTahun Baru, 2026', 'libur'],
      [7, '2026-08-17', 'Kemerdekaan, ke-81', ''],
    ])
    // a ';' too many is an error of its own line, not a cell split somewhere else
    expect(errors).toEqual(['8: jumlah kolom tidak sama dengan judul (seharusnya 3); periksa tanda pemisah dan tanda petik'])
  })

  it('import the organisation with names holding commas, quoted and not, as a comma file would', async () => {
    const db = await openTestDb()
    const units = fixture('kendari-units.csv').replaceAll(',', ';')
    // Excel quotes a cell only when it holds ';' or a quote: "Wa Ode Tamrin, S.E." comes unquoted
    const employees = fixture('kendari-employees.csv')
      .split('\r\n')
      .map((l) => l.replace(/"([^"]*)"/g, (_, s: string) => s.replace(',', '\u0000')).replaceAll(',', ';').replaceAll('\u0000', ','))
      .join('\r\n')
      .replace('Sukri Halim, S.Sos.', '"Sukri Halim; ""Pak Kaban"", S.Sos."')
    expect(employees).toContain(';Wa Ode Tamrin, S.E.;BKPSDM-PKP;')
    const preview = await previewOrg(db.prisma, { unitsCsv: units, employeesCsv: employees, today: TODAY })
    expect(preview.ok && preview.parts.map((p) => p.created)).toEqual([12, 40])
    expect(await importOrg(db.prisma, { unitsCsv: units, employeesCsv: employees, today: TODAY, at: AT })).toMatchObject({ ok: true })
    const name = async (nip: string) => (await db.prisma.employee.findUniqueOrThrow({ where: { nip } })).name
    expect(await name('197406162008012010')).toBe('Wa Ode Tamrin, S.E.')
    expect(await name('198012122003121004')).toBe('Sukri Halim; "Pak Kaban", S.Sos.')
    // the same organisation with commas: nothing to change
    const again = await previewOrg(db.prisma, { unitsCsv: fixture('kendari-units.csv'), employeesCsv: fixture('kendari-employees.csv'), today: TODAY })
    expect(again.ok && again.parts.map((p) => [p.created, p.updated])).toEqual([[0, 0], [0, 1]])
  })

  it('import holidays with a quoted name holding a comma', async () => {
    const db = await openTestDb()
    const r = await importHolidays(db.prisma, 'date;name\n2026-12-24;"Cuti Bersama Natal, 2026"\n', AT)
    expect(r).toEqual({ ok: true, created: 1, updated: 0, unchanged: 0 })
    expect(await db.prisma.holiday.findFirstOrThrow()).toMatchObject({ name: 'Cuti Bersama Natal, 2026', kind: 'cuti_bersama' })
  })
})

describe('files that are not CSV', () => {
  it('a workbook, a PDF or binary data is refused with what it is; a BOM is dropped', () => {
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('[Content_Types].xml')])
    expect(readCsvBytes(xlsx)).toEqual({ ok: false, problem: 'berkas ini buku kerja XLSX/ODS (arsip ZIP), bukan CSV: simpan dulu sebagai CSV (di Excel: Simpan Sebagai → CSV)' })
    expect(readCsvBytes(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toMatchObject({ ok: false, problem: expect.stringContaining('Excel 97–2003 (XLS)') })
    expect(readCsvBytes(Buffer.from('%PDF-1.7\n'))).toEqual({ ok: false, problem: 'berkas ini PDF, bukan CSV' })
    expect(readCsvBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('data biner'),
    })
    expect(readCsvBytes(Buffer.from('\uFEFFdate;name\r\n2026-12-25;Natal\r\n'))).toEqual({ ok: true, text: 'date;name\r\n2026-12-25;Natal\r\n', encoding: 'UTF-8', separator: ';' })
  })

  it('the CLI says so and imports nothing', async () => {
    const file = path.join(tempDir(), 'libur.xlsx')
    writeFileSync(file, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]))
    let err = ''
    const code = await runCli(['import-holidays', file], { env: {}, clock: fixedClock(AT.toISOString()), stdout: () => {}, stderr: (s) => (err += s) })
    expect(code).toBe(1)
    expect(err).toBe(`${file}: berkas ini buku kerja XLSX/ODS (arsip ZIP), bukan CSV: simpan dulu sebagai CSV (di Excel: Simpan Sebagai → CSV)\n`)
  })
})
