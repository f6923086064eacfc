import { withReachableAccount } from '../../domain/accounts.js'
import { localDate } from '../../domain/dates.js'
import { distributionIn, loadDistribution } from '../../domain/distribution.js'
import type { EvaluationSettings } from '../../domain/evaluation-config.js'
import { previousPeriod } from '../../domain/periods.js'
import { enqueueOnce, type KeyedSend } from '../../domain/outbox.js'
import { sendKey, type Job, type JobConfig, type JobDeps } from './types.js'
import { isoWeek } from './weekly-digest.js'

/**
 * Weekly, while the latest period's evaluation is still open: every reachable leader gets the predikat
 * distribution of each organisation in their subtree against its pola distribusi, with what exceeds it
 * flagged, so it can be looked at before the period becomes final. Nothing is sent once all is final.
 */
export function distributionDigestJob(cfg: JobConfig, settings: EvaluationSettings, cron: string): Job {
  return {
    name: 'distribution-digest',
    cron,
    period: (at) => isoWeek(localDate(at, cfg.tz)),
    async run(at: Date, deps: JobDeps) {
      const { db } = deps
      const week = isoWeek(localDate(at, cfg.tz))
      const period = previousPeriod(localDate(at, cfg.tz), settings.period)
      if ((await db.evaluation.count({ where: { period: period.key } })) === 0) return { recipients: 0, enqueued: 0, duplicates: 0 }
      const leaders = await db.employee.findMany({
        where: { role: 'LEADER', active: true, ...withReachableAccount(cfg.platforms) },
        select: { id: true, unitId: true, unit: { select: { name: true } } },
      })
      // read once, shared by every leader (each sees the organisations in their own subtree)
      const data = await loadDistribution(db, period)
      const sends: KeyedSend[] = []
      for (const leader of leaders) {
        const organisations = distributionIn(data, settings.distribution, period, leader.unitId, at)
        if (organisations.every((o) => o.final || o.employees === 0)) continue
        sends.push({
          recipientId: leader.id,
          dedupeKey: sendKey('distribution-digest', week, leader.id),
          message: { kind: 'distribution_digest', period: period.key, scope: leader.unit.name, organisations: organisations.filter((o) => o.employees > 0) },
        })
      }
      return { recipients: sends.length, ...(await enqueueOnce(db, sends, deps.clock.now())) }
    },
  }
}
