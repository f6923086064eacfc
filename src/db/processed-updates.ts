import type { Db } from './client.js'
import { isUniqueViolation } from './client.js'
import { Prisma } from '../generated/prisma/client.js'
import { dateTimeParam, groupCommit, perDatabase } from './group-commit.js'

/**
 * How long a claim protects an update that is still being handled (UPDATE_CLAIM_LEASE_SECONDS). A claim
 * older than this that never finished belongs to a process that died half-way: the redelivery handles
 * the update again instead of dropping it (nothing the user sent is lost; a report's own checks refuse
 * a time range already saved).
 */
const CLAIM_LEASE_MS = 30_000
const WAIT_STEP_MS = 200

type Claim = 'claimed' | 'duplicate'

type Pending<T> = { platform: string; updateKey: string; at: Date; done: (v: T) => void }

/**
 * The first claim of updates arriving together: one `INSERT … ON CONFLICT DO NOTHING RETURNING` for the
 * batch (one key once per batch). An update it did not claim (a redelivery, another instance's) is
 * looked at one by one (tryClaim), as is every update of a batch whose statement failed.
 */
const claimer = perDatabase((db: Db) =>
  groupCommit<Pending<boolean>>(
    async (batch) => {
      let won = new Set<string>()
      try {
        const rows = await db.$queryRaw<{ platform: string; updateKey: string }[]>(Prisma.sql`
          INSERT INTO "ProcessedUpdate" ("platform", "updateKey", "at")
          VALUES ${Prisma.join(batch.map((p) => Prisma.sql`(${p.platform}, ${p.updateKey}, ${dateTimeParam(p.at)})`))}
          ON CONFLICT ("platform", "updateKey") DO NOTHING RETURNING "platform", "updateKey"`)
        won = new Set(rows.map((r) => `${r.platform}\n${r.updateKey}`))
      } catch {
        // claimed one by one below
      }
      for (const p of batch) p.done(won.has(`${p.platform}\n${p.updateKey}`))
    },
    { key: (p) => `${p.platform}\n${p.updateKey}` },
  ),
)

/** Marks the updates handled together as done, one statement per platform (the batch's latest instant). */
const finisher = perDatabase((db: Db) =>
  groupCommit<Pending<unknown>>(async (batch) => {
    const at = new Date(Math.max(...batch.map((p) => p.at.getTime())))
    for (const platform of new Set(batch.map((p) => p.platform))) {
      const mine = batch.filter((p) => p.platform === platform)
      const keys = mine.map((p) => p.updateKey)
      const r = await db.processedUpdate.updateMany({ where: { platform, updateKey: { in: keys } }, data: { doneAt: at } }).then(
        () => null,
        (err: unknown) => err,
      )
      for (const p of mine) p.done(r)
    }
  }),
)

async function tryClaim(db: Db, platform: string, updateKey: string, at: Date, leaseMs: number, grouped = false): Promise<Claim | 'busy'> {
  if (grouped && (await new Promise<boolean>((done) => claimer(db)({ platform, updateKey, at, done })))) return 'claimed'
  try {
    await db.processedUpdate.create({ data: { platform, updateKey, at } })
    return 'claimed'
  } catch (e) {
    if (!isUniqueViolation(e)) throw e
  }
  const row = await db.processedUpdate.findUnique({ where: { platform_updateKey: { platform, updateKey } }, select: { id: true, at: true, doneAt: true } })
  if (!row) return tryClaim(db, platform, updateKey, at, leaseMs) // released in between: try again
  if (row.doneAt) return 'duplicate'
  if (at.getTime() - row.at.getTime() < leaseMs) return 'busy'
  // abandoned: take it over, unless another redelivery just did
  const { count } = await db.processedUpdate.updateMany({ where: { id: row.id, at: row.at, doneAt: null }, data: { at } })
  return count === 1 ? 'claimed' : 'busy'
}

/**
 * Records that an update (Telegram update_id, Slack event_id) is being handled. 'duplicate' when it was
 * handled already: a webhook retry, a poller restart or a second instance gets no second effect. While
 * another handler still holds the update, waits for it to finish (then 'duplicate') or for its claim to
 * run out (then 'claimed': that handler died).
 */
export async function claimUpdate(
  db: Db,
  platform: string,
  updateKey: string,
  now: () => Date,
  opts: { leaseMs?: number | undefined; waitMs?: number } = {},
): Promise<Claim> {
  const leaseMs = opts.leaseMs ?? CLAIM_LEASE_MS
  const deadline = Date.now() + (opts.waitMs ?? leaseMs + 5_000)
  for (let first = true; ; first = false) {
    const claim = await tryClaim(db, platform, updateKey, now(), leaseMs, first)
    if (claim !== 'busy') return claim
    // the other handler is still at it (or died: its lease runs out meanwhile)
    if (Date.now() > deadline) return 'duplicate'
    await new Promise((r) => setTimeout(r, WAIT_STEP_MS))
  }
}

/** Handling finished: from now on a redelivery is a duplicate. */
export async function finishUpdate(db: Db, platform: string, updateKey: string, at: Date): Promise<void> {
  const err = await new Promise<unknown>((done) => finisher(db)({ platform, updateKey, at, done }))
  if (err) await db.processedUpdate.updateMany({ where: { platform, updateKey }, data: { doneAt: at } })
}

/**
 * The claims still open on a platform were left by a handler that is gone (the poller that held the
 * role before this one): the redeliveries take them over at once instead of after the lease.
 */
export async function abandonOpenClaims(db: Db, platform: string): Promise<number> {
  const { count } = await db.processedUpdate.updateMany({ where: { platform, doneAt: null }, data: { at: new Date(0) } })
  return count
}

/** Handling failed before it had an effect: let a redelivery try again. */
export async function releaseUpdate(db: Db, platform: string, updateKey: string): Promise<void> {
  await db.processedUpdate.deleteMany({ where: { platform, updateKey } })
}

/** Telegram keeps updates for 24 h, Slack retries within minutes: older records only take space. */
export async function pruneUpdates(db: Db, olderThan: Date): Promise<number> {
  const { count } = await db.processedUpdate.deleteMany({ where: { at: { lt: olderThan } } })
  return count
}
