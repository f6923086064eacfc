import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client.js'
import { tempDatabaseUrl } from '../helpers/db.js'

describe('the audit trail', () => {
  it('is append-only in the database itself: an entry can be added, never changed or removed', async () => {
    const db = await openDatabase(tempDatabaseUrl())
    try {
      const entry = await db.prisma.auditLog.create({ data: { action: 'activity.submit', entity: 'activity', entityId: '1', afterStatus: 'DIAJUKAN' } })
      await db.prisma.auditLog.create({ data: { action: 'activity.withdraw', entity: 'activity', entityId: '1', beforeStatus: 'DIAJUKAN', afterStatus: 'DITARIK' } })
      await expect(db.prisma.auditLog.update({ where: { id: entry.id }, data: { afterStatus: 'DISETUJUI' } })).rejects.toThrow(/append-only/)
      await expect(db.prisma.auditLog.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/)
      await expect(db.prisma.auditLog.deleteMany({})).rejects.toThrow(/append-only/)
      expect(await db.prisma.auditLog.findMany({ orderBy: { id: 'asc' }, select: { afterStatus: true } })).toEqual([{ afterStatus: 'DIAJUKAN' }, { afterStatus: 'DITARIK' }])
    } finally {
      await db.close()
    }
  })
})
