import { describe, expect, it } from 'vitest'
import { startApp, type App } from '../../src/app.js'
import { enqueue } from '../../src/domain/outbox.js'
import type { Platform } from '../../src/domain/types.js'
import { PLATFORMS } from '../../src/platforms/index.js'
import { PLAYGROUND_CAPABILITIES } from '../../src/platforms/playground/chat.js'
import { SLACK_CAPABILITIES } from '../../src/platforms/slack/message.js'
import { TELEGRAM_CAPABILITIES } from '../../src/platforms/telegram/message.js'
import type { PlatformModule } from '../../src/platforms/types.js'
import type { Capabilities } from '../../src/conversation/message.js'
import { people, startHarness, type Harness } from '../helpers/app.js'
import { textOf } from '../helpers/fake-slack.js'
import { slackPeople, startSlackHarness, type SlackHarness } from '../helpers/slack-harness.js'

// The composition root wires every enabled platform through the same seam (src/platforms/types.ts): its
// notifier to the dispatcher, its routes to the HTTP server, its duties to the roles, start and stop.

const CAPABILITIES: Partial<Record<Platform, Capabilities>> = { telegram: TELEGRAM_CAPABILITIES, slack: SLACK_CAPABILITIES, playground: PLAYGROUND_CAPABILITIES }

/** A POST to one of the app's paths: 404 when no platform serves it. */
const post = async (app: App, path: string) => (await fetch(`http://127.0.0.1:${app.port}${path}`, { method: 'POST', body: '{}' })).status

/** An outbox text for someone reachable only on `platform`, sent by the dispatcher through that platform's notifier. */
async function notice(h: Harness, platform: Platform, nip: string, chatId: string): Promise<void> {
  const db = h.app.db.prisma
  const employee = await db.employee.findUniqueOrThrow({ where: { nip } })
  const now = h.clock.now()
  await db.chatAccount.update({ where: { employeeId_platform: { employeeId: employee.id, platform } }, data: { chatId, linkedAt: now, lastSeenAt: now } })
  await enqueue(db, { recipientId: employee.id, message: { kind: 'text', key: 'help.unknown' }, at: now })
  h.app.dispatcher.kick()
}

async function expectWired(h: Harness, expected: Platform[]): Promise<void> {
  const { app } = h
  expect(app.platforms.map((p) => p.platform)).toEqual(expected)
  for (const p of app.platforms) {
    expect(p.capabilities).toEqual(CAPABILITIES[p.platform])
    expect(p.notifier.platform).toBe(p.platform)
  }
  // Slack in HTTP mode serves its request URL; Telegram polls (a role) unless in webhook mode
  expect((await post(app, '/slack/events')) !== 404).toBe(expected.includes('slack'))
  const webhook = app.config.TELEGRAM_MODE === 'webhook'
  expect((await post(app, '/telegram/webhook')) !== 404).toBe(expected.includes('telegram') && webhook)
  expect(app.roles().includes('telegram-poller')).toBe(expected.includes('telegram') && !webhook)
  expect(app.roles()).toContain('dispatcher')
}

describe('the platform seam', () => {
  it('Telegram only: its notifier, its poller, no Slack route', async () => {
    const h = await startHarness()
    await expectWired(h, ['telegram'])
    await notice(h, 'telegram', people.andi.nip, String(people.andi.telegram))
    await h.tg.waitForMessageTo(people.andi.telegram, /Maaf, saya tidak mengerti/)
  })

  it('no token at all: the playground only, its page on the app port', async () => {
    const h = await startHarness({ env: { TELEGRAM_BOT_TOKEN: '' } })
    await expectWired(h, ['playground'])
    expect((await fetch(`http://127.0.0.1:${h.app.port}/playground`)).status).toBe(200)
  })

  it('Slack only: its notifier and request URL, no Telegram poller', async () => {
    const h = await startSlackHarness({ telegram: false })
    await expectWired(h, ['slack'])
    await notice(h, 'slack', slackPeople.ahmad.nip, h.slack.dmChannel(slackPeople.ahmad.id))
    await slackText(h, slackPeople.ahmad.id, /Maaf, saya tidak mengerti/)
  })

  it('both: each platform delivers its own people’s messages', async () => {
    const h = await startSlackHarness()
    await expectWired(h, ['telegram', 'slack'])
    await notice(h, 'telegram', people.andi.nip, String(people.andi.telegram))
    await notice(h, 'slack', slackPeople.ahmad.nip, h.slack.dmChannel(slackPeople.ahmad.id))
    await h.tg.waitForMessageTo(people.andi.telegram, /Maaf, saya tidak mengerti/)
    await slackText(h, slackPeople.ahmad.id, /Maaf, saya tidak mengerti/)
    expect(h.tg.messagesTo(people.andi.telegram)).toHaveLength(1)
  })

  it('both, Telegram by webhook: its route is served and set at start, no poller role', async () => {
    const h = await startSlackHarness({
      env: { TELEGRAM_MODE: 'webhook', PUBLIC_URL: 'https://kinerja.example.go.id/bot', TELEGRAM_WEBHOOK_SECRET: 'webhook-secret-0123456789' },
    })
    await expectWired(h, ['telegram', 'slack'])
    expect(h.tg.webhook?.url).toBe('https://kinerja.example.go.id/bot/telegram/webhook')
  })

  it('builds and starts the platforms in list order, then their duties; stops them in that order before the roles go', async () => {
    const events: string[] = []
    const spied: PlatformModule[] = PLATFORMS.map((m) => ({
      ...m,
      async create(deps) {
        events.push(`create ${m.platform}`)
        const p = await m.create(deps)
        return {
          ...p,
          duties: p.duties.map((d) => ({
            ...d,
            acquire: async () => {
              events.push(`acquire ${d.role}`)
              await d.acquire()
            },
            lose: async () => {
              events.push(`lose ${d.role}`)
              await d.lose()
            },
          })),
          start: async () => {
            events.push(`start ${m.platform}`)
            await p.start()
          },
          stop: async () => {
            events.push(`stop ${m.platform}`)
            await p.stop()
          },
        }
      },
    }))
    const h = await startSlackHarness()
    // the harness's app gives way to one over the same database and fakes, with the spied modules
    await h.app.stop()
    const app = await startApp(harnessEnv(h), { clock: h.clock, platforms: spied })
    try {
      expect(events).toEqual(['create telegram', 'create slack', 'start telegram', 'start slack', 'acquire telegram-poller'])
    } finally {
      events.length = 0
      await app.stop()
    }
    expect(events).toEqual(['stop telegram', 'stop slack', 'lose telegram-poller'])
  })

  it('a platform that cannot be built stops the start, and the ones built before it are stopped', async () => {
    const h = await startSlackHarness()
    await h.app.stop()
    const events: string[] = []
    const [telegram] = PLATFORMS
    const modules: PlatformModule[] = [
      {
        ...telegram!,
        async create(deps) {
          const p = await telegram!.create(deps)
          return { ...p, stop: async () => void events.push('stop telegram') }
        },
      },
      { platform: 'slack', enabled: () => true, create: () => Promise.reject(new Error('refused token')) },
    ]
    await expect(startApp(harnessEnv(h), { clock: h.clock, platforms: modules })).rejects.toThrow(/refused token/)
    expect(events).toEqual(['stop telegram'])
  })
})

const slackText = (h: SlackHarness, userId: string, re: RegExp) =>
  h.slack.waitFor(() => h.slack.messagesIn(h.slack.dmChannel(userId)).find((m) => re.test(textOf(m))), `a Slack message matching ${re}`)

/** The settings the harness started its app with. */
function harnessEnv(h: SlackHarness): Record<string, string> {
  return {
    DATABASE_URL: h.databaseUrl,
    TELEGRAM_BOT_TOKEN: h.app.config.TELEGRAM_BOT_TOKEN!,
    TELEGRAM_API_ROOT: h.app.config.TELEGRAM_API_ROOT,
    SLACK_BOT_TOKEN: h.app.config.SLACK_BOT_TOKEN!,
    SLACK_SIGNING_SECRET: h.app.config.SLACK_SIGNING_SECRET!,
    SLACK_API_URL: h.app.config.SLACK_API_URL,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SCHEDULER_ENABLED: 'false',
  }
}
