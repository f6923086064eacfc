import { describe, expect, it } from 'vitest'
import { buttonsOf, textOf } from '../../helpers/fake-slack.js'
import { messageTo, slackPeople, startSlackHarness } from '../../helpers/slack-harness.js'
import { eventually } from '../../helpers/wait.js'

const { kabid, ahmad } = slackPeople

describe('Slack: the same report twice', () => {
  it('an event Slack retries after a crash gets the stored receipt; a similar report is asked, then stored or dropped', async () => {
    const h = await startSlackHarness({ telegram: false })
    const { slack, req } = h
    const db = h.app.db.prisma
    await req.openHome(kabid.id)

    expect((await req.dm(ahmad.id, 'lapor 90m Sosialisasi e-Kinerja', { eventId: 'EvCRASH0001' })).status).toBe(200)
    await messageTo(slack, ahmad.id, /Laporan #1 terkirim ke atasan/)
    await messageTo(slack, kabid.id, /Laporan kegiatan #1 menunggu persetujuan/)
    // the process died before the event was marked done; Slack retries it
    await db.processedUpdate.updateMany({ data: { doneAt: null, at: new Date(0) } })
    await req.dm(ahmad.id, 'lapor 90m Sosialisasi e-Kinerja', { eventId: 'EvCRASH0001', retryNum: 1 })
    const repeated = await messageTo(slack, ahmad.id, /Laporan #1 sudah tercatat/)
    expect(repeated).toBeDefined()
    expect(await db.activity.count()).toBe(1)
    expect(await db.outbox.count({ where: { kind: 'approval_card' } })).toBe(1)

    // a new message with the same words on the same day: asked first
    await req.dm(ahmad.id, 'lapor 30m sosialisasi e-kinerja')
    const ask = await messageTo(slack, ahmad.id, /Laporan serupa sudah ada \(#1\)/)
    expect(buttonsOf(ask).map((b) => b.action_id)).toEqual(['similar_send', 'similar_cancel'])
    expect(await db.activity.count()).toBe(1)
    await req.click(ahmad.id, { message: ask }, /Kirim lagi/)
    await messageTo(slack, ahmad.id, /Laporan #2 terkirim ke atasan/)
    expect(await db.activity.count()).toBe(2)

    await req.dm(ahmad.id, 'lapor 15m Sosialisasi e-Kinerja')
    const asks = () => slack.messagesIn(slack.dmChannel(ahmad.id)).filter((m) => /Laporan serupa sudah ada/.test(textOf(m)))
    const ask2 = await eventually(() => asks()[1], { label: 'asked again' })
    await req.click(ahmad.id, { message: ask2 }, /Batal/)
    await slack.waitFor(() => slack.responses.find((r) => /Tidak dikirim/.test(JSON.stringify(r.body))), 'the answer to Batal')
    expect(await db.activity.count()).toBe(2)
  })
})
