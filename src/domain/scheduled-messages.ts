import type { IsoDate } from './dates.js'

// Payloads of the scheduled messages (reminders, escalations, digests, summaries). Plain data computed
// when the job runs and snapshotted into the outbox; every platform renders them at send time.

export interface ActivityReminderMessage {
  kind: 'activity_reminder'
  date: IsoDate
  /** The second, last nudge of the day. */
  final: boolean
}

export interface ApprovalReminderMessage {
  kind: 'approval_reminder'
  count: number
  oldest: { id: number; employee: string; date: IsoDate; ageWorkDays: number }
}

export interface EscalatedItem {
  id: number
  employee: string
  supervisor: string
  date: IsoDate
  ageWorkDays: number
}

export interface EscalationMessage {
  kind: 'escalation'
  thresholdDays: number
  items: EscalatedItem[]
  /** Items escalated in the same run but not listed (the message stays short). */
  more: number
}

/** One unit's week: reporting discipline, approved minutes against the prorated target, backlog. */
export interface DigestWeek {
  /** Person-days that were work days for someone expected to report. */
  expectedDays: number
  /** Of those, days with at least one report (submitted, approved or returned for revision). */
  reportedDays: number
  approvedMinutes: number
  targetMinutes: number
}

export interface DigestUnit {
  code: string
  name: string
  /** 0 for the leader's own unit, 1 for its children, … */
  depth: number
  employees: number
  week: DigestWeek
  previous: DigestWeek
  pending: number
  oldestPendingWorkDays: number | null
}

export interface DigestView {
  scope: { code: string; name: string }
  from: IsoDate
  to: IsoDate
  units: DigestUnit[]
  total: DigestUnit
  backlogThreshold: number
  backlog: { name: string; unit: string; pending: number; oldestWorkDays: number }[]
  /** Expected to report, with work days in the week, and no report at all. */
  silent: { name: string; unit: string }[]
  silentMore: number
  /** Staffed units left out of `units` when the view was cut down to what a message lists. */
  moreUnits?: number
  /**
   * The supervisors (inside the scope) whose team's reports of `month` still wait for them while the month's
   * TPP validation deadline comes before the next digest: unapproved by then, those minutes do not count.
   */
  tppAtRisk?: {
    month: string
    deadline: IsoDate
    supervisors: { name: string; unit: string; pending: number; people: number }[]
    more: number
  }
}

export interface DigestChartMessage {
  kind: 'digest_chart'
  scope: string
  from: IsoDate
  to: IsoDate
  compliance: number | null
  previousCompliance: number | null
  attachmentId: number
}

export interface LeaderDigestMessage {
  kind: 'leader_digest'
  digest: DigestView
}

export interface MonthlySummaryMessage {
  kind: 'monthly_summary'
  /** Any date in the month summarised. */
  month: IsoDate
  approvedMinutes: number
  targetMinutes: number
  target: { mode: 'fixed' | 'derived'; workDays: number; minutesPerDay: number }
  /** No direct supervisor in the import: nobody validates daily reports, so no target applies. */
  noSupervisor?: boolean
}

export interface TeamSummaryMessage {
  kind: 'team_summary'
  month: IsoDate
  rows: { name: string; approvedMinutes: number; targetMinutes: number }[]
}

export type ScheduledMessage =
  | ActivityReminderMessage
  | ApprovalReminderMessage
  | EscalationMessage
  | DigestChartMessage
  | LeaderDigestMessage
  | MonthlySummaryMessage
  | TeamSummaryMessage
