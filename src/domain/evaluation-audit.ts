import type { Db } from '../db/client.js'
import { isDomainError } from './errors.js'
import type { Actor } from './types.js'

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
      await db.auditLog.create({
        data: {
          at: what.at,
          actorId: actor.employeeId,
          actorPlatform: actor.platform,
          actorExternal: actor.externalId,
          action: `${what.action}.denied`,
          entity: what.entity,
          entityId: String(what.id),
          detail: JSON.stringify({ reason: e.key }),
        },
      })
    }
    throw e
  }
}
