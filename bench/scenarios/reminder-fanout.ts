// Scenario 4: the afternoon activity reminder to every linked employee (none has reported), through the
// outbox and the dispatcher's rate limiter, against a fake Bot API that enforces the same limit over a
// sliding second (429 with retry_after beyond it). The job is fired in-process with the CLI (`run-job
// activity-reminder --at …`), the running app delivers. Measured from firing until the fake accepted the
// last reminder; every chat is checked for exactly one reminder. Two runs per database: a high limit
// (many sends, the pacing under load) and the production default of 30/s.
import { startFakeTelegram } from '../../test/helpers/fake-telegram.js'
import { runCli } from '../../src/cli/index.js'
import { startChild } from '../lib/child.js'
import { waitUntil } from '../lib/outbox.js'
import { freshDatabase, seedOrg, TELEGRAM_ID_BASE, type DbKind } from '../lib/setup.js'
import { round } from '../lib/stats.js'
import type { Scale } from './index.js'

const TOKEN = '777000:BENCH-kinerja-token-abcdefghijklmnop'
const SECRET = 'bench_webhook_secret_0123456789'
// Wednesday 25 November 2026, 15:30 WITA (UTC+8)
const AT = '2026-11-25T07:30:00Z'

export interface FanoutResult {
  scenario: 'reminder-fanout'
  database: DbKind
  employees: number
  limitPerSecond: number
  expected: number
  enqueueSeconds: number
  seconds: number
  /** Accepted sends − 1 ÷ seconds from the first accepted send to the last (the limiter's pace). */
  achievedPerSecond: number
  /** achievedPerSecond ÷ limitPerSecond. */
  ofLimit: number
  /** The most sends the fake accepted in any sliding second (what its limiter compares with the limit). */
  peakPerSecond: number
  /** From firing the job (includes the job's own query and enqueue). */
  endToEndPerSecond: number
  /** run-job attempts until it succeeded (1 = no retry). */
  jobAttempts: number
  rateLimited: number
  lost: number
  duplicated: number
}

export async function reminderFanout(opts: { database: DbKind; employees: number; limitPerSecond: number; env?: Record<string, string> }): Promise<FanoutResult> {
  const tg = await startFakeTelegram({ token: TOKEN })
  tg.setRateLimit({ perSecond: opts.limitPerSecond })
  const db = freshDatabase(opts.database, 'fanout')
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
    TELEGRAM_RATE_PER_SEC: String(opts.limitPerSecond),
    ...opts.env,
  }
  const app = await startChild('bench/servers/app.ts', env)
  // everyone with a supervisor is due (all but the Sekda); chats are TELEGRAM_ID_BASE + index
  const due = org.employees.map((e, i) => ({ chat: TELEGRAM_ID_BASE + i, due: e.supervisorNip !== null })).filter((p) => p.due)
  const sends = () => tg.calls.filter((c) => c.method === 'sendMessage' && c.result !== undefined)
  try {
    const t0 = performance.now()
    let out = ''
    let err = ''
    // a manual run is safe to repeat (keyed sends); the attempts are counted, and must stay 1 (on SQLite a
    // job's transaction used to fail with SQLITE_BUSY_SNAPSHOT while the running app wrote)
    let code = 1
    let jobAttempts = 0
    while (code !== 0 && jobAttempts < 5) {
      jobAttempts++
      code = await runCli(['run-job', 'activity-reminder', '--at', AT], { env: { ...process.env, ...env }, stdout: (s) => (out += s), stderr: (s) => (err = s) })
    }
    if (code !== 0) throw new Error(`run-job failed (${code}) ${jobAttempts} times: ${err.slice(0, 300)}`)
    const enqueueSeconds = (performance.now() - t0) / 1000
    let delivered = 0
    await waitUntil(() => (delivered = sends().length) >= due.length, 600_000, 50)
    const seconds = (performance.now() - t0) / 1000
    // a moment more to catch anything sent twice
    await new Promise((r) => setTimeout(r, 1500))
    const ok = sends()
    const times = ok.map((c) => c.at).sort((a, b) => a - b)
    const span = Math.max(0.001, (times.at(-1)! - times[0]!) / 1000)
    let lost = 0
    let duplicated = 0
    for (const p of due) {
      const n = tg.messagesTo(p.chat).length
      if (n === 0) lost++
      if (n > 1) duplicated += n - 1
    }
    const achieved = (ok.length - 1) / span
    let peak = 0
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 1000) j++
      peak = Math.max(peak, i - j + 1)
    }
    return {
      scenario: 'reminder-fanout',
      database: opts.database,
      employees: opts.employees,
      limitPerSecond: opts.limitPerSecond,
      expected: due.length,
      enqueueSeconds: round(enqueueSeconds, 2),
      seconds: round(seconds, 2),
      achievedPerSecond: round(achieved),
      ofLimit: round(achieved / opts.limitPerSecond, 2),
      peakPerSecond: peak,
      endToEndPerSecond: round(delivered / seconds),
      jobAttempts,
      rateLimited: tg.rateLimited,
      lost,
      duplicated,
    }
  } finally {
    await app.stop()
    await tg.close()
    await db.drop()
  }
}

/**
 * Sizes of the two runs: the 10,000 reminders at 150/s, and the production limit of 30/s;
 * ~95 s per database in the full run (the sending alone: 70 s + 15 s).
 */
export const FANOUT_RUNS: Record<Scale, { employees: number; limitPerSecond: number }[]> = {
  quick: [
    { employees: 600, limitPerSecond: 100 },
    { employees: 150, limitPerSecond: 30 },
  ],
  full: [
    { employees: 10_000, limitPerSecond: 150 },
    { employees: 450, limitPerSecond: 30 },
  ],
}

export interface FanoutRuns {
  scenario: 'reminder-fanout'
  database: DbKind
  runs: FanoutResult[]
}

export async function reminderFanoutRuns(opts: { database: DbKind; scale: Scale }): Promise<FanoutRuns> {
  const runs: FanoutResult[] = []
  for (const run of FANOUT_RUNS[opts.scale]) runs.push(await reminderFanout({ database: opts.database, ...run }))
  return { scenario: 'reminder-fanout', database: opts.database, runs }
}

export const summarizeFanout = (r: FanoutRuns): string[] =>
  r.runs.map(
    (f) =>
      `${f.expected} reminders at limit ${f.limitPerSecond}/s: ${f.achievedPerSecond}/s = ${f.ofLimit} of the limit (goal 0.9), busiest second ${f.peakPerSecond}; job enqueued in ${f.enqueueSeconds} s, last accepted ${f.seconds} s after firing (${f.endToEndPerSecond}/s end to end); run-job attempts ${f.jobAttempts}; 429s ${f.rateLimited}, lost ${f.lost}, duplicated ${f.duplicated}`,
  )
