import { describe, expect, it } from 'vitest'
import { textOf } from '../helpers/fake-slack.js'
import { startSlackHarness } from '../helpers/slack-harness.js'
import { addActivity, employeeId, outboxOf, wita } from './helpers.js'

// Camat Kadia: a LEADER on Slack only (no telegram_user_id), heading KEC-KADIA with four people under him
const camat = { id: 'U0KDI00006', nip: '197901272004032002' }
const ilham = '198011222010011005'
const waOdeSaleh = '199804132021122013'
// the Sekda, also a leader on Slack (like the heads of DIKBUD and DINKES), never opens the app: Slack opens
// her DM all the same, so she gets her digest too
const sekda = { id: 'U0KDI00001' }
const SLACK_LEADERS = 4

describe('weekly leader digest on Slack', () => {
  it('uploads the chart as a file into the leader’s DM, then posts the digest, once however often the job runs', async () => {
    const h = await startSlackHarness({ telegram: false, at: wita('2026-11-30T07:30').toISOString() }) // Monday
    await h.req.openHome(camat.id) // first contact links the account the import vouched for
    await h.slack.waitFor(() => h.slack.homes.get(camat.id), 'the Camat’s App Home')
    // 23–27 November, five work days for five people: 3 + 1 + 1 of 25 days reported (20%); nothing the week before
    for (const date of ['2026-11-23', '2026-11-24', '2026-11-25']) await addActivity(h, ilham, { date, minutes: 300, status: 'DISETUJUI' })
    await addActivity(h, waOdeSaleh, { date: '2026-11-27', minutes: 240, status: 'DISETUJUI' })
    await addActivity(h, camat.nip, { date: '2026-11-23', minutes: 200, status: 'DISETUJUI' })

    // the cron run and, before anything is delivered, a second one (an operator, another instance)
    expect(await h.app.scheduler.run('weekly-digest', h.clock.now(), 'cron')).toMatchObject({ status: 'done', period: '2026-W48', result: { recipients: SLACK_LEADERS, enqueued: SLACK_LEADERS } })
    expect(await h.app.scheduler.run('weekly-digest', h.clock.now(), 'manual')).toMatchObject({ result: { enqueued: 0, duplicates: SLACK_LEADERS } })
    await h.app.dispatcher.runOnce()

    const dm = h.slack.dmChannel(camat.id)
    const digestMessages = () => h.slack.messagesIn(dm).filter((m) => /Ringkasan kinerja mingguan/.test(textOf(m)))
    const digest = await h.slack.waitFor(() => digestMessages()[0], 'the digest in the Camat’s DM')

    // the chart: Slack's external upload (URL, bytes, complete) of the PNG the job stored, with the caption
    const camatId = await employeeId(h, camat.nip)
    const chartRow = (await outboxOf(h, 'digest_chart')).find((r) => r.recipientId === camatId)
    const png = await h.app.db.prisma.attachment.findUniqueOrThrow({ where: { id: chartRow!.message.attachmentId as number } })
    const urlCalls = h.slack.callsOf('files.getUploadURLExternal')
    expect(urlCalls).toHaveLength(SLACK_LEADERS)
    expect(urlCalls.map((c) => c.params)).toContainEqual(expect.objectContaining({ filename: 'kepatuhan-2026-W48.png', length: String(png.data.length) }))
    const camatFiles = () => h.slack.files.filter((f) => f.channel === dm)
    expect(camatFiles()).toEqual([{ id: expect.any(String), title: 'kepatuhan-2026-W48.png', channel: dm, comment: expect.any(String), bytes: expect.any(Number) }])
    const [file] = camatFiles()
    expect(file!.bytes).toBeGreaterThanOrEqual(png.data.length)
    expect(file!.comment).toContain('Kepatuhan laporan harian — Kecamatan Kadia')
    expect(file!.comment).toContain('Senin, 23 November 2026 s.d. Minggu, 29 November 2026')
    expect(file!.comment).toMatch(/Keseluruhan: 20,0% \(▲ 20,0 poin\)/)

    // then the numbers, once the file is shared
    const shared = h.slack.calls.findIndex((c) => c.method === 'files.completeUploadExternal' && c.params.channel_id === dm)
    const posted = h.slack.calls.findIndex((c) => c.method === 'chat.postMessage' && c.params.channel === dm && /Ringkasan/.test(String(c.params.text)))
    expect(shared).toBeGreaterThanOrEqual(0)
    expect(posted).toBeGreaterThan(shared)
    expect(textOf(digest)).toContain('Ringkasan kinerja mingguan — Kecamatan Kadia')
    expect(textOf(digest)).toMatch(/kepatuhan 20,0% \(5\/25 hari kerja\)/)

    // the outbox remembers both as sent on Slack, the chart as the uploaded file
    const rows = await h.app.db.prisma.outbox.findMany({ where: { recipientId: camatId }, orderBy: { id: 'asc' } })
    expect(rows.map((r) => [r.kind, r.status, r.platform, r.chatId])).toEqual([
      ['digest_chart', 'SENT', 'slack', dm],
      ['leader_digest', 'SENT', 'slack', dm],
    ])
    expect(rows[0]!.platformMessageId).toBe(file!.id)
    expect(rows[1]!.platformMessageId).toBe(digest.ts)

    // a third run after delivery draws and sends nothing new
    expect(await h.app.scheduler.run('weekly-digest', h.clock.now(), 'manual')).toMatchObject({ result: { enqueued: 0, duplicates: SLACK_LEADERS } })
    await h.app.dispatcher.runOnce()
    expect(await h.app.db.prisma.attachment.count()).toBe(SLACK_LEADERS)
    expect(h.slack.callsOf('files.getUploadURLExternal')).toHaveLength(SLACK_LEADERS)
    expect(h.slack.callsOf('files.completeUploadExternal')).toHaveLength(SLACK_LEADERS)
    expect(camatFiles()).toHaveLength(1)
    expect(digestMessages()).toHaveLength(1)
    // the leader who never opened the app has hers in the DM Slack opened for her
    await h.slack.waitFor(() => h.slack.messagesIn(h.slack.dmChannel(sekda.id)).find((m) => /Ringkasan kinerja mingguan/.test(textOf(m))), 'the Sekda’s digest')
  })
})
