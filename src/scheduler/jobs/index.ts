import type { Config } from '../../config.js'
import { enabledPlatforms } from '../../domain/accounts.js'
import { activityReminderJob } from './activity-reminder.js'
import { approvalReminderJob } from './approval-reminder.js'
import { escalationJob } from './escalation.js'
import { distributionDigestJob } from './distribution-digest.js'
import { evaluationReminderJob } from './evaluation-reminder.js'
import { evaluationRoundJob } from './evaluation-round.js'
import { housekeepingJob } from './housekeeping.js'
import { monthlySummaryJob } from './monthly-summary.js'
import type { Job, JobConfig, JobName } from './types.js'
import { weeklyDigestJob } from './weekly-digest.js'

export { JOB_NAMES, type Job, type JobDeps, type JobName, type JobResult } from './types.js'

export const jobConfig = (cfg: Config): JobConfig => ({
  tz: cfg.TZ_DEFAULT,
  minutesPerDay: cfg.MINUTES_PER_DAY,
  escalationWorkDays: cfg.ESCALATION_WORK_DAYS,
  tppDeadlineDay: cfg.tpp.validationDeadlineDay,
  platforms: enabledPlatforms(cfg),
})

/** Every job with its configured schedule, by name. */
export function createJobs(cfg: Config): Map<JobName, Job> {
  const c = jobConfig(cfg)
  const jobs = [
    activityReminderJob(c, { cron: cfg.CRON_ACTIVITY_REMINDER, final: false }),
    activityReminderJob(c, { cron: cfg.CRON_ACTIVITY_NUDGE, final: true }),
    approvalReminderJob(c, cfg.CRON_APPROVAL_REMINDER),
    escalationJob(c, cfg.CRON_ESCALATION),
    weeklyDigestJob(c, cfg.CRON_WEEKLY_DIGEST),
    monthlySummaryJob(c, cfg.CRON_MONTHLY_SUMMARY),
    evaluationRoundJob(c, cfg.evaluation, cfg.CRON_EVALUATION_ROUND),
    evaluationReminderJob(c, cfg.evaluation, cfg.CRON_EVALUATION_REMINDER),
    distributionDigestJob(c, cfg.evaluation, cfg.CRON_DISTRIBUTION_DIGEST),
    housekeepingJob(c, cfg.HOUSEKEEPING_RETENTION_DAYS, cfg.CRON_HOUSEKEEPING),
  ]
  return new Map(jobs.map((j) => [j.name, j]))
}
