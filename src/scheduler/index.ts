import { schedule, type ScheduledTask } from 'node-cron'
import type { Config } from '../config.js'
import type { Db } from '../db/client.js'
import type { Clock } from '../domain/clock.js'
import type { Logger } from '../logger.js'
import { lastDueTime } from './cron-time.js'
import { createJobs, type Job, type JobName } from './jobs/index.js'
import { runJob, type RunOutcome, type Trigger } from './run-job.js'

export { JOB_NAMES, type JobName } from './jobs/index.js'

/** How far back start-up looks for a missed run, to log the ones too old to catch up. */
const LOOKBACK_MS = 8 * 86_400_000

export interface SchedulerDeps {
  db: Db
  clock: Clock
  log: Logger
  cfg: Config
  instanceId: string
  /** Wakes the dispatcher after a run wrote outbox rows. */
  afterCommit?: () => void
  /** Called with every run's outcome (metrics). */
  onRun?: (job: JobName, outcome: string) => void
}

/**
 * Cron wiring only: every job is a function of `now`, idempotent by its keys. At start, a run missed while
 * the process was down is caught up once (if within CATCHUP_HORIZON_HOURS), then node-cron takes over.
 */
export function createScheduler(deps: SchedulerDeps) {
  const { cfg, clock } = deps
  const log = deps.log.child({ component: 'scheduler' })
  const jobs = createJobs(cfg)
  const jobDeps = { db: deps.db, clock, log, instanceId: deps.instanceId, afterCommit: deps.afterCommit }
  const tasks: ScheduledTask[] = []
  const running = new Set<Promise<unknown>>()
  let caughtUp: Promise<void> = Promise.resolve()
  // node-cron's own warnings (e.g. a firing missed while the event loop was blocked) go to our log
  const cronLogger = {
    info: (m: string) => log.debug(m),
    debug: (m: string | Error) => log.debug(String(m)),
    warn: (m: string) => log.warn(m),
    error: (m: string | Error, err?: Error) => log.error({ err: err ?? m }, String(m)),
  }

  function track<T>(p: Promise<T>): Promise<T> {
    running.add(p)
    void p.finally(() => running.delete(p)).catch(() => undefined)
    return p
  }

  function run(name: JobName, at: Date, trigger: Trigger): Promise<RunOutcome> {
    const job = jobs.get(name)
    if (!job) throw new Error(`unknown job ${name}`)
    return track(
      runJob(job, at, jobDeps, { trigger }).then(
        (r) => {
          deps.onRun?.(name, r.status === 'done' ? (trigger === 'catchup' ? 'late' : 'ran') : r.status)
          return r
        },
        (err: unknown) => {
          deps.onRun?.(name, 'failed')
          throw err
        },
      ),
    )
  }

  /** The latest time `job` was due within the lookback whose calendar rules say it should have run. */
  async function lastEffectiveDue(job: Job, now: Date): Promise<Date | undefined> {
    let before = now
    const after = new Date(now.getTime() - LOOKBACK_MS)
    for (;;) {
      const due = lastDueTime(job.cron, cfg.TZ_DEFAULT, before, after)
      if (!due) return undefined
      if (!job.isDue || (await job.isDue(due, jobDeps))) return due
      before = new Date(due.getTime() - 1000)
    }
  }

  async function catchUp(): Promise<void> {
    const now = clock.now()
    const horizonMs = cfg.CATCHUP_HORIZON_HOURS * 3_600_000
    for (const job of jobs.values()) {
      const due = await lastEffectiveDue(job, now)
      if (!due) continue
      const period = job.period(due)
      const done = await deps.db.jobRun.findUnique({ where: { job_period: { job: job.name, period } }, select: { finishedAt: true } })
      if (done?.finishedAt) continue
      const lateMs = now.getTime() - due.getTime()
      const context = { job: job.name, period, dueAt: due.toISOString(), lateMinutes: Math.round(lateMs / 60_000) }
      if (lateMs > horizonMs) {
        log.warn(context, 'missed run is older than CATCHUP_HORIZON_HOURS: skipped (send it with: npm run cli -- run-job)')
        continue
      }
      const later = job.supersededBy && jobs.get(job.supersededBy)
      if (later) {
        const laterDue = await lastEffectiveDue(later, now)
        if (laterDue && laterDue > due && later.period(laterDue) === period) {
          log.info({ ...context, by: later.name }, 'missed run superseded by a later job of the same period: skipped')
          continue
        }
      }
      await run(job.name, due, 'catchup').catch(() => undefined) // logged by runJob
    }
  }

  return {
    jobs,
    /** Catches up missed runs (in the background), then schedules every job with node-cron. */
    start() {
      caughtUp = track(catchUp().catch((err) => log.error({ err }, 'catch-up failed')))
      for (const job of jobs.values()) {
        const task = schedule(
          job.cron,
          () => run(job.name, clock.now(), 'cron').catch(() => undefined),
          { name: job.name, timezone: cfg.TZ_DEFAULT, noOverlap: true, logger: cronLogger },
        )
        tasks.push(task)
      }
      log.info({ jobs: [...jobs.values()].map((j) => `${j.name} "${j.cron}"`), timezone: cfg.TZ_DEFAULT }, 'scheduler started')
    },
    /** Runs one job for `at` now (run-job, tests). */
    run: (name: JobName, at: Date, trigger: Trigger = 'manual') => run(name, at, trigger),
    catchUp: () => track(catchUp()),
    /** Resolves when the start-up catch-up is over. */
    caughtUp: () => caughtUp,
    async stop() {
      for (const t of tasks.splice(0)) await t.destroy()
      await Promise.allSettled([...running])
    },
  }
}

export type Scheduler = ReturnType<typeof createScheduler>
