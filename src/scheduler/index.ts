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
  /** Jobs this scheduler is running right now (a re-check leaves them alone). */
  const inFlight = new Set<JobName>()
  let recheck: NodeJS.Timeout | undefined
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

  function run(name: JobName, at: Date, trigger: Trigger, takeOver = false): Promise<RunOutcome> {
    const job = jobs.get(name)
    if (!job) throw new Error(`unknown job ${name}`)
    inFlight.add(name)
    return track(
      runJob(job, at, jobDeps, { trigger, takeOver }).then(
        (r) => {
          deps.onRun?.(name, r.status === 'done' ? (trigger === 'catchup' ? 'late' : 'ran') : r.status)
          return r
        },
        (err: unknown) => {
          deps.onRun?.(name, 'failed')
          throw err
        },
      ).finally(() => inFlight.delete(name)),
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

  let started: { since: Date; previousStart: Date | null } | undefined

  /**
   * When the scheduler first ran in this database (kept in Setting), and when it started before this
   * start; read and recorded at start-up (`starting`), remembered for the re-checks.
   */
  async function history(now: Date, starting: boolean): Promise<{ since: Date; previousStart: Date | null }> {
    if (started && !starting) return started
    const db = deps.db
    const read = async (key: string) => (await db.setting.findUnique({ where: { key } }))?.value
    // a database from before this record was kept has runs already: the scheduler ran since the first
    const since = async () => {
      const earliest = (await db.jobRun.aggregate({ _min: { startedAt: true } }))._min.startedAt
      return (earliest && earliest < now ? earliest : now).toISOString()
    }
    const first =
      (await read('scheduler.firstStart')) ??
      (await db.setting.upsert({ where: { key: 'scheduler.firstStart' }, create: { key: 'scheduler.firstStart', value: await since() }, update: {} })).value
    const previous = await read('scheduler.lastStart')
    if (starting) {
      const value = now.toISOString()
      await db.setting.upsert({ where: { key: 'scheduler.lastStart' }, create: { key: 'scheduler.lastStart', value }, update: { value } })
    }
    started = { since: new Date(first), previousStart: previous ? new Date(previous) : null }
    return started
  }

  /** Misses already logged as too old, so a re-check does not repeat the warning. */
  const reportedTooOld = new Set<string>()

  /**
   * Runs, once and late, each job's last due slot that has no finished run: at start-up (missed while
   * down; `takeOver`: an unfinished run belongs to a scheduler that died, since one instance holds the
   * role) and then every CATCHUP_RECHECK_SECONDS (a run that failed, died elsewhere or a cron firing
   * lost to a stalled event loop).
   */
  async function catchUp(takeOver: boolean): Promise<void> {
    const now = clock.now()
    const horizonMs = cfg.CATCHUP_HORIZON_HOURS * 3_600_000
    const { since, previousStart } = await history(now, takeOver)
    for (const job of jobs.values()) {
      const due = await lastEffectiveDue(job, now)
      // before this installation's scheduler first ran, nothing could have run: nothing was missed
      if (!due || due < since) continue
      const period = job.period(due)
      const done = await deps.db.jobRun.findUnique({ where: { job_period: { job: job.name, period } }, select: { finishedAt: true } })
      if (done?.finishedAt) continue
      const lateMs = now.getTime() - due.getTime()
      const context = { job: job.name, period, dueAt: due.toISOString(), lateMinutes: Math.round(lateMs / 60_000) }
      if (lateMs > horizonMs) {
        const key = `${job.name}:${period}`
        // a miss older than the previous start was said at that start already
        const saidBefore = previousStart !== null && due < previousStart
        if (!saidBefore && !reportedTooOld.has(key)) {
          reportedTooOld.add(key)
          log.warn(context, 'missed run is older than CATCHUP_HORIZON_HOURS: skipped (send it with: npm run cli -- run-job)')
        }
        continue
      }
      if (inFlight.has(job.name)) continue
      const later = job.supersededBy && jobs.get(job.supersededBy)
      if (later) {
        const laterDue = await lastEffectiveDue(later, now)
        if (laterDue && laterDue > due && later.period(laterDue) === period) {
          log.info({ ...context, by: later.name }, 'missed run superseded by a later job of the same period: skipped')
          continue
        }
      }
      await run(job.name, due, 'catchup', takeOver).catch(() => undefined) // logged by runJob
    }
  }

  return {
    jobs,
    /** Catches up missed runs (in the background), then schedules every job with node-cron. */
    start() {
      caughtUp = track(catchUp(true).catch((err) => log.error({ err }, 'catch-up failed')))
      recheck = setInterval(() => {
        void caughtUp.then(() => track(catchUp(false).catch((err) => log.error({ err }, 'catch-up re-check failed'))))
      }, cfg.CATCHUP_RECHECK_SECONDS * 1000)
      recheck.unref()
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
    catchUp: (opts: { takeOver?: boolean } = {}) => track(catchUp(opts.takeOver ?? false)),
    /** Resolves when the start-up catch-up is over. */
    caughtUp: () => caughtUp,
    async stop() {
      clearInterval(recheck)
      for (const t of tasks.splice(0)) await t.destroy()
      await Promise.allSettled([...running])
    },
  }
}

export type Scheduler = ReturnType<typeof createScheduler>
