import type { Config } from './config.js'
import type { Db } from './db/client.js'
import { enabledPlatforms } from './domain/accounts.js'
import type { Clock } from './domain/clock.js'
import { createDecisionService } from './domain/decisions.js'
import { createEvaluationService } from './domain/evaluation.js'
import { createFeedbackService } from './domain/feedback.js'
import { createKeberatanService } from './domain/keberatan.js'
import { createSkpService } from './domain/skp.js'
import { createRencanaAksiService } from './domain/rencana-aksi.js'
import { createLinkingService } from './domain/linking.js'
import { createEvidenceFetchers } from './domain/evidence-files.js'
import { createReportService, type ReportsConfig } from './domain/reports.js'
import { createSummaryService } from './domain/summary.js'
import { createConversationStore } from './conversation/store.js'
import { createTppService } from './domain/tpp.js'
import { monthRange } from './domain/dates.js'
import type { Actor } from './domain/types.js'
import { progresHarian, progresHarianFileName, progresHarianXlsx, XLSX_MIME } from './admin/export-progres-harian.js'

// Part of the composition root (with app.ts): the settings are read here and handed to each use case, so
// the domain knows nothing of the configuration's shape. Platforms import only the `Services` type.

export function reportsConfig(cfg: Config): ReportsConfig {
  return {
    backdateDays: cfg.REPORT_BACKDATE_DAYS,
    maxDayMinutes: cfg.REPORT_MAX_DAY_MINUTES,
    maxDescription: cfg.REPORT_MAX_DESCRIPTION,
    defaultTimezone: cfg.TZ_DEFAULT,
    platforms: enabledPlatforms(cfg),
    requireTimeRange: cfg.REPORT_REQUIRE_TIME_RANGE,
    requireRencanaAksi: cfg.REPORT_REQUIRE_RENCANA_AKSI,
  }
}

/** Every use case of the domain, wired once; platforms receive this and nothing of the database. */
export function createServices(deps: { db: Db; clock: Clock; cfg: Config; afterCommit?: () => void }) {
  const { db, clock, cfg, afterCommit } = deps
  // the platforms register how they download evidence once they are up
  const evidence = createEvidenceFetchers()
  const reportDeps = { db, clock, cfg: reportsConfig(cfg), afterCommit, evidence }
  const evaluationDeps = { db, clock, settings: cfg.evaluation, defaultTimezone: cfg.TZ_DEFAULT, afterCommit }
  const summary = createSummaryService({ db, clock, minutesPerDay: cfg.MINUTES_PER_DAY })
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
    summary,
    tpp: createTppService({ db, clock, formula: cfg.tpp, summary }),
    progresHarian: {
      /**
       * A person's own progres harian of one month (YYYY-MM) for BKN e-Kinerja, as the console and the export
       * CLI make it: the XLSX and what was left out. Audited as an export by that person.
       */
      async month(actor: Pick<Actor, 'employeeId'>, month: string) {
        const employee = await db.employee.findUniqueOrThrow({ where: { id: actor.employeeId }, select: { id: true, nip: true, name: true } })
        const { from, to } = monthRange(`${month}-01`)
        const p = await progresHarian({ db, links: { publicUrl: cfg.PUBLIC_URL, secret: cfg.EVIDENCE_LINK_SECRET } }, { employee, from, to }, clock.now(), { actorId: employee.id })
        const data = await progresHarianXlsx(p)
        return { outcome: p, file: { filename: progresHarianFileName(employee.nip, month), mime: XLSX_MIME, data: new Uint8Array(data) } }
      },
    },
    skp: createSkpService({ db, clock }),
    rencanaAksi: createRencanaAksiService({ db, clock }),
    feedback: createFeedbackService({ db, clock, defaultTimezone: cfg.TZ_DEFAULT, afterCommit }),
    evaluations: createEvaluationService(evaluationDeps),
    keberatan: createKeberatanService(evaluationDeps),
    evidence,
    clock,
    config: { ...reportsConfig(cfg), pageSize: cfg.PAGE_SIZE, evidenceMaxBytes: cfg.EVIDENCE_MAX_BYTES, updateClaimLeaseMs: cfg.UPDATE_CLAIM_LEASE_SECONDS * 1000 },
    conversations: createConversationStore({ db, clock, timeoutMs: cfg.CONVERSATION_TIMEOUT_MINUTES * 60_000 }),
  }
}

export type Services = ReturnType<typeof createServices>
