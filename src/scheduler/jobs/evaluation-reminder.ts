import { reachableAccount, withReachableAccount } from '../../domain/accounts.js'
import { isWorkDayFor, loadCalendar, workDaysSince } from '../../domain/calendar.js'
import { localDate } from '../../domain/dates.js'
import type { EvaluationSettings } from '../../domain/evaluation-config.js'
import type { UnratedItem } from '../../domain/evaluation-types.js'
import { enqueue, enqueueOnce, enqueueOnceWith, type KeyedSend } from '../../domain/outbox.js'
import { onOrgWorkDays, sendKey, type Job, type JobConfig, type JobDeps } from './types.js'

const LISTED = 20

/**
 * Evaluations not rated yet, as for approvals: every work-day morning a reminder to each Pejabat Penilai
 * with cards waiting; after N work days each one goes, once, to their own supervisor (the Atasan Pejabat
 * Penilai). `escalatedAt` is set in the same transaction as that message, so nothing is escalated twice.
 * Keberatan still undecided are recalled the same morning to the Atasan Pejabat Penilai who decides them
 * (the rater's supervisor now, as for the decision itself).
 */
export function evaluationReminderJob(cfg: JobConfig, settings: EvaluationSettings, cron: string): Job {
  const threshold = settings.escalationWorkDays
  return {
    name: 'evaluation-reminder',
    cron,
    period: (at) => localDate(at, cfg.tz),
    isDue: onOrgWorkDays(cfg),
    async run(at: Date, deps: JobDeps) {
      const { db } = deps
      const today = localDate(at, cfg.tz)
      const waiting = await db.evaluation.findMany({
        where: { status: 'MENUNGGU', employee: { supervisorId: { not: null } } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: { id: true, period: true, createdAt: true, escalatedAt: true, employee: { select: { name: true, supervisorId: true } } },
      })
      const objections = await keberatanReminders(at, deps)
      if (waiting.length === 0) return objections
      const raterIds = [...new Set(waiting.map((w) => w.employee.supervisorId!))]
      const people = await db.employee.findMany({
        where: { id: { in: raterIds } },
        select: { id: true, name: true, supervisorId: true, active: true, _count: { select: { accounts: { where: reachableAccount(cfg.platforms) } } } },
      })
      const person = new Map(people.map((p) => [p.id, p]))
      const oldest = localDate(waiting[0]!.createdAt, cfg.tz)
      const calendar = await loadCalendar(db, oldest < today ? oldest : today, today, raterIds)

      const byRater = new Map<number, typeof waiting>()
      for (const w of waiting) {
        const list = byRater.get(w.employee.supervisorId!)
        if (list) list.push(w)
        else byRater.set(w.employee.supervisorId!, [w])
      }
      const reminders: KeyedSend[] = []
      for (const [id, mine] of byRater) {
        const p = person.get(id)
        if (!p?.active || p._count.accounts === 0 || !isWorkDayFor(calendar, id, today)) continue
        reminders.push({
          recipientId: id,
          dedupeKey: sendKey('evaluation-reminder', today, id),
          message: { kind: 'evaluation_reminder', period: mine[0]!.period, count: mine.length, names: mine.slice(0, 10).map((w) => w.employee.name) },
        })
      }
      const sent = await enqueueOnce(db, reminders, deps.clock.now())

      const byApp = new Map<number, { id: number; item: UnratedItem }[]>()
      for (const w of waiting) {
        const rater = person.get(w.employee.supervisorId!)
        const age = workDaysSince(calendar, localDate(w.createdAt, cfg.tz), today)
        if (w.escalatedAt || !rater || rater.supervisorId === null || age < threshold) continue
        const list = byApp.get(rater.supervisorId) ?? []
        list.push({ id: w.id, item: { evaluationId: w.id, employee: w.employee.name, rater: rater.name, period: w.period, ageWorkDays: age } })
        byApp.set(rater.supervisorId, list)
      }
      // an Atasan Pejabat Penilai who cannot be reached yet is told on the first run after they can be
      const apps = await db.employee.findMany({ where: { id: { in: [...byApp.keys()] }, active: true, ...withReachableAccount(cfg.platforms) }, select: { id: true } })
      let escalated = 0
      for (const app of apps) {
        const entries = byApp.get(app.id)!
        const dedupeKey = sendKey('evaluation-reminder', today, app.id, 'escalation')
        const ok = await enqueueOnceWith(db, dedupeKey, async (tx) => {
          const now = deps.clock.now()
          await tx.evaluation.updateMany({ where: { id: { in: entries.map((e) => e.id) }, escalatedAt: null }, data: { escalatedAt: now } })
          await enqueue(tx, {
            recipientId: app.id,
            dedupeKey,
            at: now,
            message: { kind: 'evaluation_escalation', thresholdDays: threshold, items: entries.slice(0, LISTED).map((e) => e.item), more: Math.max(0, entries.length - LISTED) },
          })
        })
        if (ok) escalated++
      }
      return {
        recipients: reminders.length + apps.length + objections.recipients,
        enqueued: sent.enqueued + escalated + objections.enqueued,
        duplicates: sent.duplicates + apps.length - escalated + objections.duplicates,
      }
    },
  }

  /** One reminder per Atasan Pejabat Penilai with keberatan waiting for their decision, on their work day. */
  async function keberatanReminders(at: Date, deps: JobDeps): Promise<{ recipients: number; enqueued: number; duplicates: number }> {
    const { db } = deps
    const today = localDate(at, cfg.tz)
    const open = await db.keberatan.findMany({
      where: { status: 'DIAJUKAN' },
      orderBy: [{ filedAt: 'asc' }, { id: 'asc' }],
      select: { filedAt: true, evaluation: { select: { employee: { select: { name: true } }, rater: { select: { supervisorId: true } } } } },
    })
    const byApp = new Map<number, typeof open>()
    for (const k of open) {
      const app = k.evaluation.rater.supervisorId
      if (app === null) continue
      const list = byApp.get(app)
      if (list) list.push(k)
      else byApp.set(app, [k])
    }
    if (byApp.size === 0) return { recipients: 0, enqueued: 0, duplicates: 0 }
    const apps = await db.employee.findMany({ where: { id: { in: [...byApp.keys()] }, active: true, ...withReachableAccount(cfg.platforms) }, select: { id: true } })
    const calendar = await loadCalendar(db, today, today, apps.map((a) => a.id))
    const sends: KeyedSend[] = []
    for (const { id } of apps) {
      if (!isWorkDayFor(calendar, id, today)) continue
      const mine = byApp.get(id)!
      sends.push({
        recipientId: id,
        dedupeKey: sendKey('evaluation-reminder', today, id, 'keberatan'),
        message: { kind: 'keberatan_reminder', count: mine.length, names: mine.slice(0, 10).map((k) => k.evaluation.employee.name), oldestFiled: localDate(mine[0]!.filedAt, cfg.tz) },
      })
    }
    const sent = await enqueueOnce(db, sends, deps.clock.now())
    return { recipients: sends.length, ...sent }
  }
}
