import { withReachableAccount } from '../../domain/accounts.js'
import { loadCalendar, workDaysSince } from '../../domain/calendar.js'
import { localDate } from '../../domain/dates.js'
import type { EscalatedItem } from '../../domain/scheduled-messages.js'
import { enqueue, enqueueOnceWith } from '../../domain/outbox.js'
import { pendingBySupervisor } from './approval-reminder.js'
import { onOrgWorkDays, sendKey, type Job, type JobConfig, type JobDeps } from './types.js'

const LISTED = 20

interface Entry {
  supervisorId: number
  submittedAt: Date
  /** An Escalation row of an earlier submission exists (it is taken over rather than created). */
  earlier: boolean
  item: EscalatedItem
}

/**
 * Items still waiting after N work days go to the supervisor's own supervisor (Atasan Pejabat Penilai),
 * once per submission: an Escalation row is written in the same transaction as the message, so a second
 * run, or a second instance, finds the item taken and reports nothing twice. An item returned for
 * revision (or edited) and submitted again starts a new wait: if that one stalls too, it is escalated
 * again. The row is one per activity (unique activityId), so it tells which submission it was for by its
 * time: written before the current submittedAt, it belongs to an earlier one and is taken over.
 */
export function escalationJob(cfg: JobConfig, cron: string): Job {
  const threshold = cfg.escalationWorkDays
  return {
    name: 'escalation',
    cron,
    period: (at) => localDate(at, cfg.tz),
    isDue: onOrgWorkDays(cfg),
    async run(at: Date, deps: JobDeps) {
      const { db, log } = deps
      const today = localDate(at, cfg.tz)
      const groups = await pendingBySupervisor(deps)
      if (groups.size === 0) return { recipients: 0, enqueued: 0, duplicates: 0 }
      const first = [...groups.values()].map((g) => localDate(g[0]!.submittedAt, cfg.tz)).sort()[0]!
      const calendar = await loadCalendar(db, first < today ? first : today, today, [])
      const supervisors = await db.employee.findMany({
        where: { id: { in: [...groups.keys()] } },
        select: { id: true, name: true, supervisorId: true },
      })
      const overdueOf = new Map(
        supervisors.map((s) => [
          s.id,
          groups
            .get(s.id)!
            .map((a) => ({ a, age: workDaysSince(calendar, localDate(a.submittedAt, cfg.tz), today) }))
            .filter((x) => x.age >= threshold),
        ]),
      )
      const overdueIds = [...overdueOf.values()].flat().map((x) => x.a.id)
      if (overdueIds.length === 0) return { recipients: 0, enqueued: 0, duplicates: 0 }
      const escalatedAt = new Map(
        (await db.escalation.findMany({ where: { activityId: { in: overdueIds } }, select: { activityId: true, at: true } })).map((e) => [e.activityId, e.at]),
      )
      // escalated already for the submission now waiting (a row written after it was submitted)
      const escalatedNow = (a: { id: number; submittedAt: Date }) => (escalatedAt.get(a.id)?.getTime() ?? -Infinity) >= a.submittedAt.getTime()
      const byApp = new Map<number, Entry[]>()
      let topless = 0
      for (const s of supervisors) {
        const overdue = overdueOf.get(s.id)!.filter(({ a }) => !escalatedNow(a))
        if (overdue.length === 0) continue
        if (s.supervisorId === null) {
          topless += overdue.length
          continue
        }
        const list = byApp.get(s.supervisorId) ?? []
        for (const { a, age } of overdue) {
          list.push({
            supervisorId: s.id,
            submittedAt: a.submittedAt,
            earlier: escalatedAt.has(a.id),
            item: { id: a.id, employee: a.employee.name, supervisor: s.name, date: a.date, ageWorkDays: age },
          })
        }
        byApp.set(s.supervisorId, list)
      }
      if (topless > 0) log.info({ items: topless }, 'overdue items of supervisors without a supervisor of their own: not escalated')
      // an Atasan Pejabat Penilai who cannot be reached yet gets nothing now; the items stay unmarked and are
      // escalated on the first run after they can be
      const apps = await db.employee.findMany({
        where: { id: { in: [...byApp.keys()] }, active: true, ...withReachableAccount(cfg.platforms) },
        select: { id: true },
      })
      const period = localDate(at, cfg.tz)
      const now = deps.clock.now()
      let enqueued = 0
      for (const app of apps) {
        const entries = byApp.get(app.id)!.sort((x, y) => y.item.ageWorkDays - x.item.ageWorkDays || x.item.id - y.item.id)
        const dedupeKey = sendKey('escalation', period, app.id)
        const sent = await enqueueOnceWith(db, dedupeKey, async (tx) => {
          const fresh = entries.filter((e) => !e.earlier)
          await tx.escalation.createMany({
            data: fresh.map((e) => ({ activityId: e.item.id, supervisorId: e.supervisorId, escalatedToId: app.id, at: now })),
          })
          // an earlier submission's row now stands for this one (only if no other run took it over first)
          for (const e of entries.filter((x) => x.earlier)) {
            await tx.escalation.updateMany({
              where: { activityId: e.item.id, at: { lt: e.submittedAt } },
              data: { supervisorId: e.supervisorId, escalatedToId: app.id, at: now },
            })
          }
          await enqueue(tx, {
            recipientId: app.id,
            dedupeKey,
            at: now,
            message: { kind: 'escalation', thresholdDays: threshold, items: entries.slice(0, LISTED).map((e) => e.item), more: Math.max(0, entries.length - LISTED) },
          })
        })
        if (sent) enqueued++
      }
      return { recipients: apps.length, enqueued, duplicates: apps.length - enqueued }
    },
  }
}
