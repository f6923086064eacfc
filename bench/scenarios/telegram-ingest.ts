// Scenario 1: /lapor one-liners through the real Telegram webhook path (secret check, parse, validate,
// database write with its outbox row, receipt reply to the fake Bot API), against a bare grammY webhook
// bot that only replies, at increasing concurrency, in the same run.
import { startFakeTelegram } from '../../test/helpers/fake-telegram.js'
import { startChild, type Child } from '../lib/child.js'
import { freshDatabase, seedOrg, TELEGRAM_ID_BASE, type DbKind } from '../lib/setup.js'
import { closedLoop, cpuMs, peakRssMiB, round, rssMiB, type LoadResult } from '../lib/stats.js'

const TOKEN = '777000:BENCH-kinerja-token-abcdefghijklmnop'
const SECRET = 'bench_webhook_secret_0123456789'

export interface IngestLevel {
  concurrency: number
  ours: LoadResult
  bare: LoadResult
  ratio: number
  /**
   * CPU ms the app process used per request while the level ran (ours: including the supervisors' cards
   * delivered meanwhile, at the production pace). Much less sensitive to machine noise than throughput.
   */
  cpuMsPerRequest: { ours: number; bare: number }
  /**
   * Group commit (src/domain/report-batch.ts): the reports of one batch share their createdAt, so the
   * stored activities grouped by it give the batches the level's reports were written in.
   */
  batches: { count: number; meanSize: number; maxSize: number }
}

export interface IngestResult {
  scenario: 'telegram-ingest'
  database: DbKind
  employees: number
  levels: IngestLevel[]
  headlineRatio: number
  stored: number
  expected: number
  rss: { idleMiB: number; peakMiB: number; bareIdleMiB: number }
  /** The reports not stored, and why: a person without a supervisor (the top official) may not report. */
  notStored: { index: number; supervisorless: boolean }[]
}

// 25-minute slots from 07:00: one employee never overlaps itself and stays under the day maximum
const slot = (k: number) => {
  const start = 7 * 60 + k * 25
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
  return `${hhmm(start)}-${hhmm(start + 25)}`
}

export async function telegramIngest(opts: { database: DbKind; employees: number; levels: number[]; requestsPerLevel: number }): Promise<IngestResult> {
  const tg = await startFakeTelegram({ token: TOKEN })
  const db = freshDatabase(opts.database, 'ingest')
  const org = await seedOrg(db.url, opts.employees)
  await org.db.close()
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
  }
  const ours = await startChild('bench/servers/app.ts', env)
  const bare = await startChild('bench/servers/bare-telegram.ts', env)
  let updateId = 1
  let sent = 0
  const post = (child: Child, i: number, countsAsReport: boolean) => {
    const who = i % opts.employees
    const k = Math.floor(i / opts.employees)
    const user = TELEGRAM_ID_BASE + who
    const text = `/lapor ${slot(k)} Kegiatan benchmark ${i}`
    const update = {
      update_id: updateId++,
      message: {
        message_id: i + 1,
        date: Math.floor(Date.now() / 1000),
        from: { id: user, is_bot: false, first_name: 'Bench' },
        chat: { id: user, type: 'private', first_name: 'Bench' },
        text,
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      },
    }
    if (countsAsReport) sent++
    return fetch(`http://127.0.0.1:${child.ready.port as number}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(update),
    }).then(async (r) => {
      await r.arrayBuffer()
      return r.ok
    })
  }
  try {
    const idle = await rssMiB(ours.proc.pid!)
    const bareIdle = await rssMiB(bare.proc.pid!)
    const levels: IngestLevel[] = []
    let base = 0
    for (const concurrency of opts.levels) {
      // warm both up, then measure; each report of ours is a new activity (its own employee/slot)
      const cpu0 = await cpuMs(ours.proc.pid!)
      const o = await closedLoop(opts.requestsPerLevel, concurrency, (i) => post(ours, base + i, true))
      const cpu1 = await cpuMs(ours.proc.pid!)
      base += opts.requestsPerLevel
      const bcpu0 = await cpuMs(bare.proc.pid!)
      const b = await closedLoop(opts.requestsPerLevel, concurrency, (i) => post(bare, i, false))
      const bcpu1 = await cpuMs(bare.proc.pid!)
      const cpuMsPerRequest = { ours: round((cpu1 - cpu0) / opts.requestsPerLevel, 2), bare: round((bcpu1 - bcpu0) / opts.requestsPerLevel, 2) }
      levels.push({ concurrency, ours: o, bare: b, ratio: round(o.perSecond / b.perSecond, 2), cpuMsPerRequest, batches: { count: 0, meanSize: 0, maxSize: 0 } })
    }
    const peak = await peakRssMiB(ours.proc.pid!)
    const check = await (await import('../../src/db/client.js')).openDatabase(db.url)
    const stored = await check.prisma.activity.count()
    const rows = await check.prisma.activity.findMany({ select: { description: true, createdAt: true } })
    const at = new Map(rows.map((r) => [Number(/(\d+)$/.exec(r.description)![1]), r.createdAt.getTime()]))
    const notStored: IngestResult['notStored'] = []
    for (let i = 0; i < base; i++) {
      if (at.has(i)) continue
      const account = await check.prisma.chatAccount.findUnique({
        where: { platform_externalId: { platform: 'telegram', externalId: String(TELEGRAM_ID_BASE + (i % opts.employees)) } },
        select: { employee: { select: { supervisorId: true } } },
      })
      notStored.push({ index: i, supervisorless: account?.employee.supervisorId === null })
    }
    levels.forEach((level, n) => {
      const sizes = new Map<number, number>()
      for (let i = n * opts.requestsPerLevel; i < (n + 1) * opts.requestsPerLevel; i++) {
        const t = at.get(i)
        if (t !== undefined) sizes.set(t, (sizes.get(t) ?? 0) + 1)
      }
      const all = [...sizes.values()]
      level.batches = { count: all.length, meanSize: round(all.reduce((a, b) => a + b, 0) / Math.max(1, all.length), 1), maxSize: Math.max(0, ...all) }
    })
    await check.close()
    const best = levels.reduce((a, l) => (l.ours.perSecond > a.ours.perSecond ? l : a), levels[0]!)
    return {
      scenario: 'telegram-ingest',
      database: opts.database,
      employees: opts.employees,
      levels,
      headlineRatio: best.ratio,
      stored,
      expected: sent,
      notStored,
      rss: { idleMiB: idle, peakMiB: peak, bareIdleMiB: bareIdle },
    }
  } finally {
    await ours.stop()
    await bare.stop()
    await tg.close()
    await db.drop()
  }
}
