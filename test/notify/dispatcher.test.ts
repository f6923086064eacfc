import { describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../helpers/app.js'
import { enqueueNumbered, giveChats, linkAccount, notLinked, numbersIn } from './helpers.js'

const sendsTo = (h: Harness, chat: number) =>
  h.tg.calls.filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chat)

async function send(h: Harness, rows: { recipientId: number; n: number }[]) {
  await enqueueNumbered(h.app.db.prisma, rows, h.clock.now())
  h.app.dispatcher.kick()
}

describe('dispatcher: platform limits', () => {
  it('waits out a 429 (the whole platform pauses for retry_after) and then sends once', async () => {
    const h = await startHarness()
    const [a, b] = await giveChats(h.app.db.prisma, 2, 810_000)
    h.tg.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } })
    await send(h, [{ recipientId: a!.employeeId, n: 1 }])
    const limited = await h.tg.waitFor(() => sendsTo(h, a!.chat).find((c) => c.error?.error_code === 429))
    await h.tg.waitFor(() => h.app.dispatcher.stats().rateLimited === 1) // the dispatcher has the answer
    // a message to another chat, queued during the pause, waits for it too
    await send(h, [{ recipientId: b!.employeeId, n: 2 }])
    await h.tg.waitForMessageTo(a!.chat, /Laporan #1 ditarik/, { timeoutMs: 5000 })
    await h.tg.waitForMessageTo(b!.chat, /Laporan #2 ditarik/, { timeoutMs: 5000 })
    const [first, second] = sendsTo(h, a!.chat)
    expect(first).toBe(limited)
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000)
    expect(sendsTo(h, b!.chat)[0]!.at - first!.at).toBeGreaterThanOrEqual(1000)
    expect(h.tg.messagesTo(a!.chat)).toHaveLength(1)
    await h.app.dispatcher.runOnce()
    expect(await h.app.db.prisma.outbox.findFirst({ where: { recipientId: a!.employeeId } })).toMatchObject({ status: 'SENT', attempts: 0, rateLimits: 1, lastError: 'telegram 429' })
    expect(h.app.dispatcher.stats()).toMatchObject({ rateLimited: 1, dead: 0 })
  })

  it('does not count a 429 as an attempt: more 429s than OUTBOX_MAX_ATTEMPTS, short and long pauses, then sent once', async () => {
    // a lease of 5 s: a pause of 3 s is a long one (the row goes back to the table until it is over)
    const h = await startHarness({ env: { OUTBOX_MAX_ATTEMPTS: '2', OUTBOX_LEASE_SECONDS: '5' } })
    const [a] = await giveChats(h.app.db.prisma, 1, 815_000)
    const tooMany = (s: number) => ({ error_code: 429, description: `Too Many Requests: retry after ${s}`, parameters: { retry_after: s } })
    h.tg.failNext('sendMessage', tooMany(3))
    h.tg.failNext('sendMessage', tooMany(0), 3)
    await send(h, [{ recipientId: a!.employeeId, n: 1 }])
    await h.tg.waitFor(() => sendsTo(h, a!.chat).length === 1)
    await h.app.dispatcher.runOnce()
    const row = () => h.app.db.prisma.outbox.findFirstOrThrow({ where: { recipientId: a!.employeeId } })
    const waiting = await row()
    expect(waiting).toMatchObject({ status: 'PENDING', attempts: 0, rateLimits: 1, lastError: 'telegram 429' })
    expect(waiting.nextAttemptAt.getTime() - h.clock.now().getTime()).toBe(3000)

    h.clock.advance(3000)
    h.app.dispatcher.kick()
    await h.tg.waitForMessageTo(a!.chat, /Laporan #1 ditarik/, { timeoutMs: 8000 })
    await h.app.dispatcher.runOnce()
    expect(sendsTo(h, a!.chat).map((c) => c.error?.error_code ?? 'ok')).toEqual([429, 429, 429, 429, 'ok'])
    expect(sendsTo(h, a!.chat)[1]!.at - sendsTo(h, a!.chat)[0]!.at).toBeGreaterThanOrEqual(3000)
    expect(h.tg.messagesTo(a!.chat)).toHaveLength(1)
    expect(await row()).toMatchObject({ status: 'SENT', attempts: 0, rateLimits: 4, lastError: 'telegram 429' })
    expect(h.app.dispatcher.stats()).toMatchObject({ sent: 1, rateLimited: 4, dead: 0 })
  })

  it('gives a row up, logged, only after OUTBOX_MAX_RATE_LIMITS 429s in a row (a platform that never lets up)', async () => {
    const h = await startHarness({ env: { OUTBOX_MAX_ATTEMPTS: '2', OUTBOX_MAX_RATE_LIMITS: '30', TELEGRAM_RATE_PER_SEC: '1000' } })
    const [a, b] = await giveChats(h.app.db.prisma, 2, 818_000)
    h.tg.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 0', parameters: { retry_after: 0 } }, 30)
    await send(h, [{ recipientId: a!.employeeId, n: 1 }])
    await h.tg.waitFor(() => sendsTo(h, a!.chat).length === 30, { timeoutMs: 10_000 })
    await h.app.dispatcher.runOnce()
    expect(await h.app.db.prisma.outbox.findFirst({ where: { recipientId: a!.employeeId } })).toMatchObject({
      status: 'DEAD',
      attempts: 0,
      rateLimits: 30,
      lastError: 'telegram 429',
    })
    const dead = h.logs.join('').split('\n').filter((l) => l.includes('dead-lettered'))
    expect(dead.map((l) => JSON.parse(l) as unknown)).toEqual([expect.objectContaining({ level: 50, rateLimits: 30, attempts: 0 })])
    // the platform lets up: the next message goes out
    await send(h, [{ recipientId: b!.employeeId, n: 2 }])
    await h.tg.waitForMessageTo(b!.chat, /Laporan #2 ditarik/)
  })

  it('spaces messages per chat and over the bot, interleaving chats instead of waiting on one', async () => {
    const h = await startHarness({ env: { TELEGRAM_CHAT_INTERVAL_MS: '250', TELEGRAM_RATE_PER_SEC: '20' } })
    h.tg.setRateLimit({ perSecond: 20 }) // the fake answers 429 above the configured limit; we must never get there
    const chats = await giveChats(h.app.db.prisma, 6, 820_000)
    const rows = chats.flatMap((c, i) => [0, 1, 2, 3].map((k) => ({ recipientId: c.employeeId, n: i * 10 + k })))
    const started = Date.now()
    await send(h, rows)
    await h.tg.waitFor(() => h.tg.calls.filter((c) => c.method === 'sendMessage' && !c.error).length === 24, { timeoutMs: 8000 })
    // 24 messages at 20/s ≈ 1.2 s; four to each chat 250 ms apart ≈ 0.75 s; one chat after another would take 6 s
    expect(Date.now() - started).toBeLessThan(3000)
    const times = h.tg.calls.filter((c) => c.method === 'sendMessage').map((c) => c.at)
    // measured where the fake receives them (same process, so with some event-loop jitter): 21 sends leave
    // at least 1050 ms apart (the limit over a second plus the jitter allowance); the exact pacing is in
    // rate-limit.test.ts
    for (let i = 0; i + 20 < times.length; i++) expect(times[i + 20]! - times[i]!).toBeGreaterThanOrEqual(1000)
    for (const [i, c] of chats.entries()) {
      const at = sendsTo(h, c.chat).map((s) => s.at)
      // 250 ms apart when they leave; where they arrive, a loaded machine's jitter took up to 85 ms of
      // it. Without per-chat spacing they would come 50 ms apart (the bot's 20/s)
      for (let k = 1; k < at.length; k++) expect(at[k]! - at[k - 1]!).toBeGreaterThanOrEqual(150)
      expect(numbersIn(h.tg.messagesTo(c.chat).map((m) => m.text))).toEqual([0, 1, 2, 3].map((k) => i * 10 + k))
    }
    expect(h.tg.rateLimited).toBe(0)
  })
})

describe('dispatcher: failures', () => {
  it('retries a network or 5xx failure with backoff, keeping the chat’s order behind it', async () => {
    const h = await startHarness()
    const [a] = await giveChats(h.app.db.prisma, 1, 830_000)
    h.tg.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' })
    await send(h, [1, 2, 3].map((n) => ({ recipientId: a!.employeeId, n })))
    await h.tg.waitFor(() => sendsTo(h, a!.chat).find((c) => c.error?.error_code === 502))
    await h.app.dispatcher.runOnce()
    const failed = await h.app.db.prisma.outbox.findMany({ where: { recipientId: a!.employeeId }, orderBy: { id: 'asc' } })
    expect(failed.map((r) => [r.status, r.attempts])).toEqual([['PENDING', 1], ['PENDING', 0], ['PENDING', 0]])
    expect(failed[0]!.nextAttemptAt.getTime() - h.clock.now().getTime()).toBe(1000) // first backoff step
    expect(h.tg.messagesTo(a!.chat)).toHaveLength(0) // #2 and #3 do not overtake #1

    h.clock.advance(1000)
    h.app.dispatcher.kick()
    await h.app.dispatcher.runOnce()
    await h.tg.waitFor(() => h.tg.messagesTo(a!.chat).length === 3)
    expect(numbersIn(h.tg.messagesTo(a!.chat).map((m) => m.text))).toEqual([1, 2, 3])
  })

  it('retries a send whose connection was dropped (a network error, no answer at all) with backoff and delivers it once', async () => {
    const h = await startHarness()
    const [a] = await giveChats(h.app.db.prisma, 1, 835_000)
    h.tg.dropNext('sendMessage')
    await send(h, [1, 2].map((n) => ({ recipientId: a!.employeeId, n })))
    await h.tg.waitFor(() => sendsTo(h, a!.chat).find((c) => c.error?.error_code === 0))
    await h.app.dispatcher.runOnce()
    const rows = () => h.app.db.prisma.outbox.findMany({ where: { recipientId: a!.employeeId }, orderBy: { id: 'asc' } })
    const failed = await rows()
    expect(failed.map((r) => [r.status, r.attempts, r.lastError])).toEqual([['PENDING', 1, expect.stringMatching(/^telegram transport error: \w+/)], ['PENDING', 0, null]])
    expect(failed[0]!.nextAttemptAt.getTime() - h.clock.now().getTime()).toBe(1000)
    expect(h.tg.messagesTo(a!.chat)).toHaveLength(0)

    h.clock.advance(1000)
    h.app.dispatcher.kick()
    await h.tg.waitFor(() => h.tg.messagesTo(a!.chat).length === 2)
    await h.app.dispatcher.runOnce()
    expect(numbersIn(h.tg.messagesTo(a!.chat).map((m) => m.text))).toEqual([1, 2])
    expect((await rows()).map((r) => [r.status, r.attempts])).toEqual([['SENT', 1], ['SENT', 0]])
    expect(sendsTo(h, a!.chat)).toHaveLength(3) // the dropped one, its retry, the second
  })

  it('dead-letters after OUTBOX_MAX_ATTEMPTS, and at once when the platform says retrying cannot help', async () => {
    const h = await startHarness({ env: { OUTBOX_MAX_ATTEMPTS: '2' } })
    const [a, b] = await giveChats(h.app.db.prisma, 2, 840_000)
    h.tg.failNext('sendMessage', { error_code: 500, description: 'Internal Server Error' }, 2)
    await send(h, [{ recipientId: a!.employeeId, n: 1 }])
    await h.tg.waitFor(() => sendsTo(h, a!.chat).length === 1)
    await h.app.dispatcher.runOnce()
    h.clock.advance(1000)
    await h.app.dispatcher.runOnce()
    expect(await h.app.db.prisma.outbox.findFirst({ where: { recipientId: a!.employeeId } })).toMatchObject({ status: 'DEAD', attempts: 2 })

    h.tg.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' })
    await send(h, [{ recipientId: b!.employeeId, n: 2 }])
    await h.tg.waitFor(() => sendsTo(h, b!.chat).length === 1)
    await h.app.dispatcher.runOnce()
    expect(await h.app.db.prisma.outbox.findFirst({ where: { recipientId: b!.employeeId } })).toMatchObject({ status: 'DEAD', attempts: 1 })
    expect(h.app.dispatcher.stats().dead).toBe(2)
    const dead = h.logs.join('').split('\n').filter((l) => l.includes('dead-lettered'))
    expect(dead).toHaveLength(2)
    expect(JSON.parse(dead[0]!)).toMatchObject({ level: 50, attempts: 2 })
  })
})

describe('dispatcher: restart', () => {
  it('takes back at once the rows the same INSTANCE_ID held when it died; another live instance’s rows are left alone', async () => {
    const h = await startHarness({ env: { INSTANCE_ID: 'kinerja-1' } })
    const [a, b] = await giveChats(h.app.db.prisma, 2, 860_000)
    // the running dispatcher must not pick the rows up before they are made to look abandoned
    await h.app.dispatcher.stop()
    await enqueueNumbered(h.app.db.prisma, [{ recipientId: a!.employeeId, n: 7 }, { recipientId: b!.employeeId, n: 8 }], h.clock.now())
    // as a killed process leaves them: claimed, lease still running
    const lockedUntil = new Date(h.clock.now().getTime() + 3_600_000)
    await h.app.db.prisma.outbox.updateMany({ where: { recipientId: a!.employeeId }, data: { status: 'SENDING', lockedBy: 'kinerja-1#12', lockedUntil } })
    await h.app.db.prisma.outbox.updateMany({ where: { recipientId: b!.employeeId }, data: { status: 'SENDING', lockedBy: 'kinerja-2#5', lockedUntil } })
    await h.restart()
    await h.tg.waitForMessageTo(a!.chat, /Laporan #7 ditarik/)
    await h.app.dispatcher.runOnce()
    expect(h.tg.messagesTo(a!.chat)).toHaveLength(1)
    expect(h.tg.messagesTo(b!.chat)).toHaveLength(0)
    expect(h.logs.join('')).toContain('left in flight by a previous run of this instance')
  })
})

describe('dispatcher: fan-out', () => {
  it('delivers a large fan-out once to each chat, in order, claiming in batches', async () => {
    const h = await startHarness({ env: { TELEGRAM_RATE_PER_SEC: '1000', OUTBOX_CONCURRENCY: '16', OUTBOX_BATCH_SIZE: '50' } })
    const chats = await giveChats(h.app.db.prisma, 20, 850_000)
    const rows = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((k) => chats.map((c, i) => ({ recipientId: c.employeeId, n: i * 100 + k })))
    await send(h, rows)
    await h.tg.waitFor(() => h.tg.calls.filter((c) => c.method === 'sendMessage').length === 200, { timeoutMs: 15_000 })
    await h.app.dispatcher.runOnce()
    for (const [i, c] of chats.entries()) {
      expect(numbersIn(h.tg.messagesTo(c.chat).map((m) => m.text))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => i * 100 + k))
    }
    expect(await h.app.db.prisma.outbox.count({ where: { status: 'SENT' } })).toBe(200)
  })
})

describe('dispatcher: held rows', () => {
  it('delivers rows parked as HELD once their recipient can be reached, even when linking did not release them', async () => {
    const h = await startHarness()
    const [employee] = await h.app.db.prisma.employee.findMany({ where: notLinked, orderBy: { id: 'asc' }, take: 1 })
    await send(h, [1, 2].map((n) => ({ recipientId: employee!.id, n })))
    await h.app.dispatcher.runOnce()
    const held = await h.app.db.prisma.outbox.findMany({ where: { recipientId: employee!.id } })
    expect(held.map((r) => r.status)).toEqual(['HELD', 'HELD'])
    // as a link that committed while the dispatcher was parking these rows leaves them: an account, rows still HELD
    await linkAccount(h.app.db.prisma, employee!.id, 'telegram', '870000', '870000')
    h.app.dispatcher.kick()
    await h.tg.waitFor(() => h.tg.messagesTo(870_000).length === 2)
    expect(numbersIn(h.tg.messagesTo(870_000).map((m) => m.text))).toEqual([1, 2])
  })

  it('keeps rows HELD while the recipient is linked only on a platform that is not enabled', async () => {
    const h = await startHarness()
    const [employee] = await h.app.db.prisma.employee.findMany({ where: notLinked, orderBy: { id: 'asc' }, take: 1 })
    await linkAccount(h.app.db.prisma, employee!.id, 'slack', 'U0HELD', 'D0HELD')
    await send(h, [{ recipientId: employee!.id, n: 3 }])
    await h.app.dispatcher.runOnce()
    h.app.dispatcher.kick()
    await h.app.dispatcher.runOnce()
    expect((await h.app.db.prisma.outbox.findFirstOrThrow({ where: { recipientId: employee!.id } })).status).toBe('HELD')
  })
})

describe('dispatcher: pacing a fan-out at the limit', () => {
  const accepted = (h: Harness) => h.tg.calls.filter((c) => c.method === 'sendMessage' && c.result !== undefined)
  const rateOf = (at: number[]) => ((at.length - 1) / (at.at(-1)! - at[0]!)) * 1000

  /** 300 messages to 30 chats, all claimed at once: this is about pacing, not claiming. */
  async function fanOut(rate: number) {
    const h = await startHarness({ env: { TELEGRAM_RATE_PER_SEC: String(rate), OUTBOX_BATCH_SIZE: '300' } })
    h.tg.setRateLimit({ perSecond: rate }) // a sliding second, as strict as a platform can count
    const chats = await giveChats(h.app.db.prisma, 30, 880_000)
    const ks = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    await send(h, ks.flatMap((k) => chats.map((c, i) => ({ recipientId: c.employeeId, n: i * 100 + k }))))
    const check = async () => {
      await h.app.dispatcher.runOnce()
      for (const [i, c] of chats.entries()) expect(numbersIn(h.tg.messagesTo(c.chat).map((m) => m.text))).toEqual(ks.map((k) => i * 100 + k))
      expect(h.app.dispatcher.stats()).toMatchObject({ sent: 300, rateLimited: 0, dead: 0 })
    }
    return { h, check }
  }

  it('sends close to the configured rate without one 429 from a platform that enforces exactly that rate', async () => {
    const { h, check } = await fanOut(100)
    await h.tg.waitFor(() => accepted(h).length === 300, { timeoutMs: 15_000 })
    // the benchmark's measure: from the first accepted send to the last (300 at ~95/s ≈ 3.1 s)
    const at = accepted(h).map((c) => c.at)
    expect(h.tg.rateLimited).toBe(0)
    // ~95/s when the machine is free; the app and the fake share this process and other test files the
    // CPU (loaded runs measured 79.5/s and 54.6/s), so the lower bound only tells pacing at the limit from
    // a dispatcher that waits on each chat's one-per-second: 10 messages to each of 30 chats take it at
    // least 9 s (≤ 33/s). The pacing itself is pinned down in rate-limit.test.ts, and the benchmark
    // measures the rate in earnest.
    expect(rateOf(at)).toBeGreaterThan(35)
    expect(rateOf(at)).toBeLessThanOrEqual(100)
    await check()
  })

  it('provokes no 429 when sends reach the platform late and together (a stalled network or event loop)', async () => {
    const { h, check } = await fanOut(100)
    // every 400 ms the platform holds what arrives for 90 ms and then counts it all at once, next to the
    // sends that leave after: only a limiter that takes each send's round trip into account stays under
    const holding = setInterval(() => {
      h.tg.holdSends()
      setTimeout(() => h.tg.releaseSends(), 90)
    }, 400)
    try {
      await h.tg.waitFor(() => accepted(h).length === 300, { timeoutMs: 15_000 })
    } finally {
      clearInterval(holding)
      h.tg.releaseSends()
    }
    expect(h.tg.rateLimited).toBe(0)
    await check()
  })
})
