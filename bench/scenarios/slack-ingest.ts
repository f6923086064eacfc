// Scenario 2: `/kinerja lapor <one line>` slash commands, form-encoded and signed as Slack signs them,
// through the real app in HTTP mode (bolt receiver, ack, parse, validate, database write with its outbox
// row, receipt via chat.postMessage to the fake Web API) against a bare bolt app that acks and posts.
// Two numbers per level: the HTTP answer (the ack: bolt answers before the work is done) and the time
// until the fake received every receipt (the work itself), which gives the throughput.
import { startFakeSlack, type FakeSlack } from '../../test/helpers/fake-slack.js'
import { slackRequests } from '../../test/helpers/slack-requests.js'
import { startChild, type Child } from '../lib/child.js'
import { waitUntil } from '../lib/outbox.js'
import { freshDatabase, seedOrg, type DbKind } from '../lib/setup.js'
import { closedLoop, peakRssMiB, round, rssMiB, type LoadResult } from '../lib/stats.js'

const TOKEN = 'xoxb-0000000001-kinerja-bench-token'
const SECRET = '8f14e45fceea167a5a36dedd4bea2543'

export interface SlackSide {
  http: LoadResult
  /** Commands ÷ seconds from the first request until the fake received the last receipt. */
  completedPerSecond: number
  completedSeconds: number
  receipts: number
}

export interface SlackIngestLevel {
  concurrency: number
  ours: SlackSide
  bare: SlackSide
  ratio: number
  httpRatio: number
}

export interface SlackIngestResult {
  scenario: 'slack-ingest'
  database: DbKind
  employees: number
  levels: SlackIngestLevel[]
  headlineRatio: number
  stored: number
  expected: number
  rss: { idleMiB: number; peakMiB: number; bareIdleMiB: number }
}

const slot = (k: number) => {
  const start = 7 * 60 + k * 25
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
  return `${hhmm(start)}-${hhmm(start + 25)}`
}
const userId = (i: number) => `U${String(i).padStart(9, '0')}`

export async function slackIngest(opts: { database: DbKind; employees: number; levels: number[]; requestsPerLevel: number }): Promise<SlackIngestResult> {
  const slack: FakeSlack = await startFakeSlack({ token: TOKEN })
  const db = freshDatabase(opts.database, 'slack')
  const org = await seedOrg(db.url, opts.employees)
  // Slack accounts instead of the Telegram ones seedOrg made (user U…, DM channel D…)
  const ids = new Map((await org.db.prisma.employee.findMany({ select: { id: true, nip: true } })).map((e) => [e.nip, e.id]))
  await org.db.prisma.chatAccount.deleteMany({})
  const rows = org.employees.map((e, i) => ({ employeeId: ids.get(e.nip)!, platform: 'slack', externalId: userId(i), vouchedBy: 'code', chatId: slack.dmChannel(userId(i)), linkedAt: new Date(), lastSeenAt: new Date() }))
  for (let i = 0; i < rows.length; i += 5000) await org.db.prisma.chatAccount.createMany({ data: rows.slice(i, i + 5000) })
  await org.db.close()
  const env = {
    DATABASE_URL: db.url,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.url,
    TELEGRAM_BOT_TOKEN: '',
    PUBLIC_URL: 'https://bench.invalid',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SCHEDULER_ENABLED: 'false',
  }
  let ours: Child | undefined
  let bare: Child | undefined
  try {
    ours = await startChild('bench/servers/app.ts', env)
    bare = await startChild('bench/servers/bare-slack.ts', env)
    return await measure(ours, bare)
  } finally {
    await ours?.stop()
    await bare?.stop()
    await slack.close()
    await db.drop()
  }

  async function measure(ours: Child, bare: Child): Promise<SlackIngestResult> {
  const reqOf = (child: Child) => slackRequests(slack, { appUrl: () => `http://127.0.0.1:${child.ready.port as number}`, secret: SECRET })
  const oursReq = reqOf(ours)
  const bareReq = reqOf(bare)
  // receipts only: the supervisors' cards also go out through chat.postMessage (the outbox)
  const RECEIPT = /terkirim ke atasan|Laporan diterima/
  const posts = () => slack.callsOf('chat.postMessage').filter((c) => RECEIPT.test(String(c.params.text ?? ''))).length
  let sent = 0
  const side = async (concurrency: number, send: (i: number) => Promise<boolean>): Promise<SlackSide> => {
    const before = posts()
    const t0 = performance.now()
    const http = await closedLoop(opts.requestsPerLevel, concurrency, send)
    await waitUntil(() => posts() - before >= opts.requestsPerLevel, 30_000)
    const seconds = (performance.now() - t0) / 1000
    const receipts = posts() - before
    return { http, completedPerSecond: round(receipts / seconds), completedSeconds: round(seconds, 2), receipts }
  }
  {
    const idle = await rssMiB(ours.proc.pid!)
    const bareIdle = await rssMiB(bare.proc.pid!)
    const levels: SlackIngestLevel[] = []
    let base = 0
    for (const concurrency of opts.levels) {
      const b0 = base
      const o = await side(concurrency, async (i) => {
        const n = b0 + i
        sent++
        // index 0 is the Sekda: no supervisor, so no report (refused, as it should be)
        const r = await oursReq.command(userId(1 + (n % (opts.employees - 1))), `lapor ${slot(Math.floor(n / (opts.employees - 1)))} Kegiatan benchmark ${n}`)
        return r.status === 200
      })
      base += opts.requestsPerLevel
      const b = await side(concurrency, async (i) => (await bareReq.command(userId(i % opts.employees), `lapor ${slot(0)} Kegiatan ${i}`)).status === 200)
      levels.push({ concurrency, ours: o, bare: b, ratio: round(o.completedPerSecond / b.completedPerSecond, 2), httpRatio: round(o.http.perSecond / b.http.perSecond, 2) })
    }
    const peak = await peakRssMiB(ours.proc.pid!)
    const check = await (await import('../../src/db/client.js')).openDatabase(db.url)
    const stored = await check.prisma.activity.count()
    await check.close()
    const best = levels.reduce((a, l) => (l.ours.completedPerSecond > a.ours.completedPerSecond ? l : a), levels[0]!)
    return { scenario: 'slack-ingest', database: opts.database, employees: opts.employees, levels, headlineRatio: best.ratio, stored, expected: sent, rss: { idleMiB: idle, peakMiB: peak, bareIdleMiB: bareIdle } }
  }
}
}
