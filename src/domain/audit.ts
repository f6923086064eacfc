import type { Tx } from '../db/client.js'
import type { Platform } from './types.js'

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

/** Appends to the audit trail (never updated or deleted). Call it inside the transaction it describes. */
export async function audit(tx: Pick<Tx, 'auditLog'>, e: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
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
    },
  })
}
