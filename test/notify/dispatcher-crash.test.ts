import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/index.js'
import { FIXTURES, TOKEN } from '../helpers/app.js'
import { openTestDb, type TestDb } from '../helpers/db.js'
import { startFakeTelegram, type FakeTelegram } from '../helpers/fake-telegram.js'
import { enqueueNumbered, giveChats, numbersIn } from './helpers.js'

const WORKER = path.resolve(import.meta.dirname, '../helpers/dispatcher-process.ts')
const CHATS = 20
const PER_CHAT = 3

/** A dispatcher in a process of its own (node + tsx loader: one process, so SIGKILL hits the sender itself). */
async function startWorker(db: TestDb, tg: FakeTelegram, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...process.env, DATABASE_URL: db.url, TELEGRAM_API_ROOT: tg.url, TELEGRAM_BOT_TOKEN: TOKEN, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let err = ''
  child.stderr!.on('data', (d) => (err += String(d)))
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('ready') && resolve())
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${err}`)))
  })
  return child
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

const delivered = (tg: FakeTelegram, chats: { chat: number }[]) => chats.reduce((n, c) => n + tg.messagesTo(c.chat).length, 0)

describe('dispatcher killed with SIGKILL mid-batch', () => {
  // a restart gets a new default INSTANCE_ID (hostname:pid), so the rows come back when their lease runs
  // out; a restart under the same INSTANCE_ID takes them back at once (dispatcher.test.ts)
  it('a new process takes the rows over when their lease runs out: every row delivered exactly once, in order', async () => {
    const first = { INSTANCE_ID: 'worker-a', LEASE_MS: '1500' }
    const second = { INSTANCE_ID: 'worker-b' }
    const tg = await startFakeTelegram({ token: TOKEN })
    const db = await openTestDb()
    const workers: ChildProcess[] = []
    try {
      const io = { env: { DATABASE_URL: db.url }, stdout: () => {}, stderr: () => {} }
      expect(await runCli(['import-org', '--create', path.join(FIXTURES, 'kendari-units.csv'), path.join(FIXTURES, 'kendari-employees.csv')], io)).toBe(0)
      const chats = await giveChats(db.prisma, CHATS, 870_000)
      const rows = Array.from({ length: PER_CHAT }, (_, k) => chats.map((c, i) => ({ recipientId: c.employeeId, n: i * 10 + k }))).flat()
      await enqueueNumbered(db.prisma, rows, new Date())

      workers.push(await startWorker(db, tg, { ...first, RATE_PER_SEC: '30' }))
      await tg.waitFor(() => delivered(tg, chats) >= 12, { timeoutMs: 15_000 })
      // from now on the platform accepts nothing: what is in flight stays in flight
      tg.holdSends()
      await until(async () => tg.heldSends() > 0, 'a held send')
      // kill only when every message the platform accepted is marked SENT: the at-least-once window (accepted,
      // not yet marked) is closed, so a duplicate would be a bug, not the documented trade-off
      await until(async () => (await db.prisma.outbox.count({ where: { status: 'SENT' } })) === delivered(tg, chats), 'SENT to match')
      const killed = new Promise((r) => workers[0]!.once('exit', r))
      workers[0]!.kill('SIGKILL')
      await killed
      // the platform notices the dead connection and drops the request it held: it was never accepted
      await until(async () => tg.heldSends() === 0, 'the held request to be dropped')
      tg.releaseSends()

      const midway = await db.prisma.outbox.groupBy({ by: ['status'], _count: { _all: true } })
      const count = (s: string) => midway.find((g) => g.status === s)?._count._all ?? 0
      expect(count('SENDING')).toBeGreaterThan(0) // claimed by the dead worker
      expect(count('SENT')).toBeLessThan(rows.length)

      workers.push(await startWorker(db, tg, { ...second, RATE_PER_SEC: '200' }))
      await until(async () => (await db.prisma.outbox.count({ where: { status: 'SENT' } })) === rows.length, 'all rows SENT')
      expect(delivered(tg, chats)).toBe(rows.length)
      for (const [i, c] of chats.entries()) {
        expect(numbersIn(tg.messagesTo(c.chat).map((m) => m.text))).toEqual(Array.from({ length: PER_CHAT }, (_, k) => i * 10 + k))
      }
    } finally {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL')
      tg.releaseSends()
      await tg.close()
    }
  })
})
