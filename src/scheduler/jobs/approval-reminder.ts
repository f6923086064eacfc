import { withReachableAccount } from '../../domain/accounts.js'
import { isWorkDayFor, loadCalendar, workDaysSince } from '../../domain/calendar.js'
import { localDate } from '../../domain/dates.js'
import type { Prisma } from '../../generated/prisma/client.js'
import { enqueueOnce, type KeyedSend } from '../../domain/outbox.js'
import { sendKey, type Job, type JobConfig, type JobDeps } from './types.js'

/** Items waiting for a decision, oldest first, with who decides them (the author's current supervisor). */
export async function pendingBySupervisor(deps: JobDeps, where: Prisma.ActivityWhereInput = {}) {
  const rows = await deps.db.activity.findMany({
    where: { status: 'DIAJUKAN', employee: { supervisorId: { not: null } }, ...where },
    orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
    select: { id: true, date: true, submittedAt: true, employee: { select: { name: true, supervisorId: true } } },
  })
  const groups = new Map<number, typeof rows>()
  for (const r of rows) {
    const list = groups.get(r.employee.supervisorId!) ?? []
    list.push(r)
    groups.set(r.employee.supervisorId!, list)
  }
  return groups
}

/** The morning reminder to each reachable supervisor (domain/accounts.ts) who has items waiting: how many, and the oldest. */
export function approvalReminderJob(cfg: JobConfig, cron: string): Job {
  return {
    name: 'approval-reminder',
    cron,
    period: (at) => localDate(at, cfg.tz),
    async run(at: Date, deps: JobDeps) {
      const period = localDate(at, cfg.tz)
      const groups = await pendingBySupervisor(deps)
      if (groups.size === 0) return { recipients: 0, enqueued: 0, duplicates: 0 }
      const supervisors = await deps.db.employee.findMany({
        where: { id: { in: [...groups.keys()] }, active: true, ...withReachableAccount(cfg.platforms) },
        select: { id: true, timezone: true },
      })
      const todayOf = new Map(supervisors.map((s) => [s.id, localDate(at, s.timezone ?? cfg.tz)]))
      const oldestDates = [...groups.values()].map((g) => localDate(g[0]!.submittedAt, cfg.tz))
      const from = [...oldestDates, ...todayOf.values()].sort()[0] ?? period
      const to = [...todayOf.values(), period].sort().at(-1)!
      const calendar = await loadCalendar(deps.db, from, to, supervisors.map((s) => s.id))
      const sends: KeyedSend[] = []
      for (const s of supervisors) {
        const today = todayOf.get(s.id)!
        // nobody is reminded on a holiday or their own leave: the items wait for the next work day
        if (!isWorkDayFor(calendar, s.id, today)) continue
        const items = groups.get(s.id)!
        const oldest = items[0]!
        sends.push({
          recipientId: s.id,
          dedupeKey: sendKey('approval-reminder', period, s.id),
          message: {
            kind: 'approval_reminder',
            count: items.length,
            oldest: {
              id: oldest.id,
              employee: oldest.employee.name,
              date: oldest.date,
              ageWorkDays: workDaysSince(calendar, localDate(oldest.submittedAt, s.timezone ?? cfg.tz), today),
            },
          },
        })
      }
      return { recipients: sends.length, ...(await enqueueOnce(deps.db, sends, deps.clock.now())) }
    },
  }
}
