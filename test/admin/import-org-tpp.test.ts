import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importOrg } from '../../src/admin/import-org.js'
import { openTestDb, type TestDb } from '../helpers/db.js'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')
const UNITS = fixture('kendari-units.csv')
const [HEADER, ...LINES] = fixture('kendari-employees.csv').trimEnd().split('\r\n') as [string, ...string[]]
const AT = new Date('2026-11-28T02:00:00Z')
const run = (db: TestDb, employeesCsv: string) => importOrg(db.prisma, { unitsCsv: UNITS, employeesCsv, today: '2026-11-28', at: AT })

/** The fixture with a tpp_basic column: the cells given for its first rows, empty for the rest. */
const withTpp = (cells: string[]) => [`${HEADER},tpp_basic`, ...LINES.map((l, i) => `${l},${cells[i] ?? ''}`)].join('\n')
const nipOf = (i: number) => LINES[i]!.slice(0, 18)
const tppOf = async (db: TestDb, i: number) => (await db.prisma.employee.findUniqueOrThrow({ where: { nip: nipOf(i) } })).tppBasic

describe('employees.csv tpp_basic', () => {
  it('stores whole rupiah, keeps them when the column is absent, clears them with an empty cell; a bad value is an error on its line and nothing is imported', async () => {
    const db = await openTestDb()
    expect(await run(db, withTpp(['5250000', '0', '']))).toMatchObject({ ok: true, employees: { created: 40 } })
    expect([await tppOf(db, 0), await tppOf(db, 1), await tppOf(db, 2)]).toEqual([5_250_000, 0, null])
    // a file without the column leaves the stored values alone
    expect(await run(db, [HEADER, ...LINES].join('\n'))).toMatchObject({ ok: true, employees: { updated: 0, unchanged: 40 } })
    expect(await tppOf(db, 0)).toBe(5_250_000)
    // with it, a changed and a cleared value
    expect(await run(db, withTpp(['6000000', '']))).toMatchObject({ ok: true, employees: { updated: 2, unchanged: 38 } })
    expect([await tppOf(db, 0), await tppOf(db, 1)]).toEqual([6_000_000, null])

    const bad = await run(db, withTpp(['5.250.000', '-1', 'Rp5000000', '1000000001', '"12,5"']))
    const hint = 'harus rupiah utuh 0–1000000000 tanpa titik, koma atau "Rp" (misalnya 5250000), atau kosong'
    expect(bad).toEqual({
      ok: false,
      errors: [
        { file: 'employees', line: 2, message: `tpp_basic "5.250.000" ${hint}` },
        { file: 'employees', line: 3, message: `tpp_basic "-1" ${hint}` },
        { file: 'employees', line: 4, message: `tpp_basic "Rp5000000" ${hint}` },
        { file: 'employees', line: 5, message: `tpp_basic "1000000001" ${hint}` },
        { file: 'employees', line: 6, message: `tpp_basic "12,5" ${hint}` },
      ],
    })
    expect(await tppOf(db, 0)).toBe(6_000_000)
  })
})
