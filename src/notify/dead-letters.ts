import type { Db } from '../db/client.js'
import { audit } from '../domain/audit.js'

/** A message the dispatcher gave up on, as an operator sees it. */
export interface DeadLetter {
  id: number
  kind: string
  recipient: { id: number; name: string; nip: string }
  platform: string | null
  attempts: number
  rateLimits: number
  lastError: string | null
  createdAt: Date
}

/** The dead-lettered messages, oldest first. */
export async function listDeadLetters(db: Db, opts: { limit?: number } = {}): Promise<DeadLetter[]> {
  const rows = await db.outbox.findMany({
    where: { status: 'DEAD' },
    orderBy: { id: 'asc' },
    take: opts.limit ?? 200,
    select: { id: true, kind: true, recipientId: true, platform: true, attempts: true, rateLimits: true, lastError: true, createdAt: true },
  })
  const people = await db.employee.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.recipientId))] } }, select: { id: true, name: true, nip: true } })
  const byId = new Map(people.map((p) => [p.id, p]))
  return rows.map(({ recipientId, ...r }) => ({ ...r, recipient: byId.get(recipientId) ?? { id: recipientId, name: '?', nip: '?' } }))
}

export type Selection = { all: true } | { ids: number[] }

/**
 * Gives dead-lettered messages a fresh attempt budget, due now: the running dispatcher sends them on
 * its next poll. Only rows that are DEAD change: an id that is not one is returned as `missing`, and
 * then nothing changes.
 */
export async function retryDeadLetters(db: Db, which: Selection, at: Date): Promise<{ changed: number[]; missing: number[] }> {
  return settleDeadLetters(db, which, at, 'outbox.retry', { status: 'PENDING', attempts: 0, rateLimits: 0, nextAttemptAt: at, lockedBy: null, lockedUntil: null })
}

/** Gives up on dead-lettered messages for good (kept as SKIPPED, with the audit entry saying who). */
export async function discardDeadLetters(db: Db, which: Selection, at: Date): Promise<{ changed: number[]; missing: number[] }> {
  return settleDeadLetters(db, which, at, 'outbox.discard', { status: 'SKIPPED' })
}

async function settleDeadLetters(
  db: Db,
  which: Selection,
  at: Date,
  action: string,
  data: { status: string } & Record<string, unknown>,
): Promise<{ changed: number[]; missing: number[] }> {
  return db.$transaction(async (tx) => {
    const rows = await tx.outbox.findMany({ where: { status: 'DEAD', ...('ids' in which ? { id: { in: which.ids } } : {}) }, select: { id: true } })
    const ids = rows.map((r) => r.id)
    const missing = 'ids' in which ? which.ids.filter((id) => !ids.includes(id)) : []
    // one wrong id in the list changes nothing: the operator looks again first
    if (missing.length > 0) return { changed: [], missing }
    // conditional: a row retried by someone else in between is left alone
    await tx.outbox.updateMany({ where: { id: { in: ids }, status: 'DEAD' }, data })
    for (const id of ids) await audit(tx, { action, entity: 'outbox', entityId: id, before: 'DEAD', after: data.status, at, detail: { by: 'cli' } })
    return { changed: ids, missing }
  })
}
