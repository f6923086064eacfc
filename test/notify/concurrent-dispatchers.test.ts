import path from 'node:path'
import { Writable } from 'node:stream'
import { Api } from 'grammy'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/index.js'
import { openDatabase, type Database, type Db } from '../../src/db/client.js'
import { systemClock } from '../../src/domain/clock.js'
import { createLogger } from '../../src/logger.js'
import { claimBatch } from '../../src/notify/claim.js'
import { createDispatcher, type Dispatcher } from '../../src/notify/dispatcher.js'
import { createTelegramNotifier } from '../../src/platforms/telegram/notifier.js'
import { FIXTURES, TOKEN } from '../helpers/app.js'
import { openTestDb } from '../helpers/db.js'
import { startFakeTelegram, type FakeTelegram } from '../helpers/fake-telegram.js'
import { eventually } from '../helpers/wait.js'
import { enqueueNumbered, giveChats, numbersIn } from './helpers.js'

const CHATS = 20
const PER_CHAT = 3

/** A dispatcher wired as src/app.ts wires it, with its own database connection (as another process has). */
function dispatcherOn(db: Database, tg: FakeTelegram, instanceId: string, logs: string[]): Dispatcher {
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk))
      cb()
    },
  })
  return createDispatcher({
    db: db.prisma,
    clock: systemClock,
    notifiers: [createTelegramNotifier(new Api(TOKEN, { apiRoot: tg.url }), { timeoutMs: 20_000 })],
    log: createLogger({ LOG_LEVEL: 'warn', LOG_PRETTY: 'false' }, sink).child({ component: 'dispatcher', instanceId }),
    // small batches: many claims of both instances interleave; limits high, the per-process limiter is not the subject
    cfg: {
      pollMs: 50,
      maxAttempts: 5,
      batchSize: 8,
      concurrency: 8,
      leaseMs: 60_000,
      limits: { telegram: { ratePerSec: 10_000, chatIntervalMs: 0 } },
    },
    instanceId,
  })
}

/**
 * `db` as one claimer sees it, with `between()` run before its call number `at` (0-based) to the
 * database: the other claimer's whole claim lands between two of this one's statements.
 */
function interleaved(db: Db, at: number, between: () => Promise<unknown>): { db: Db; calls: () => number } {
  let calls = 0
  const step = async () => {
    if (calls++ === at) await between()
  }
  const wrap = (target: object, fn: (...args: unknown[]) => unknown) => async (...args: unknown[]) => {
    await step()
    return fn.apply(target, args)
  }
  const proxy = new Proxy(db, {
    get(client, prop) {
      const value: unknown = Reflect.get(client, prop)
      if (typeof value === 'function' && /^\$(execute|query)Raw/.test(String(prop))) return wrap(client, value as never)
      if (typeof value !== 'object' || value === null || String(prop).startsWith('$')) return value
      // a model: every query method is one statement
      return new Proxy(value, {
        get(model, method) {
          const fn: unknown = Reflect.get(model, method)
          return typeof fn === 'function' ? wrap(model, fn as never) : fn
        },
      })
    },
  })
  return { db: proxy, calls: () => calls }
}

describe('two dispatchers claiming at the same moment (leadership handover, split brain)', () => {
  it('sends every row exactly once, loses none, and keeps each recipient’s order and one send at a time', async () => {
    const tg = await startFakeTelegram({ token: TOKEN })
    const db = await openTestDb()
    const other: Database[] = []
    const dispatchers: Dispatcher[] = []
    const logs: string[] = []
    try {
      const io = { env: { DATABASE_URL: db.url }, stdout: () => {}, stderr: () => {} }
      expect(await runCli(['import-org', '--create', path.join(FIXTURES, 'kendari-units.csv'), path.join(FIXTURES, 'kendari-employees.csv')], io)).toBe(0)
      const chats = await giveChats(db.prisma, CHATS, 890_000)
      // row k of every chat before row k + 1 of any: each claim takes the heads of many recipients
      const rows = Array.from({ length: PER_CHAT }, (_, k) => chats.map((c, i) => ({ recipientId: c.employeeId, n: i * 10 + k }))).flat()
      await enqueueNumbered(db.prisma, rows, new Date())

      other.push(await openDatabase(db.url))
      dispatchers.push(dispatcherOn(db, tg, 'node-a', logs), dispatcherOn(other[0]!, tg, 'node-b', logs))
      for (const d of dispatchers) d.start()
      await eventually(async () => (await db.prisma.outbox.count({ where: { status: 'SENT' } })) === rows.length, { timeoutMs: 15_000, label: 'all rows SENT' })
      await Promise.all(dispatchers.map((d) => d.stop()))

      // both really sent: this is two claimers, not one idling
      const [a, b] = dispatchers.map((d) => d.stats())
      expect(a!.sent).toBeGreaterThan(0)
      expect(b!.sent).toBeGreaterThan(0)
      expect(a!.sent + b!.sent).toBe(rows.length)
      expect(logs.join('')).toBe('')

      const sends = tg.calls.filter((c) => c.method === 'sendMessage')
      expect(sends.every((c) => c.error === undefined)).toBe(true)
      expect(sends).toHaveLength(rows.length)
      const sent = await db.prisma.outbox.findMany({ orderBy: { id: 'asc' }, select: { recipientId: true, status: true, sentAt: true, payload: true } })
      expect(sent.every((r) => r.status === 'SENT')).toBe(true)
      for (const [i, c] of chats.entries()) {
        const calls = sends.filter((s) => Number(s.params.chat_id) === c.chat)
        // exactly once each, in the order they were enqueued
        expect(numbersIn(calls.map((s) => String(s.params.text)))).toEqual(Array.from({ length: PER_CHAT }, (_, k) => i * 10 + k))
        // and never two at once to one chat: row k + 1 left only after row k was settled as SENT
        const settled = sent.filter((r) => r.recipientId === c.employeeId).map((r) => r.sentAt!.getTime())
        for (let k = 1; k < PER_CHAT; k++) expect(calls[k]!.at, `chat ${c.chat}, row ${k}`).toBeGreaterThanOrEqual(settled[k - 1]!)
      }
    } finally {
      await Promise.all(dispatchers.map((d) => d.stop()))
      await Promise.all(other.map((d) => d.close()))
      await tg.close()
    }
  })

  it('claims interleaved statement by statement: a recipient’s rows are never held by two claimers, nor out of order', async () => {
    const db = await openTestDb()
    const other = await openDatabase(db.url)
    try {
      const io = { env: { DATABASE_URL: db.url }, stdout: () => {}, stderr: () => {} }
      expect(await runCli(['import-org', '--create', path.join(FIXTURES, 'kendari-units.csv'), path.join(FIXTURES, 'kendari-employees.csv')], io)).toBe(0)
      const [c, d] = await giveChats(db.prisma, 2, 895_000)
      const now = new Date()
      const claimOf = (owner: string, limit: number) => ({ now, limit, perRecipient: 100, owner, leaseMs: 60_000, platforms: ['telegram' as const] })
      const outcomes: string[] = []
      for (let at = 0; ; at++) {
        await db.prisma.outbox.deleteMany()
        await enqueueNumbered(db.prisma, [1, 2, 3].flatMap((n) => [{ recipientId: c!.employeeId, n }, { recipientId: d!.employeeId, n: 10 + n }]), now)
        // A's batch is nearly full (limit 2): it takes the heads of both recipients, B would take everything
        const b = interleaved(other.prisma, at, () => claimBatch(db.prisma, claimOf(`A#${at}`, 2)))
        await claimBatch(b.db, claimOf(`B#${at}`, 10))
        if (b.calls() <= at) break // A came after all of B's statements: every point has been tried
        for (const recipientId of [c!.employeeId, d!.employeeId]) {
          const rows = await db.prisma.outbox.findMany({ where: { recipientId }, orderBy: { id: 'asc' }, select: { status: true, lockedBy: true } })
          const held = rows.filter((r) => r.status === 'SENDING')
          // what is claimed is the head of the recipient's queue, and one claimer's
          outcomes.push(`A before B's statement ${at}: ${rows.map((r) => (r.status === 'SENDING' ? r.lockedBy!.split('#')[0] : '-')).join('')}`)
          expect(rows.slice(0, held.length).every((r) => r.status === 'SENDING'), outcomes.at(-1)).toBe(true)
          expect(new Set(held.map((r) => r.lockedBy)).size, outcomes.at(-1)).toBeLessThanOrEqual(1)
        }
      }
      expect(outcomes.length).toBeGreaterThan(8)
    } finally {
      await other.close()
    }
  })
})
