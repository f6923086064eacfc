import { describe, expect, it } from 'vitest'
import { buttonsOf, textOf } from '../../helpers/fake-slack.js'
import { slackPeople, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js'
import { addActivity, employeeId, wita } from '../../scheduler/helpers.js'

// Slack opens a DM with any member of the workspace (conversations.open): an account the import vouched
// for (slack_user_id) is reachable before the person ever wrote to the app.
const { kabid, ahmad } = slackPeople

const slackMessage = (h: SlackHarness, userId: string, re: RegExp) =>
  h.slack.waitFor(() => h.slack.messagesIn(h.slack.dmChannel(userId)).find((m) => re.test(textOf(m))), `a Slack message matching ${re}`)

describe('a Slack account the import vouched for', () => {
  it('gets approval cards before its first contact, and decides on them', async () => {
    const h = await startSlackHarness()
    await h.req.command(ahmad.id, 'lapor 13:00-14:00 Rapat koordinasi')
    const receipt = await slackMessage(h, ahmad.id, /Laporan #\d+/)
    // she can be reached: the receipt says it went to her
    expect(textOf(receipt)).toMatch(/terkirim ke atasan/)
    const id = Number(/#(\d+)/.exec(textOf(receipt))![1])
    // Nurhayati never opened the app: the card is in her DM all the same, nothing waits
    const card = await slackMessage(h, kabid.id, new RegExp(`Laporan kegiatan #${id} menunggu persetujuan`))
    expect(h.slack.calls.some((c) => c.method === 'conversations.open' && c.params.users === kabid.id)).toBe(true)
    expect(await h.app.db.prisma.outbox.count({ where: { status: 'HELD' } })).toBe(0)
    const account = await h.app.db.prisma.chatAccount.findUniqueOrThrow({ where: { platform_externalId: { platform: 'slack', externalId: kabid.id } } })
    expect(account).toMatchObject({ vouchedBy: 'import', chatId: null })
    // nothing went to her Telegram account, which never opened the bot
    expect(h.tg.messagesTo(kabid.telegram)).toHaveLength(0)

    // her click is her first contact: it links the account and decides
    await h.req.click(kabid.id, { message: card }, /^✅ Setujui$/)
    await h.slack.waitFor(() => /Disetujui oleh Nurhayati/.test(textOf(card)) && buttonsOf(card).length === 0, 'the card replaced')
    await slackMessage(h, ahmad.id, new RegExp(`Keputusan atas laporan #${id}`))
    expect(await h.app.db.prisma.chatAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({ vouchedBy: 'import', chatId: h.slack.dmChannel(kabid.id) })
  })

  it('gets the morning approval reminder before its first contact', async () => {
    const h = await startSlackHarness({ at: wita('2026-11-27T08:00').toISOString() })
    await addActivity(h, ahmad.nip, { date: '2026-11-26', minutes: 60, status: 'DIAJUKAN' })
    expect(await h.app.scheduler.run('approval-reminder', h.clock.now(), 'cron')).toMatchObject({ status: 'done', result: { recipients: 1, enqueued: 1 } })
    expect((await h.app.db.prisma.outbox.findMany({ where: { kind: 'approval_reminder' } })).map((r) => r.recipientId)).toEqual([await employeeId(h, kabid.nip)])
    await slackMessage(h, kabid.id, /1 laporan menunggu persetujuan Anda/)
  })
})
