import type { Config } from '../config.js'
import type { Db } from '../db/client.js'
import { enabledPlatforms } from './accounts.js'
import type { Clock } from './clock.js'
import { createDecisionService } from './decisions.js'
import { createEvaluationService } from './evaluation.js'
import { createFeedbackService } from './feedback.js'
import { createKeberatanService } from './keberatan.js'
import { createSkpService } from './skp.js'
import { createLinkingService } from './linking.js'
import { createReportService, type ReportsConfig } from './reports.js'
import { createSummaryService } from './summary.js'

export function reportsConfig(cfg: Config): ReportsConfig {
  return {
    backdateDays: cfg.REPORT_BACKDATE_DAYS,
    maxDayMinutes: cfg.REPORT_MAX_DAY_MINUTES,
    maxDescription: cfg.REPORT_MAX_DESCRIPTION,
    defaultTimezone: cfg.TZ_DEFAULT,
    platforms: enabledPlatforms(cfg),
  }
}

/** Every use case of the domain, wired once; platforms receive this and nothing of the database. */
export function createServices(deps: { db: Db; clock: Clock; cfg: Config; afterCommit?: () => void }) {
  const { db, clock, cfg, afterCommit } = deps
  const reportDeps = { db, clock, cfg: reportsConfig(cfg), afterCommit }
  const evaluationDeps = { db, clock, settings: cfg.evaluation, defaultTimezone: cfg.TZ_DEFAULT, afterCommit }
  return {
    linking: createLinkingService({
      db,
      clock,
      afterCommit,
      cfg: {
        codeTtlHours: cfg.LINK_CODE_TTL_HOURS,
        maxFailures: cfg.LINK_MAX_FAILURES,
        lockoutMinutes: cfg.LINK_LOCKOUT_MINUTES,
        defaultTimezone: cfg.TZ_DEFAULT,
      },
    }),
    reports: createReportService(reportDeps),
    decisions: createDecisionService(reportDeps),
    summary: createSummaryService({ db, clock, minutesPerDay: cfg.MINUTES_PER_DAY }),
    skp: createSkpService({ db, clock }),
    feedback: createFeedbackService({ db, clock, defaultTimezone: cfg.TZ_DEFAULT, afterCommit }),
    evaluations: createEvaluationService(evaluationDeps),
    keberatan: createKeberatanService(evaluationDeps),
    clock,
    config: { ...reportsConfig(cfg), pageSize: cfg.PAGE_SIZE, updateClaimLeaseMs: cfg.UPDATE_CLAIM_LEASE_SECONDS * 1000 },
  }
}

export type Services = ReturnType<typeof createServices>
