import type { Config } from '../config.js'
import type { Db } from '../db/client.js'
import type { Clock } from './clock.js'
import { createDecisionService } from './decisions.js'
import { createLinkingService } from './linking.js'
import { createReportService, type ReportsConfig } from './reports.js'
import { createSummaryService } from './summary.js'

export function reportsConfig(cfg: Config): ReportsConfig {
  return {
    backdateDays: cfg.REPORT_BACKDATE_DAYS,
    maxDayMinutes: cfg.REPORT_MAX_DAY_MINUTES,
    maxDescription: cfg.REPORT_MAX_DESCRIPTION,
    defaultTimezone: cfg.TZ_DEFAULT,
  }
}

/** Every use case of the domain, wired once; platforms receive this and nothing of the database. */
export function createServices(deps: { db: Db; clock: Clock; cfg: Config; afterCommit?: () => void }) {
  const { db, clock, cfg, afterCommit } = deps
  const reportDeps = { db, clock, cfg: reportsConfig(cfg), afterCommit }
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
    summary: createSummaryService({ db, clock }),
    clock,
    config: { ...reportsConfig(cfg), pageSize: cfg.PAGE_SIZE },
  }
}

export type Services = ReturnType<typeof createServices>
