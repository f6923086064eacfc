import { describe, expect, it } from 'vitest'
import { people, startHarness, type Harness } from '../helpers/app.js'
import { eventually } from '../helpers/wait.js'
import { addActivity, link, wita } from './helpers.js'

const { andi, kabid } = people
const sudirman = 700000064

const logLines = (logs: string[]) => logs.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)

/** The scheduler has been running in this database since `at` (it went down later). */
const runningSince = (h: Harness, at: Date) => h.app.db.prisma.setting.create({ data: { key: 'scheduler.firstStart', value: at.toISOString() } })

describe('catch-up at start-up', () => {
  it('runs a job missed while the process was down once, marked late; older misses are skipped and logged', async () => {
    // the process was down at 15:30 and comes back at 15:45 (Friday)
    const h = await startHarness({ at: wita('2026-11-27T15:45').toISOString() })
    await link(h, sudirman)
    await runningSince(h, wita('2026-11-23T00:00'))
    await h.restart({ SCHEDULER_ENABLED: 'true' })
    await h.app.scheduler.caughtUp()

    const runs = await h.app.db.prisma.jobRun.findMany()
    expect(runs.map((r) => ({ job: r.job, period: r.period, trigger: r.trigger, late: r.late, dueAt: r.dueAt.toISOString() }))).toEqual([
      { job: 'activity-reminder', period: '2026-11-27', trigger: 'catchup', late: true, dueAt: wita('2026-11-27T15:30').toISOString() },
    ])
    await h.tg.waitForMessageTo(sudirman, /Pengingat laporan kegiatan/)
    const lines = logLines(h.logs)
    expect(lines.find((l) => l.job === 'activity-reminder' && /running late \(catch-up\)/.test(String(l.msg)))).toMatchObject({ level: 40 })
    // 08:00 today and Monday 07:30 are beyond the 3-hour horizon: not sent now, said so in the log
    for (const job of ['approval-reminder', 'escalation', 'weekly-digest']) {
      expect(lines.find((l) => l.job === job && /older than CATCHUP_HORIZON_HOURS/.test(String(l.msg)))).toBeDefined()
    }

    // another restart in the same minute: nothing runs again
    await h.restart({ SCHEDULER_ENABLED: 'true' })
    await h.app.scheduler.caughtUp()
    await h.app.dispatcher.runOnce()
    expect(await h.app.db.prisma.jobRun.count()).toBe(1)
    expect(h.tg.messagesTo(sudirman).filter((m) => /Pengingat/.test(m.text))).toHaveLength(1)
  })

  it('when both the reminder and the final nudge were missed, only the nudge is caught up', async () => {
    const h = await startHarness({ at: wita('2026-11-27T16:45').toISOString() })
    await runningSince(h, wita('2026-11-27T07:00'))
    await link(h, sudirman)
    await h.restart({ SCHEDULER_ENABLED: 'true' })
    await h.app.scheduler.caughtUp()
    expect((await h.app.db.prisma.jobRun.findMany()).map((r) => r.job)).toEqual(['activity-nudge'])
    await h.tg.waitForMessageTo(sudirman, /Pengingat terakhir hari ini/)
    await h.app.dispatcher.runOnce()
    expect(h.tg.messagesTo(sudirman).filter((m) => /Pengingat/.test(m.text))).toHaveLength(1)
  })

  it('finishes a run whose process was killed half-way: the scheduler that takes the role takes it over', async () => {
    const h = await startHarness({ at: wita('2026-11-27T15:35').toISOString() })
    await runningSince(h, wita('2026-11-27T07:00'))
    await link(h, sudirman)
    // the previous process started the 15:30 reminder five minutes ago and was killed before it finished
    await h.app.db.prisma.jobRun.create({
      data: { job: 'activity-reminder', period: '2026-11-27', dueAt: wita('2026-11-27T15:30'), trigger: 'cron', instanceId: 'gone:1', startedAt: wita('2026-11-27T15:30') },
    })
    await h.restart({ SCHEDULER_ENABLED: 'true' })
    await h.app.scheduler.caughtUp()
    await h.tg.waitForMessageTo(sudirman, /Pengingat laporan kegiatan/)
    const run = await h.app.db.prisma.jobRun.findFirstOrThrow({ where: { job: 'activity-reminder' } })
    expect(run).toMatchObject({ trigger: 'catchup', finishedAt: expect.any(Date), enqueued: expect.any(Number) })
    expect(logLines(h.logs).find((l) => l.msg === 'unfinished run taken over')).toMatchObject({ instanceId: 'gone:1' })
  })

  it('looks again while running: a slot whose firing was lost, or whose run failed, runs within CATCHUP_RECHECK_SECONDS', async () => {
    // 15:25: nothing due yet at start
    const h = await startHarness({ at: wita('2026-11-27T15:25').toISOString() })
    await link(h, sudirman)
    await h.restart({ SCHEDULER_ENABLED: 'true', CATCHUP_RECHECK_SECONDS: '1' })
    await h.app.scheduler.caughtUp()
    expect(await h.app.db.prisma.jobRun.count()).toBe(0)
    // 15:31 on the app's clock: node-cron (real time) never fires this slot, the re-check does
    h.clock.set(wita('2026-11-27T15:31'))
    await h.tg.waitForMessageTo(sudirman, /Pengingat laporan kegiatan/)
    // a failed run of the nudge is retried by the next look
    await h.app.db.prisma.jobRun.create({
      data: { job: 'activity-nudge', period: '2026-11-27', dueAt: wita('2026-11-27T16:30'), trigger: 'cron', instanceId: 'x', startedAt: wita('2026-11-27T16:30'), error: 'database is down' },
    })
    h.clock.set(wita('2026-11-27T16:31'))
    await eventually(() => h.app.db.prisma.jobRun.findFirst({ where: { job: 'activity-nudge', finishedAt: { not: null }, error: null } }))
    await h.tg.waitForMessageTo(sudirman, /Pengingat terakhir hari ini/)
    await h.app.dispatcher.runOnce()
    expect(h.tg.messagesTo(sudirman).filter((m) => /Pengingat/.test(m.text))).toHaveLength(2)
    // the reminder's slot is not run again by later looks
    await new Promise((r) => setTimeout(r, 1500))
    expect(await h.app.db.prisma.jobRun.count({ where: { job: 'activity-reminder' } })).toBe(1)
  })
})

describe('node-cron wiring', () => {
  it('fires on schedule; repeated firings and concurrent runs of one period send once', async () => {
    // half a second past the slot, with no catch-up horizon: only node-cron itself can run it
    const h = await startHarness({ at: '2026-11-27T00:00:00.500Z' })
    await link(h, kabid.telegram)
    await addActivity(h, andi.nip, { date: '2026-11-26', minutes: 60, status: 'DIAJUKAN' })
    // every second, for the test: each firing is "now" on the fixed clock, so all belong to one period
    await h.restart({ SCHEDULER_ENABLED: 'true', CRON_APPROVAL_REMINDER: '* * * * * *', CATCHUP_HORIZON_HOURS: '0' })
    await h.tg.waitForMessageTo(kabid.telegram, /1 laporan menunggu persetujuan Anda/)
    await new Promise((r) => setTimeout(r, 1100)) // at least one more firing
    // two processes at the same instant (simulated): one runs, the other finds it taken
    const both = await Promise.all([
      h.app.scheduler.run('approval-reminder', h.clock.now(), 'cron'),
      h.app.scheduler.run('approval-reminder', h.clock.now(), 'cron'),
    ])
    expect(both.map((r) => r.status).sort()).toEqual(['already_ran', 'already_ran'])
    await h.app.dispatcher.runOnce()
    expect(await h.app.db.prisma.jobRun.findMany({ select: { job: true, trigger: true } })).toEqual([{ job: 'approval-reminder', trigger: 'cron' }])
    expect(h.tg.messagesTo(kabid.telegram).filter((m) => /menunggu persetujuan Anda/.test(m.text))).toHaveLength(1)
  })

  it('two runs of a fresh period started together: one does the work', async () => {
    const h = await startHarness({ at: wita('2026-11-27T08:00').toISOString() })
    await link(h, kabid.telegram)
    await addActivity(h, andi.nip, { date: '2026-11-26', minutes: 60, status: 'DIAJUKAN' })
    const both = await Promise.all([
      h.app.scheduler.run('approval-reminder', h.clock.now(), 'cron'),
      h.app.scheduler.run('approval-reminder', h.clock.now(), 'cron'),
      h.app.scheduler.run('approval-reminder', h.clock.now(), 'manual'),
    ])
    expect(both.filter((r) => r.status === 'done').length).toBeGreaterThanOrEqual(1)
    const enqueued = both.reduce((s, r) => s + (r.status === 'done' ? r.result.enqueued : 0), 0)
    expect(enqueued).toBe(1)
    await h.app.dispatcher.runOnce()
    expect(h.tg.messagesTo(kabid.telegram).filter((m) => /menunggu persetujuan Anda/.test(m.text))).toHaveLength(1)
  })
})

describe('a new installation', () => {
  it('runs nothing as catch-up and warns of nothing on its first start; a later start says a miss once', async () => {
    // first start ever, Friday 15:45: the 15:30 reminder, 08:00 and Monday's digest could never have run
    const h = await startHarness({ at: wita('2026-11-27T15:45').toISOString() })
    await h.restart({ SCHEDULER_ENABLED: 'true' })
    await h.app.scheduler.caughtUp()
    expect(await h.app.db.prisma.jobRun.count()).toBe(0)
    const first = logLines(h.logs)
    expect(first.filter((l) => /missed run|running late/.test(String(l.msg)))).toEqual([])

    // down from Friday evening to Monday 12:00: Monday's 07:30 digest and 08:00 reminders were missed
    h.clock.set(wita('2026-11-30T12:00'))
    h.logs.length = 0
    await h.restart({ SCHEDULER_ENABLED: 'true' })
    await h.app.scheduler.caughtUp()
    const missed = logLines(h.logs).filter((l) => /older than CATCHUP_HORIZON_HOURS/.test(String(l.msg))).map((l) => l.job)
    expect(missed).toContain('weekly-digest')
    // Friday 15:30 was before the first start: still not a miss (16:30's nudge, after it, is one)
    expect(logLines(h.logs).some((l) => l.dueAt === wita('2026-11-27T15:30').toISOString())).toBe(false)
    expect(logLines(h.logs).some((l) => l.dueAt === wita('2026-11-27T16:30').toISOString())).toBe(true)

    // the next start says nothing more about the same misses
    h.clock.set(wita('2026-11-30T12:05'))
    h.logs.length = 0
    await h.restart({ SCHEDULER_ENABLED: 'true' })
    await h.app.scheduler.caughtUp()
    expect(logLines(h.logs).filter((l) => /older than CATCHUP_HORIZON_HOURS/.test(String(l.msg)))).toEqual([])
  })

  it('a database whose scheduler ran before its first start was recorded still catches up a miss', async () => {
    // runs from Thursday, no scheduler.firstStart yet (an installation from before it was kept); down at 15:30 Friday
    const h = await startHarness({ at: wita('2026-11-27T15:45').toISOString() })
    await link(h, sudirman)
    const thursday = wita('2026-11-26T15:30')
    await h.app.db.prisma.jobRun.create({
      data: { job: 'activity-reminder', period: '2026-11-26', dueAt: thursday, trigger: 'cron', instanceId: 'old:1', startedAt: thursday, finishedAt: thursday },
    })
    await h.restart({ SCHEDULER_ENABLED: 'true' })
    await h.app.scheduler.caughtUp()
    expect(await h.app.db.prisma.jobRun.findFirst({ where: { period: '2026-11-27' } })).toMatchObject({ job: 'activity-reminder', trigger: 'catchup', late: true })
    await h.tg.waitForMessageTo(sudirman, /Pengingat laporan kegiatan/)
    expect(await h.app.db.prisma.setting.findUnique({ where: { key: 'scheduler.firstStart' } })).toMatchObject({ value: thursday.toISOString() })
  })
})
