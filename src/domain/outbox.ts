import { isSqliteBusy, isUniqueViolation, type Db, type Tx } from '../db/client.js'
import type { ActivityView, OutboxMessage } from './types.js'

// The outbox's write side: the use cases (and the scheduler's jobs) write what is to be sent in their own
// transaction. Delivery (src/notify/: claim, dispatcher, dead letters) reads the rows and depends on the
// domain, never the other way round.

export interface Enqueue {
  recipientId: number
  message: OutboxMessage
  topic?: string
  replacesId?: number
  dedupeKey?: string
  at: Date
}

export type OutboxStatus = 'PENDING' | 'HELD' | 'WAITING' | 'SENDING' | 'SENT' | 'DEAD' | 'SKIPPED'

/**
 * Writes a message for a person into the outbox, inside the caller's transaction, so it exists exactly
 * when the change that caused it was committed. The dispatcher picks the platform at send time.
 */
export async function enqueue(tx: Pick<Tx, 'outbox'>, m: Enqueue): Promise<number> {
  const row = await tx.outbox.create({ data: outboxRow(m), select: { id: true } })
  return row.id
}

/** The outbox's row of a message to send (also what the report batch inserts in one statement). */
export function outboxRow(m: Enqueue) {
  return {
    recipientId: m.recipientId,
    kind: m.message.kind,
    payload: JSON.stringify(m.message),
    topic: m.topic ?? null,
    replacesId: m.replacesId ?? null,
    dedupeKey: m.dedupeKey ?? null,
    createdAt: m.at,
    nextAttemptAt: m.at,
  }
}

export type KeyedSend = Omit<Enqueue, 'dedupeKey' | 'at'> & { dedupeKey: string }

/**
 * Enqueues scheduled sends, each at most once ever: a key already in the outbox means "already sent" and
 * is counted, not written. Works in chunks, one transaction each (a fan-out to thousands stays fast); when
 * another process wrote one of the keys between our read and our write, the unique index refuses the
 * chunk (P2002) and the chunk is simply looked at again.
 */
export async function enqueueOnce(db: Db, sends: KeyedSend[], at: Date, chunk = 200): Promise<{ enqueued: number; duplicates: number }> {
  let enqueued = 0
  for (let i = 0; i < sends.length; i += chunk) {
    const part = sends.slice(i, i + chunk)
    for (let attempt = 1; ; attempt++) {
      try {
        enqueued += await db.$transaction(async (tx) => {
          const keys = part.map((s) => s.dedupeKey)
          const existing = await tx.outbox.findMany({ where: { dedupeKey: { in: keys } }, select: { dedupeKey: true } })
          const seen = new Set(existing.map((r) => r.dedupeKey))
          const fresh: KeyedSend[] = []
          for (const s of part) {
            if (seen.has(s.dedupeKey)) continue
            seen.add(s.dedupeKey)
            fresh.push(s)
          }
          if (fresh.length > 0) await tx.outbox.createMany({ data: fresh.map((s) => outboxRow({ ...s, at })) })
          return fresh.length
        })
        break
      } catch (e) {
        // another process wrote one of our keys, or wrote while we read (SQLite): look at the chunk again
        if (!(isUniqueViolation(e) || isSqliteBusy(e)) || attempt >= 5) throw e
        await new Promise((r) => setTimeout(r, 25 * attempt))
      }
    }
  }
  return { enqueued, duplicates: sends.length - enqueued }
}

/**
 * Runs `write` (which must enqueue a row with `dedupeKey`) in one transaction unless that key was already
 * sent; false when it was, or when a concurrent run wrote it first.
 */
export async function enqueueOnceWith(db: Db, dedupeKey: string, write: (tx: Tx) => Promise<unknown>): Promise<boolean> {
  if (await db.outbox.findUnique({ where: { dedupeKey }, select: { id: true } })) return false
  try {
    await db.$transaction(write, { timeout: 30_000 })
    return true
  } catch (e) {
    if (isUniqueViolation(e)) return false
    throw e
  }
}

/**
 * Replaces every card already delivered (or being delivered) about `topic` with `message`, and drops
 * the ones not yet delivered, so nobody later sees buttons for a decided or changed item.
 */
export async function replaceCards(
  tx: Pick<Tx, 'outbox'>,
  opts: { topic: string; kind: string; message: OutboxMessage; at: Date },
): Promise<void> {
  await tx.outbox.updateMany({
    where: { topic: opts.topic, kind: opts.kind, status: { in: ['PENDING', 'HELD', 'WAITING'] } },
    data: { status: 'SKIPPED', lastError: 'superseded before delivery' },
  })
  const delivered = await tx.outbox.findMany({
    where: { topic: opts.topic, kind: opts.kind, status: { in: ['SENT', 'SENDING'] } },
    select: { id: true, recipientId: true },
  })
  for (const card of delivered) {
    await enqueue(tx, { recipientId: card.recipientId, message: opts.message, replacesId: card.id, at: opts.at })
  }
}

export const receiptTopic = (activityId: number) => `receipt:${activityId}`

export type SentReceipt = { activity: { id: number; employee: { id: number } }; platform: string; chatId: string; messageId: string; at: Date }

/**
 * A receipt the handler sent itself (a direct reply, not through the outbox) is recorded as delivered,
 * so a later decision, withdrawal or edit can redraw it like a card (replaceCards).
 */
export async function recordReceipt(
  db: Pick<Db, 'outbox'>,
  r: SentReceipt,
): Promise<void> {
  await db.outbox.create({ data: receiptRow(r) })
}

/** The outbox's row of a receipt already sent (also what the batch of receipts inserts in one statement). */
export const receiptRow = (r: SentReceipt) => ({
  recipientId: r.activity.employee.id,
  kind: 'receipt',
  payload: JSON.stringify({ kind: 'receipt', activity: r.activity }),
  topic: receiptTopic(r.activity.id),
  status: 'SENT',
  platform: r.platform,
  chatId: r.chatId,
  platformMessageId: r.messageId,
  createdAt: r.at,
  nextAttemptAt: r.at,
  sentAt: r.at,
})

/** The author's receipts of an activity lose their buttons (or show its new state): it was decided or changed. */
export const redrawReceipts = (tx: Pick<Tx, 'outbox'>, activity: ActivityView, at: Date, final = true) =>
  replaceCards(tx, { topic: receiptTopic(activity.id), kind: 'receipt', message: { kind: 'receipt', activity, final }, at })

/** A person just linked: what was waiting for them can now be delivered. */
export async function releaseHeld(tx: Pick<Tx, 'outbox'>, recipientId: number, at: Date): Promise<number> {
  const { count } = await tx.outbox.updateMany({
    where: { recipientId, status: 'HELD' },
    data: { status: 'PENDING', nextAttemptAt: at },
  })
  return count
}
