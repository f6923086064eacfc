import { isOrgWorkDay, loadCalendar } from '../../domain/calendar.js'
import { localDate } from '../../domain/dates.js'
import type { Db } from '../../db/client.js'
import type { Clock } from '../../domain/clock.js'
import type { Platform } from '../../domain/types.js'
import type { Logger } from '../../logger.js'

export const JOB_NAMES = [
  'activity-reminder', 'activity-nudge', 'approval-reminder', 'escalation', 'weekly-digest', 'monthly-summary',
  // periodic evaluation (PermenPANRB 6/2022)
  'evaluation-round', 'evaluation-reminder', 'distribution-digest',
  'housekeeping',
] as const
export type JobName = (typeof JOB_NAMES)[number]

export interface JobConfig {
  /** The zone cron expressions and job periods are read in (TZ_DEFAULT). */
  tz: string
  minutesPerDay: number
  escalationWorkDays: number
  /** The day of the next month until which a month's approvals count for TPP (the /tpp formula's validationDeadlineDay). */
  tppDeadlineDay?: number
  /** The platforms this installation runs: who can be reached on them gets the scheduled messages. */
  platforms: Platform[]
}

export interface JobDeps {
  db: Db
  /** Wall clock for bookkeeping (when rows were written); the job's own time is its `at` argument. */
  clock: Clock
  log: Logger
}

export interface JobResult {
  /** People the job decided to message. */
  recipients: number
  /** Outbox rows written by this run. */
  enqueued: number
  /** Sends skipped because their key was already in the outbox (an earlier or concurrent run). */
  duplicates: number
}

/**
 * A scheduled job: a function of the time it runs for, safe to run twice. `period` names the slot a run
 * belongs to (its JobRun key and the middle part of every dedupe key); `isDue` holds the calendar rules a
 * cron expression cannot say (the first work day of a month, holidays).
 */
export interface Job {
  name: JobName
  cron: string
  period(at: Date): string
  isDue?(at: Date, deps: JobDeps): Promise<boolean>
  run(at: Date, deps: JobDeps): Promise<JobResult>
  /** A later job of the same period that makes catching up this one pointless (the final nudge). */
  supersededBy?: JobName
}

export const sendKey = (job: JobName, period: string, recipientId: number, part?: string) =>
  `${job}:${period}:${recipientId}${part ? `:${part}` : ''}`

/** `isDue` of the jobs that run on the organisation's work days only (no weekends, holidays, cuti bersama). */
export const onOrgWorkDays = (cfg: JobConfig) => async (at: Date, deps: JobDeps): Promise<boolean> => {
  const today = localDate(at, cfg.tz)
  return isOrgWorkDay(await loadCalendar(deps.db, today, today, []), today)
}
