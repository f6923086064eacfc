import type { Db } from '../db/client.js'
import { chatOf, OPENS_CHATS } from '../domain/accounts.js'
import type { Platform } from '../domain/types.js'
import { Prisma } from '../generated/prisma/client.js'

/** A claimed outbox row with where it goes, resolved in bulk at claim time. */
export interface Work {
  id: number
  recipientId: number
  kind: string
  payload: string
  attempts: number
  /** 429s met in a row so far (they do not count as attempts). */
  rateLimits: number
  /** The claim token this row is locked with (settles are conditional on it). */
  owner: string
  lockedUntil: Date
  dest: { platform: Platform; chatId: string; chatKey: string; editMessageId?: string }
}

export interface ClaimOptions {
  now: Date
  limit: number
  /** At most this many rows of one recipient per claim: their sends are spaced by the chat interval. */
  perRecipient: number
  owner: string
  leaseMs: number
  platforms: Platform[]
  /** Also look for HELD rows whose recipient became reachable (see releaseReachable); not every pass needs to. */
  sweepHeld?: boolean
}

const RELEASE = { status: 'PENDING', lockedBy: null, lockedUntil: null } as const

/**
 * Claims due rows in one pass of a few queries, whatever the batch size: expired leases back to PENDING,
 * candidates, one conditional update, one read, destinations for all of them. Per-recipient order is kept
 * across retries and instances: a recipient whose earlier row is in flight (SENDING) or waiting for a retry
 * (PENDING, not due) gets nothing claimed until that row is settled.
 */
export async function claimBatch(db: Db, o: ClaimOptions): Promise<{ work: Work[]; candidates: number; blocked: number }> {
  // a lease that ran out belongs to a dispatcher that died mid-send: its rows are due again
  await db.outbox.updateMany({ where: { status: 'SENDING', lockedUntil: { lt: o.now } }, data: RELEASE })
  if (o.sweepHeld !== false) await releaseReachable(db, o.platforms)
  const inFlight = { OR: [{ status: 'SENDING' }, { status: 'PENDING', nextAttemptAt: { gt: o.now } }] }
  const blocking = await db.outbox.findMany({ where: inFlight, select: { recipientId: true }, distinct: ['recipientId'] })
  const candidates = await db.outbox.findMany({
    where: { status: 'PENDING', nextAttemptAt: { lte: o.now }, recipientId: { notIn: blocking.map((b) => b.recipientId) } },
    orderBy: { id: 'asc' },
    take: o.limit,
    select: { id: true, recipientId: true },
  })
  if (candidates.length === 0) return { work: [], candidates: 0, blocked: blocking.length }
  // another instance may have claimed a recipient's first row between the two reads: the candidates
  // then start at its second row, which must not overtake the first
  const blockedSince = new Set(
    (
      await db.outbox.findMany({
        where: { recipientId: { in: [...new Set(candidates.map((c) => c.recipientId))] }, ...inFlight },
        select: { recipientId: true },
        distinct: ['recipientId'],
      })
    ).map((b) => b.recipientId),
  )
  const perRecipient = new Map<number, number[]>()
  for (const c of candidates) {
    if (blockedSince.has(c.recipientId)) continue
    const list = perRecipient.get(c.recipientId) ?? []
    if (list.length < o.perRecipient) list.push(c.id)
    perRecipient.set(c.recipientId, list)
  }
  const chosen = [...perRecipient.values()].flat()
  const lockedUntil = new Date(o.now.getTime() + o.leaseMs)
  await db.outbox.updateMany({ where: { id: { in: chosen }, status: 'PENDING' }, data: { status: 'SENDING', lockedBy: o.owner, lockedUntil } })
  const rows = await db.outbox.findMany({
    where: { lockedBy: o.owner, status: 'SENDING' },
    orderBy: { id: 'asc' },
    select: { id: true, recipientId: true, kind: true, payload: true, replacesId: true, attempts: true, rateLimits: true },
  })
  // another instance may have claimed the head of a recipient between our reads and our update: then the
  // rest of that recipient is not ours to send either, or it would overtake
  const mine = new Set(rows.map((r) => r.id))
  const keep: typeof rows = []
  const giveBack: number[] = []
  for (const r of rows) {
    const seq = perRecipient.get(r.recipientId) ?? []
    const before = seq.slice(0, seq.indexOf(r.id))
    if (before.every((id) => mine.has(id))) keep.push(r)
    else giveBack.push(r.id)
  }
  if (giveBack.length > 0) await db.outbox.updateMany({ where: { id: { in: giveBack }, lockedBy: o.owner }, data: RELEASE })
  return { work: await resolve(db, keep, o), candidates: candidates.length, blocked: blocking.length }
}

/**
 * Held rows whose recipient is now reachable (an account on an enabled platform that has written to the
 * app, or one on a platform that opens chats itself: see chatOf) become due again. Linking
 * releases its person's rows at once (`releaseHeld`); this catches what that cannot see: a row this or
 * another dispatcher was holding at the very moment the person linked (the dispatcher read "no account",
 * the link committed, then the row was parked as HELD), and people linked on a platform that was only
 * enabled later. One statement; HELD rows are few and found through the status index.
 */
export async function releaseReachable(db: Db, platforms: Platform[]): Promise<number> {
  if (platforms.length === 0) return 0
  return db.$executeRaw(Prisma.sql`
    UPDATE "Outbox" SET "status" = 'PENDING'
    WHERE "status" = 'HELD'
      AND "recipientId" IN (
        SELECT "employeeId" FROM "ChatAccount"
        WHERE "platform" IN (${Prisma.join(platforms)}) AND ("chatId" IS NOT NULL OR "platform" IN (${Prisma.join([...OPENS_CHATS])})))`)
}

type Row = { id: number; recipientId: number; kind: string; payload: string; replacesId: number | null; attempts: number; rateLimits: number }

/** Where each row goes: the recipient's most recently used account, or the chat of the message it edits. */
async function resolve(db: Db, rows: Row[], o: ClaimOptions): Promise<Work[]> {
  const sends = rows.filter((r) => r.replacesId === null)
  const edits = rows.filter((r) => r.replacesId !== null)
  const [accounts, targets] = await Promise.all([
    sends.length === 0
      ? []
      : db.chatAccount.findMany({
          where: { employeeId: { in: [...new Set(sends.map((r) => r.recipientId))] }, platform: { in: o.platforms } },
          select: { employeeId: true, platform: true, externalId: true, chatId: true, lastSeenAt: true },
        }),
    edits.length === 0
      ? []
      : db.outbox.findMany({
          where: { id: { in: edits.map((r) => r.replacesId!) } },
          select: { id: true, status: true, platform: true, chatId: true, platformMessageId: true },
        }),
  ])
  // the most recently used account that can be reached; one that never wrote (Slack opens its DM) comes last
  const seen = (a: (typeof accounts)[number]) => a.lastSeenAt?.getTime() ?? -1
  const destOf = new Map<number, { platform: Platform; chatId: string }>()
  for (const a of [...accounts].sort((x, y) => seen(y) - seen(x))) {
    const chatId = chatOf(a)
    if (chatId !== null && !destOf.has(a.employeeId)) destOf.set(a.employeeId, { platform: a.platform as Platform, chatId })
  }
  const targetOf = new Map(targets.map((t) => [t.id, t]))
  const lockedUntil = new Date(o.now.getTime() + o.leaseMs)
  const work: Work[] = []
  const held: number[] = []
  const nothingToEdit: number[] = []
  const later: number[] = []
  for (const r of rows) {
    const base = { id: r.id, recipientId: r.recipientId, kind: r.kind, payload: r.payload, attempts: r.attempts, rateLimits: r.rateLimits, owner: o.owner, lockedUntil }
    if (r.replacesId === null) {
      const i = destOf.get(r.recipientId)
      // not reachable (on an enabled platform) yet: kept until they write first, then released in order
      if (!i) held.push(r.id)
      else work.push({ ...base, dest: { platform: i.platform as Platform, chatId: i.chatId, chatKey: `${i.platform}:${i.chatId}` } })
      continue
    }
    const t = targetOf.get(r.replacesId)
    if (t?.status === 'PENDING' || t?.status === 'SENDING') later.push(r.id)
    else if (t?.status !== 'SENT' || !t.chatId || !t.platformMessageId || !o.platforms.includes(t.platform as Platform)) nothingToEdit.push(r.id)
    else work.push({ ...base, dest: { platform: t.platform as Platform, chatId: t.chatId, chatKey: `${t.platform}:${t.chatId}`, editMessageId: t.platformMessageId } })
  }
  const settle = (ids: number[], data: Prisma.OutboxUpdateManyMutationInput) =>
    ids.length === 0 ? undefined : db.outbox.updateMany({ where: { id: { in: ids }, lockedBy: o.owner }, data: { ...data, lockedBy: null, lockedUntil: null } })
  await Promise.all([
    settle(held, { status: 'HELD', lastError: null }),
    settle(nothingToEdit, { status: 'SKIPPED', lastError: 'nothing to replace (not delivered, or its platform is off)' }),
    // the card being replaced is itself still on its way (another recipient's row): replace it right after
    settle(later, { status: 'PENDING', nextAttemptAt: new Date(o.now.getTime() + 1000) }),
  ])
  return work
}
