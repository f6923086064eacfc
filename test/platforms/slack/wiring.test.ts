import { readFileSync } from 'node:fs'
import path from 'node:path'
import { SocketModeReceiver } from '@slack/bolt'
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config.js'
import { fixedClock } from '../../../src/domain/clock.js'
import { createServices, type Services } from '../../../src/domain/services.js'
import { createHttpServer, listen } from '../../../src/http/server.js'
import { createSlackPlatform, SLACK_EVENTS_PATH, type SlackPlatform } from '../../../src/platforms/slack/app.js'
import { openTestDb, type TestDb } from '../../helpers/db.js'
import { startFakeSlack, textOf, type FakeSlack } from '../../helpers/fake-slack.js'
import { SLACK_SECRET, SLACK_TOKEN } from '../../helpers/slack-harness.js'
import { reportForm, slackRequests } from '../../helpers/slack-requests.js'

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
      'action:^decide_(ok|nt|rv|tl)$',
      'action:approve_all',
      'action:^(pending_prev|pending_next)$',
      'action:full_text',
      'action:edit',
      'action:withdraw',
      'action:report_start',
      'action:open_queue',
      'action:^eval_rate_([hp][0-2])$',
      'action:eval_note',
      'action:eval_send',
      'action:keberatan_file',
      'action:^keberatan_rate_([hp][0-2])$',
      'action:^(keberatan_confirm|keberatan_save)$',
      'action:^(?!(?:decide_(ok|nt|rv|tl)|eval_rate_([hp][0-2])|keberatan_rate_([hp][0-2])|approve_all|pending_prev|pending_next|full_text|edit|withdraw|report_start|open_queue|eval_note|eval_send|keberatan_file|keberatan_confirm|keberatan_save)$)',
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
