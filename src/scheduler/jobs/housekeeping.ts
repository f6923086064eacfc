import { pruneSessions } from '../../conversation/store.js'
import { pruneUpdates } from '../../db/processed-updates.js'
import { localDate } from '../../domain/dates.js'
import type { Job, JobConfig, JobDeps } from './types.js'

const DAY_MS = 86_400_000

/**
 * Nightly clean-up of technical records that only matter for a short while: processed update ids
 * (Telegram redelivers within 24 h, Slack retries within minutes), failed link attempts (the lockout
 * looks back an hour), link codes used or expired, the job-run log, conversation states past their
 * expiry and the rows of the old per-platform sessions (unused since the conversation core), and the console's
 * sign-in requests, sign-in links and sessions that ended before the retention. Nothing a person reported or
 * decided, no outbox row (their keys keep scheduled sends once-only) and no audit entry is touched here.
 */
export function housekeepingJob(cfg: JobConfig, retentionDays: number, cron: string): Job {
  return {
    name: 'housekeeping',
    cron,
    period: (at) => localDate(at, cfg.tz),
    async run(at: Date, deps: JobDeps) {
      const { db } = deps
      const before = new Date(at.getTime() - retentionDays * DAY_MS)
      const updates = await pruneUpdates(db, before)
      const attempts = await db.linkAttempt.deleteMany({ where: { at: { lt: before } } })
      const codes = await db.linkCode.deleteMany({ where: { OR: [{ usedAt: { lt: before } }, { usedAt: null, expiresAt: { lt: before } }] } })
      // the run being recorded right now is newer than `before`, so it stays
      const runs = await db.jobRun.deleteMany({ where: { startedAt: { lt: before } } })
      const sessions = await pruneSessions(db, at)
      // the console: the rate limit looks back 15 minutes; a link or session past its end opens nothing
      const consoleAttempts = await db.consoleAttempt.deleteMany({ where: { at: { lt: before } } })
      const signIns = await db.consoleSignIn.deleteMany({ where: { expiresAt: { lt: before } } })
      const consoleSessions = await db.consoleSession.deleteMany({ where: { OR: [{ expiresAt: { lt: before } }, { revokedAt: { lt: before } }] } })
      deps.log.info(
        {
          before: before.toISOString(),
          processedUpdates: updates,
          linkAttempts: attempts.count,
          linkCodes: codes.count,
          jobRuns: runs.count,
          legacySessions: sessions.legacy,
          expiredConversations: sessions.expired,
          consoleAttempts: consoleAttempts.count,
          consoleSignIns: signIns.count,
          consoleSessions: consoleSessions.count,
        },
        'housekeeping: old technical records removed',
      )
      return { recipients: 0, enqueued: 0, duplicates: 0 }
    },
  }
}
