// Scenario 3: supervisors approve N reported activities by clicking "Setujui" on their delivered cards
// (webhook callback_query updates, callback_data dc:<id>:<version>:ok, from the supervisor's Telegram id).
// Setup goes through the app itself: N /lapor reports via the webhook, then wait until the outbox has
// delivered every card. Measured: the click requests (throughput, p50/p99) and the time from the first
// click until every card edit and employee notification was delivered (outbox without PENDING/SENDING).
import { startFakeTelegram } from '../../test/helpers/fake-telegram.js'
import { startChild } from '../lib/child.js'
import { waitOutboxDrained } from '../lib/outbox.js'
import { freshDatabase, seedOrg, TELEGRAM_ID_BASE, type DbKind } from '../lib/setup.js'
import { closedLoop, round, type LoadResult } from '../lib/stats.js'
import { openDatabase } from '../../src/db/client.js'

const TOKEN = '777000:BENCH-kinerja-token-abcdefghijklmnop'
const SECRET = 'bench_webhook_secret_0123456789'

export interface DecisionResult {
  scenario: 'decision-roundtrip'
  database: DbKind
  decisions: number
  concurrency: number
  cardsDeliveredSeconds: number
  clicks: LoadResult
  /** From the first click until the outbox had nothing PENDING or SENDING. */
  deliveredSeconds: number
  approved: number
  outboxSent: number
  outboxDead: number
}

export async function decisionRoundtrip(opts: { database: DbKind; decisions: number; concurrency: number }): Promise<DecisionResult> {
  const tg = await startFakeTelegram({ token: TOKEN })
  const db = freshDatabase(opts.database, 'decide')
  const employees = opts.decisions + 1
  const org = await seedOrg(db.url, employees)
  await org.db.close()
  const tgIndex = new Map(org.employees.map((e, i) => [e.nip, i]))
  const env = {
    DATABASE_URL: db.url,
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: tg.url,
    TELEGRAM_MODE: 'webhook',
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    PUBLIC_URL: 'https://bench.invalid',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SCHEDULER_ENABLED: 'false',
    OUTBOX_POLL_MS: '100',
  }
  const app = await startChild('bench/servers/app.ts', env)
  const hook = `http://127.0.0.1:${app.ready.port as number}/telegram/webhook`
  const post = (update: unknown) =>
    fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update) }).then(async (r) => {
      await r.arrayBuffer()
      return r.ok
    })
  try {
    // N reports, one per employee (index 1..N: everyone but the Sekda has a supervisor)
    let updateId = 1
    const report = await closedLoop(opts.decisions, 8, (k) => {
      const user = TELEGRAM_ID_BASE + k + 1
      return post({
        update_id: updateId++,
        message: {
          message_id: k + 1,
          date: Math.floor(Date.now() / 1000),
          from: { id: user, is_bot: false, first_name: 'Bench' },
          chat: { id: user, type: 'private', first_name: 'Bench' },
          text: `/lapor 08:00-09:30 Kegiatan keputusan ${k}`,
          entities: [{ type: 'bot_command', offset: 0, length: 6 }],
        },
      })
    })
    if (report.errors) throw new Error(`${report.errors} reports failed`)
    const cards = await waitOutboxDrained(db.url, 120_000)
    if (cards.open) throw new Error(`${cards.open} cards still undelivered after 120 s`)
    // each activity's card in its supervisor's chat
    const check = await openDatabase(db.url)
    const acts = await check.prisma.activity.findMany({ select: { id: true, employee: { select: { supervisor: { select: { nip: true } } } } } })
    const clicks = acts.map((a) => {
      const sup = TELEGRAM_ID_BASE + tgIndex.get(a.employee.supervisor!.nip)!
      for (const m of tg.messagesTo(sup)) {
        for (const row of m.reply_markup?.inline_keyboard ?? []) {
          for (const b of row) if (b.callback_data?.startsWith(`dc:${a.id}:`) && b.callback_data.endsWith(':ok')) return { sup, messageId: m.message_id, data: b.callback_data }
        }
      }
      throw new Error(`no card with a Setujui button for activity ${a.id}`)
    })
    const t0 = performance.now()
    const result = await closedLoop(clicks.length, opts.concurrency, (i) => {
      const c = clicks[i]!
      const update = tg.userClicks(c.sup, c.messageId, c.data)
      return post(update)
    })
    const drained = await waitOutboxDrained(db.url, 120_000)
    const deliveredSeconds = (performance.now() - t0) / 1000
    const approved = await check.prisma.activity.count({ where: { status: 'DISETUJUI' } })
    const outboxSent = await check.prisma.outbox.count({ where: { status: 'SENT' } })
    const outboxDead = await check.prisma.outbox.count({ where: { status: 'DEAD' } })
    await check.close()
    if (drained.open) throw new Error(`${drained.open} outbox rows still open 120 s after the clicks`)
    return {
      scenario: 'decision-roundtrip',
      database: opts.database,
      decisions: clicks.length,
      concurrency: opts.concurrency,
      cardsDeliveredSeconds: round(cards.ms / 1000, 2),
      clicks: result,
      deliveredSeconds: round(deliveredSeconds, 2),
      approved,
      outboxSent,
      outboxDead,
    }
  } finally {
    await app.stop()
    await tg.close()
    await db.drop()
  }
}
