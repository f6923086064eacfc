import type { Db, Tx } from '../db/client.js'
import { isDomainError } from './errors.js'
import type { Actor, Platform } from './types.js'

export interface AuditEntry {
  actorId?: number | null
  platform?: Platform
  externalId?: string
  action: string
  entity: string
  entityId?: string | number
  before?: string | null
  after?: string | null
  detail?: Record<string, unknown>
  at: Date
}

/** The actor columns of an audit entry. */
export const who = (actor: Actor) => ({ actorId: actor.employeeId, platform: actor.platform, externalId: actor.externalId })

/** Appends to the audit trail (never updated or deleted). Call it inside the transaction it describes. */
export async function audit(tx: Pick<Tx, 'auditLog'>, e: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: auditRow(e) })
}

/** The audit trail's row of an entry (also what the report batch inserts in one statement). */
export const auditRow = (e: AuditEntry) => ({
  at: e.at,
  actorId: e.actorId ?? null,
  actorPlatform: e.platform ?? null,
  actorExternal: e.externalId ?? null,
  action: e.action,
  entity: e.entity,
  entityId: e.entityId === undefined ? null : String(e.entityId),
  beforeStatus: e.before ?? null,
  afterStatus: e.after ?? null,
  detail: e.detail ? JSON.stringify(e.detail) : null,
})

/**
 * Runs a use case; when it refuses (no right, wrong state, unknown id) the attempt is written to the audit
 * trail after the failed transaction, then the refusal goes back to the caller. Wrong input is not audited.
 */
export async function auditRefusal<T>(
  db: Db,
  actor: Actor,
  what: { action: string; entity: string; id: number; at: Date },
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn()
  } catch (e) {
    if (isDomainError(e) && e.code !== 'INVALID_INPUT') {
      await audit(db, { ...who(actor), action: `${what.action}.denied`, entity: what.entity, entityId: what.id, at: what.at, detail: { reason: e.key } })
    }
    throw e
  }
}
