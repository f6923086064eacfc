import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../helpers/app.js'
import { addActivity, csvFile, employeeId, link, outboxOf, wita } from './helpers.js'

const { andi, salmiah, kabid, kaban, otherKabid } = people
// in BKPSDM-PKP with Andi and Salmiah; vouched for by telegram_user_id in the import
const sudirman = { nip: '199107272020011015', telegram: 700000064 }

const remindersTo = (h: Awaited<ReturnType<typeof startHarness>>, chat: number) =>
  h.tg.messagesTo(chat).filter((m) => /Pengingat/.test(m.text))

describe('daily activity reminder and the final nudge', () => {
  it('go to exactly those who can report, have a work day and reported nothing today; once', async () => {
    const h = await startHarness({ at: wita('2026-11-27T15:30').toISOString() }) // Friday
    await link(h, andi.telegram, salmiah.telegram, sudirman.telegram, kabid.telegram, kaban.telegram)
    // Andi reported today; Salmiah is on leave; Ahmad Anwar never linked; the Sekda has nobody to report to
    h.tg.userSends(andi.telegram, '/lapor 08:00-10:00 Rapat koordinasi')
    await h.tg.waitForMessageTo(andi.telegram, /terkirim ke atasan/)
    const leave = await h.cli('import-leave', csvFile('cuti.csv', ['nip,from,to,kind', `${salmiah.nip},2026-11-26,2026-11-27,cuti`]))
    expect(leave.code).toBe(0)

    const first = await h.app.scheduler.run('activity-reminder', h.clock.now(), 'cron')
    expect(first).toMatchObject({ status: 'done', period: '2026-11-27', result: { recipients: 3, enqueued: 3, duplicates: 0 } })
    const rows = await outboxOf(h, 'activity_reminder')
    const expected = [await employeeId(h, sudirman.nip), await employeeId(h, kabid.nip), await employeeId(h, kaban.nip)]
    expect(rows.map((r) => r.recipientId).sort()).toEqual(expected.sort())
    expect(rows.map((r) => r.dedupeKey).sort()).toEqual(expected.map((id) => `activity-reminder:2026-11-27:${id}`).sort())
    const reminder = await h.tg.waitForMessageTo(sudirman.telegram, /belum melaporkan kegiatan untuk hari ini, Jumat, 27 November 2026/)
    await h.tg.waitForMessageTo(kabid.telegram, /Pengingat laporan kegiatan/)
    await h.tg.waitForMessageTo(kaban.telegram, /Pengingat laporan kegiatan/)

    // the cron of a second instance, a restart, an operator's re-run: nothing is sent twice
    expect(await h.app.scheduler.run('activity-reminder', h.clock.now(), 'cron')).toMatchObject({ status: 'already_ran' })
    expect(await h.app.scheduler.run('activity-reminder', h.clock.now(), 'manual')).toMatchObject({
      status: 'done',
      result: { enqueued: 0, duplicates: 3 },
    })
    await h.app.dispatcher.runOnce()
    for (const chat of [sudirman.telegram, kabid.telegram, kaban.telegram]) expect(remindersTo(h, chat)).toHaveLength(1)
    for (const chat of [andi.telegram, salmiah.telegram]) expect(remindersTo(h, chat)).toHaveLength(0)

    // "Lapor sekarang" starts the guided report
    h.tg.clickButton(sudirman.telegram, /Lapor sekarang/)
    await h.tg.waitForMessageTo(sudirman.telegram, /Apa kegiatan yang Anda lakukan/, { afterMessageId: reminder.message_id })

    // an hour later only those still missing get the last nudge
    h.clock.set(wita('2026-11-27T16:00'))
    h.tg.userSends(sudirman.telegram, '/lapor 13:00-15:00 Entri data kepegawaian')
    await h.tg.waitForMessageTo(sudirman.telegram, /terkirim ke atasan/)
    await h.app.dispatcher.runOnce() // the card: leases must not look expired after the clock jump
    h.clock.set(wita('2026-11-27T16:30'))
    expect(await h.app.scheduler.run('activity-nudge', h.clock.now(), 'cron')).toMatchObject({ status: 'done', result: { recipients: 2, enqueued: 2 } })
    await h.tg.waitForMessageTo(kabid.telegram, /Pengingat terakhir hari ini/)
    await h.tg.waitForMessageTo(kaban.telegram, /Pengingat terakhir hari ini/)
    await h.app.dispatcher.runOnce()
    expect(remindersTo(h, sudirman.telegram)).toHaveLength(1)
  })

  it('is not sent on a holiday or cuti bersama', async () => {
    const h = await startHarness({ at: wita('2026-11-27T15:30').toISOString() })
    await link(h, sudirman.telegram, kabid.telegram)
    const holidays = await h.cli('import-holidays', csvFile('libur.csv', ['date,name', '2026-11-27,Cuti Bersama Contoh']))
    expect(holidays.code).toBe(0)
    expect(await h.app.db.prisma.holiday.findFirst()).toMatchObject({ date: '2026-11-27', kind: 'cuti_bersama' })
    expect(await h.app.scheduler.run('activity-reminder', h.clock.now(), 'cron')).toMatchObject({ result: { recipients: 0, enqueued: 0 } })
    expect(await h.app.db.prisma.outbox.count({ where: { kind: 'activity_reminder' } })).toBe(0)
  })
})

describe('a person’s own time zone', () => {
  it('the activity reminder’s “today”, and whether they reported it, are their local date (WIT past midnight, WITA not)', async () => {
    // Thursday 23:30 in Kendari is already Friday 00:30 in Jayapura
    const h = await startHarness({ at: wita('2026-11-26T23:30').toISOString() })
    await link(h, andi.telegram, salmiah.telegram, sudirman.telegram, kabid.telegram)
    await h.app.db.prisma.employee.updateMany({ where: { nip: { in: [andi.nip, salmiah.nip] } }, data: { timezone: 'Asia/Jayapura' } })
    await addActivity(h, andi.nip, { date: '2026-11-26', minutes: 60, status: 'DIAJUKAN' }) // his yesterday
    await addActivity(h, salmiah.nip, { date: '2026-11-27', minutes: 60, status: 'DIAJUKAN', submittedAt: h.clock.now() }) // her today
    await addActivity(h, sudirman.nip, { date: '2026-11-26', minutes: 60, status: 'DIAJUKAN' }) // his today (WITA)

    expect(await h.app.scheduler.run('activity-reminder', h.clock.now(), 'manual')).toMatchObject({ period: '2026-11-26', result: { recipients: 2, enqueued: 2 } })
    const rows = await outboxOf(h, 'activity_reminder')
    expect(Object.fromEntries(rows.map((r) => [r.recipientId, r.message.date]))).toEqual({
      [await employeeId(h, andi.nip)]: '2026-11-27',
      [await employeeId(h, kabid.nip)]: '2026-11-26',
    })
    await h.tg.waitForMessageTo(andi.telegram, /belum melaporkan kegiatan untuk hari ini, Jumat, 27 November 2026/)
    await h.tg.waitForMessageTo(kabid.telegram, /belum melaporkan kegiatan untuk hari ini, Kamis, 26 November 2026/)
    await h.app.dispatcher.runOnce()
    for (const chat of [salmiah.telegram, sudirman.telegram]) expect(remindersTo(h, chat)).toHaveLength(0)
  })

  it('a holiday on their local date, not on the organisation’s, keeps the reminder away', async () => {
    const h = await startHarness({ at: wita('2026-11-26T23:30').toISOString() })
    await link(h, andi.telegram, sudirman.telegram)
    await h.app.db.prisma.employee.update({ where: { nip: andi.nip }, data: { timezone: 'Asia/Jayapura' } })
    await h.cli('import-holidays', csvFile('libur.csv', ['date,name', '2026-11-27,Libur contoh']))
    expect(await h.app.scheduler.run('activity-reminder', h.clock.now(), 'manual')).toMatchObject({ result: { recipients: 1 } })
    expect((await outboxOf(h, 'activity_reminder')).map((r) => r.recipientId)).toEqual([await employeeId(h, sudirman.nip)])
  })
})

describe('approval reminder', () => {
  it('tells each supervisor with pending items how many and the oldest, with a button to the queue; not on their leave', async () => {
    const h = await startHarness({ at: wita('2026-11-27T08:00').toISOString() })
    await link(h, kabid.telegram, otherKabid.telegram, kaban.telegram)
    const oldest = await addActivity(h, andi.nip, { date: '2026-11-24', minutes: 60, status: 'DIAJUKAN', submittedAt: wita('2026-11-24T16:00') })
    await addActivity(h, salmiah.nip, { date: '2026-11-26', minutes: 90, status: 'DIAJUKAN' })
    await addActivity(h, salmiah.nip, { date: '2026-11-25', minutes: 90, status: 'DISETUJUI' })

    // only Nurhayati has items waiting: Sri (another unit) and Sukri (nothing from Nurhayati) get nothing
    expect(await h.app.scheduler.run('approval-reminder', h.clock.now(), 'cron')).toMatchObject({ result: { recipients: 1, enqueued: 1 } })
    const msg = await h.tg.waitForMessageTo(kabid.telegram, /2 laporan menunggu persetujuan Anda/)
    expect(msg.text).toContain(`Terlama: #${oldest} dari Andi Latif, S.IP. (Selasa, 24 November 2026), menunggu 3 hari kerja`)
    h.tg.clickButton(kabid.telegram, /Buka daftar persetujuan/)
    await h.tg.waitForMessageTo(kabid.telegram, /Menunggu persetujuan: 2 laporan/)
    await h.app.dispatcher.runOnce()
    expect(h.tg.messagesTo(otherKabid.telegram).filter((m) => /menunggu persetujuan Anda/.test(m.text))).toHaveLength(0)
    expect(h.tg.messagesTo(kaban.telegram).filter((m) => /menunggu persetujuan Anda/.test(m.text))).toHaveLength(0)

    // Monday: Nurhayati is on leave, the items wait for her return
    await h.cli('import-leave', csvFile('cuti.csv', ['nip,from,to,kind', `${kabid.nip},2026-11-30,2026-11-30,dinas luar`]))
    h.clock.set(wita('2026-11-30T08:00'))
    expect(await h.app.scheduler.run('approval-reminder', h.clock.now(), 'cron')).toMatchObject({ status: 'done', result: { recipients: 0 } })
  })

  it('skips a supervisor who has not linked (nothing breaks, the others still get theirs)', async () => {
    const h = await startHarness({ at: wita('2026-11-27T08:00').toISOString() })
    await link(h, kaban.telegram) // Nurhayati never linked
    await addActivity(h, andi.nip, { date: '2026-11-26', minutes: 60, status: 'DIAJUKAN' })
    const own = await addActivity(h, kabid.nip, { date: '2026-11-26', minutes: 60, status: 'DIAJUKAN' })
    expect(await h.app.scheduler.run('approval-reminder', h.clock.now(), 'cron')).toMatchObject({ status: 'done', result: { recipients: 1, enqueued: 1 } })
    expect((await outboxOf(h, 'approval_reminder')).map((r) => r.recipientId)).toEqual([await employeeId(h, kaban.nip)])
    const msg = await h.tg.waitForMessageTo(kaban.telegram, /1 laporan menunggu persetujuan Anda/)
    expect(msg.text).toContain(`Terlama: #${own} dari Nurhayati Ramli, M.Si.`)
    await h.app.dispatcher.runOnce()
    // nothing parked for her either: no reminder waits for her first /start
    expect(await h.app.db.prisma.outbox.count({ where: { recipientId: await employeeId(h, kabid.nip) } })).toBe(0)
  })

  it('is not sent on a holiday, though items are waiting and the supervisor is linked', async () => {
    const h = await startHarness({ at: wita('2026-11-27T08:00').toISOString() })
    await link(h, kabid.telegram)
    await addActivity(h, andi.nip, { date: '2026-11-26', minutes: 60, status: 'DIAJUKAN' })
    await h.cli('import-holidays', csvFile('libur.csv', ['date,name', '2026-11-27,Libur contoh']))
    expect(await h.app.scheduler.run('approval-reminder', h.clock.now(), 'cron')).toMatchObject({ status: 'done', result: { recipients: 0, enqueued: 0 } })
    expect(await h.app.db.prisma.outbox.count({ where: { kind: 'approval_reminder' } })).toBe(0)
    // the next work day it goes out
    h.clock.set(wita('2026-11-30T08:00'))
    expect(await h.app.scheduler.run('approval-reminder', h.clock.now(), 'cron')).toMatchObject({ result: { recipients: 1, enqueued: 1 } })
  })
})
