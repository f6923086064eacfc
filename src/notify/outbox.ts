import type { Tx } from '../db/client.js'
import type { OutboxMessage } from '../domain/types.js'

export interface Enqueue {
  recipientId: number
  message: OutboxMessage
  topic?: string
  replacesId?: number
  dedupeKey?: string
  at: Date
}

export type OutboxStatus = 'PENDING' | 'HELD' | 'SENDING' | 'SENT' | 'DEAD' | 'SKIPPED'

/**
 * Writes a message for a person into the outbox, inside the caller's transaction, so it exists exactly
 * when the change that caused it was committed. The dispatcher picks the platform at send time.
 */
export async function enqueue(tx: Pick<Tx, 'outbox'>, m: Enqueue): Promise<number> {
  const row = await tx.outbox.create({
    data: {
      recipientId: m.recipientId,
      kind: m.message.kind,
      payload: JSON.stringify(m.message),
      topic: m.topic ?? null,
      replacesId: m.replacesId ?? null,
      dedupeKey: m.dedupeKey ?? null,
      createdAt: m.at,
      nextAttemptAt: m.at,
    },
    select: { id: true },
  })
  return row.id
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
    where: { topic: opts.topic, kind: opts.kind, status: { in: ['PENDING', 'HELD'] } },
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

/** A person just linked: what was waiting for them can now be delivered. */
export async function releaseHeld(tx: Pick<Tx, 'outbox'>, recipientId: number, at: Date): Promise<number> {
  const { count } = await tx.outbox.updateMany({
    where: { recipientId, status: 'HELD' },
    data: { status: 'PENDING', nextAttemptAt: at },
  })
  return count
}
