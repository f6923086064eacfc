import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../helpers/app.js'
import { buttonData, reportId } from '../helpers/telegram.js'
import { addActivity, csvFile, link, outboxOf, wita } from './helpers.js'

const { andi, salmiah, kabid, kaban } = people
const sekda = { nip: '197312251996012011', telegram: 700000001 }

describe('escalation to the Atasan Pejabat Penilai', () => {
  it('reports items pending N work days to the supervisor’s own supervisor, once per item', async () => {
    const h = await startHarness({ at: wita('2026-11-27T08:15').toISOString() }) // Friday
    await link(h, kabid.telegram, kaban.telegram, sekda.telegram)
    await h.cli('import-holidays', csvFile('libur.csv', ['date,name,kind', '2026-11-26,Libur contoh,libur']))
    // waiting since Monday: Tue, Wed, Fri (Thursday is a holiday) = 3 work days → escalated to Sukri
    const old = await addActivity(h, andi.nip, { date: '2026-11-23', minutes: 60, status: 'DIAJUKAN', submittedAt: wita('2026-11-23T09:00') })
    // since Tuesday: 2 work days → not yet
    const young = await addActivity(h, salmiah.nip, { date: '2026-11-24', minutes: 60, status: 'DIAJUKAN', submittedAt: wita('2026-11-24T09:00') })
    await addActivity(h, andi.nip, { date: '2026-11-20', minutes: 60, status: 'DISETUJUI', submittedAt: wita('2026-11-20T09:00') })
    // Nurhayati's own item waits on Sukri → goes to the Sekda; Sukri's waits on the Sekda, who has nobody above
    const kabidOwn = await addActivity(h, kabid.nip, { date: '2026-11-20', minutes: 60, status: 'DIAJUKAN', submittedAt: wita('2026-11-20T09:00') })
    await addActivity(h, kaban.nip, { date: '2026-11-20', minutes: 60, status: 'DIAJUKAN', submittedAt: wita('2026-11-20T09:00') })

    expect(await h.app.scheduler.run('escalation', h.clock.now(), 'cron')).toMatchObject({ status: 'done', result: { recipients: 2, enqueued: 2 } })
    const toKaban = await h.tg.waitForMessageTo(kaban.telegram, /Eskalasi: laporan kegiatan belum diputuskan lebih dari 3 hari kerja/)
    expect(toKaban.text).toContain(`#${old} Andi Latif, S.IP. (Senin, 23 November 2026) — penilai: Nurhayati Ramli, M.Si., 3 hari kerja`)
    expect(toKaban.text).not.toContain(`#${young} `)
    const toSekda = await h.tg.waitForMessageTo(sekda.telegram, /Eskalasi/)
    expect(toSekda.text).toContain(`#${kabidOwn} Nurhayati Ramli, M.Si. (Jumat, 20 November 2026) — penilai: Sukri Halim, S.Sos., 4 hari kerja`)
    expect((await h.app.db.prisma.escalation.findMany({ orderBy: { activityId: 'asc' } })).map((e) => e.activityId)).toEqual([old, kabidOwn])

    // again the same day, from any trigger: nothing new
    expect(await h.app.scheduler.run('escalation', h.clock.now(), 'cron')).toMatchObject({ status: 'already_ran' })
    expect(await h.app.scheduler.run('escalation', h.clock.now(), 'manual')).toMatchObject({ result: { recipients: 0, enqueued: 0 } })

    // Monday: Salmiah's item has waited 3 work days now; Andi's is not reported a second time
    // (settle deliveries first: jumping the clock 3 days would make in-flight leases look expired)
    await h.app.dispatcher.runOnce()
    h.clock.set(wita('2026-11-30T08:15'))
    expect(await h.app.scheduler.run('escalation', h.clock.now(), 'cron')).toMatchObject({ result: { recipients: 1, enqueued: 1 } })
    await h.app.dispatcher.runOnce()
    const messages = h.tg.messagesTo(kaban.telegram).filter((m) => /Eskalasi/.test(m.text))
    expect(messages).toHaveLength(2)
    expect(messages[1]!.text).toContain(`#${young} Salmiah Djafar, M.Si. (Selasa, 24 November 2026)`)
    expect(messages[1]!.text).not.toContain(`#${old} `)
    expect(await h.app.db.prisma.escalation.count()).toBe(3)
    expect((await outboxOf(h, 'escalation')).map((r) => r.dedupeKey)).toHaveLength(3)
  })

  it('escalates an item again when it was returned for revision, resubmitted and stalled once more', async () => {
    const h = await startHarness({ at: wita('2026-11-23T09:00').toISOString(), env: { REPORT_BACKDATE_DAYS: '10' } }) // Monday
    await link(h, andi.telegram, kabid.telegram, kaban.telegram)
    h.tg.userSends(andi.telegram, '/lapor 08:00-09:00 Rapat koordinasi')
    const id = reportId((await h.tg.waitForMessageTo(andi.telegram, /terkirim ke atasan/)).text)
    const card = await h.tg.waitForMessageTo(kabid.telegram, new RegExp(`Laporan kegiatan #${id} menunggu`))
    await h.app.dispatcher.runOnce()
    const escalationsTo = () => h.tg.messagesTo(kaban.telegram).filter((m) => /Eskalasi/.test(m.text))

    // Thursday: waiting Tue, Wed, Thu → escalated
    h.clock.set(wita('2026-11-26T08:15'))
    expect(await h.app.scheduler.run('escalation', h.clock.now(), 'cron')).toMatchObject({ result: { enqueued: 1 } })
    await h.tg.waitFor(() => escalationsTo().length === 1)
    await h.app.dispatcher.runOnce()

    // later that morning Nurhayati returns it for revision and Andi sends it again: a new submission
    h.clock.set(wita('2026-11-26T10:00'))
    h.tg.userClicks(kabid.telegram, card.message_id, buttonData(card, /Revisi/)!)
    await h.tg.waitForMessageTo(kabid.telegram, /Tuliskan alasan perlu revisi/)
    h.tg.userSends(kabid.telegram, 'Lampirkan daftar hadir')
    const notice = await h.tg.waitForMessageTo(andi.telegram, new RegExp(`Keputusan atas laporan #${id}`))
    h.tg.userClicks(andi.telegram, notice.message_id, buttonData(notice, /Ubah/)!)
    await h.tg.waitForMessageTo(andi.telegram, new RegExp(`Kirim perbaikan laporan #${id}`))
    h.tg.userSends(andi.telegram, '08:00-09:00 Rapat koordinasi, daftar hadir terlampir')
    await h.tg.waitForMessageTo(kabid.telegram, new RegExp(`Laporan kegiatan #${id} \\(perbaikan ke-1\\) menunggu`))
    await h.app.dispatcher.runOnce()

    // Friday: the new submission has waited one work day, the old escalation does not count for it
    h.clock.set(wita('2026-11-27T08:15'))
    expect(await h.app.scheduler.run('escalation', h.clock.now(), 'cron')).toMatchObject({ result: { recipients: 0, enqueued: 0 } })
    // Tuesday: Fri, Mon, Tue → stalled again, escalated again
    h.clock.set(wita('2026-12-01T08:15'))
    expect(await h.app.scheduler.run('escalation', h.clock.now(), 'cron')).toMatchObject({ result: { recipients: 1, enqueued: 1 } })
    await h.tg.waitFor(() => escalationsTo().length === 2)
    expect(escalationsTo()[1]!.text).toContain(`#${id} Andi Latif, S.IP. (Senin, 23 November 2026) — penilai: Nurhayati Ramli, M.Si., 3 hari kerja`)
    expect(await h.app.db.prisma.escalation.findMany()).toEqual([expect.objectContaining({ activityId: id, at: h.clock.now() })])
    // and once only for this submission
    await h.app.dispatcher.runOnce()
    h.clock.set(wita('2026-12-02T08:15'))
    expect(await h.app.scheduler.run('escalation', h.clock.now(), 'cron')).toMatchObject({ result: { recipients: 0, enqueued: 0 } })
    expect(escalationsTo()).toHaveLength(2)
  })

  it('waits ESCALATION_WORK_DAYS work days when it is not the default', async () => {
    const h = await startHarness({ at: wita('2026-11-26T08:15').toISOString(), env: { ESCALATION_WORK_DAYS: '2' } }) // Thursday
    await link(h, kaban.telegram)
    // since Tuesday: Wed, Thu = 2 work days → escalated; since Wednesday: 1 → not yet
    const two = await addActivity(h, andi.nip, { date: '2026-11-24', minutes: 60, status: 'DIAJUKAN', submittedAt: wita('2026-11-24T09:00') })
    const one = await addActivity(h, salmiah.nip, { date: '2026-11-25', minutes: 60, status: 'DIAJUKAN', submittedAt: wita('2026-11-25T09:00') })
    expect(await h.app.scheduler.run('escalation', h.clock.now(), 'cron')).toMatchObject({ result: { recipients: 1, enqueued: 1 } })
    const msg = await h.tg.waitForMessageTo(kaban.telegram, /Eskalasi: laporan kegiatan belum diputuskan lebih dari 2 hari kerja/)
    expect(msg.text).toContain(`#${two} Andi Latif, S.IP. (Selasa, 24 November 2026) — penilai: Nurhayati Ramli, M.Si., 2 hari kerja`)
    expect(msg.text).not.toContain(`#${one} `)
    expect((await h.app.db.prisma.escalation.findMany()).map((e) => e.activityId)).toEqual([two])
  })

  it('does not run on a holiday', async () => {
    const h = await startHarness({ at: wita('2026-11-26T08:15').toISOString() })
    await h.cli('import-holidays', csvFile('libur.csv', ['date,name', '2026-11-26,Libur contoh']))
    expect(await h.app.scheduler.run('escalation', h.clock.now(), 'cron')).toMatchObject({ status: 'not_due' })
    expect(await h.app.db.prisma.jobRun.count()).toBe(0)
  })
})
