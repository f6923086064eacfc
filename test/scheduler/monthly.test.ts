import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../helpers/app.js'
import { addActivity, csvFile, employeeId, link, outboxOf, wita } from './helpers.js'

const { andi, salmiah, kabid, kaban } = people
// the top of the tree: no supervisor of her own; Sukri reports to her
const sekda = { nip: '197312251996012011', telegram: 700000001 }

describe('monthly summary', () => {
  it('on the first work day: last month’s minutes, target and capaian to each employee, a team table to each supervisor', async () => {
    const h = await startHarness({ at: wita('2026-12-01T08:00').toISOString() }) // Tuesday
    await link(h, andi.telegram, salmiah.telegram, kabid.telegram)
    await h.cli('import-holidays', csvFile('libur.csv', ['date,name', '2026-11-26,Libur contoh']))
    await h.cli('import-leave', csvFile('cuti.csv', ['nip,from,to,kind', `${salmiah.nip},2026-11-23,2026-11-24,sakit`]))
    await h.app.db.prisma.employee.update({ where: { nip: salmiah.nip }, data: { monthlyTargetMinutes: null } })
    for (const d of ['02', '03', '04', '05', '06']) await addActivity(h, andi.nip, { date: `2026-11-${d}`, minutes: 300, status: 'DISETUJUI' })
    await addActivity(h, andi.nip, { date: '2026-11-30', minutes: 200, status: 'DIAJUKAN' }) // not approved: not counted
    await addActivity(h, andi.nip, { date: '2026-10-30', minutes: 200, status: 'DISETUJUI' }) // another month
    await addActivity(h, salmiah.nip, { date: '2026-11-25', minutes: 300, status: 'DISETUJUI' })
    await addActivity(h, salmiah.nip, { date: '2026-11-27', minutes: 280, status: 'DISETUJUI' })

    expect(await h.app.scheduler.run('monthly-summary', h.clock.now(), 'cron')).toMatchObject({ status: 'done', period: '2026-11', result: { enqueued: 4 } })
    const toAndi = await h.tg.waitForMessageTo(andi.telegram, /Rekap bulanan November 2026/)
    expect(toAndi.text).toContain('Menit disetujui: 1.500 menit\nTarget: 6.750 menit\nCapaian: 22,2%')
    // derived: 21 weekdays − the holiday − 2 days sick = 18 × 300
    const toSalmiah = await h.tg.waitForMessageTo(salmiah.telegram, /Rekap bulanan November 2026/)
    expect(toSalmiah.text).toContain('Menit disetujui: 580 menit\nTarget: 5.400 menit (18 hari kerja × 300 menit)\nCapaian: 10,7%')
    const team = await h.tg.waitForMessageTo(kabid.telegram, /Rekap tim November 2026/)
    expect(team.text.split('\n').slice(2)).toEqual([
      '• Ahmad Anwar, S.Kep.: 0 / 6.750 menit, 0,0%',
      '• Ahmad Sudirman: 0 / 6.750 menit, 0,0%',
      '• Andi Latif, S.IP.: 1.500 / 6.750 menit, 22,2%',
      '• Salmiah Djafar, M.Si.: 580 / 5.400 menit, 10,7%',
      '• Wa Ode Tamrin, S.E.: 0 / 6.750 menit, 0,0%',
    ])
    await h.tg.waitForMessageTo(kabid.telegram, /Rekap bulanan November 2026/) // her own, too
    expect((await outboxOf(h, 'team_summary')).map((r) => r.dedupeKey)).toEqual([expect.stringMatching(/^monthly-summary:2026-11:\d+:team$/)])

    // /rekap now uses the same target rule for the running month: 23 work days in December
    h.tg.userSends(salmiah.telegram, '/rekap')
    await h.tg.waitForMessageTo(salmiah.telegram, /Target bulanan: 6\.900 menit \(23 hari kerja × 300 menit\)/)

    // the next days' firings are not the first work day
    h.clock.set(wita('2026-12-02T08:00'))
    expect(await h.app.scheduler.run('monthly-summary', h.clock.now(), 'cron')).toMatchObject({ status: 'not_due' })
  })

  it('sends an employee with no supervisor (the Sekda) her own summary too, besides her team table', async () => {
    const h = await startHarness({ at: wita('2026-12-01T08:00').toISOString() })
    await link(h, sekda.telegram, kaban.telegram)
    await addActivity(h, kaban.nip, { date: '2026-11-10', minutes: 300, status: 'DISETUJUI' })
    // her own, her team's, Sukri's own and Sukri's team's
    expect(await h.app.scheduler.run('monthly-summary', h.clock.now(), 'cron')).toMatchObject({ status: 'done', result: { recipients: 4, enqueued: 4 } })
    const own = await h.tg.waitForMessageTo(sekda.telegram, /Rekap bulanan November 2026/)
    // nobody validates her daily reports: no target, no 0 % capaian
    expect(own.text).toContain('Menit disetujui: 0 menit\nTarget dan capaian: tidak berlaku.')
    expect(own.text).not.toMatch(/Capaian: /)
    const team = await h.tg.waitForMessageTo(sekda.telegram, /Rekap tim November 2026/)
    expect(team.text).toContain('• Sukri Halim, S.Sos.: 300 / 6.750 menit, 4,4%')
    await h.tg.waitForMessageTo(kaban.telegram, /Rekap bulanan November 2026/)
    h.tg.userSends(sekda.telegram, '/rekap')
    const rekap = await h.tg.waitForMessageTo(sekda.telegram, /Rekap Desember 2026/)
    expect(rekap.text).toContain('Target dan capaian: tidak berlaku.')
    expect(rekap.text).not.toMatch(/Capaian: 0%/)
    expect((await outboxOf(h, 'monthly_summary')).map((r) => r.recipientId).sort()).toEqual(
      [await employeeId(h, sekda.nip), await employeeId(h, kaban.nip)].sort(),
    )
  })

  it('derives the target from MINUTES_PER_DAY when it is not the default', async () => {
    const h = await startHarness({ at: wita('2026-12-01T08:00').toISOString(), env: { MINUTES_PER_DAY: '240' } })
    await link(h, andi.telegram)
    await h.app.db.prisma.employee.update({ where: { nip: andi.nip }, data: { monthlyTargetMinutes: null } })
    await addActivity(h, andi.nip, { date: '2026-11-02', minutes: 252, status: 'DISETUJUI' })
    expect(await h.app.scheduler.run('monthly-summary', h.clock.now(), 'cron')).toMatchObject({ result: { enqueued: 1 } })
    // 21 work days in November 2026 × 240
    const msg = await h.tg.waitForMessageTo(andi.telegram, /Rekap bulanan November 2026/)
    expect(msg.text).toContain('Menit disetujui: 252 menit\nTarget: 5.040 menit (21 hari kerja × 240 menit)\nCapaian: 5,0%')
    expect((await outboxOf(h, 'monthly_summary'))[0]!.message).toMatchObject({ targetMinutes: 5040, target: { mode: 'derived', workDays: 21, minutesPerDay: 240 } })
  })

  it('waits for the first work day when the 1st is a holiday', async () => {
    const h = await startHarness({ at: wita('2026-12-01T08:00').toISOString() })
    await link(h, andi.telegram)
    await h.cli('import-holidays', csvFile('libur.csv', ['date,name', '2026-12-01,Cuti Bersama contoh']))
    expect(await h.app.scheduler.run('monthly-summary', h.clock.now(), 'cron')).toMatchObject({ status: 'not_due' })
    h.clock.set(wita('2026-12-02T08:00'))
    expect(await h.app.scheduler.run('monthly-summary', h.clock.now(), 'cron')).toMatchObject({ status: 'done', period: '2026-11', result: { enqueued: 1 } })
  })
})
