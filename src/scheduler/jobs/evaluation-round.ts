import { firstWorkDayOfMonth, loadCalendar } from '../../domain/calendar.js'
import { localDate, monthRange } from '../../domain/dates.js'
import type { EvaluationSettings } from '../../domain/evaluation-config.js'
import { evidenceFor } from '../../domain/evaluation-evidence.js'
import { evaluationTopic } from '../../domain/evaluation.js'
import { evaluationSelect, toEvaluationView } from '../../domain/evaluation-view.js'
import { previousPeriod, startsNewPeriod } from '../../domain/periods.js'
import { enqueue, enqueueOnceWith } from '../../domain/outbox.js'
import { sendKey, type Job, type JobConfig, type JobDeps } from './types.js'

/**
 * On the first work day after a period (a month or a quarter) ends: one Evaluation per employee who has a
 * Pejabat Penilai, with the evidence of the period, and its card to that supervisor. The Evaluation row
 * (unique per employee and period) and the card are written in one transaction under the card's dedupe
 * key: a second run, or a second instance, opens nothing twice.
 */
export function evaluationRoundJob(cfg: JobConfig, settings: EvaluationSettings, cron: string): Job {
  return {
    name: 'evaluation-round',
    cron,
    period: (at) => previousPeriod(localDate(at, cfg.tz), settings.period).key,
    async isDue(at, deps) {
      const today = localDate(at, cfg.tz)
      if (!startsNewPeriod(today, settings.period)) return false
      const { from, to } = monthRange(today)
      return firstWorkDayOfMonth(await loadCalendar(deps.db, from, to, []), today) === today
    },
    async run(at: Date, deps: JobDeps) {
      const { db } = deps
      const period = previousPeriod(localDate(at, cfg.tz), settings.period)
      const [employees, opened] = await Promise.all([
        db.employee.findMany({
          where: { active: true, supervisor: { active: true } },
          orderBy: { name: 'asc' },
          select: { id: true, supervisorId: true },
        }),
        db.evaluation.findMany({ where: { period: period.key }, select: { employeeId: true } }),
      ])
      const done = new Set(opened.map((e) => e.employeeId))
      const todo = employees.filter((e) => !done.has(e.id))
      const evidence = todo.length > 0 ? await evidenceFor(db, todo.map((e) => e.id), period.from, period.to) : new Map()
      let enqueued = 0
      for (const e of todo) {
        const raterId = e.supervisorId!
        const dedupeKey = sendKey('evaluation-round', period.key, raterId, String(e.id))
        const sent = await enqueueOnceWith(db, dedupeKey, async (tx) => {
          const now = deps.clock.now()
          const row = await tx.evaluation.create({
            data: {
              employeeId: e.id,
              raterId,
              period: period.key,
              from: period.from,
              to: period.to,
              status: 'MENUNGGU',
              evidence: JSON.stringify(evidence.get(e.id)),
              createdAt: now,
              updatedAt: now,
            },
            select: evaluationSelect,
          })
          const evaluation = toEvaluationView(row, settings.matrix, cfg.tz)
          await enqueue(tx, { recipientId: raterId, dedupeKey, topic: evaluationTopic(row.id), at: now, message: { kind: 'evaluation_card', evaluation } })
        })
        if (sent) enqueued++
      }
      const raters = new Set(todo.map((e) => e.supervisorId)).size
      return { recipients: raters, enqueued, duplicates: employees.length - enqueued }
    },
  }
}
