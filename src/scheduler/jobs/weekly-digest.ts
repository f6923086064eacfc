import { loadCalendar } from '../../domain/calendar.js'
import { addDays, localDate, type IsoDate } from '../../domain/dates.js'
import { computeDigest, previousWeek, REPORTED_STATUSES, subtree } from '../../domain/digest.js'
import { compliancePercent } from '../../domain/scheduled-messages.js'
import { monthsWindow } from '../../domain/targets.js'
import { enqueue, enqueueOnceWith } from '../../notify/outbox.js'
import { renderComplianceChart } from '../chart.js'
import { sendKey, type Job, type JobConfig, type JobDeps } from './types.js'

/** ISO 8601 week of a date, e.g. 2026-W48 (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(date: IsoDate): string {
  const d = new Date(`${date}T00:00:00Z`)
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 86_400_000)
  const year = thursday.getUTCFullYear()
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}

/**
 * Monday morning: every linked LEADER gets the previous week of their unit and its whole subtree: a chart
 * (photo / file) and the numbers (text), as two outbox rows written in one transaction, so the pair is sent
 * once and in order.
 */
export function weeklyDigestJob(cfg: JobConfig, cron: string): Job {
  return {
    name: 'weekly-digest',
    cron,
    period: (at) => isoWeek(previousWeek(localDate(at, cfg.tz)).from),
    async run(at: Date, deps: JobDeps) {
      const { db } = deps
      const today = localDate(at, cfg.tz)
      const week = previousWeek(today)
      const period = isoWeek(week.from)
      const leaders = await db.employee.findMany({
        where: { role: 'LEADER', active: true, identities: { some: {} } },
        select: { id: true, unitId: true },
      })
      if (leaders.length === 0) return { recipients: 0, enqueued: 0, duplicates: 0 }
      const data = await loadWeek(deps, cfg.tz, week.from, week.to, today)
      let enqueued = 0
      for (const leader of leaders) {
        const dedupeKey = sendKey('weekly-digest', period, leader.id)
        const scope = new Set(subtree(data.units, leader.unitId).map((t) => t.unit.id))
        const employees = data.employees.filter((e) => scope.has(e.unitId))
        const ids = new Set(employees.map((e) => e.id))
        const digest = computeDigest({
          scopeUnitId: leader.unitId,
          units: data.units,
          employees,
          activities: data.activities.filter((a) => ids.has(a.employeeId)),
          pending: data.pending.filter((p) => ids.has(p.employeeId)),
          calendar: data.calendar,
          week,
          today,
          minutesPerDay: cfg.minutesPerDay,
          backlogWorkDays: cfg.escalationWorkDays,
        })
        const sent = await enqueueOnceWith(db, dedupeKey, async (tx) => {
          const now = deps.clock.now()
          // rendered inside: a run that finds the key already taken draws nothing
          const png = renderComplianceChart(digest)
          const file = await tx.attachment.create({
            data: { filename: `kepatuhan-${period}.png`, mime: 'image/png', data: new Uint8Array(png), createdAt: now },
            select: { id: true },
          })
          await enqueue(tx, {
            recipientId: leader.id,
            dedupeKey: `${dedupeKey}:chart`,
            at: now,
            message: {
              kind: 'digest_chart',
              scope: digest.scope.name,
              from: week.from,
              to: week.to,
              compliance: compliancePercent(digest.total.week),
              previousCompliance: compliancePercent(digest.total.previous),
              attachmentId: file.id,
            },
          })
          await enqueue(tx, { recipientId: leader.id, dedupeKey, at: now, message: { kind: 'leader_digest', digest } })
        })
        if (sent) enqueued++
      }
      return { recipients: leaders.length, enqueued, duplicates: leaders.length - enqueued }
    },
  }
}

/** Everything the digests of one week need, read once for all leaders. */
async function loadWeek(deps: JobDeps, tz: string, from: IsoDate, to: IsoDate, today: IsoDate) {
  const { db } = deps
  const prevFrom = addDays(from, -7)
  const [units, employees, activities, pendingRows] = await Promise.all([
    db.unit.findMany({ select: { id: true, code: true, name: true, parentId: true } }),
    db.employee.findMany({
      where: { active: true },
      orderBy: { name: 'asc' },
      select: { id: true, name: true, unitId: true, supervisorId: true, monthlyTargetMinutes: true },
    }),
    db.activity.findMany({
      where: { date: { gte: prevFrom, lte: to }, status: { in: REPORTED_STATUSES } },
      select: { employeeId: true, date: true, minutes: true, status: true },
    }),
    db.activity.findMany({ where: { status: 'DIAJUKAN' }, select: { employeeId: true, submittedAt: true } }),
  ])
  const pending = pendingRows.map((p) => ({ employeeId: p.employeeId, submitted: localDate(p.submittedAt, tz) }))
  // prorated targets need whole months; pending ages need the holidays since the oldest item
  const window = monthsWindow(prevFrom, to > today ? to : today)
  const oldest = pending.map((p) => p.submitted).sort()[0]
  const calendar = await loadCalendar(db, oldest && oldest < window.from ? oldest : window.from, window.to)
  return { units, employees, activities, pending, calendar }
}
