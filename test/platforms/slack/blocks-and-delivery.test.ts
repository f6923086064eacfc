import { LogLevel, webApi } from '@slack/bolt'
import { afterEach, describe, expect, it } from 'vitest'
import type { ActivityView } from '../../../src/domain/types.js'
import { DeliveryError } from '../../../src/notify/types.js'
import { escapeMrkdwn, MAX_BLOCKS, MAX_SECTION } from '../../../src/platforms/slack/blocks.js'
import { pendingBlocks, renderForSlack } from '../../../src/platforms/slack/message.js'
import { SEND_TIMEOUT_MS } from '../../../src/platforms/slack/app.js'
import { createDmChannels } from '../../../src/platforms/slack/dm-channels.js'
import { createSlackNotifier } from '../../../src/platforms/slack/notifier.js'
import { plainText } from '../../../src/platforms/slack/text.js'
import { buttonsOf, startFakeSlack, textOf, type FakeSlack } from '../../helpers/fake-slack.js'
import { slackPeople, SLACK_TOKEN, startSlackHarness } from '../../helpers/slack-harness.js'
import { eventually } from '../../helpers/wait.js'

const activity = (over: Partial<ActivityView> = {}): ActivityView => ({
  id: 12,
  version: 1,
  employee: { id: 3, name: 'Ahmad Anwar, S.Kep.', position: 'Analis SDM Aparatur', unit: 'Bidang PKP' },
  date: '2026-11-27',
  startMinute: 480,
  endMinute: 630,
  minutes: 150,
  description: 'Menyusun laporan',
  evidence: null,
  status: 'DIAJUKAN',
  timezone: 'Asia/Makassar',
  ...over,
})

type Section = { type: string; text?: { text: string } }
const sectionTexts = (blocks: unknown[]) => (blocks as Section[]).filter((b) => b.type === 'section').map((b) => b.text!.text)

describe('Block Kit rendering', () => {
  it('escapes user text for mrkdwn and keeps every section and message inside the limits', () => {
    expect(escapeMrkdwn('a & b <@U1> <!channel> >')).toBe('a &amp; b &lt;@U1&gt; &lt;!channel&gt; &gt;')
    expect(plainText('Rapat &amp; <https://x.id|x.id> &lt;draft&gt;')).toBe('Rapat & x.id <draft>')

    const worst = activity({ description: '<&>'.repeat(1000), employee: { id: 3, name: '<!here>', position: '&'.repeat(200), unit: 'U' } })
    for (const kind of ['approval_card', 'approval_outcome', 'decision_notice'] as const) {
      const r = renderForSlack({ kind, activity: kind === 'approval_card' ? worst : { ...worst, status: 'REVISI', decision: { outcome: 'REVISI', by: 'N', at: '2026-11-27T02:00:00Z', note: '<'.repeat(1000), feedback: null } } })
      expect(r.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS)
      for (const text of sectionTexts(r.blocks)) {
        expect(text.length).toBeLessThanOrEqual(MAX_SECTION)
        expect(text).not.toMatch(/<|>|&(?!amp;|lt;|gt;)/)
      }
    }
    // the card shows the beginning of a long description and offers the rest
    const card = renderForSlack({ kind: 'approval_card', activity: worst })
    expect(buttonsOf(card as never).map((b) => b.action_id)).toEqual(['decide_ok', 'decide_nt', 'decide_rv', 'decide_tl', 'full_text'])
    expect(renderForSlack({ kind: 'approval_card', activity: activity() }).blocks).toHaveLength(2)
    expect(buttonsOf(renderForSlack({ kind: 'approval_card', activity: activity() }) as never)).toHaveLength(4)
  })

  it('replaces a card with the outcome without decision buttons, and renders catalogue texts', () => {
    const decided = activity({ status: 'DISETUJUI', decision: { outcome: 'DISETUJUI', by: 'Nurhayati Ramli', at: '2026-11-27T02:00:00Z', note: null, feedback: 'Bagus' } })
    const outcome = renderForSlack({ kind: 'approval_outcome', activity: decided })
    expect(textOf(outcome as never)).toMatch(/Disetujui oleh Nurhayati Ramli pada 27\/11\/2026 10\.00 WITA[\s\S]*Catatan atasan: Bagus/)
    expect(buttonsOf(outcome as never)).toHaveLength(0)
    const withdrawn = renderForSlack({ kind: 'approval_superseded', activity: activity({ status: 'DITARIK' }), reason: 'withdrawn' })
    expect(withdrawn.text).toMatch(/Laporan #12 ditarik oleh pegawai/)
    expect(buttonsOf(withdrawn as never)).toHaveLength(0)
    expect(renderForSlack({ kind: 'text', key: 'pending.empty' }).text).toMatch(/Tidak ada laporan/)
  })

  it('pages the queue within 50 blocks', () => {
    const items = Array.from({ length: 10 }, (_, i) => activity({ id: i + 1, description: 'x'.repeat(2000) }))
    const blocks = pendingBlocks({ items, total: 95, page: 2, pages: 10 }, 'catatan')
    expect(blocks.length).toBeLessThanOrEqual(MAX_BLOCKS)
    const nav = buttonsOf({ blocks: blocks as never }).filter((b) => b.block_id === 'pending:nav')
    expect(nav.map((b) => [b.action_id, b.value])).toEqual([['approve_all', '1,2,3,4,5,6,7,8,9,10'], ['pending_prev', '1'], ['pending_next', '3']])
  })
})

describe('Slack notifier', () => {
  let slack: FakeSlack | undefined
  afterEach(async () => {
    await slack?.close()
    slack = undefined
  })

  it('sends to the DM channel, edits by ts, and classifies failures for the dispatcher', async () => {
    slack = await startFakeSlack({ token: SLACK_TOKEN })
    const client = new webApi.WebClient(SLACK_TOKEN, { slackApiUrl: slack.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR })
    const notifier = createSlackNotifier(client, createDmChannels(client))
    const card = { kind: 'approval_card' as const, activity: activity() }

    // an identity stored with a user id still gets its DM (conversations.open), edits included
    const { messageId } = await notifier.send('U0KDI00007', card)
    expect(slack.messages.get(messageId)?.channel).toBe('D0KDI00007')
    await notifier.edit('U0KDI00007', messageId, { kind: 'approval_outcome', activity: activity({ status: 'DITOLAK' }) })
    expect(slack.messages.get(messageId)?.edits).toBe(1)
    expect(slack.callsOf('conversations.open')).toHaveLength(1)

    const failure = async (f: Parameters<FakeSlack['failNext']>[1]) => {
      slack!.failNext('chat.postMessage', f)
      return notifier.send('D0KDI00007', card).then(
        () => null,
        (e: unknown) => e as DeliveryError,
      )
    }
    const limited = await failure({ status: 429, retryAfter: 7 })
    expect(limited).toBeInstanceOf(DeliveryError)
    expect(limited?.opts).toEqual({ retryAfterMs: 7000 })
    expect((await failure({ status: 503 }))?.opts.permanent).toBe(false)
    expect((await failure({ error: 'internal_error' }))?.opts.permanent).toBe(false)
    expect((await failure({ error: 'channel_not_found' }))?.opts.permanent).toBe(true)
    expect((await failure({ error: 'invalid_blocks' }))?.opts.permanent).toBe(true)
    await expect(notifier.edit('D0KDI00007', '1.000000', card)).rejects.toMatchObject({ opts: { permanent: true }, message: 'slack message_not_found' })
  })

  it('uploads a digest chart as a file with its caption, and renders reminders with Slack commands and buttons', async () => {
    slack = await startFakeSlack({ token: SLACK_TOKEN })
    const client = new webApi.WebClient(SLACK_TOKEN, { slackApiUrl: slack.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR })
    const notifier = createSlackNotifier(client, createDmChannels(client))
    const chart = { kind: 'digest_chart' as const, scope: 'BKPSDM', from: '2026-11-16', to: '2026-11-20', compliance: 80, previousCompliance: 75, attachmentId: 1 }
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
    const sent = await notifier.send('U0KDI00007', chart, [{ filename: 'kepatuhan.png', mime: 'image/png', data: png }])
    expect(slack.files).toEqual([{ id: sent.messageId, title: 'kepatuhan.png', channel: 'D0KDI00007', comment: expect.stringMatching(/BKPSDM/), bytes: expect.any(Number) }])
    expect(slack.files[0]!.bytes).toBeGreaterThanOrEqual(png.length)

    const reminder = renderForSlack({ kind: 'activity_reminder', date: '2026-11-27', final: false })
    expect(reminder.text).toMatch(/\/kinerja lapor 08:00-10:30/)
    expect(reminder.text).not.toMatch(/(^|\s)\/lapor/)
    expect(buttonsOf(reminder as never).map((b) => b.action_id)).toEqual(['report_start'])
    const queue = renderForSlack({ kind: 'approval_reminder', count: 3, oldest: { id: 4, employee: 'Ahmad', date: '2026-11-24', ageWorkDays: 3 } })
    expect(buttonsOf(queue as never).map((b) => b.action_id)).toEqual(['open_queue'])
  })

  it('waits as long as Slack asks after a 429, then delivers the card', async () => {
    const h = await startSlackHarness({ telegram: false })
    const kabidDm = h.slack.dmChannel(slackPeople.kabid.id)
    await h.req.openHome(slackPeople.kabid.id)
    await h.slack.waitFor(() => h.slack.homes.get(slackPeople.kabid.id), 'home')
    h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, { when: (p) => p.channel === kabidDm })
    await h.req.command(slackPeople.ahmad.id, 'lapor 08:00-09:00 Menyusun laporan')
    await h.slack.waitFor(() => h.slack.messagesIn(kabidDm).find((m) => /menunggu persetujuan/.test(m.text)), 'the card after the wait')
    const attempts = h.slack.callsOf('chat.postMessage').filter((c) => c.params.channel === kabidDm)
    expect(attempts).toHaveLength(2)
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950)
    const row = await eventually(() => h.app.db.prisma.outbox.findFirst({ where: { kind: 'approval_card', status: 'SENT' } }))
    // a 429 asks us to wait: it is not a failed attempt
    expect(row).toMatchObject({ attempts: 0, platform: 'slack', chatId: kabidDm })
  })

  it('gives up on a chat.postMessage that never answers within the send timeout, and sends the card once on the retry', { timeout: 30_000 }, async () => {
    // a 30 s lease: a third of it (Telegram's rule for its send timeout) is SEND_TIMEOUT_MS as well
    const h = await startSlackHarness({ telegram: false, env: { OUTBOX_LEASE_SECONDS: '30' } })
    const db = h.app.db.prisma
    const kabidDm = h.slack.dmChannel(slackPeople.kabid.id)
    await h.req.openHome(slackPeople.kabid.id)
    await h.slack.waitFor(() => h.slack.homes.get(slackPeople.kabid.id), 'home')
    h.slack.failNext('chat.postMessage', { hang: true }, { when: (p) => p.channel === kabidDm })
    await h.req.command(slackPeople.ahmad.id, 'lapor 08:00-09:00 Menyusun laporan')

    // the hung request is abandoned by the app (the connection closes) well inside the outbox lease
    const hung = await h.slack.waitFor(() => h.slack.callsOf('chat.postMessage').find((c) => c.params.channel === kabidDm && c.abandonedAt), 'the hung call given up', SEND_TIMEOUT_MS + 5000)
    expect(hung.abandonedAt! - hung.at).toBeGreaterThanOrEqual(SEND_TIMEOUT_MS - 100)
    expect(hung.abandonedAt! - hung.at).toBeLessThan(SEND_TIMEOUT_MS + 2000)
    const failed = await eventually(() => db.outbox.findFirst({ where: { kind: 'approval_card', status: 'PENDING', attempts: 1 } }))
    expect(failed.lastError).toBe('slack network error')

    // the retry is due after the backoff (the harness clock stands still until moved)
    h.clock.advance(2000)
    h.app.dispatcher.kick()
    await h.slack.waitFor(() => h.slack.messagesIn(kabidDm).find((m) => /menunggu persetujuan/.test(m.text)), 'the card on the retry')
    const sent = await eventually(() => db.outbox.findFirst({ where: { kind: 'approval_card', status: 'SENT' } }))
    expect(sent).toMatchObject({ attempts: 1, chatId: kabidDm })
    expect(h.slack.messagesIn(kabidDm).filter((m) => /menunggu persetujuan/.test(m.text))).toHaveLength(1)
    expect(h.slack.callsOf('chat.postMessage').filter((c) => c.params.channel === kabidDm)).toHaveLength(2)
  })
})
