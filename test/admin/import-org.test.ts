import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importOrg, type RowError } from '../../src/admin/import-org.js'
import { openTestDb, type TestDb } from '../helpers/db.js'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')
const UNITS = fixture('kendari-units.csv')
const EMPLOYEES = fixture('kendari-employees.csv')
const TODAY = '2026-11-28'
const AT = new Date('2026-11-28T02:00:00Z')
const EMPLOYEE_HEADER = EMPLOYEES.split('\r\n')[0]!

/** The fixture's rows as objects, to compare the database with. */
const rowsOf = (csv: string) => {
  const [header, ...lines] = csv.trim().split(/\r?\n/)
  const columns = header!.split(',')
  // the fixture quotes only names, which hold one comma: enough for reading nip/unit/supervisor columns
  return lines.map((l) => {
    const cells = l.replace(/"([^"]*)"/g, (_, s: string) => s.replace(',', '\u0000')).split(',')
    return Object.fromEntries(columns.map((c, i) => [c, cells[i]!.replace('\u0000', ',')]))
  })
}

const run = (db: TestDb, unitsCsv: string, employeesCsv: string, at = AT) => importOrg(db.prisma, { unitsCsv, employeesCsv, today: TODAY, at })

const emptyDb = async (db: TestDb) => ({
  units: await db.prisma.unit.count(),
  employees: await db.prisma.employee.count(),
  audit: await db.prisma.auditLog.count(),
})

describe('importOrg', () => {
  it('imports the Kendari fixture: 12 units, 40 employees, parent and supervisor links', async () => {
    const db = await openTestDb()
    const result = await run(db, UNITS, EMPLOYEES)
    expect(result).toEqual({
      ok: true,
      units: { created: 12, updated: 0, unchanged: 0 },
      employees: { created: 40, updated: 0, unchanged: 0 },
    })

    const units = await db.prisma.unit.findMany({ select: { code: true, name: true, kind: true, parent: { select: { code: true } } } })
    const unitByCode = new Map(units.map((u) => [u.code, u]))
    for (const row of rowsOf(UNITS)) {
      expect(unitByCode.get(row.code!), row.code).toMatchObject({ name: row.name, kind: row.kind, parent: row.parent_code ? { code: row.parent_code } : null })
    }

    const employees = (
      await db.prisma.employee.findMany({
        include: { supervisor: { select: { nip: true } }, unit: { select: { code: true } }, accounts: { where: { vouchedBy: 'import', chatId: null } } },
      })
    ).map(({ accounts, ...e }) => ({
      ...e,
      // the accounts the import vouched for, as the file's columns name them
      telegramUserId: accounts.find((a) => a.platform === 'telegram')?.externalId ?? null,
      slackUserId: accounts.find((a) => a.platform === 'slack')?.externalId ?? null,
    }))
    const byNip = new Map(employees.map((e) => [e.nip, e]))
    for (const row of rowsOf(EMPLOYEES)) {
      const e = byNip.get(row.nip!)!
      expect(e.supervisor?.nip ?? '', row.nip).toBe(row.supervisor_nip)
      expect(e).toMatchObject({
        name: row.name,
        unit: { code: row.unit_code },
        role: row.role,
        grade: row.grade,
        monthlyTargetMinutes: 6750,
        telegramUserId: row.telegram_user_id || null,
        slackUserId: row.slack_user_id || null,
        email: null,
        timezone: null,
        createdAt: AT,
        updatedAt: AT,
      })
    }
    expect(byNip.get('198603022018032015')).toMatchObject({ name: 'Andi Latif, S.IP.', supervisor: { nip: '197312012001012015' } })

    const log = await db.prisma.auditLog.findMany()
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({ action: 'org.import', entity: 'org', at: AT })
    expect(JSON.parse(log[0]!.detail!)).toEqual({ counts: { units: result.ok && result.units, employees: result.ok && result.employees } })
  })

  it('reports everything unchanged on a second run and does not touch updatedAt', async () => {
    const db = await openTestDb()
    await run(db, UNITS, EMPLOYEES)
    const before = await db.prisma.employee.findMany({ orderBy: { id: 'asc' } })
    const unitsBefore = await db.prisma.unit.findMany({ orderBy: { id: 'asc' } })

    const again = await run(db, UNITS, EMPLOYEES, new Date('2026-11-29T02:00:00Z'))
    expect(again).toEqual({
      ok: true,
      units: { created: 0, updated: 0, unchanged: 12 },
      employees: { created: 0, updated: 0, unchanged: 40 },
    })
    expect(await db.prisma.employee.findMany({ orderBy: { id: 'asc' } })).toEqual(before)
    expect(await db.prisma.unit.findMany({ orderBy: { id: 'asc' } })).toEqual(unitsBefore)
  })

  it('updates only the rows that changed, including a move to a new supervisor further down the file', async () => {
    const db = await openTestDb()
    await run(db, UNITS, EMPLOYEES)
    const later = new Date('2026-12-01T02:00:00Z')
    const changed =
      EMPLOYEES.replace('Analis Sumber Daya Manusia Aparatur Ahli Muda,FUNGSIONAL,III/d', 'Analis Sumber Daya Manusia Aparatur Ahli Muda,FUNGSIONAL,IV/a')
        // Ahmad Anwar now reports to a newcomer appended at the end
        .replace('Ahli Pertama,FUNGSIONAL,III/b,197312012001012015', 'Ahli Pertama,FUNGSIONAL,III/b,199501012020011001') +
      '199501012020011001,Baru Sekali,BKPSDM-PKP,Kepala Subbagian,STRUKTURAL,III/c,197312012001012015,SUPERVISOR,,,\n'
    const result = await run(db, UNITS.replace('Kecamatan Kadia,SETDA', 'Kecamatan Kadia Baru,SETDA'), changed, later)
    expect(result).toEqual({
      ok: true,
      units: { created: 0, updated: 1, unchanged: 11 },
      employees: { created: 1, updated: 2, unchanged: 38 },
    })
    const rows = await db.prisma.employee.findMany({ select: { nip: true, grade: true, updatedAt: true, supervisor: { select: { nip: true } } } })
    const touched = rows.filter((r) => r.updatedAt.getTime() === later.getTime()).map((r) => r.nip)
    expect(touched.sort()).toEqual(['198603022018032015', '199009192018121008', '199501012020011001'])
    expect(rows.find((r) => r.nip === '199009192018121008')?.supervisor?.nip).toBe('199501012020011001')
    expect(rows.find((r) => r.nip === '198603022018032015')?.grade).toBe('IV/a')
  })

  it('accepts references to units and supervisors already in the database, and keeps absent optional columns', async () => {
    const db = await openTestDb()
    const [header, ...lines] = EMPLOYEES.trimEnd().split('\r\n')
    const withOptional = [`${header},email,timezone`, ...lines.slice(0, -1).map((l) => `${l},,`), `${lines.at(-1)},a@kendarikota.go.id,Asia/Makassar`]
    expect(await run(db, UNITS, withOptional.join('\n'))).toMatchObject({ ok: true, employees: { created: 40 } })
    const newcomer = '199501012020011001,Baru Sekali,DINKES-YANKES,Perawat,FUNGSIONAL,III/a,199809242024011009,EMPLOYEE,,,\n'
    const result = await run(db, 'code,name,parent_code,kind\n', `${EMPLOYEE_HEADER}\n${newcomer}`)
    expect(result).toMatchObject({ ok: true, units: { created: 0 }, employees: { created: 1, unchanged: 0, updated: 0 } })
    const e = await db.prisma.employee.findUniqueOrThrow({ where: { nip: '199501012020011001' }, include: { unit: true, supervisor: true } })
    expect(e.unit.code).toBe('DINKES-YANKES')
    expect(e.supervisor?.nip).toBe('199809242024011009')
    const last = await db.prisma.employee.findUniqueOrThrow({ where: { nip: '199804132021122013' } })
    expect(last).toMatchObject({ email: 'a@kendarikota.go.id', timezone: 'Asia/Makassar' })
  })

  it('stores e-mail addresses in lower case, so a second run of the same file changes nothing and a stored capital is lowered', async () => {
    const db = await openTestDb()
    const [header, ...lines] = EMPLOYEES.trimEnd().split('\r\n')
    const withEmail = [`${header},email`, ...lines.slice(0, -1).map((l) => `${l},`), `${lines.at(-1)},Andi.Latif@KendariKota.go.id`].join('\n')
    expect(await run(db, UNITS, withEmail)).toMatchObject({ ok: true, employees: { created: 40 } })
    const nip = '199804132021122013'
    expect((await db.prisma.employee.findUniqueOrThrow({ where: { nip } })).email).toBe('andi.latif@kendarikota.go.id')
    expect(await run(db, UNITS, withEmail)).toMatchObject({ ok: true, employees: { created: 0, updated: 0, unchanged: 40 } })
    // a row written with capitals before imports lowered them is brought in line by the next import
    await db.prisma.employee.update({ where: { nip }, data: { email: 'Andi.Latif@KendariKota.go.id' } })
    expect(await run(db, UNITS, withEmail)).toMatchObject({ ok: true, employees: { updated: 1, unchanged: 39 } })
    expect((await db.prisma.employee.findUniqueOrThrow({ where: { nip } })).email).toBe('andi.latif@kendarikota.go.id')
  })

  it('refuses a chat account that belongs to someone in the database but not in the file', async () => {
    const db = await openTestDb()
    await run(db, UNITS, EMPLOYEES)
    const newcomer = '199501012020011001,Baru Sekali,SETDA,Staf,PELAKSANA,II/a,,EMPLOYEE,,700000001,U0KDI00001\n'
    expect(await run(db, 'code,name,parent_code,kind\n', `${EMPLOYEE_HEADER}\n${newcomer}`)).toEqual({
      ok: false,
      errors: [
        { file: 'employees', line: 2, message: 'telegram_user_id 700000001 sudah dipakai pegawai lain di database (NIP 197312251996012011)' },
        { file: 'employees', line: 2, message: 'slack_user_id U0KDI00001 sudah dipakai pegawai lain di database (NIP 197312251996012011)' },
      ],
    })
  })

  it('reports every bad row with its line and imports nothing', async () => {
    const db = await openTestDb()
    const units = `${UNITS.trimEnd()}\nLOOP-A,Unit A,LOOP-B,BIDANG\nLOOP-B,Unit B,LOOP-A,BIDANG\nbad code,Unit C,,GALAXY\n`
    const rows = [
      '197312251996012011,Pimpinan,SETDA,Sekretaris Daerah,STRUKTURAL,IV/c,,LEADER,6750,700000001,U0KDI00001', // 2: fine
      '19731225199601201X,Salah Bentuk,SETDA,Staf,PELAKSANA,II/a,197312251996012011,EMPLOYEE,,,', // 3
      '197302301996012011,Lahir Salah,SETDA,Staf,PELAKSANA,II/a,197312251996012011,EMPLOYEE,,,', // 4
      '198012122003123004,Kelamin Tiga,SETDA,Staf,PELAKSANA,II/a,197312251996012011,EMPLOYEE,,,', // 5
      '198012122003121005,Unit Salah,DINKESX,Staf,PELAKSANA,II/a,197312251996012011,EMPLOYEE,,,', // 6
      '198012122003121006,Atasan Hilang,SETDA,Staf,PELAKSANA,II/a,199001012015011099,EMPLOYEE,,,', // 7
      '197312251996012011,Ganda,SETDA,Staf,PELAKSANA,II/a,,EMPLOYEE,,,', // 8: duplicate of line 2
      '198012122003121008,Peran Aneh,SETDA,Staf,PELAKSANA,II/a,197312251996012011,BOSS,,,', // 9
      '198501012010011001,Siklus Dua A,SETDA,Staf,PELAKSANA,II/a,198501012010011002,EMPLOYEE,,,', // 10
      '198501012010011002,Siklus Dua B,SETDA,Staf,PELAKSANA,II/a,198501012010011001,EMPLOYEE,,,', // 11
      '198601012010011003,Siklus Tiga C,SETDA,Staf,PELAKSANA,II/a,198601012010012004,EMPLOYEE,,,', // 12
      '198601012010012004,Siklus Tiga D,SETDA,Staf,PELAKSANA,II/a,198701012010011005,EMPLOYEE,,,', // 13
      '198701012010011005,Siklus Tiga E,SETDA,Staf,PELAKSANA,II/a,198601012010011003,EMPLOYEE,,,', // 14
      '198801012010011006,Banyak Salah,SETDA,,ATASAN,2/a,198801012010011006,EMPLOYEE,0,12a,x1', // 15
      '198801012010011007,Akun Ganda,SETDA,Staf,PELAKSANA,II/a,,EMPLOYEE,,700000001,U0KDI00001', // 16
    ]
    const result = await run(db, units, `${EMPLOYEE_HEADER}\n${rows.join('\n')}\n`)
    expect(result.ok).toBe(false)
    const errors = (result as { errors: RowError[] }).errors
    const at = (file: RowError['file'], line: number) => errors.filter((e) => e.file === file && e.line === line).map((e) => e.message)

    expect([...new Set(errors.map((e) => `${e.file}:${e.line}`))]).toEqual([
      'units:14', 'units:15', 'units:16',
      ...[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16].map((l) => `employees:${l}`),
    ])
    expect(at('units', 14)).toEqual(['parent_code membentuk siklus: LOOP-A → LOOP-B → LOOP-A'])
    expect(at('units', 15)).toEqual(['parent_code membentuk siklus: LOOP-A → LOOP-B → LOOP-A'])
    expect(at('units', 16)).toEqual([
      'code "bad code" tidak valid (huruf besar A-Z, angka dan tanda -, maksimal 40 karakter)',
      `kind "GALAXY" tidak dikenal (pilih SEKRETARIAT, BADAN, DINAS, BIDANG, UPTD, KECAMATAN, KELURAHAN, BAGIAN, SUBBAGIAN, SEKSI, LAINNYA)`,
    ])
    expect(at('employees', 3)).toEqual(['nip "19731225199601201X": NIP harus 18 digit angka'])
    expect(at('employees', 4)).toEqual(['nip "197302301996012011": tanggal lahir pada NIP tidak valid (1973-02-30 bukan tanggal)'])
    expect(at('employees', 5)).toEqual(['nip "198012122003123004": digit jenis kelamin (ke-15) harus 1 atau 2'])
    expect(at('employees', 6)).toEqual(['unit_code "DINKESX" tidak dikenal (tidak ada di file unit maupun database)'])
    expect(at('employees', 7)).toEqual(['supervisor_nip "199001012015011099" tidak dikenal (tidak ada di file pegawai maupun database)'])
    expect(at('employees', 8)).toEqual(['NIP 197312251996012011 ganda (sudah ada di baris 2)'])
    expect(at('employees', 9)).toEqual(['role "BOSS" tidak dikenal (pilih EMPLOYEE, SUPERVISOR, LEADER, ADMIN)'])
    const twoCycle = 'rantai atasan (supervisor_nip) membentuk siklus: 198501012010011001 → 198501012010011002 → 198501012010011001'
    expect(at('employees', 10)).toEqual([twoCycle])
    expect(at('employees', 11)).toEqual([twoCycle])
    const threeCycle =
      'rantai atasan (supervisor_nip) membentuk siklus: 198601012010011003 → 198601012010012004 → 198701012010011005 → 198601012010011003'
    for (const line of [12, 13, 14]) expect(at('employees', line)).toEqual([threeCycle])
    expect(at('employees', 15)).toEqual([
      'grade "2/a" tidak valid (golongan/ruang PNS seperti III/a: I–III dengan ruang a–d, IV dengan ruang a–e; atau golongan PPPK I–XVII seperti IX)',
      'monthly_target_minutes "0" harus bilangan bulat 1–20000 atau kosong',
      'telegram_user_id "12a" harus angka (1–20 digit) atau kosong',
      'slack_user_id "x1" tidak valid (seperti U01AB2CD3E)',
      'position wajib diisi',
      'position_type "ATASAN" tidak dikenal (pilih STRUKTURAL, FUNGSIONAL, PELAKSANA)',
      'supervisor_nip tidak boleh NIP pegawai itu sendiri',
    ])
    expect(at('employees', 16)).toEqual([
      'telegram_user_id 700000001 sudah dipakai di baris 2',
      'slack_user_id U0KDI00001 sudah dipakai di baris 2',
    ])

    expect(await emptyDb(db)).toEqual({ units: 0, employees: 0, audit: 0 })
  })

  it('accepts PNS golongan/ruang and PPPK golongan I–XVII as grade, and nothing else', async () => {
    const db = await openTestDb()
    // only golongan IV has ruang e: I/e, II/e and III/e do not exist
    const grades = ['I/a', 'IV/e', 'I', 'IX', 'XIV', 'XVII', 'III/d', 'II/d', 'XVIII', 'IIII', 'ix', 'IX/a', 'V/a', 'III/f', 'III/e', 'II/e', 'I/e', '']
    const rows = grades.map((g, i) => `1980121220031210${String(i + 10)},Pegawai ${i},SETDA,Staf,PELAKSANA,${g},,EMPLOYEE,,,`)
    const result = await run(db, UNITS, `${EMPLOYEE_HEADER}\n${rows.join('\n')}\n`)
    expect(result.ok).toBe(false)
    const bad = (result as { errors: RowError[] }).errors.map((e) => `${e.line}: ${e.message}`)
    const invalid = grades.slice(8)
    expect(bad).toEqual(
      invalid.map((g) => `${grades.indexOf(g) + 2}: grade "${g}" tidak valid (golongan/ruang PNS seperti III/a: I–III dengan ruang a–d, IV dengan ruang a–e; atau golongan PPPK I–XVII seperti IX)`),
    )

    const valid = rows.slice(0, 8)
    expect(await run(db, UNITS, `${EMPLOYEE_HEADER}\n${valid.join('\n')}\n`)).toMatchObject({ ok: true, employees: { created: 8 } })
    const stored = await db.prisma.employee.findMany({ orderBy: { nip: 'asc' }, select: { grade: true } })
    expect(stored.map((e) => e.grade)).toEqual(grades.slice(0, 8))
  })

  it('names missing, unknown and doubled columns on line 1 and imports nothing', async () => {
    const db = await openTestDb()
    const employees = EMPLOYEES.replace(EMPLOYEE_HEADER, `${EMPLOYEE_HEADER.replace(',role', ',jabatan_lama')},`)
    const result = await run(db, UNITS.replace('code,name,parent_code,kind', 'code,name,parent_code,kind,name'), employees)
    expect(result).toEqual({
      ok: false,
      errors: [
        { file: 'units', line: 1, message: 'kolom ganda: name' },
        {
          file: 'employees',
          line: 1,
          message: expect.stringMatching(/^kolom tidak dikenal: jabatan_lama, \(tanpa judul, kolom ke-12\) \(yang dikenal: nip, name, .*, email, timezone, whatsapp_phone, tpp_basic\)$/),
        },
        { file: 'employees', line: 1, message: 'kolom wajib tidak ada: role' },
      ],
    })
    expect(await emptyDb(db)).toEqual({ units: 0, employees: 0, audit: 0 })
  })

  it('accepts columns in any order and gives physical line numbers across CRLF, blank lines and quoted line breaks', async () => {
    const db = await openTestDb()
    const units = [
      '\uFEFFkind,code,name,parent_code',
      'SEKRETARIAT,SETDA,Sekretariat Daerah,',
      '',
      'DINAS,DINKES,"Dinas\r\nKesehatan",SETDA',
      'DINAS,DINKES,Ganda,SETDA',
    ].join('\r\n')
    const result = await run(db, units, `${EMPLOYEE_HEADER}\n`)
    expect(result).toEqual({ ok: false, errors: [{ file: 'units', line: 6, message: 'code "DINKES" ganda (sudah ada di baris 4)' }] })
  })

  it('reports a row with too many or too few cells, and an empty file', async () => {
    const db = await openTestDb()
    const result = await run(db, 'code,name,parent_code,kind\nSETDA,Setda,,SEKRETARIAT,extra\nX,Y\n', '')
    expect(result).toEqual({
      ok: false,
      errors: [
        { file: 'units', line: 2, message: expect.stringContaining('jumlah kolom tidak sama dengan judul (seharusnya 4)') },
        { file: 'units', line: 3, message: expect.stringContaining('jumlah kolom tidak sama dengan judul') },
        { file: 'employees', line: 1, message: expect.stringMatching(/^file kosong/) },
      ],
    })
  })
})
