import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importHolidays, importLeave, previewHolidays, previewLeave } from '../../src/admin/import-calendar.js'
import { importOrg, previewOrg } from '../../src/admin/import-org.js'
import type { PreviewPart } from '../../src/admin/import-preview.js'
import { importSkp, previewSkp } from '../../src/admin/import-skp.js'
import { runCli } from '../../src/cli/index.js'
import { fixedClock } from '../../src/domain/clock.js'
import { openTestDb, tempDir, type TestDb } from '../helpers/db.js'

// The preview (console) and --dry-run (CLI) say what an import would change, with the counts the import
// then reports, and write nothing.

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')
const UNITS = fixture('kendari-units.csv')
const EMPLOYEES = fixture('kendari-employees.csv')
const SKP = fixture('kendari-skp-2026.csv')
const TODAY = '2026-11-28'
const AT = new Date('2026-11-28T02:00:00Z')
const ANDI = '198603022018032015'
const SALMIAH = '197701132006012005'
const AHMAD_S = '199107272020011015'

/** What a preview part counts, in the shape an import result counts it. */
const counts = (p: PreviewPart) => ({ created: p.created, updated: p.updated, unchanged: p.unchanged })

const stored = async (db: TestDb) => ({
  units: await db.prisma.unit.count(),
  employees: await db.prisma.employee.count(),
  accounts: await db.prisma.chatAccount.count(),
  holidays: await db.prisma.holiday.count(),
  leave: await db.prisma.leave.count(),
  rhk: await db.prisma.rhk.count(),
  audit: await db.prisma.auditLog.count(),
})

describe('previewOrg', () => {
  it('counts what importOrg then does, names the changed columns, and writes nothing', async () => {
    const db = await openTestDb()
    const first = await previewOrg(db.prisma, { unitsCsv: UNITS, employeesCsv: EMPLOYEES, today: TODAY })
    if (!first.ok) throw new Error(JSON.stringify(first.errors))
    expect(first.parts.map(counts)).toEqual([
      { created: 12, updated: 0, unchanged: 0 },
      { created: 40, updated: 0, unchanged: 0 },
    ])
    expect(first.parts[1]!.examples.created).toHaveLength(20)
    expect(first.parts[1]!.examples.created[0]).toEqual({ key: '197312251996012011', label: 'Yuliana Halim, A.Md.' })
    expect(await stored(db)).toMatchObject({ units: 0, employees: 0, accounts: 0, audit: 0 })
    await importOrg(db.prisma, { unitsCsv: UNITS, employeesCsv: EMPLOYEES, today: TODAY, at: AT })

    // a new unit, Andi moved into it with a new position, Ahmad S. a new Telegram account, Salmiah left
    // out of the file, one new employee under Andi
    const units = `${UNITS}BKPSDM-PKP-DATA,Subbidang Data Kinerja,BKPSDM-PKP,LAINNYA\r\n`
    const lines = EMPLOYEES.trimEnd().split('\r\n')
    const employees = [
      ...lines
        .filter((l) => !l.startsWith(SALMIAH))
        .map((l) =>
          l.startsWith(ANDI)
            ? l.replace(',BKPSDM-PKP,Analis Sumber Daya Manusia Aparatur Ahli Muda,', ',BKPSDM-PKP-DATA,Analis Data Kinerja,')
            : l.startsWith(AHMAD_S)
              ? l.replace(',700000064,', ',700000999,')
              : l,
        ),
      `199801012022031001,Baru Sekali,BKPSDM-PKP-DATA,Pranata Komputer Terampil,FUNGSIONAL,II/c,${ANDI},EMPLOYEE,,,`,
    ].join('\r\n')
    const preview = await previewOrg(db.prisma, { unitsCsv: units, employeesCsv: employees, today: TODAY })
    if (!preview.ok) throw new Error(JSON.stringify(preview.errors))
    const [u, e] = preview.parts as [PreviewPart, PreviewPart]
    expect(counts(u)).toEqual({ created: 1, updated: 0, unchanged: 12 })
    expect(counts(e)).toEqual({ created: 1, updated: 2, unchanged: 37 })
    // this import deactivates nothing: who is left out of the file stays as they are
    expect([u.deactivated, e.deactivated, u.notInFile, e.notInFile, e.inactive]).toEqual([null, null, 0, 1, 0])
    expect(u.examples.created).toEqual([{ key: 'BKPSDM-PKP-DATA', label: 'Subbidang Data Kinerja' }])
    expect(e.examples.updated).toEqual([
      {
        key: ANDI,
        label: 'Andi Latif, S.IP.',
        fields: [
          { column: 'unit_code', from: 'BKPSDM-PKP', to: 'BKPSDM-PKP-DATA' },
          { column: 'position', from: 'Analis Sumber Daya Manusia Aparatur Ahli Muda', to: 'Analis Data Kinerja' },
        ],
      },
      { key: AHMAD_S, label: 'Ahmad Sudirman', fields: [{ column: 'telegram_user_id', from: '700000064', to: '700000999' }] },
    ])
    const before = await stored(db)
    expect((await previewOrg(db.prisma, { unitsCsv: units, employeesCsv: employees, today: TODAY })).ok).toBe(true)
    expect(await stored(db)).toEqual(before)

    const done = await importOrg(db.prisma, { unitsCsv: units, employeesCsv: employees, today: TODAY, at: AT })
    expect(done).toEqual({ ok: true, units: counts(u), employees: counts(e) })
    expect((await db.prisma.employee.findUniqueOrThrow({ where: { nip: SALMIAH } })).active).toBe(true)
  })

  it('reports the same errors as the import, with file and line', async () => {
    const db = await openTestDb()
    const employees = EMPLOYEES.replace(',III/d,', ',III/z,')
    const preview = await previewOrg(db.prisma, { unitsCsv: UNITS, employeesCsv: employees, today: TODAY })
    const imported = await importOrg(db.prisma, { unitsCsv: UNITS, employeesCsv: employees, today: TODAY, at: AT })
    expect(preview.ok).toBe(false)
    expect(preview).toEqual(imported)
    expect(JSON.stringify(preview)).toContain('grade \\"III/z\\" tidak valid')
  })
})

describe('previews of holidays, leave and SKP', () => {
  it('holidays: added, renamed, left alone; the import then reports the same', async () => {
    const db = await openTestDb()
    await importHolidays(db.prisma, fixture('holidays-2026.csv'), AT)
    const csv = 'date;name;kind\r\n2026-12-25;Hari Raya Natal 2026;libur\r\n2026-12-24;Cuti Bersama Natal;cuti_bersama\r\n2026-05-01;Hari Buruh Internasional;libur\r\n'
    const preview = await previewHolidays(db.prisma, csv)
    if (!preview.ok) throw new Error(JSON.stringify(preview.errors))
    const [p] = preview.parts as [PreviewPart]
    expect(p).toMatchObject({ created: 1, updated: 1, unchanged: 1, deactivated: null, notInFile: 5 })
    expect(p.examples.updated).toEqual([{ key: '2026-12-25', label: 'Hari Raya Natal 2026', fields: [{ column: 'name', from: 'Hari Raya Natal', to: 'Hari Raya Natal 2026' }] }])
    expect(await db.prisma.holiday.count()).toBe(7)
    expect(await importHolidays(db.prisma, csv, AT)).toEqual({ ok: true, ...counts(p) })
  })

  it('leave: only rows not imported before are added', async () => {
    const db = await openTestDb()
    await importOrg(db.prisma, { unitsCsv: UNITS, employeesCsv: EMPLOYEES, today: TODAY, at: AT })
    const csv = `nip,from,to,kind\n${ANDI},2026-12-01,2026-12-03,cuti\n`
    await importLeave(db.prisma, csv, AT)
    const more = `${csv}${SALMIAH},2026-12-07,2026-12-07,sakit\n`
    const preview = await previewLeave(db.prisma, more)
    if (!preview.ok) throw new Error(JSON.stringify(preview.errors))
    expect(preview.parts[0]).toMatchObject({ created: 1, updated: 0, unchanged: 1, deactivated: null })
    expect(preview.parts[0]!.examples.created).toEqual([{ key: SALMIAH, label: 'sakit 2026-12-07 s.d. 2026-12-07' }])
    expect(await db.prisma.leave.count()).toBe(1)
    expect(await importLeave(db.prisma, more, AT)).toEqual({ ok: true, ...counts(preview.parts[0]!) })
  })

  it('SKP: an RHK left out of the file is deactivated, a changed target is a change; the import then reports the same', async () => {
    const db = await openTestDb()
    await importOrg(db.prisma, { unitsCsv: UNITS, employeesCsv: EMPLOYEES, today: TODAY, at: AT })
    await importSkp(db.prisma, SKP, AT)
    const csv = SKP.split(/\r?\n/)
      .filter((l) => !l.includes(',RHK-3,'))
      .map((l) => (l.includes('Jumlah SKP yang diverifikasi') ? l.replace(',300,', ',320,') : l))
      .join('\n')
    const preview = await previewSkp(db.prisma, csv)
    if (!preview.ok) throw new Error(JSON.stringify(preview.errors))
    const [skp, rhk] = preview.parts as [PreviewPart, PreviewPart]
    expect([skp.created, skp.updated]).toEqual([0, 6])
    expect(rhk).toMatchObject({ created: 0, updated: 1, unchanged: 7, deactivated: 1 })
    expect(rhk.examples.updated).toEqual([
      {
        key: `${ANDI} 2026 RHK-2`,
        label: 'Terverifikasinya SKP pegawai di lingkungan Pemerintah Kota Kendari',
        fields: [{ column: 'indikator', from: 'Jumlah SKP yang diverifikasi (kuantitas): 300 SKP', to: 'Jumlah SKP yang diverifikasi (kuantitas): 320 SKP' }],
      },
    ])
    expect(rhk.examples.deactivated).toEqual([{ key: `${ANDI} 2026 RHK-3`, label: 'Terlaksananya sosialisasi aplikasi kinerja kepada operator OPD' }])
    expect(await db.prisma.rhk.count({ where: { active: false } })).toBe(0)
    const done = await importSkp(db.prisma, csv, AT)
    expect(done).toEqual({ ok: true, skp: { created: 0, updated: 6 }, rhk: { created: 0, updated: 1, unchanged: 7, deactivated: 1 } })
  })
})

describe('import commands with --dry-run', () => {
  it('print what would change and store nothing; without it the same file is imported', async () => {
    const db = await openTestDb()
    const dir = tempDir()
    const file = (name: string, text: string) => {
      const p = path.join(dir, name)
      writeFileSync(p, text)
      return p
    }
    const units = file('units.csv', UNITS)
    const employees = file('employees.csv', EMPLOYEES)
    const holidays = file('libur.csv', fixture('holidays-2026.csv'))
    const cli = async (...args: string[]) => {
      let out = ''
      let err = ''
      const code = await runCli(args, { env: { DATABASE_URL: db.url }, clock: fixedClock(AT.toISOString()), stdout: (s) => (out += s), stderr: (s) => (err += s) })
      return { code, out, err }
    }
    const dry = await cli('import-org', '--dry-run', units, employees)
    expect(dry.err).toBe('')
    expect(dry.code).toBe(0)
    expect(dry.out).toContain('Pratinjau (--dry-run): tidak ada yang disimpan.\nUnit kerja: 12 baru, 0 diubah, 0 tetap\n  + SETDA Sekretariat Daerah Kota Kendari\n')
    expect(dry.out).toContain('Pegawai:    40 baru, 0 diubah, 0 tetap\n')
    expect(dry.out).toContain('  … dan 20 lagi\n')
    expect((await cli('import-holidays', '--dry-run', holidays)).out).toContain('Hari libur: 7 baru, 0 diubah, 0 tetap\n')
    expect(await stored(db)).toMatchObject({ units: 0, employees: 0, holidays: 0, audit: 0 })

    expect((await cli('import-org', units, employees)).out).toContain('Pegawai:    40 baru, 0 diubah, 0 tetap')
    const skp = file('skp.csv', SKP.replace(',RHK-3,tambahan,', ',RHK-3,sampingan,'))
    const refused = await cli('import-skp', '--dry-run', skp)
    expect(refused.code).toBe(1)
    expect(refused.err).toContain(`${skp}:10: jenis "sampingan" tidak dikenal`)
  })
})
