import type { Db } from '../db/client.js'
import type { Clock } from '../domain/clock.js'
import type { OutboxMessage, Platform } from '../domain/types.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { Logger } from '../logger.js'
import { claimBatch, type Work } from './claim.js'
import { createRateLimiter, type PlatformLimits } from './rate-limit.js'
import { DeliveryError, type Notifier, type OutboundFile } from './types.js'

/** How often a claim pass also releases HELD rows whose recipient has become reachable. */
const HELD_SWEEP_MS = 2000

export interface DispatcherConfig {
  pollMs: number
  maxAttempts: number
  /** 429s in a row after which a row is given up on (they do not count as attempts); 100 unless told. */
  maxRateLimits?: number
  /** Rows held in memory at most (claimed, waiting for their chat's turn or in flight). */
  batchSize?: number
  /** Requests to the platforms awaiting their answer at once, over all chats (the database write after does not count). */
  concurrency?: number
  /** How long a claimed row stays ours before another dispatcher may take it over. */
  leaseMs?: number
  limits?: Partial<Record<Platform, PlatformLimits>>
}

export interface DispatcherStats {
  sent: number
  retried: number
  rateLimited: number
  dead: number
  inFlight: number
  queued: number
}

/**
 * Generous: in a flood of 429s each row meets one or two (the whole platform pauses at the first), so
 * only a platform that keeps refusing us, pause after pause, gets a row here.
 */
const DEFAULT_MAX_RATE_LIMITS = 100

const backoffMs = (attempt: number) => Math.min(5 * 60_000, 1000 * 2 ** Math.max(0, attempt - 1))

/**
 * Sends outbox rows after their transaction committed, as fast as the platforms allow and no faster.
 *
 * Crash safety: a row goes PENDING → SENDING (a lease) → SENT, and is marked SENT only after the platform
 * accepted it. A process killed while it holds rows leaves them SENDING; when the lease runs out (or at
 * once, when the same INSTANCE_ID starts again) they are sent. So nothing is lost. The one window left is
 * from the moment the request has left for the platform until our write of SENT (a round trip and one
 * commit): killed there, we cannot know whether the platform took it, and the row is sent again after the
 * restart. We chose at-least-once for that window: a duplicate reminder or card is visible and harmless (a
 * decision is taken once whatever card is clicked), while a lost approval card or decision notice silently
 * stalls the work. Neither Telegram nor Slack offers an idempotency key or a way to ask whether a message
 * arrived, so exactly-once is not on offer. Sends time out well inside the lease (see the notifiers), so a
 * slow platform does not let another instance send a row that is still on its way.
 */
export type SendOutcome = 'sent' | 'retry' | 'rate_limited' | 'dead'

export function createDispatcher(deps: {
  db: Db
  clock: Clock
  notifiers: Notifier[]
  log: Logger
  cfg: DispatcherConfig
  instanceId: string
  /** Called for every delivery attempt's outcome (metrics). */
  onOutcome?: (platform: Platform, outcome: SendOutcome) => void
}) {
  const { db, clock, log, cfg, instanceId } = deps
  const notifiers = new Map<Platform, Notifier>(deps.notifiers.map((n) => [n.platform, n]))
  const batchSize = cfg.batchSize ?? 100
  const concurrency = cfg.concurrency ?? 8
  const leaseMs = cfg.leaseMs ?? 60_000
  const maxRateLimits = cfg.maxRateLimits ?? DEFAULT_MAX_RATE_LIMITS
  const limits = cfg.limits ?? {}
  const limiter = createRateLimiter(limits)
  // a recipient's rows wait in memory for their chat's turn: no more than a quarter of the lease's worth
  const slowest = Math.max(0, ...Object.values(limits).map((l) => l.chatIntervalMs))
  const perRecipient = slowest > 0 ? Math.max(1, Math.floor(leaseMs / 4 / slowest)) : batchSize
  const stats: DispatcherStats = { sent: 0, retried: 0, rateLimited: 0, dead: 0, inFlight: 0, queued: 0 }

  const queues = new Map<string, Work[]>() // by chat, in id order
  const busy = new Set<string>() // chats with a send in flight
  let awaiting = 0 // sends the platform has not answered yet (bounded by concurrency)
  let claiming: Promise<void> | undefined
  let more = true // the last claim may have left due rows behind
  let blockedBehind = false // the last claim skipped recipients whose earlier row was in flight
  let started = false
  let draining = 0
  let claimSeq = 0
  let lastHeldSweep = -Infinity
  let timer: NodeJS.Timeout | undefined
  let timerAt = Infinity
  let pollTimer: NodeJS.Timeout | undefined
  const idle: (() => void)[] = []

  const active = () => started || draining > 0

  function wakeIn(ms: number) {
    const at = performance.now() + ms
    if (!active() || at >= timerAt) return
    clearTimeout(timer)
    timerAt = at
    timer = setTimeout(() => {
      timerAt = Infinity
      pump()
    }, ms)
  }

  /** Starts every send the limits allow now, claims more when memory runs low, and sleeps till the next. */
  function pump() {
    if (!active()) return
    let next = Infinity
    const blocked = new Set<Platform>() // no slot on this platform before the next wake-up: skip its chats
    for (const [chatKey, queue] of queues) {
      if (awaiting >= concurrency) break
      if (busy.has(chatKey)) continue
      const work = queue[0]!
      const platform = work.dest.platform
      if (blocked.has(platform)) continue
      const wait = limiter.take(platform, chatKey)
      if (wait > 0) {
        next = Math.min(next, wait)
        const platformWait = limiter.platformWait(platform)
        if (platformWait > 0) {
          blocked.add(platform)
          next = Math.min(next, platformWait)
        }
        continue
      }
      queue.shift()
      if (queue.length === 0) queues.delete(chatKey)
      stats.queued--
      stats.inFlight++
      awaiting++
      busy.add(chatKey)
      // the platform's answer frees the concurrency slot and tells the limiter the round trip; the chat
      // stays busy until the row is settled. A failure keeps the slot until it is recorded, so a 429's
      // pause is in place before the next send
      let answered = false
      const answer = (roundTrip: boolean) => {
        if (answered) return false
        answered = true
        limiter.answered(platform, chatKey, roundTrip)
        awaiting--
        return true
      }
      void handle(work, () => answer(true) && pump()).finally(() => {
        stats.inFlight--
        busy.delete(chatKey)
        answer(false)
        pump()
      })
    }
    if (more && !claiming && stats.queued + stats.inFlight <= batchSize / 2) claim()
    if (next < Infinity) wakeIn(next)
    if (!claiming && stats.queued === 0 && stats.inFlight === 0) {
      for (const resolve of idle.splice(0)) resolve()
      if (started && !more) {
        clearTimeout(pollTimer)
        pollTimer = setTimeout(() => kick(), cfg.pollMs)
      }
    }
  }

  function claim() {
    const limit = batchSize - stats.queued - stats.inFlight
    // the held-row sweep is a safety net for a rare race: every couple of seconds is soon enough
    const sweepHeld = performance.now() - lastHeldSweep >= HELD_SWEEP_MS
    if (sweepHeld) lastHeldSweep = performance.now()
    claiming = claimBatch(db, {
      now: clock.now(),
      limit,
      perRecipient,
      owner: `${instanceId}#${++claimSeq}`,
      leaseMs,
      platforms: [...notifiers.keys()],
      sweepHeld,
    })
      .then(({ work, candidates, blocked }) => {
        more = candidates >= limit
        blockedBehind = blocked > 0
        for (const w of work) {
          const queue = queues.get(w.dest.chatKey) ?? []
          queue.push(w)
          queues.set(w.dest.chatKey, queue)
        }
        stats.queued += work.length
        if (candidates > 0) limiter.prune()
      })
      .catch((err) => {
        more = false
        log.error({ err }, 'dispatcher could not claim outbox rows')
      })
      .finally(() => {
        claiming = undefined
        pump()
      })
  }

  function kick() {
    more = true
    clearTimeout(pollTimer)
    pump()
  }

  async function settle(w: Work, data: Prisma.OutboxUpdateManyMutationInput) {
    await db.outbox.updateMany({
      where: { id: w.id, status: 'SENDING', lockedBy: w.owner },
      data: { ...data, lockedBy: null, lockedUntil: null },
    })
  }

  /** Gives back what is still queued for a chat (after a failure, or at stop), keeping their order. */
  async function release(chatKey: string) {
    const queue = queues.get(chatKey) ?? []
    queues.delete(chatKey)
    stats.queued -= queue.length
    if (queue.length === 0) return
    // back to PENDING in one statement; only rows still leased by one of our claims (a row another
    // instance took over after its lease ran out carries that instance's claim token)
    await db.outbox.updateMany({
      where: { id: { in: queue.map((w) => w.id) }, status: 'SENDING', lockedBy: { in: [...new Set(queue.map((w) => w.owner))] } },
      data: { status: 'PENDING', lockedBy: null, lockedUntil: null },
    })
  }

  async function filesFor(message: OutboxMessage): Promise<OutboundFile[] | undefined> {
    if (message.kind !== 'digest_chart') return undefined
    const file = await db.attachment.findUnique({ where: { id: message.attachmentId }, select: { filename: true, mime: true, data: true } })
    return file ? [{ filename: file.filename, mime: file.mime, data: Buffer.from(file.data) }] : undefined
  }

  async function deliver(w: Work, onAnswer: () => void) {
    const notifier = notifiers.get(w.dest.platform)!
    const message = JSON.parse(w.payload) as OutboxMessage
    const { platform, chatId, editMessageId } = w.dest
    // a platform that cannot edit gets the new state as a new message (its renderer quotes the card)
    if (editMessageId && notifier.capabilities.editMessages) {
      await notifier.edit(chatId, editMessageId, message)
      onAnswer()
      return settle(w, { status: 'SENT', platform, chatId, platformMessageId: editMessageId, sentAt: clock.now() })
    }
    const sent = await notifier.send(chatId, message, await filesFor(message), editMessageId ? { replyTo: editMessageId } : {})
    onAnswer()
    // not deliverable now (WhatsApp's window is closed): kept, without using an attempt, until the platform releases it
    if (sent.waiting !== undefined) return settle(w, { status: 'WAITING', platform, chatId, lastError: sent.waiting.slice(0, 500) })
    // the platform has it: from here until this commit is the at-least-once window (see above)
    await settle(w, { status: 'SENT', platform, chatId, platformMessageId: sent.messageId, sentAt: clock.now() })
  }

  /** A row's lease must outlive the send; renew it when half is gone, drop the row if it was taken over. */
  async function stillOurs(w: Work): Promise<boolean> {
    const now = clock.now()
    if (w.lockedUntil.getTime() - now.getTime() > leaseMs / 2) return true
    const lockedUntil = new Date(now.getTime() + leaseMs)
    const { count } = await db.outbox.updateMany({ where: { id: w.id, status: 'SENDING', lockedBy: w.owner }, data: { lockedUntil } })
    w.lockedUntil = lockedUntil
    return count === 1
  }

  async function handle(w: Work, onAnswer: () => void) {
    try {
      if (!(await stillOurs(w))) return
      await deliver(w, onAnswer)
      stats.sent++
      deps.onOutcome?.(w.dest.platform, 'sent')
      // the next row of this recipient may have been left behind by the last claim: look again
      if (blockedBehind) more = true
    } catch (err) {
      await failed(w, err).catch((e) => log.error({ err: e, outboxId: w.id }, 'could not record a failed delivery'))
    }
  }

  async function failed(w: Work, err: unknown) {
    const de = err instanceof DeliveryError ? err : undefined
    const reason = (err instanceof Error ? err.message : String(err)).slice(0, 500)
    const retryAfter = de?.opts.retryAfterMs
    if (retryAfter !== undefined && !de?.opts.permanent) return rateLimited(w, retryAfter, reason)
    const attempts = w.attempts + 1
    if (de?.opts.permanent || attempts >= cfg.maxAttempts) return dead(w, { attempts, lastError: reason }, { attempts, reason })
    stats.retried++
    deps.onOutcome?.(w.dest.platform, 'retry')
    const delay = backoffMs(attempts)
    log.warn({ outboxId: w.id, platform: w.dest.platform, attempts, delayMs: delay, reason }, 'outbox delivery failed, will retry')
    await settle(w, { status: 'PENDING', attempts, rateLimits: 0, lastError: reason, nextAttemptAt: new Date(clock.now().getTime() + delay) })
    // what came after it in this chat waits behind it (order), so it goes back too
    await release(w.dest.chatKey)
  }

  /**
   * A 429: the platform asks us to wait, so we do, without using up an attempt. Only a platform that keeps
   * refusing, pause after pause, makes a row dead (maxRateLimits in a row; another failure resets the count).
   */
  async function rateLimited(w: Work, retryAfter: number, lastError: string) {
    const rateLimits = w.rateLimits + 1
    stats.rateLimited++
    limiter.pause(w.dest.platform, retryAfter)
    if (rateLimits >= maxRateLimits) return dead(w, { rateLimits, lastError }, { attempts: w.attempts, rateLimits, reason: lastError })
    stats.retried++
    deps.onOutcome?.(w.dest.platform, 'rate_limited')
    log.warn({ outboxId: w.id, platform: w.dest.platform, retryAfterMs: retryAfter, rateLimits }, 'platform rate limit: pausing it')
    w.rateLimits = rateLimits
    if (retryAfter < leaseMs / 2) {
      // a short pause: keep the row (first in its chat) and send it when the pause is over
      await db.outbox.updateMany({ where: { id: w.id, lockedBy: w.owner }, data: { rateLimits, lastError } })
      queues.set(w.dest.chatKey, [w, ...(queues.get(w.dest.chatKey) ?? [])])
      stats.queued++
      return
    }
    await settle(w, { status: 'PENDING', rateLimits, lastError, nextAttemptAt: new Date(clock.now().getTime() + retryAfter) })
    await release(w.dest.chatKey)
  }

  async function dead(w: Work, data: Prisma.OutboxUpdateManyMutationInput, logged: Record<string, unknown>) {
    stats.dead++
    deps.onOutcome?.(w.dest.platform, 'dead')
    log.error({ outboxId: w.id, kind: w.kind, platform: w.dest.platform, ...logged }, 'outbox message dead-lettered')
    await settle(w, { status: 'DEAD', ...data })
  }

  /** Waits until nothing is queued or in flight and no claim is running. */
  const settled = () =>
    !claiming && stats.queued === 0 && stats.inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => idle.push(r))

  return {
    start() {
      started = true
      // rows this instance held when it died (same INSTANCE_ID): nobody is sending them, take them back now
      void db.outbox
        .updateMany({ where: { status: 'SENDING', lockedBy: { startsWith: `${instanceId}#` } }, data: { status: 'PENDING', lockedBy: null, lockedUntil: null } })
        .then(({ count }) => count > 0 && log.warn({ count }, 'outbox rows left in flight by a previous run of this instance: sending them'))
        .catch((err) => log.error({ err }, 'could not recover in-flight outbox rows'))
        .finally(() => kick())
    },
    /** Something was just committed: look now instead of at the next poll. */
    kick() {
      if (started) kick()
    },
    async stop() {
      started = false
      clearTimeout(timer)
      clearTimeout(pollTimer)
      timerAt = Infinity
      await claiming
      while (stats.inFlight > 0) await new Promise((r) => setTimeout(r, 10))
      for (const chatKey of [...queues.keys()]) await release(chatKey)
      for (const resolve of idle.splice(0)) resolve()
    },
    /** Sends everything due now and resolves when it has been handled (tests, one-shot tools). */
    async runOnce(): Promise<number> {
      draining++
      const before = stats.sent + stats.dead + stats.retried
      try {
        // a claim already under way (a kick after the caller's commit) may have read the outbox before
        // that commit and found nothing: let it finish, then claim afresh, so "due now" includes it
        while (claiming) await claiming
        do {
          more = true
          pump()
          await settled()
        } while (more)
      } finally {
        draining--
      }
      return stats.sent + stats.dead + stats.retried - before
    },
    stats: (): DispatcherStats => ({ ...stats }),
  }
}

export type Dispatcher = ReturnType<typeof createDispatcher>
