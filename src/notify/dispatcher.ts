import type { Db } from '../db/client.js'
import type { Clock } from '../domain/clock.js'
import type { OutboxMessage, Platform } from '../domain/types.js'
import type { Logger } from '../logger.js'
import { DeliveryError, type Notifier } from './types.js'

export interface DispatcherConfig {
  pollMs: number
  maxAttempts: number
  batchSize?: number
  /** How long a claimed row stays ours before another dispatcher may take it over. */
  leaseMs?: number
}

type Row = {
  id: number
  recipientId: number
  payload: string
  replacesId: number | null
  attempts: number
}

const backoffMs = (attempt: number) => Math.min(5 * 60_000, 1000 * 2 ** Math.max(0, attempt - 1))

/**
 * Sends outbox rows after their transaction committed. A row is marked SENT only after the platform
 * accepted it; failures are retried with backoff (or after the platform's retry-after) and end in DEAD.
 */
export function createDispatcher(deps: {
  db: Db
  clock: Clock
  notifiers: Notifier[]
  log: Logger
  cfg: DispatcherConfig
  instanceId: string
}) {
  const { db, clock, log, cfg, instanceId } = deps
  const notifiers = new Map<Platform, Notifier>(deps.notifiers.map((n) => [n.platform, n]))
  const batchSize = cfg.batchSize ?? 50
  const leaseMs = cfg.leaseMs ?? 60_000
  let timer: NodeJS.Timeout | undefined
  let running: Promise<number> | undefined
  let again = false
  let stopped = true

  async function claim(now: Date): Promise<Row[]> {
    // a lease that ran out belongs to a dispatcher that died mid-send: take it back
    await db.outbox.updateMany({
      where: { status: 'SENDING', lockedUntil: { lt: now } },
      data: { status: 'PENDING', lockedBy: null, lockedUntil: null },
    })
    const due = await db.outbox.findMany({
      where: { status: 'PENDING', nextAttemptAt: { lte: now } },
      orderBy: { id: 'asc' },
      take: batchSize,
      select: { id: true },
    })
    const rows: Row[] = []
    for (const { id } of due) {
      const { count } = await db.outbox.updateMany({
        where: { id, status: 'PENDING' },
        data: { status: 'SENDING', lockedBy: instanceId, lockedUntil: new Date(now.getTime() + leaseMs) },
      })
      if (count === 1) {
        rows.push(
          await db.outbox.findUniqueOrThrow({
            where: { id },
            select: { id: true, recipientId: true, payload: true, replacesId: true, attempts: true },
          }),
        )
      }
    }
    return rows
  }

  async function settle(id: number, data: Parameters<Db['outbox']['update']>[0]['data']) {
    await db.outbox.updateMany({ where: { id, status: 'SENDING', lockedBy: instanceId }, data: { ...data, lockedBy: null, lockedUntil: null } })
  }

  async function deliver(row: Row): Promise<void> {
    const message = JSON.parse(row.payload) as OutboxMessage
    if (row.replacesId !== null) {
      const target = await db.outbox.findUnique({
        where: { id: row.replacesId },
        select: { status: true, platform: true, chatId: true, platformMessageId: true },
      })
      if (!target || ['SKIPPED', 'DEAD', 'HELD'].includes(target.status)) {
        return settle(row.id, { status: 'SKIPPED', lastError: 'nothing to replace' })
      }
      if (target.status !== 'SENT') {
        // the card itself is still on its way: replace it right after
        return settle(row.id, { status: 'PENDING', nextAttemptAt: new Date(clock.now().getTime() + 1000) })
      }
      const notifier = notifiers.get(target.platform as Platform)
      if (!notifier || !target.chatId || !target.platformMessageId) {
        return settle(row.id, { status: 'SKIPPED', lastError: `platform ${target.platform} not enabled` })
      }
      await notifier.edit(target.chatId, target.platformMessageId, message)
      return settle(row.id, { status: 'SENT', platform: target.platform, chatId: target.chatId, platformMessageId: target.platformMessageId, sentAt: clock.now() })
    }
    // the platform the person used most recently wins
    const identity = await db.chatIdentity.findFirst({
      where: { employeeId: row.recipientId, platform: { in: [...notifiers.keys()] } },
      orderBy: { lastSeenAt: 'desc' },
      select: { platform: true, chatId: true },
    })
    if (!identity) return settle(row.id, { status: 'HELD', lastError: null })
    const notifier = notifiers.get(identity.platform as Platform)!
    const sent = await notifier.send(identity.chatId, message)
    await settle(row.id, { status: 'SENT', platform: identity.platform, chatId: identity.chatId, platformMessageId: sent.messageId, sentAt: clock.now() })
  }

  async function failed(row: Row, err: unknown) {
    const attempts = row.attempts + 1
    const de = err instanceof DeliveryError ? err : undefined
    const reason = err instanceof Error ? err.message : String(err)
    if (de?.opts.permanent || attempts >= cfg.maxAttempts) {
      log.error({ outboxId: row.id, attempts, reason }, 'outbox message dead-lettered')
      return settle(row.id, { status: 'DEAD', attempts, lastError: reason.slice(0, 500) })
    }
    const delay = de?.opts.retryAfterMs ?? backoffMs(attempts)
    log.warn({ outboxId: row.id, attempts, delayMs: delay, reason }, 'outbox delivery failed, will retry')
    await settle(row.id, { status: 'PENDING', attempts, lastError: reason.slice(0, 500), nextAttemptAt: new Date(clock.now().getTime() + delay) })
  }

  /** One pass over what is due; returns how many rows were handled. */
  async function runOnce(): Promise<number> {
    const rows = await claim(clock.now())
    for (const row of rows) {
      try {
        await deliver(row)
      } catch (err) {
        await failed(row, err)
      }
    }
    return rows.length
  }

  function schedule(ms: number) {
    if (stopped) return
    clearTimeout(timer)
    timer = setTimeout(tick, ms)
  }

  function tick() {
    if (running) {
      again = true
      return
    }
    running = runOnce()
      .catch((err) => {
        log.error({ err }, 'dispatcher pass failed')
        return 0
      })
      .then((n) => {
        running = undefined
        const more = again || n >= batchSize
        again = false
        schedule(more ? 0 : cfg.pollMs)
        return n
      })
  }

  return {
    start() {
      stopped = false
      schedule(0)
    },
    /** Something was just committed: look now instead of at the next poll. */
    kick() {
      if (!stopped) schedule(0)
    },
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
    runOnce,
  }
}

export type Dispatcher = ReturnType<typeof createDispatcher>
