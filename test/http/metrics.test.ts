import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { startApp } from '../../src/app.js'
import { people, startHarness, TOKEN, type Harness } from '../helpers/app.js'
import { onPostgres } from '../helpers/db.js'
import type { Update } from '../helpers/fake-telegram.js'
import { slackPeople, startSlackHarness } from '../helpers/slack-harness.js'
import { eventually } from '../helpers/wait.js'
import { employeeId, link, wita } from '../scheduler/helpers.js'

const { andi, kabid, ahmad } = people
const SECRET = 'webhook_secret_0123456789'

/** The /metrics text of an app. */
async function scrape(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`)
  expect(res.status).toBe(200)
  return res.text()
}

/** The value of the one series of `name` whose labels include `labels`, or undefined when it is not exported. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const found = text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} series:\n${found.join('\n')}`)
  return found[0] === undefined ? undefined : Number(found[0].slice(found[0].lastIndexOf(' ') + 1))
}

const helpOf = (text: string, name: string) => text.split('\n').find((l) => l.startsWith(`# HELP ${name} `)) ?? ''

/** Scrapes until `name{labels}` has the value: counters are bumped just after the effect a test waits for. */
const metricReaches = (h: Harness, name: string, labels: Record<string, string>, value: number) =>
  eventually(async () => sample(await scrape(h.app.port), name, labels) === value, { label: `${name} ${JSON.stringify(labels)} = ${value}` })

describe('/metrics', () => {
  it('counts updates by outcome (a redelivered update is a duplicate) and times every one of them', async () => {
    const h = await startHarness({ env: { TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: SECRET, PUBLIC_URL: 'https://kinerja.example.go.id' } })
    const deliver = async (update: Update) => expect((await h.tg.postUpdate(`http://127.0.0.1:${h.app.port}/telegram/webhook`, update, SECRET)).status).toBe(200)
    await deliver(h.tg.userSends(kabid.telegram, '/start'))
    const report = h.tg.userSends(andi.telegram, '/lapor 08:00-09:00 Rapat koordinasi')
    await deliver(report)
    // Telegram delivers the same update again (no answer in time), here or to another instance
    await deliver(report)
    await metricReaches(h, 'kinerja_updates_total', { platform: 'telegram', outcome: 'duplicate' }, 1)

    const text = await scrape(h.app.port)
    expect(sample(text, 'kinerja_updates_total', { platform: 'telegram', outcome: 'handled' })).toBe(2)
    expect(sample(text, 'kinerja_handler_duration_seconds_count', { platform: 'telegram' })).toBe(3)
    expect(sample(text, 'kinerja_updates_total', { platform: 'telegram', outcome: 'failed' })).toBeUndefined()
    expect(await h.app.db.prisma.activity.count()).toBe(1)
  })

  it('counts a Slack event delivered twice (same event_id) as handled once and a duplicate once', async () => {
    const h = await startSlackHarness({ telegram: false })
    expect((await h.req.dm(slackPeople.ahmad.id, '08:00-09:00 Menyusun laporan', { eventId: 'Ev0METRIC1' })).status).toBe(200)
    expect((await h.req.dm(slackPeople.ahmad.id, '08:00-09:00 Menyusun laporan', { eventId: 'Ev0METRIC1', retryNum: 1 })).status).toBe(200)
    await metricReaches(h, 'kinerja_updates_total', { platform: 'slack', outcome: 'duplicate' }, 1)
    await metricReaches(h, 'kinerja_updates_total', { platform: 'slack', outcome: 'handled' }, 1)
    expect(sample(await scrape(h.app.port), 'kinerja_handler_duration_seconds_count', { platform: 'slack' })).toBe(2)
  })

  it('exports the outbox depth of every status (0 included) and, per waiting status, the age of its oldest row', async () => {
    const h = await startHarness()
    const empty = await scrape(h.app.port)
    for (const status of ['PENDING', 'SENDING', 'HELD', 'DEAD']) expect(sample(empty, 'kinerja_outbox_depth', { status })).toBe(0)
    for (const status of ['PENDING', 'SENDING', 'HELD']) expect(sample(empty, 'kinerja_outbox_oldest_pending_seconds', { status })).toBe(0)

    // rows the dispatcher leaves alone: not due yet, leased elsewhere, recipient never linked, given up
    const now = h.clock.now().getTime()
    const ago = (s: number) => new Date(now - s * 1000)
    const later = new Date(now + 3_600_000)
    const kabidId = await employeeId(h, kabid.nip)
    const row = (status: string, createdAt: Date, extra: Record<string, unknown> = {}) => ({
      recipientId: kabidId,
      kind: 'text',
      payload: JSON.stringify({ kind: 'text', text: 'x' }),
      status,
      createdAt,
      nextAttemptAt: later,
      ...extra,
    })
    await h.app.db.prisma.outbox.createMany({
      data: [
        // the oldest PENDING row is the one due last: the age is by creation, not by the next attempt
        row('PENDING', ago(600), { nextAttemptAt: new Date(now + 7_200_000) }),
        row('PENDING', ago(60)),
        row('PENDING', ago(30)),
        row('SENDING', ago(90), { lockedBy: 'elsewhere', lockedUntil: later }),
        row('HELD', ago(86_400), { recipientId: await employeeId(h, ahmad.nip) }),
        row('DEAD', ago(5)),
        row('DEAD', ago(7)),
        row('SENT', ago(999_999)),
      ],
    })
    const text = await scrape(h.app.port)
    expect(sample(text, 'kinerja_outbox_depth', { status: 'PENDING' })).toBe(3)
    expect(sample(text, 'kinerja_outbox_depth', { status: 'SENDING' })).toBe(1)
    expect(sample(text, 'kinerja_outbox_depth', { status: 'HELD' })).toBe(1)
    expect(sample(text, 'kinerja_outbox_depth', { status: 'DEAD' })).toBe(2)
    expect(sample(text, 'kinerja_outbox_depth', { status: 'SENT' })).toBeUndefined()
    expect(sample(text, 'kinerja_outbox_oldest_pending_seconds', { status: 'PENDING' })).toBe(600)
    expect(sample(text, 'kinerja_outbox_oldest_pending_seconds', { status: 'SENDING' })).toBe(90)
    expect(sample(text, 'kinerja_outbox_oldest_pending_seconds', { status: 'HELD' })).toBe(86_400)

    // a status that empties goes back to 0 instead of keeping its last value or vanishing
    await h.app.db.prisma.outbox.deleteMany({ where: { status: 'DEAD' } })
    expect(sample(await scrape(h.app.port), 'kinerja_outbox_depth', { status: 'DEAD' })).toBe(0)
  })

  it('counts job runs with the outcomes the help text names', async () => {
    const h = await startHarness({ at: wita('2026-11-27T23:00').toISOString() })
    const friday = h.clock.now()
    const saturday = wita('2026-11-28T10:00')
    expect(await h.app.scheduler.run('housekeeping', friday, 'cron')).toMatchObject({ status: 'done' })
    expect(await h.app.scheduler.run('housekeeping', friday, 'cron')).toMatchObject({ status: 'already_ran' })
    expect(await h.app.scheduler.run('housekeeping', saturday, 'catchup')).toMatchObject({ status: 'done' })
    expect(await h.app.scheduler.run('escalation', saturday, 'cron')).toMatchObject({ status: 'not_due' })

    const text = await scrape(h.app.port)
    const runs = (job: string, outcome: string) => sample(text, 'kinerja_job_runs_total', { job, outcome })
    expect(runs('housekeeping', 'ran')).toBe(1)
    expect(runs('housekeeping', 'already_ran')).toBe(1)
    expect(runs('housekeeping', 'late')).toBe(1)
    expect(runs('escalation', 'not_due')).toBe(1)
    for (const outcome of ['ran', 'late', 'not_due', 'already_ran', 'running_elsewhere', 'failed']) expect(helpOf(text, 'kinerja_job_runs_total')).toContain(outcome)
  })

  it('counts failed sends: a 5xx is retried, a refusal is given up on', async () => {
    const h = await startHarness({ at: wita('2026-11-27T15:30').toISOString() })
    await link(h, kabid.telegram)
    // the dispatcher's sends only: nothing else talks to Telegram while the reminder goes out
    h.tg.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' })
    expect(await h.app.scheduler.run('activity-reminder', h.clock.now(), 'cron')).toMatchObject({ status: 'done', result: { enqueued: 1 } })
    await metricReaches(h, 'kinerja_outbox_sends_total', { platform: 'telegram', outcome: 'retry' }, 1)
    expect(sample(await scrape(h.app.port), 'kinerja_outbox_depth', { status: 'PENDING' })).toBe(1)

    h.tg.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' })
    h.clock.set(new Date(h.clock.now().getTime() + 60_000)) // past the retry's backoff
    await metricReaches(h, 'kinerja_outbox_sends_total', { platform: 'telegram', outcome: 'dead' }, 1)
    const text = await scrape(h.app.port)
    expect(sample(text, 'kinerja_outbox_sends_total', { platform: 'telegram', outcome: 'sent' })).toBeUndefined()
    expect(sample(text, 'kinerja_outbox_depth', { status: 'DEAD' })).toBe(1)
    expect(sample(text, 'kinerja_outbox_depth', { status: 'PENDING' })).toBe(0)
    expect(helpOf(text, 'kinerja_outbox_sends_total')).toMatch(/sent.*retry.*rate_limited.*dead/)
    expect(helpOf(text, 'kinerja_outbox_sends_total')).not.toMatch(/held|skipped/)
    expect(helpOf(text, 'kinerja_updates_total')).not.toMatch(/rejected/)
  })

  it('exports every leader role from the start: 1 where held, 0 elsewhere (a standby instance included)', async () => {
    const h = await startHarness({ env: { SCHEDULER_ENABLED: 'true' } })
    await metricReaches(h, 'kinerja_leader', { role: 'scheduler' }, 1)
    const text = await scrape(h.app.port)
    for (const role of ['telegram-poller', 'dispatcher']) expect(sample(text, 'kinerja_leader', { role })).toBe(1)

    const webhook = await startHarness({ env: { TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: SECRET, PUBLIC_URL: 'https://kinerja.example.go.id' } })
    const single = await scrape(webhook.app.port)
    // never a poller in webhook mode, no scheduler when it is off: still a series, at 0
    expect(sample(single, 'kinerja_leader', { role: 'telegram-poller' })).toBe(0)
    expect(sample(single, 'kinerja_leader', { role: 'scheduler' })).toBe(0)
    expect(sample(single, 'kinerja_leader', { role: 'dispatcher' })).toBe(1)

    if (!onPostgres()) return
    // a second instance on the same PostgreSQL waits for the roles the first one holds
    const standby = await startApp(
      {
        DATABASE_URL: h.databaseUrl,
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: h.tg.url,
        PORT: '0',
        HOST: '127.0.0.1',
        INSTANCE_ID: 'standby',
        SCHEDULER_ENABLED: 'true',
        LOG_LEVEL: 'warn',
      },
      { clock: h.clock, logDestination: new Writable({ write: (_chunk, _enc, cb) => cb() }) },
    )
    try {
      expect(standby.roles()).toEqual([])
      const text = await scrape(standby.port)
      for (const role of ['telegram-poller', 'dispatcher', 'scheduler']) expect(sample(text, 'kinerja_leader', { role })).toBe(0)
    } finally {
      await standby.stop()
    }
  })
})

describe('who may read /metrics', () => {
  const get = (port: number, headers: Record<string, string> = {}) => fetch(`http://127.0.0.1:${port}/metrics`, { headers })

  it('without METRICS_TOKEN: this machine only; a request passed on by a reverse proxy is refused', async () => {
    const h = await startHarness()
    expect((await get(h.app.port)).status).toBe(200)
    const proxied: Record<string, string>[] = [{ 'x-forwarded-for': '203.0.113.9' }, { forwarded: 'for=203.0.113.9' }, { 'x-real-ip': '203.0.113.9' }]
    for (const headers of proxied) {
      const res = await get(h.app.port, headers)
      expect(res.status).toBe(403)
      expect(await res.text()).not.toMatch(/kinerja_/)
    }
  })

  it('with METRICS_TOKEN: the bearer token and nothing else, also from this machine', async () => {
    const token = 'scrape-token-0123456789abcdef'
    const h = await startHarness({ env: { METRICS_TOKEN: token } })
    const none = await get(h.app.port)
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect((await get(h.app.port, { authorization: 'Bearer scrape-token-0123456789abcdeX' })).status).toBe(401)
    expect((await get(h.app.port, { authorization: `Basic ${token}` })).status).toBe(401)
    const ok = await get(h.app.port, { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' })
    expect(ok.status).toBe(200)
    expect(await ok.text()).toMatch(/kinerja_/)
    expect(h.logs.join('')).not.toContain(token)
  })
})
