import { readFileSync } from 'node:fs'
import path from 'node:path'
import { SocketModeReceiver } from '@slack/bolt'
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../../src/cli/index.js'
import { loadConfig } from '../../../src/config.js'
import { fixedClock } from '../../../src/domain/clock.js'
import { createServices, type Services } from '../../../src/services.js'
import { createHttpServer, listen } from '../../../src/http/server.js'
import { createSlackPlatform, SLACK_EVENTS_PATH, type SlackPlatform } from '../../../src/platforms/slack/app.js'
import { FIXTURES } from '../../helpers/app.js'
import { openTestDb, type TestDb } from '../../helpers/db.js'
import { startFakeSlack, textOf, type FakeSlack } from '../../helpers/fake-slack.js'
import { SLACK_SECRET, SLACK_TOKEN, slackPeople, startSlackHarness } from '../../helpers/slack-harness.js'
import { reportForm, slackRequests } from '../../helpers/slack-requests.js'
import { eventually } from '../../helpers/wait.js'

const silent = pino({ level: 'silent' })
const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c()
})

async function setup(): Promise<{ slack: FakeSlack; db: TestDb; services: Services }> {
  const slack = await startFakeSlack({ token: SLACK_TOKEN })
  cleanup.push(() => slack.close())
  const db = await openTestDb()
  const cfg = loadConfig({ DATABASE_URL: db.url, SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_API_URL: slack.url })
  return { slack, db, services: createServices({ db: db.prisma, clock: fixedClock('2026-11-27T02:00:00Z'), cfg }) }
}

/** The fixture organisation imported as the operator does it (the CLI), into the test's database. */
async function importOrg(db: TestDb): Promise<void> {
  let err = ''
  const code = await runCli(['import-org', '--create', path.join(FIXTURES, 'kendari-units.csv'), path.join(FIXTURES, 'kendari-employees.csv')], {
    env: { DATABASE_URL: db.url },
    clock: fixedClock('2026-11-27T02:00:00Z'),
    stdout: () => undefined,
    stderr: (s) => (err += s),
  })
  if (code !== 0) throw new Error(`fixture import failed: ${err}`)
}

async function platform(o: { slack: FakeSlack; db: TestDb; services: Services }, extra: { appToken?: string; receiver?: SocketModeReceiver } = {}): Promise<SlackPlatform> {
  const p = await createSlackPlatform({
    cfg: { botToken: SLACK_TOKEN, signingSecret: SLACK_SECRET, apiUrl: o.slack.url, ...(extra.appToken ? { appToken: extra.appToken } : {}) },
    services: o.services,
    db: o.db.prisma,
    log: silent,
    ...(extra.receiver ? { receiver: extra.receiver } : {}),
  })
  cleanup.push(() => p.stop())
  return p
}

/** Every use case answers only after `ms`: a database under heavy load, as the listeners see it. */
function slowServices(services: Services, ms: number): Services {
  const slow = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, prop, r) {
        const v: unknown = Reflect.get(t, prop, r)
        if (typeof v !== 'function') return v
        return async (...args: unknown[]) => {
          await new Promise((resolve) => setTimeout(resolve, ms))
          return (v as (...a: unknown[]) => unknown).apply(t, args)
        }
      },
    })
  return { ...services, linking: slow(services.linking), reports: slow(services.reports), decisions: slow(services.decisions), summary: slow(services.summary) }
}

describe('Slack wiring', () => {
  it('registers the same listeners in Socket Mode as in HTTP mode, and Socket Mode dispatches to them without a public URL', async () => {
    const o = await setup()
    const http = await platform(o)
    expect(http.mode).toBe('http')
    expect(http.routes.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /slack/events'])

    // the real receiver, never started: no connection is opened
    const receiver = new SocketModeReceiver({ appToken: 'xapp-1-A0KINERJA-0000-test', logLevel: undefined })
    const socket = await platform(o, { appToken: 'xapp-1-A0KINERJA-0000-test', receiver })
    expect(socket.mode).toBe('socket')
    expect(socket.routes).toEqual([])
    expect(socket.listeners).toEqual(http.listeners)
    expect(http.listeners).toEqual([
      'command:/kinerja',
      // one listener per kind of button, on the action_ids the action codec writes for it
      'action:^(?:decide_ok|decide_nt|decide_rv|decide_tl)$',
      'action:^(?:evidence)$',
      'action:^(?:full_text)$',
      'action:^(?:edit)$',
      'action:^(?:withdraw)$',
      'action:^(?:pending_prev|pending_next)$',
      'action:^(?:approve_all)$',
      'action:^(?:guided_send|guided_cancel|guided_skip)$',
      'action:^(?:similar_send|similar_cancel)$',
      'action:^(?:report_start)$',
      'action:^(?:open_queue)$',
      'action:^(?:guided_rhk)$',
      'action:^(?:guided_rencana_aksi)$',
      'action:^(?:guided_realisasi)$',
      'action:^(?:eval_rate_h0|eval_rate_h1|eval_rate_h2|eval_rate_p0|eval_rate_p1|eval_rate_p2|eval_note|eval_send)$',
      'action:^(?:keberatan_file)$',
      'action:^(?:keberatan_rate_h0|keberatan_rate_h1|keberatan_rate_h2|keberatan_rate_p0|keberatan_rate_p1|keberatan_rate_p2|keberatan_confirm|keberatan_save)$',
      // the report form's RHK select (dispatch_action): the RHK's rencana aksi are added to the form
      'action:{"block_id":"rhk","action_id":"value"}',
      // and the answer to any other: everything none of the above takes (nor a form's own inputs)
      'action:^(?!(?:decide_ok|decide_nt|decide_rv|decide_tl|evidence|full_text|edit|withdraw|pending_prev|pending_next|approve_all|guided_send|guided_cancel|guided_skip|similar_send|similar_cancel|report_start|open_queue|guided_rhk|guided_rencana_aksi|guided_realisasi|eval_rate_h0|eval_rate_h1|eval_rate_h2|eval_rate_p0|eval_rate_p1|eval_rate_p2|eval_note|eval_send|keberatan_file|keberatan_rate_h0|keberatan_rate_h1|keberatan_rate_h2|keberatan_rate_p0|keberatan_rate_p1|keberatan_rate_p2|keberatan_confirm|keberatan_save|value)$)',
      'view:report',
      'view:decide_reason',
      'view:feedback',
      'view:evaluation_note',
      'view:keberatan_reason',
      'event:app_home_opened',
      'event:message',
    ])

    // what the socket client emits for an envelope from Slack: acked through the socket, handled by our listeners
    const acks: unknown[] = []
    const envelope = (body: Record<string, unknown>) => ({ ack: async (response?: unknown) => void acks.push(response ?? null), envelope_id: `env-${acks.length}`, body, retry_num: undefined, retry_reason: undefined })
    receiver.client.emit('slack_event', envelope({ command: '/kinerja', text: 'bantuan', user_id: 'U0KDI00009', channel_id: 'D0KDI00009', team_id: 'T0KDI', response_url: o.slack.responseUrl(), trigger_id: o.slack.triggerId() }))
    await o.slack.waitFor(() => acks.length === 1, 'the ack through the socket')
    expect(String((acks[0] as { text: string }).text)).toMatch(/Perintah kinerja-bot di Slack/)

    receiver.client.emit('slack_event', envelope({ type: 'event_callback', team_id: 'T0KDI', event_id: 'Ev0SOCKET1', event: { type: 'app_home_opened', user: 'U0KXXX0009', channel: 'D0KXXX0009', tab: 'home' } }))
    const home = await o.slack.waitFor(() => o.slack.homes.get('U0KXXX0009'), 'home published')
    expect(textOf(home)).toMatch(/belum terhubung/)
  })

  it('acks within 3 s when the database is slow, and does the work afterwards', async () => {
    const o = await setup()
    const p = await platform({ ...o, services: slowServices(o.services, 3500) })
    const server = createHttpServer(p.routes, silent)
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
    const port = await listen(server, 0, '127.0.0.1')
    const req = slackRequests(o.slack, { appUrl: () => `http://127.0.0.1:${port}`, secret: SLACK_SECRET })

    const command = await req.command('U0KXXX0001', 'rekap')
    expect(command.status).toBe(200)
    expect(command.ms).toBeLessThan(1000)
    const event = await req.dm('U0KXXX0001', 'rekap')
    expect(event.status).toBe(200)
    expect(event.ms).toBeLessThan(1000)
    // the form opens at once: the trigger would expire while waiting for the database
    const form = await req.command('U0KXXX0001', 'lapor')
    expect(form.ms).toBeLessThan(1000)
    await o.slack.waitFor(() => o.slack.callsOf('views.open').length === 1, 'the form', 1500)

    // a form submission is answered by its ack: past its budget the modal closes and the answer comes as a DM
    const view = [...o.slack.views.values()][0]!
    const submitted = await req.submit('U0KXXX0001', view, reportForm({ description: 'Rapat', date: '2026-11-27', duration: '1 jam' }))
    expect(submitted.status).toBe(200)
    expect(submitted.ms).toBeLessThan(3000)
    expect(submitted.text).toBe('')
    await o.slack.waitFor(() => o.slack.messagesIn('D0KXXX0001').find((m) => /belum terhubung/.test(m.text)), 'the late answer', 8000)
    await o.slack.waitFor(() => o.slack.responses.filter((r) => /belum terhubung/.test(String(r.body.text))).length === 1, 'the rekap answer', 8000)
  })

  it('acks a Setujui click within 3 s when the database is slow, and decides afterwards', async () => {
    const o = await setup()
    await importOrg(o.db)
    const ahmad = await o.services.linking.identify({ platform: 'slack', externalId: slackPeople.ahmad.id, chatId: o.slack.dmChannel(slackPeople.ahmad.id) })
    const report = await o.services.reports.submit(ahmad!, { date: '2026-11-27', startMinute: 480, endMinute: 540, minutes: 60, description: 'Menyusun laporan' })
    const p = await platform({ ...o, services: slowServices(o.services, 3500) })
    const server = createHttpServer(p.routes, silent)
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
    const port = await listen(server, 0, '127.0.0.1')
    const req = slackRequests(o.slack, { appUrl: () => `http://127.0.0.1:${port}`, secret: SLACK_SECRET })

    // the card in the supervisor's DM, as the outbox sent it
    const card = { channel: o.slack.dmChannel(slackPeople.kabid.id), ts: '1795000000.000042', text: '', blocks: [], edits: 0 }
    const click = await req.click(slackPeople.kabid.id, { message: card }, { action_id: 'decide_ok', value: `${report.id}:1:ok`, block_id: `decide:${report.id}:1` })
    expect(click.status).toBe(200)
    expect(click.ms).toBeLessThan(1000)
    expect(click.text).toBe('')
    // looking the clicker up and deciding each wait for the slow database: the work goes on after the ack
    const decided = await eventually(async () => (await o.db.prisma.activity.findUniqueOrThrow({ where: { id: report.id } })).status === 'DISETUJUI', {
      timeoutMs: 12_000,
      label: 'the decision',
    })
    expect(decided).toBe(true)
    const decision = await o.db.prisma.decision.findFirstOrThrow({ where: { activityId: report.id }, include: { decider: true } })
    expect(decision.decider.nip).toBe(slackPeople.kabid.nip)
  })

  it('Socket Mode: apps.connections.open goes to SLACK_API_URL, and commands and DMs arrive over the socket', async () => {
    const h = await startSlackHarness({ telegram: false, socketMode: true })
    const opened = await h.slack.waitFor(() => h.slack.callsOf('apps.connections.open')[0], 'apps.connections.open at the fake Web API')
    expect(opened.params).toEqual({})
    await h.slack.waitFor(() => h.logs.some((l) => /slack socket mode connected/.test(l)), 'the socket connected')
    expect(h.slack.socket.open()).toBe(1)

    // the slash command is answered in the ack, over the socket
    const help = await h.req.socket.command(slackPeople.ahmad.id, 'bantuan')
    expect(help).toMatchObject({ response_type: 'ephemeral' })
    expect(String(help.text)).toMatch(/Perintah kinerja-bot di Slack/)
    // an event is acked empty; the report goes through as over HTTP
    expect(await h.req.socket.dm(slackPeople.ahmad.id, 'lapor 08:00-09:00 Menyusun laporan')).toEqual({})
    const receipt = await h.slack.waitFor(() => h.slack.messagesIn(h.slack.dmChannel(slackPeople.ahmad.id)).find((m) => /terkirim ke atasan/.test(m.text)), 'the receipt')
    expect(receipt.text).toMatch(/08:00–09:00/)
    // no request URL in Socket Mode
    expect((await h.req.command(slackPeople.ahmad.id, 'bantuan')).status).toBe(404)
  })

  it('Socket Mode: an app token Slack refuses stops the start with a message naming SLACK_APP_TOKEN', async () => {
    await expect(startSlackHarness({ telegram: false, socketMode: true, env: { SLACK_APP_TOKEN: 'xapp-1-A0KINERJA-0000-revoked-app-token' } })).rejects.toThrow(
      /Socket Mode could not connect \(check SLACK_APP_TOKEN\)/,
    )
  })

  it('matches the committed manifest: the command, the request URL, the events and the scopes the code uses', () => {
    const manifest = readFileSync(path.resolve(import.meta.dirname, '../../../slack-app-manifest.yml'), 'utf8')
    expect(manifest).toMatch(/- command: \/kinerja\n/)
    const urls = [...manifest.matchAll(/(?:url|request_url): (\S+)/g)].map((m) => m[1])
    expect(urls).toHaveLength(3)
    for (const url of urls) expect(url!.endsWith(SLACK_EVENTS_PATH)).toBe(true)
    for (const event of ['app_home_opened', 'message.im']) expect(manifest).toContain(`- ${event}\n`)
    for (const scope of ['commands', 'chat:write', 'im:history', 'im:write', 'users:read', 'users:read.email', 'files:read', 'files:write']) {
      expect(manifest).toMatch(new RegExp(`- ${scope}\\n`))
    }
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/)
    expect(manifest).toMatch(/home_tab_enabled: true/)
  })
})
