import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/index.js'
import { startAppProcess, type AppProcess } from '../helpers/app-process.js'
import { FIXTURES, people, TOKEN } from '../helpers/app.js'
import { onPostgres, tempDatabaseUrl } from '../helpers/db.js'
import { startFakeTelegram, type FakeTelegram, type Update } from '../helpers/fake-telegram.js'
import { eventually } from '../helpers/wait.js'
import { startFakeSlack, textOf } from '../helpers/fake-slack.js'
import { SLACK_SECRET, SLACK_TOKEN, slackPeople } from '../helpers/slack-harness.js'
import { slackRequests } from '../helpers/slack-requests.js'
import { openDatabase } from '../../src/db/client.js'

const SECRET = 'cluster_webhook_secret_0123'
const procs: AppProcess[] = []
const fakes: FakeTelegram[] = []

afterEach(async () => {
  await Promise.all(procs.splice(0).map((p) => p.kill()))
  await Promise.all(fakes.splice(0).map((f) => f.close()))
})

async function cluster(n: number, env: Record<string, string>, beforeStart?: (url: string) => Promise<void>) {
  const tg = await startFakeTelegram({ token: TOKEN })
  fakes.push(tg)
  const url = tempDatabaseUrl()
  const io = { env: { DATABASE_URL: url }, stdout: () => {}, stderr: (s: string) => process.stderr.write(s) }
  expect(await runCli(['import-org', '--create', path.join(FIXTURES, 'kendari-units.csv'), path.join(FIXTURES, 'kendari-employees.csv')], io)).toBe(0)
  await beforeStart?.(url)
  const base = {
    DATABASE_URL: url,
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: tg.url,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    LOG_PRETTY: 'false',
    SCHEDULER_ENABLED: 'false',
    OUTBOX_POLL_MS: '100',
    OUTBOX_LEASE_SECONDS: '5',
    LEADER_RETRY_MS: '300',
    TELEGRAM_CHAT_INTERVAL_MS: '0',
    ...env,
  }
  const apps: AppProcess[] = []
  for (let i = 0; i < n; i++) {
    const p = await startAppProcess({ ...base, INSTANCE_ID: `node-${i + 1}` })
    procs.push(p)
    apps.push(p)
  }
  const db = await openDatabase(url)
  return { tg, url, apps, db, base }
}

async function roles(app: AppProcess): Promise<string[]> {
  const r = await fetch(`http://127.0.0.1:${app.port}/healthz`)
  return ((await r.json()) as { roles: string[] }).roles
}

const withTelegram = [people.andi, people.salmiah, people.kabid, people.kaban]

describe.skipIf(!onPostgres())('several instances on one PostgreSQL', () => {
  it('webhook updates spread over three instances, duplicates across instances, concurrent job runs, and a leader killed mid-dispatch', async () => {
    const { tg, apps, db, url } = await cluster(3, { TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: SECRET, PUBLIC_URL: 'https://kinerja.example.go.id' })
    const hook = (i: number) => `http://127.0.0.1:${apps[i % apps.length]!.port}/telegram/webhook`

    // link everyone and report: each update to one instance, every third one also to a second instance
    const updates: Update[] = []
    for (const p of withTelegram) updates.push(tg.userSends(p.telegram, '/start'))
    const reporters = [people.andi, people.salmiah]
    for (const [k, p] of reporters.entries()) {
      for (let j = 0; j < 4; j++) updates.push(tg.userSends(p.telegram, `/lapor kemarin ${8 + j}:00-${8 + j}:30 Kegiatan ${k}-${j}`))
    }
    for (const [i, u] of updates.entries()) {
      expect((await tg.postUpdate(hook(i), u, SECRET)).status).toBe(200)
      if (i % 3 === 0) expect((await tg.postUpdate(hook(i + 1), u, SECRET)).status).toBe(200)
    }
    expect(await db.prisma.activity.count()).toBe(8)
    for (const p of reporters) expect(tg.messagesTo(p.telegram).filter((m) => /terkirim ke atasan/.test(m.text))).toHaveLength(4)
    await eventually(() => tg.messagesTo(people.kabid.telegram).filter((m) => /menunggu persetujuan/.test(m.text)).length === 8, { label: '8 cards', timeoutMs: 15_000 })

    // exactly one instance dispatches (cluster-wide rate limits), and it is named in /healthz
    const leaders = (await Promise.all(apps.map(roles))).map((r, i) => (r.includes('dispatcher') ? i : -1)).filter((i) => i >= 0)
    expect(leaders).toHaveLength(1)

    // a job window: all three try to run the activity reminder and the weekly digest at once (Monday)
    const runJob = (job: string, at: string) =>
      runCli(['run-job', job, '--at', at], { env: { DATABASE_URL: url, TZ_DEFAULT: 'Asia/Makassar' }, stdout: () => {}, stderr: () => {} })
    // nothing in flight before the window: what is sent from here on is held at the platform
    await eventually(async () => (await db.prisma.outbox.count({ where: { status: { in: ['PENDING', 'SENDING'] } } })) === 0, { label: 'idle outbox' })
    tg.holdSends()
    const codes = await Promise.all([0, 1, 2].flatMap(() => [runJob('activity-reminder', '2026-11-30T07:30:00Z'), runJob('weekly-digest', '2026-11-29T23:30:00Z')]))
    expect(codes).toEqual([0, 0, 0, 0, 0, 0])
    const scheduled = await db.prisma.outbox.count({ where: { dedupeKey: { not: null } } })
    expect(scheduled).toBeGreaterThan(0)

    // the dispatching instance dies with requests in flight; another takes over after the lease
    await eventually(() => tg.heldSends() > 0, { label: 'sends in flight' })
    const leader = apps[leaders[0]!]!
    await leader.kill()
    // the platform never accepted what the dead instance had in flight (outside the at-least-once window)
    await eventually(() => tg.heldSends() === 0, { label: 'held requests dropped' })
    tg.releaseSends()
    const survivors = apps.filter((a) => a !== leader)
    await eventually(async () => (await Promise.all(survivors.map(roles))).some((r) => r.includes('dispatcher')), { label: 'new dispatcher', timeoutMs: 10_000 })
    await eventually(async () => (await db.prisma.outbox.count({ where: { status: { in: ['PENDING', 'SENDING'] } } })) === 0, { label: 'outbox drained', timeoutMs: 30_000 })

    // every outbox row reached the platform exactly once
    const rows = await db.prisma.outbox.findMany({ where: { replacesId: null }, select: { id: true, status: true, chatId: true, platformMessageId: true } })
    expect(rows.filter((r) => r.status !== 'SENT' && r.status !== 'HELD')).toEqual([])
    const sendCalls = tg.calls.filter((c) => /^send(Message|Photo|Document)$/.test(c.method) && !c.error)
    const texts = (re: RegExp) => sendCalls.filter((c) => re.test(String(c.params.text ?? c.params.caption ?? ''))).map((c) => String(c.params.chat_id))
    const reminderChats = texts(/Pengingat laporan kegiatan/)
    const digestChats = texts(/Ringkasan kinerja mingguan/)
    expect(reminderChats.length).toBeGreaterThan(0)
    expect(digestChats.length).toBeGreaterThan(0)
    expect(new Set(reminderChats).size).toBe(reminderChats.length)
    expect(new Set(digestChats).size).toBe(digestChats.length)
    expect(reminderChats.length + digestChats.length).toBe(
      await db.prisma.outbox.count({ where: { status: 'SENT', kind: { in: ['activity_reminder', 'leader_digest'] } } }),
    )
    const sentRows = rows.filter((r) => r.status === 'SENT')
    expect(sentRows.length).toBeGreaterThanOrEqual(scheduled)
    // receipts are direct replies; cards, notices, reminders and digests went through the outbox once each
    expect(tg.messagesTo(people.kabid.telegram).filter((m) => /menunggu persetujuan/.test(m.text))).toHaveLength(8)
    await db.close()
  }, 90_000)

  it('only one instance long-polls; when it dies another takes over and no update is lost', async () => {
    // the default claim lease (30 s): an update the dead poller had not marked finished is taken over by
    // the new poller at once, not after the lease
    const { tg, apps, db } = await cluster(2, { TELEGRAM_MODE: 'polling' })
    // Andi's supervisor opened the bot before (set up in the database): his receipts say "terkirim ke atasan"
    const opened = new Date()
    const kabidTg = String(people.kabid.telegram)
    await db.prisma.chatAccount.update({ where: { platform_externalId: { platform: 'telegram', externalId: kabidTg } }, data: { chatId: kabidTg, linkedAt: opened, lastSeenAt: opened } })
    const pollers = async () => (await Promise.all(apps.map((a) => (a.proc.exitCode === null && a.proc.signalCode === null ? roles(a) : Promise.resolve([] as string[]))))).map((r, i) => (r.includes('telegram-poller') ? i : -1)).filter((i) => i >= 0)
    await eventually(async () => (await pollers()).length === 1, { label: 'one poller' })
    const first = (await pollers())[0]!
    tg.userSends(people.andi.telegram, '/lapor kemarin 08:00-09:00 Sebelum failover')
    await tg.waitForMessageTo(people.andi.telegram, /terkirim ke atasan/, { timeoutMs: 10_000 })

    await apps[first]!.kill()
    // sent while nobody polls: kept by Telegram, handled after the takeover
    tg.userSends(people.andi.telegram, '/lapor kemarin 10:00-11:00 Selama failover')
    await eventually(async () => (await pollers()).length === 1, { label: 'takeover', timeoutMs: 10_000 })
    await tg.waitFor(() => tg.messagesTo(people.andi.telegram).filter((m) => /terkirim ke atasan/.test(m.text)).length === 2, { timeoutMs: 15_000 })
    expect((await db.prisma.activity.findMany({ orderBy: { id: 'asc' } })).map((a) => a.description)).toEqual(['Sebelum failover', 'Selama failover'])
    const conflicts = tg.calls.filter((c) => c.method === 'getUpdates' && c.error?.error_code === 409)
    expect(conflicts).toHaveLength(0)
    await db.close()
  }, 60_000)

  it('every instance runs the scheduler wiring, one holds the role: a job fires once per period, also after the holder dies', async () => {
    // the weekly digest fires every second on every instance's cron; all firings belong to one period
    const kaban = people.kaban.telegram
    const linkKaban = async (url: string) => {
      const db = await openDatabase(url)
      const { id } = await db.prisma.employee.findUniqueOrThrow({ where: { nip: people.kaban.nip }, select: { id: true } })
      await db.prisma.chatAccount.upsert({
        where: { platform_externalId: { platform: 'telegram', externalId: String(kaban) } },
        create: { employeeId: id, platform: 'telegram', externalId: String(kaban), vouchedBy: 'import', chatId: String(kaban), linkedAt: new Date(), lastSeenAt: new Date() },
        update: { chatId: String(kaban), linkedAt: new Date(), lastSeenAt: new Date() },
      })
      await db.close()
    }
    const { tg, apps, db } = await cluster(
      3,
      { TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: SECRET, PUBLIC_URL: 'https://kinerja.example.go.id', SCHEDULER_ENABLED: 'true', CRON_WEEKLY_DIGEST: '* * * * * *' },
      linkKaban,
    )
    await tg.waitFor(() => tg.calls.some((c) => c.method === 'sendPhoto' && !c.error && String(c.params.chat_id) === String(kaban)), { timeoutMs: 15_000 })
    const holders = async (list: AppProcess[]) => (await Promise.all(list.map(roles))).map((r, i) => (r.includes('scheduler') ? i : -1)).filter((i) => i >= 0)
    const held = await holders(apps)
    expect(held).toHaveLength(1)
    await new Promise((r) => setTimeout(r, 2500)) // more firings of the same period

    // the holder dies; another instance takes the role, catches up and fires, and finds the period done
    const holder = apps[held[0]!]!
    await holder.kill()
    const survivors = apps.filter((a) => a !== holder)
    await eventually(async () => (await holders(survivors)).length === 1, { label: 'new scheduler', timeoutMs: 10_000 })
    await new Promise((r) => setTimeout(r, 2500))
    expect(await db.prisma.jobRun.count({ where: { job: 'weekly-digest' } })).toBe(1)
    expect(await db.prisma.outbox.count({ where: { kind: 'leader_digest' } })).toBe(1)
    expect(tg.calls.filter((c) => c.method === 'sendPhoto' && !c.error && String(c.params.chat_id) === String(kaban))).toHaveLength(1)
    await db.close()
  }, 60_000)

  it('Slack in HTTP mode behind a load balancer: events and commands to any instance, the same event to two at once has one effect', async () => {
    const slack = await startFakeSlack({ token: SLACK_TOKEN })
    const { apps, db } = await cluster(2, {
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      PUBLIC_URL: 'https://kinerja.example.go.id',
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_API_URL: slack.url,
    })
    try {
      const at = (i: number) => slackRequests(slack, { appUrl: () => `http://127.0.0.1:${apps[i % apps.length]!.port}`, secret: SLACK_SECRET })
      const ahmad = slackPeople.ahmad.id
      // direct messages: each event delivered to both instances at once (a retry racing the original)
      for (let j = 0; j < 3; j++) {
        const eventId = `EvCLUSTER${j}`
        const both = await Promise.all([0, 1].map((i) => at(i).dm(ahmad, `lapor kemarin ${8 + j}:00-${8 + j}:30 Kegiatan DM ${j}`, { eventId, ...(i === 1 ? { retryNum: 1 } : {}) })))
        expect(both.map((r) => r.status)).toEqual([200, 200])
      }
      // slash commands spread over the instances (Slack never retries those)
      for (let j = 0; j < 2; j++) expect((await at(j).command(ahmad, `lapor kemarin ${13 + j}:00-${13 + j}:30 Kegiatan perintah ${j}`)).status).toBe(200)
      await slack.waitFor(() => slack.messagesIn(slack.dmChannel(ahmad)).filter((m) => /terkirim ke atasan/.test(textOf(m))).length >= 5 || undefined, 'five receipts')
      await new Promise((r) => setTimeout(r, 500))
      const stored = await db.prisma.activity.findMany({ orderBy: { startMinute: 'asc' }, select: { description: true } })
      expect(stored.map((a) => a.description)).toEqual(['Kegiatan DM 0', 'Kegiatan DM 1', 'Kegiatan DM 2', 'Kegiatan perintah 0', 'Kegiatan perintah 1'])
      expect(slack.messagesIn(slack.dmChannel(ahmad)).filter((m) => /terkirim ke atasan/.test(textOf(m)))).toHaveLength(5)
      expect(await db.prisma.processedUpdate.count({ where: { platform: 'slack', doneAt: { not: null } } })).toBe(3)
    } finally {
      await db.close()
      await slack.close()
    }
  }, 60_000)
})
