import { reachableAccount } from '../../domain/accounts.js'
import { firstWorkDayOfMonth, loadCalendar } from '../../domain/calendar.js'
import { addDays, localDate, monthRange, type IsoDate } from '../../domain/dates.js'
import { monthTarget } from '../../domain/targets.js'
import { enqueueOnce, type KeyedSend } from '../../domain/outbox.js'
import { sendKey, type Job, type JobConfig, type JobDeps } from './types.js'

/** The first day of the month before the one containing `date`. */
export const previousMonth = (date: IsoDate): IsoDate => monthRange(addDays(monthRange(date).from, -1)).from

/**
 * On the first work day of a month: every reachable employee gets last month's approved minutes against
 * their target, every reachable supervisor a table of their team. The cron fires on every weekday; the
 * calendar decides which one is the first work day (a manual run-job skips that check).
 */
export function monthlySummaryJob(cfg: JobConfig, cron: string): Job {
  return {
    name: 'monthly-summary',
    cron,
    period: (at) => previousMonth(localDate(at, cfg.tz)).slice(0, 7),
    async isDue(at, deps) {
      const today = localDate(at, cfg.tz)
      const { from, to } = monthRange(today)
      return firstWorkDayOfMonth(await loadCalendar(deps.db, from, to, []), today) === today
    },
    async run(at: Date, deps: JobDeps) {
      const { db } = deps
      const month = previousMonth(localDate(at, cfg.tz))
      const period = month.slice(0, 7)
      const { from, to } = monthRange(month)
      const [employees, approved, calendar] = await Promise.all([
        db.employee.findMany({
          where: { active: true },
          orderBy: { name: 'asc' },
          select: { id: true, name: true, supervisorId: true, monthlyTargetMinutes: true, _count: { select: { accounts: { where: reachableAccount(cfg.platforms) } } } },
        }),
        db.activity.groupBy({ by: ['employeeId'], where: { status: 'DISETUJUI', date: { gte: from, lte: to } }, _sum: { minutes: true } }),
        loadCalendar(db, from, to),
      ])
      const minutes = new Map(approved.map((a) => [a.employeeId, a._sum.minutes ?? 0]))
      // everyone, the top of the tree too (the Sekda has a target and a month like anybody else); only
      // those with a supervisor appear in a team table
      const rows = employees.map((e) => ({ e, approvedMinutes: minutes.get(e.id) ?? 0, target: monthTarget(calendar, e, month, cfg.minutesPerDay) }))
      const sends: KeyedSend[] = []
      for (const { e, approvedMinutes, target } of rows) {
        if (e._count.accounts === 0) continue
        sends.push({
          recipientId: e.id,
          dedupeKey: sendKey('monthly-summary', period, e.id),
          message: {
            kind: 'monthly_summary',
            month,
            approvedMinutes,
            targetMinutes: target.minutes,
            target: { mode: target.mode, workDays: target.workDays, minutesPerDay: target.minutesPerDay },
            ...(e.supervisorId === null ? { noSupervisor: true } : {}),
          },
        })
      }
      const teams = new Map<number, { name: string; approvedMinutes: number; targetMinutes: number }[]>()
      for (const { e, approvedMinutes, target } of rows) {
        if (e.supervisorId === null) continue
        const team = teams.get(e.supervisorId) ?? []
        team.push({ name: e.name, approvedMinutes, targetMinutes: target.minutes })
        teams.set(e.supervisorId, team)
      }
      for (const s of employees) {
        const team = teams.get(s.id)
        if (!team || s._count.accounts === 0) continue
        sends.push({ recipientId: s.id, dedupeKey: sendKey('monthly-summary', period, s.id, 'team'), message: { kind: 'team_summary', month, rows: team } })
      }
      return { recipients: sends.length, ...(await enqueueOnce(db, sends, deps.clock.now())) }
    },
  }
}
