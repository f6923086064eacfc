import { withReachableAccount } from '../../domain/accounts.js'
import { localDate, type IsoDate } from '../../domain/dates.js'
import { leaderDigest, organisationDigest, previousWeek } from '../../domain/digest.js'
import { compliancePercent, digestForMessage } from '../../messages/index.js'
import { enqueue, enqueueOnceWith } from '../../domain/outbox.js'
import { renderComplianceChart } from '../chart.js'
import { loadDigestData } from './digest-data.js'
import { DEFAULT_TPP_FORMULA, monthAtRisk } from '../../domain/tpp.js'
import { sendKey, type Job, type JobConfig, type JobDeps } from './types.js'

/** ISO 8601 week of a date, e.g. 2026-W48 (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(date: IsoDate): string {
  const d = new Date(`${date}T00:00:00Z`)
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 86_400_000)
  const year = thursday.getUTCFullYear()
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** A week: a deadline before the next weekly digest is one this digest must warn about. */
export const TPP_RISK_DAYS = 7

/**
 * Monday morning: every reachable LEADER gets the previous week of their unit and its whole subtree: a chart
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
        where: { role: 'LEADER', active: true, ...withReachableAccount(cfg.platforms) },
        orderBy: { id: 'asc' },
        select: { id: true, unitId: true },
      })
      if (leaders.length === 0) return { recipients: 0, enqueued: 0, duplicates: 0 }
      // every unit's figures once, from per-employee aggregates; each leader's digest is their subtree's share
      // the month whose validation deadline comes before the next digest: its waiting items put TPP at risk
      const tppRisk = monthAtRisk({ validationDeadlineDay: cfg.tppDeadlineDay ?? DEFAULT_TPP_FORMULA.validationDeadlineDay }, today, TPP_RISK_DAYS)
      const data = await loadDigestData(db, { tz: cfg.tz, week, today, minutesPerDay: cfg.minutesPerDay, tppRisk })
      const org = organisationDigest(data)
      let enqueued = 0
      for (const leader of leaders) {
        const dedupeKey = sendKey('weekly-digest', period, leader.id)
        const digest = leaderDigest(org, leader.unitId, { backlogWorkDays: cfg.escalationWorkDays })
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
          await enqueue(tx, { recipientId: leader.id, dedupeKey, at: now, message: { kind: 'leader_digest', digest: digestForMessage(digest) } })
        })
        if (sent) enqueued++
      }
      return { recipients: leaders.length, enqueued, duplicates: leaders.length - enqueued }
    },
  }
}
