import { isUniqueViolation } from '../db/client.js'
import type { Job, JobDeps, JobResult } from './jobs/index.js'

export type Trigger = 'cron' | 'catchup' | 'manual'

export type RunOutcome =
  | { status: 'done'; period: string; result: JobResult }
  | { status: 'not_due' | 'already_ran' | 'running_elsewhere'; period: string }

/** A run that started this long ago without finishing belongs to a process that died. */
const STALE_RUN_MS = 10 * 60_000

/**
 * Runs one job for the time `at` under its (job, period) key. The JobRun row makes a second cron firing
 * (another instance, a restart in the same minute) a no-op; a manual run always runs again, which is
 * safe: each send has its own key and only what was not sent yet goes out.
 */
export async function runJob(
  job: Job,
  at: Date,
  deps: JobDeps & { instanceId: string; afterCommit?: () => void },
  opts: {
    trigger: Trigger
    /**
     * Take over an unfinished run of the period whatever its age: the scheduler that just took its role
     * knows the previous holder is gone (runs are idempotent by their send keys, so even a live one
     * would only be repeated, never doubled).
     */
    takeOver?: boolean
  },
): Promise<RunOutcome> {
  const { db, clock } = deps
  const period = job.period(at)
  const late = opts.trigger === 'catchup'
  const log = deps.log.child({ job: job.name, period, trigger: opts.trigger })
  // a manual run is asked for on purpose; a catch-up slot was chosen because it was due
  if (opts.trigger === 'cron' && job.isDue && !(await job.isDue(at, deps))) {
    log.debug('not due (calendar)')
    return { status: 'not_due', period }
  }
  const startedAt = clock.now()
  const slot = { dueAt: at, trigger: opts.trigger, late, instanceId: deps.instanceId, startedAt, finishedAt: null, error: null }
  let runId: number
  try {
    runId = (await db.jobRun.create({ data: { job: job.name, period, ...slot }, select: { id: true } })).id
  } catch (e) {
    if (!isUniqueViolation(e)) throw e
    const existing = await db.jobRun.findUniqueOrThrow({ where: { job_period: { job: job.name, period } } })
    if (opts.trigger !== 'manual') {
      if (existing.finishedAt) {
        log.debug('already ran for this period')
        return { status: 'already_ran', period }
      }
      // a run that failed may be retried at once; one still going is left alone unless it is stale
      const fresh = startedAt.getTime() - existing.startedAt.getTime() < STALE_RUN_MS
      if (existing.error === null && fresh && !opts.takeOver) {
        log.info({ instanceId: existing.instanceId }, 'already running elsewhere')
        return { status: 'running_elsewhere', period }
      }
    }
    // take the slot over only if nobody else did in the meantime
    const { count } = await db.jobRun.updateMany({ where: { id: existing.id, startedAt: existing.startedAt }, data: slot })
    if (count === 0) return { status: 'running_elsewhere', period }
    runId = existing.id
    if (!existing.finishedAt && existing.error === null) log.warn({ instanceId: existing.instanceId, startedAt: existing.startedAt.toISOString() }, 'unfinished run taken over')
  }
  if (late) log.warn({ dueAt: at.toISOString() }, 'job missed while the process was down: running late (catch-up)')
  try {
    const result = await job.run(at, deps)
    await db.jobRun.update({ where: { id: runId }, data: { finishedAt: clock.now(), ...result } })
    log.info({ ...result, late, dueAt: at.toISOString() }, 'job finished')
    if (result.enqueued > 0) deps.afterCommit?.()
    return { status: 'done', period, result }
  } catch (err) {
    await db.jobRun.update({ where: { id: runId }, data: { error: String((err as Error)?.message ?? err).slice(0, 500) } }).catch(() => undefined)
    log.error({ err }, 'job failed')
    throw err
  }
}
