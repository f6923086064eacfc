import { describe, expect, it } from 'vitest'
import { people } from '../../helpers/app.js'
import { buttonsOf, textOf } from '../../helpers/fake-slack.js'
import { slackPeople, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js'

const { kabid, ahmad } = slackPeople
const andi = people.andi.telegram

const slackMessage = (h: SlackHarness, userId: string, re: RegExp) =>
  h.slack.waitFor(() => h.slack.messagesIn(h.slack.dmChannel(userId)).find((m) => re.test(textOf(m))), `a Slack message matching ${re}`)

const reportId = (text: string) => Number(/#(\d+)/.exec(text)![1])

describe('people on different platforms work together', () => {
  it('employee on Telegram, supervisor on Slack: card on Slack, decision back on Telegram', async () => {
    const h = await startSlackHarness()
    await h.req.openHome(kabid.id)
    await h.slack.waitFor(() => h.slack.homes.get(kabid.id), 'home')
    h.tg.userSends(andi, '/start')
    await h.tg.waitForMessageTo(andi, /Selamat datang, Andi Latif/)

    h.tg.userSends(andi, '/lapor 08:00-10:30 Menyusun laporan keuangan bulanan')
    const id = reportId((await h.tg.waitForMessageTo(andi, /terkirim ke atasan/)).text)
    const card = await slackMessage(h, kabid.id, new RegExp(`Laporan kegiatan #${id} menunggu persetujuan`))
    expect(textOf(card)).toMatch(/Pegawai: Andi Latif, S\.IP\./)
    // nothing went to her Telegram account: she is not linked there
    expect(h.tg.messagesTo(people.kabid.telegram)).toHaveLength(0)

    await h.req.click(kabid.id, { message: card }, /^✅ Setujui$/)
    await h.slack.waitFor(() => /Disetujui oleh Nurhayati/.test(textOf(card)) && buttonsOf(card).length === 0, 'the card replaced')
    const notice = await h.tg.waitForMessageTo(andi, new RegExp(`Keputusan atas laporan #${id}`))
    expect(notice.text).toMatch(/Disetujui oleh Nurhayati Ramli/)
  })

  it('employee on Slack, supervisor on Telegram: card on Telegram, decision back on Slack', async () => {
    const h = await startSlackHarness()
    h.tg.userSends(people.kabid.telegram, '/start')
    await h.tg.waitForMessageTo(people.kabid.telegram, /Selamat datang, Nurhayati/)

    await h.req.command(ahmad.id, 'lapor 13:00-14:00 Rapat koordinasi')
    const id = reportId((await slackMessage(h, ahmad.id, /terkirim ke atasan/)).text)
    const card = await h.tg.waitForMessageTo(people.kabid.telegram, new RegExp(`Laporan kegiatan #${id} menunggu persetujuan`))
    expect(card.text).toMatch(/Pegawai: Ahmad Anwar, S\.Kep\./)

    h.tg.userClicks(people.kabid.telegram, card.message_id, `dc:${id}:1:rv`)
    await h.tg.waitForMessageTo(people.kabid.telegram, /Tuliskan alasan perlu revisi/)
    h.tg.userSends(people.kabid.telegram, 'Sebutkan agenda rapatnya')
    const notice = await slackMessage(h, ahmad.id, new RegExp(`Keputusan atas laporan #${id}`))
    expect(textOf(notice)).toMatch(/Perlu revisi oleh Nurhayati Ramli[\s\S]*Alasan: Sebutkan agenda rapatnya/)
    expect(buttonsOf(notice).map((b) => b.action_id)).toEqual(['edit', 'withdraw'])
    await h.tg.waitFor(() => h.tg.messagesTo(people.kabid.telegram).find((m) => m.message_id === card.message_id && /Perlu revisi oleh/.test(m.text)))
  })

  it('someone linked on both platforms gets each message on the one they used last', async () => {
    const h = await startSlackHarness()
    const kabidTg = people.kabid.telegram
    h.tg.userSends(kabidTg, '/start')
    await h.tg.waitForMessageTo(kabidTg, /Selamat datang/)
    h.clock.advance(2 * 60_000)
    await h.req.openHome(kabid.id)
    await h.slack.waitFor(() => h.slack.homes.get(kabid.id), 'home')

    // Slack was used last: the card goes there
    await h.req.command(ahmad.id, 'lapor 08:00-09:00 Menyusun laporan')
    const first = await slackMessage(h, kabid.id, /menunggu persetujuan/)
    const firstId = reportId(first.text)

    // then she writes on Telegram: the next card goes there
    h.clock.advance(2 * 60_000)
    h.tg.userSends(kabidTg, '/rekap')
    await h.tg.waitForMessageTo(kabidTg, /Rekap November 2026/)
    await h.req.command(ahmad.id, 'lapor 09:00-10:00 Entri data kepegawaian')
    const second = await h.tg.waitForMessageTo(kabidTg, /Entri data kepegawaian/)
    expect(h.slack.messagesIn(h.slack.dmChannel(kabid.id)).filter((m) => /menunggu persetujuan/.test(m.text))).toHaveLength(1)

    // deciding the Slack card from Telegram replaces it on Slack
    h.tg.userClicks(kabidTg, second.message_id, `dc:${firstId}:1:ok`)
    await h.slack.waitFor(() => /Disetujui oleh Nurhayati/.test(textOf(first)) && buttonsOf(first).length === 0, 'the Slack card replaced')
    const outbox = await h.app.db.prisma.outbox.findMany({ where: { kind: 'approval_card' }, orderBy: { id: 'asc' }, select: { platform: true } })
    expect(outbox.map((o) => o.platform)).toEqual(['slack', 'telegram'])
  })
})
