import { describe, expect, it } from 'vitest'
import { dateTimeParam, insertReturningIds, MAX_ROWS } from '../../src/admin/bulk-insert.js'
import { openTestDb } from '../helpers/db.js'

const AT = new Date('2026-11-28T02:00:00.123Z')
const STAMP = dateTimeParam(AT)
const COLUMNS = ['code', 'name', 'kind', 'parentId', 'createdAt', 'updatedAt']

describe('insertReturningIds', () => {
  it('inserts across several statements and returns every new id by key', async () => {
    const db = await openTestDb()
    const count = MAX_ROWS * 2 + 7
    const rows = Array.from({ length: count }, (_, i) => [`U-${i}`, `Unit "${i}", 'quoted'`, 'LAINNYA', null, STAMP, STAMP])
    const ids = await db.prisma.$transaction((tx) => insertReturningIds(tx, 'Unit', COLUMNS, 'code', rows))

    const stored = await db.prisma.unit.findMany({ select: { id: true, code: true, name: true, createdAt: true } })
    expect(stored).toHaveLength(count)
    expect(ids).toEqual(new Map(stored.map((u) => [u.code, u.id])))
    expect(stored.find((u) => u.code === 'U-2006')).toMatchObject({ name: `Unit "2006", 'quoted'`, createdAt: AT })
  })

  it('writes dateTimeParam text that Prisma reads and filters as the same DateTime, and binds null and numbers', async () => {
    expect(STAMP).toBe('2026-11-28T02:00:00.123+00:00')
    const db = await openTestDb()
    const parent = await db.prisma.unit.create({ data: { code: 'P', name: 'p', kind: 'DINAS', createdAt: AT, updatedAt: AT } })
    const ids = await db.prisma.$transaction((tx) => insertReturningIds(tx, 'Unit', COLUMNS, 'code', [['C', 'c', 'BIDANG', parent.id, STAMP, STAMP]]))
    expect(await db.prisma.unit.findUniqueOrThrow({ where: { id: ids.get('C')! } })).toMatchObject({ parentId: parent.id, createdAt: AT, updatedAt: AT })
    const text = await db.prisma.$queryRawUnsafe<{ code: string; t: string }[]>('SELECT "code", CAST("createdAt" AS TEXT) AS t FROM "Unit" ORDER BY "code"')
    expect(text[0]!.t).toBe(text[1]!.t)
    expect(await db.prisma.unit.count({ where: { createdAt: AT } })).toBe(2)
  })

  it('refuses a key that is not inserted and a row of the wrong width', async () => {
    const db = await openTestDb()
    await expect(db.prisma.$transaction((tx) => insertReturningIds(tx, 'Unit', COLUMNS, 'id', []))).rejects.toThrow(/not one of the inserted columns/)
    await expect(db.prisma.$transaction((tx) => insertReturningIds(tx, 'Unit', COLUMNS, 'code', [['X', 'x']]))).rejects.toThrow(/2 values for 6 columns/)
    expect(await db.prisma.unit.count()).toBe(0)
  })
})
