import { startHarness, type Harness } from './app.js'
import { startFakeSlack, textOf, type FakeSlack, type FakeUser, type SlackView } from './fake-slack.js'
import { slackRequests, type SlackRequests } from './slack-requests.js'
import { afterEveryTest } from './cleanup.js'

export const SLACK_TOKEN = 'xoxb-0000000001-kinerja-test-token'
export const SLACK_SECRET = '8f14e45fceea167a5a36dedd4bea2543'
export const SLACK_APP_TOKEN = 'xapp-1-A0KINERJA-0000-test-app-token'

/** Slack users of the fixture organisation (slack_user_id in kendari-employees.csv). */
export const slackPeople = {
  // Kepala Bidang PKP: supervises Ahmad Anwar, Andi Latif, Salmiah…; also on Telegram (700000043)
  kabid: { id: 'U0KDI00007', nip: '197312012001012015', name: 'Nurhayati Ramli, M.Si.', telegram: 700000043 },
  // only on Slack
  ahmad: { id: 'U0KDI00009', nip: '199009192018121008', name: 'Ahmad Anwar, S.Kep.' },
  // Sekretaris Dinas Pendidikan: a supervisor, but not of anyone in PKP
  otherKabid: { id: 'U0KDI00013', nip: '197201281995032005', name: 'Hartati Halim, S.T.' },
  // in the workspace but in no import: links by e-mail or with a code
  stranger: { id: 'U0KXXX0001', email: 'tamu@example.org' },
} as const

const running: { h?: Harness; slack: FakeSlack }[] = []

/**
 * Runs `action` and waits for the modal it makes the app open (a new view with this callback id), as it
 * was opened: the app may already have updated it (e.g. to a notice) before the action's response arrives.
 */
export async function opensView(slack: FakeSlack, callbackId: string, action: () => Promise<unknown>): Promise<SlackView> {
  const before = slack.opened.length
  await action()
  return slack.waitFor(() => slack.opened.slice(before).find((v) => v.callback_id === callbackId), `a new ${callbackId} modal`)
}

/** Waits for a message in the app's DM with `userId` whose text matches `pattern`. */
export const messageTo = (slack: FakeSlack, userId: string, pattern: RegExp) =>
  slack.waitFor(() => slack.messagesIn(slack.dmChannel(userId)).find((m) => pattern.test(textOf(m))), `a message to ${userId} matching ${pattern}`)

export interface SlackHarness extends Harness {
  slack: FakeSlack
  req: SlackRequests
}

/**
 * The whole app (startApp over the environment) with Slack in HTTP mode against a fake Web API (in
 * Socket Mode with `socketMode: true`), and Telegram too unless `telegram: false`.
 */
export async function startSlackHarness(
  opts: { telegram?: boolean; socketMode?: boolean; env?: Record<string, string>; users?: FakeUser[]; at?: string } = {},
): Promise<SlackHarness> {
  const slack = await startFakeSlack({
    token: SLACK_TOKEN,
    appToken: SLACK_APP_TOKEN,
    triggerTtlMs: 10_000,
    users: [{ id: slackPeople.stranger.id, email: slackPeople.stranger.email }, ...(opts.users ?? [])],
  })
  const slot: { h?: Harness; slack: FakeSlack } = { slack }
  running.push(slot)
  const h = await startHarness({
    ...(opts.at ? { at: opts.at } : {}),
    env: {
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_API_URL: slack.url,
      ...(opts.socketMode ? { SLACK_APP_TOKEN } : {}),
      ...(opts.telegram === false ? { TELEGRAM_BOT_TOKEN: '' } : {}),
      ...opts.env,
    },
  })
  slot.h = h
  const harness = h as SlackHarness
  harness.slack = slack
  harness.req = slackRequests(slack, { appUrl: () => `http://127.0.0.1:${harness.app.port}`, secret: SLACK_SECRET })
  return harness
}

afterEveryTest(async () => {
  for (const slot of running.splice(0)) {
    // the app first: its dispatcher and listeners still talk to the fake
    await slot.h?.app.stop()
    await slot.slack.close()
  }
})
