import { describe, expect, it } from 'vitest'
import { generateOrg, toCsv } from '../../scripts/lib/synthetic-org.js'
import { importOrg } from '../../src/admin/import-org.js'
import { openTestDb } from '../helpers/db.js'

const TODAY = '2026-11-28'
const AT = new Date('2026-11-28T02:00:00.250Z')

describe('importOrg with a synthetic organisation', () => {
  it('imports 2,000 employees with their units and supervisors, then reports everything unchanged', { timeout: 60_000 }, async () => {
    const db = await openTestDb()
    const org = generateOrg({ seed: 7, employees: 2000 })
    const csv = toCsv(org)
    const input = { unitsCsv: csv.units, employeesCsv: csv.employees, today: TODAY }

    expect(await importOrg(db.prisma, { ...input, at: AT })).toEqual({
      ok: true,
      units: { created: org.units.length, updated: 0, unchanged: 0 },
      employees: { created: 2000, updated: 0, unchanged: 0 },
    })

    const units = await db.prisma.unit.findMany({ select: { code: true, name: true, kind: true, parent: { select: { code: true } } } })
    expect(new Map(units.map((u) => [u.code, { name: u.name, kind: u.kind, parentCode: u.parent?.code ?? null }]))).toEqual(
      new Map(org.units.map((u) => [u.code, { name: u.name, kind: u.kind, parentCode: u.parentCode }])),
    )
    const employees = await db.prisma.employee.findMany({ include: { unit: { select: { code: true } }, supervisor: { select: { nip: true } } } })
    const stored = new Map(employees.map((e) => [e.nip, e]))
    expect(stored.size).toBe(2000)
    for (const g of org.employees) {
      expect(stored.get(g.nip), g.nip).toMatchObject({
        name: g.name,
        unit: { code: g.unitCode },
        supervisor: g.supervisorNip ? { nip: g.supervisorNip } : null,
        position: g.position,
        positionType: g.positionType,
        grade: g.grade,
        role: g.role,
        monthlyTargetMinutes: g.monthlyTargetMinutes,
        email: null,
        active: true,
        lockVersion: 0,
        createdAt: AT,
        updatedAt: AT,
      })
    }
    // the synthetic file vouches for no chat accounts
    expect(await db.prisma.chatAccount.count()).toBe(0)
    // Dates are stored exactly as Prisma stores them (SQLite compares them as text): filters on them work
    expect(await db.prisma.employee.count({ where: { createdAt: AT, updatedAt: { gte: AT, lte: AT } } })).toBe(2000)
    await db.prisma.unit.create({ data: { code: 'BY-PRISMA', name: 'x', kind: 'LAINNYA', createdAt: AT, updatedAt: AT } })
    const representations = await db.prisma.$queryRawUnsafe<{ t: string }[]>(
      'SELECT DISTINCT CAST("createdAt" AS TEXT) AS t FROM "Employee" UNION SELECT DISTINCT CAST("createdAt" AS TEXT) FROM "Unit"',
    )
    expect(representations).toHaveLength(1)

    const before = await db.prisma.employee.findMany({ orderBy: { id: 'asc' } })
    expect(await importOrg(db.prisma, { ...input, at: new Date('2026-11-29T02:00:00Z') })).toEqual({
      ok: true,
      units: { created: 0, updated: 0, unchanged: org.units.length },
      employees: { created: 0, updated: 0, unchanged: 2000 },
    })
    expect(await db.prisma.employee.findMany({ orderBy: { id: 'asc' } })).toEqual(before)
  })
})
