import { describe, expect, it } from 'vitest'
import { claimUpdate, finishUpdate } from '../../src/db/processed-updates.js'
import { openTestDb } from '../helpers/db.js'

// Updates arriving together are claimed by one statement and marked done by one (src/db/group-commit.ts):
// still exactly one handler per update.
describe('update claims made together', () => {
  it('claims every distinct update once, and a second claim of one of them in the same batch waits and is a duplicate', async () => {
    const db = await openTestDb()
    const now = () => new Date()
    const keys = ['1:1', '1:2', '1:3', '1:2']
    const claims = keys.map((k) => claimUpdate(db.prisma, 'telegram', k, now, { leaseMs: 30_000, waitMs: 3_000 }))
    const first = await Promise.all(claims.slice(0, 3))
    expect(first).toEqual(['claimed', 'claimed', 'claimed'])
    // the repeat of 1:2 waits for its handler: finished, it is a duplicate
    await Promise.all(['1:1', '1:2', '1:3'].map((k) => finishUpdate(db.prisma, 'telegram', k, new Date())))
    expect(await claims[3]).toBe('duplicate')
    const rows = await db.prisma.processedUpdate.findMany({ orderBy: { updateKey: 'asc' } })
    expect(rows.map((r) => [r.updateKey, r.doneAt !== null])).toEqual([
      ['1:1', true],
      ['1:2', true],
      ['1:3', true],
    ])
    expect(await Promise.all(['1:1', '1:3'].map((k) => claimUpdate(db.prisma, 'telegram', k, now)))).toEqual(['duplicate', 'duplicate'])
    // another platform's update of the same key is its own
    expect(await claimUpdate(db.prisma, 'slack', '1:1', now)).toBe('claimed')
  })
})
