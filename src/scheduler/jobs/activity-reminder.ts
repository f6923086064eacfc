import { withReachableAccount } from '../../domain/accounts.js'
import { isWorkDayFor, loadCalendar } from '../../domain/calendar.js'
import { localDate } from '../../domain/dates.js'
import { REPORTED_STATUSES } from '../../domain/digest.js'
import { enqueueOnce, type KeyedSend } from '../../domain/outbox.js'
import { sendKey, type Job, type JobConfig, type JobDeps } from './types.js'

/**
 * The afternoon reminder (and, with `final`, the last nudge an hour later) to every reachable employee (see domain/accounts.ts) who
 * can report, has a work day today in their own zone, and has reported nothing for it yet. Asking the
 * database again at each run is what makes the nudge go only to those still missing.
 */
export function activityReminderJob(cfg: JobConfig, opts: { cron: string; final: boolean }): Job {
  const name = opts.final ? 'activity-nudge' : 'activity-reminder'
  return {
    name,
    cron: opts.cron,
    ...(opts.final ? {} : { supersededBy: 'activity-nudge' as const }),
    period: (at) => localDate(at, cfg.tz),
    async run(at: Date, deps: JobDeps) {
      const { db } = deps
      const period = localDate(at, cfg.tz)
      // only people who can report: someone without a supervisor has nobody to validate a report
      const people = await db.employee.findMany({
        where: { active: true, supervisorId: { not: null }, ...withReachableAccount(cfg.platforms) },
        select: { id: true, timezone: true },
      })
      const todayOf = new Map(people.map((p) => [p.id, localDate(at, p.timezone ?? cfg.tz)]))
      const dates = [...new Set(todayOf.values())].sort()
      if (dates.length === 0) return { recipients: 0, enqueued: 0, duplicates: 0 }
      const [calendar, reported] = await Promise.all([
        loadCalendar(db, dates[0]!, dates.at(-1)!, people.map((p) => p.id)),
        db.activity.findMany({
          where: { date: { in: dates }, status: { in: REPORTED_STATUSES } },
          select: { employeeId: true, date: true },
          distinct: ['employeeId', 'date'],
        }),
      ])
      const done = new Set(reported.map((r) => `${r.employeeId}:${r.date}`))
      const sends: KeyedSend[] = []
      for (const p of people) {
        const today = todayOf.get(p.id)!
        if (!isWorkDayFor(calendar, p.id, today) || done.has(`${p.id}:${today}`)) continue
        sends.push({ recipientId: p.id, dedupeKey: sendKey(name, period, p.id), message: { kind: 'activity_reminder', date: today, final: opts.final } })
      }
      return { recipients: sends.length, ...(await enqueueOnce(db, sends, deps.clock.now())) }
    },
  }
}
