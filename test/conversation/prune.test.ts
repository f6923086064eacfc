import { describe, expect, it } from 'vitest'
import { pruneSessions } from '../../src/conversation/store.js'
import { openTestDb } from '../helpers/db.js'

describe('pruneSessions', () => {
  it('removes every expired conversation, page after page, and keeps the open ones and the ones saved again meanwhile', async () => {
    const { prisma: db } = await openTestDb()
    const at = new Date('2026-11-27T09:00:00Z')
    const value = (expiresAt: number) => JSON.stringify({ state: { step: 'report_description', draft: {} }, expiresAt: new Date(expiresAt).toISOString() })
    // 1,201 conversations over three pages: every third one still open
    await db.session.createMany({
      data: Array.from({ length: 1201 }, (_, i) => ({
        key: `conv:telegram:${String(i).padStart(5, '0')}`,
        value: value(at.getTime() + (i % 3 === 0 ? 60_000 : -60_000)),
      })),
    })
    await db.session.createMany({ data: [{ key: '123456', value: '{}' }, { key: 'conv:slack:U1', value: 'not json' }] })
    expect(await pruneSessions(db, at)).toEqual({ legacy: 1, expired: 800 + 1 })
    const left = await db.session.findMany({ select: { key: true } })
    expect(left).toHaveLength(401)
    expect(left.every((r) => Number(r.key.split(':')[2]) % 3 === 0)).toBe(true)
  })
})
