import type { Config } from '../config.js'
import type { Db } from '../db/client.js'
import { audit } from '../domain/audit.js'
import { scrubSecrets } from '../logger.js'

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

/** The dead-lettered messages, oldest first (`offset` skips as many for a paged list). */
export async function listDeadLetters(db: Db, opts: { limit?: number; offset?: number } = {}): Promise<DeadLetter[]> {
  const rows = await db.outbox.findMany({
    where: { status: 'DEAD' },
    orderBy: { id: 'asc' },
    take: opts.limit ?? 200,
    skip: opts.offset ?? 0,
    select: { id: true, kind: true, recipientId: true, platform: true, attempts: true, rateLimits: true, lastError: true, createdAt: true },
  })
  const people = await db.employee.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.recipientId))] } }, select: { id: true, name: true, nip: true } })
  const byId = new Map(people.map((p) => [p.id, p]))
  return rows.map(({ recipientId, ...r }) => ({ ...r, recipient: byId.get(recipientId) ?? { id: recipientId, name: '?', nip: '?' } }))
}

/**
 * A delivery failure as it may be shown to an operator: the platforms' own messages are kept free of
 * credentials where they are made, but one passed through from a library could still carry a token in
 * a URL or header; the configured secrets and anything shaped like a platform token are blanked out.
 */
export function shownReason(reason: string | null, secrets: (string | undefined)[]): string | null {
  if (reason === null) return null
  return scrubSecrets(reason, secrets)
    .replace(/\bx(?:ox[a-z]|app)-[\w-]{8,}/g, '[redacted]')
    .replace(/\b(Bearer|access_token=)\s*[\w.~+/-]{8,}=*/gi, '$1 [redacted]')
}

/** The configured credentials a shown reason must never contain. */
export function configSecrets(cfg: Partial<Config>): (string | undefined)[] {
  return [
    cfg.TELEGRAM_BOT_TOKEN,
    cfg.TELEGRAM_WEBHOOK_SECRET,
    cfg.SLACK_BOT_TOKEN,
    cfg.SLACK_APP_TOKEN,
    cfg.SLACK_SIGNING_SECRET,
    cfg.WHATSAPP_ACCESS_TOKEN,
    cfg.WHATSAPP_APP_SECRET,
    cfg.WHATSAPP_VERIFY_TOKEN,
    cfg.METRICS_TOKEN,
  ]
}

export type Selection = { all: true } | { ids: number[] }

/** Who settles dead letters: an operator at the CLI (not known by name) or a signed-in admin of the console. */
export interface SettledBy {
  actorId?: number
  via: 'cli' | 'console'
}

export interface Settled {
  changed: number[]
  /** Ids of the selection that were not (or no longer) dead: when there are any, nothing changed. */
  missing: number[]
}

/**
 * Gives dead-lettered messages a fresh attempt budget, due now: the running dispatcher sends them on
 * its next poll. Only rows that are DEAD change: an id that is not one is returned as `missing`, and
 * then nothing changes.
 */
export async function retryDeadLetters(db: Db, which: Selection, at: Date, by: SettledBy = { via: 'cli' }): Promise<Settled> {
  return settleDeadLetters(db, which, at, by, 'outbox.retry', { status: 'PENDING', attempts: 0, rateLimits: 0, nextAttemptAt: at, lockedBy: null, lockedUntil: null })
}

/** Gives up on dead-lettered messages for good (kept as SKIPPED, with the audit entry saying who). */
export async function discardDeadLetters(db: Db, which: Selection, at: Date, by: SettledBy = { via: 'cli' }): Promise<Settled> {
  return settleDeadLetters(db, which, at, by, 'outbox.discard', { status: 'SKIPPED' })
}

/** Thrown inside the transaction to undo it when a row was taken by someone else between read and write. */
class TakenMeanwhile extends Error {
  constructor(readonly ids: number[]) {
    super('dead letters settled meanwhile')
  }
}

async function settleDeadLetters(
  db: Db,
  which: Selection,
  at: Date,
  by: SettledBy,
  action: string,
  data: { status: string } & Record<string, unknown>,
): Promise<Settled> {
  try {
    return await db.$transaction(async (tx) => {
      const rows = await tx.outbox.findMany({ where: { status: 'DEAD', ...('ids' in which ? { id: { in: which.ids } } : {}) }, select: { id: true } })
      const ids = rows.map((r) => r.id)
      const missing = 'ids' in which ? which.ids.filter((id) => !ids.includes(id)) : []
      // one wrong id in the list changes nothing: the operator looks again first
      if (missing.length > 0) return { changed: [], missing }
      // row by row and conditional: a row another operator settled in between is neither changed nor
      // audited twice; with a list of ids that undoes the whole change, as a wrong id does
      const changed: number[] = []
      const taken: number[] = []
      for (const id of ids) {
        const { count } = await tx.outbox.updateMany({ where: { id, status: 'DEAD' }, data })
        if (count === 1) changed.push(id)
        else taken.push(id)
      }
      if (taken.length > 0 && 'ids' in which) throw new TakenMeanwhile(taken)
      for (const id of changed) {
        await audit(tx, { actorId: by.actorId ?? null, action, entity: 'outbox', entityId: id, before: 'DEAD', after: data.status, at, detail: { by: by.via } })
      }
      return { changed, missing: [] }
    })
  } catch (e) {
    if (e instanceof TakenMeanwhile) return { changed: [], missing: e.ids }
    throw e
  }
}
