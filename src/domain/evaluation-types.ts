import type { IsoDate } from './dates.js'
import type { BerakhlakValue, OrgPredikat, Predikat, Rating } from './evaluation-config.js'

// Plain data of SKP, feedback and evaluations as every renderer sees it, snapshotted into outbox payloads.

/** Activities and minutes behind one RHK over a span (code null: activities linked to no RHK). */
export interface RhkTally {
  code: string | null
  text: string
  kind: string | null
  activities: number
  approvedMinutes: number
}

export interface FeedbackItem {
  value: BerakhlakValue | null
  note: string
  by: string
  date: IsoDate
}

/** What the Pejabat Penilai sees before rating: the evidence that built up during the period. */
export interface EvidenceSummary {
  rhk: RhkTally[]
  /** Reports of the period that were not withdrawn, by outcome. */
  counts: { total: number; approved: number; rejected: number; revision: number; pending: number }
  approvedMinutes: number
  /** Approved ÷ reports (withdrawn left out), in percent with one decimal; null with no reports. */
  approvalPercent: number | null
  feedback: FeedbackItem[]
  feedbackCount: number
}

export type EvaluationStatus = 'MENUNGGU' | 'DINILAI' | 'KEBERATAN'
export type KeberatanStatus = 'DIAJUKAN' | 'DIKUKUHKAN' | 'DIUBAH'

export interface RatingChoice {
  hasil?: Rating
  perilaku?: Rating
}

export interface EvaluationView {
  id: number
  period: string
  from: IsoDate
  to: IsoDate
  employee: { id: number; name: string; nip: string; position: string; unit: string }
  rater: { id: number; name: string }
  status: EvaluationStatus
  hasil: Rating | null
  perilaku: Rating | null
  predikat: Predikat | null
  notes: Partial<Record<BerakhlakValue, string>>
  /** The choice being made on a card that is still open, and the predikat it would give (the matrix). */
  draft: RatingChoice
  draftPredikat: Predikat | null
  evidence: EvidenceSummary
  ratedAt: string | null
  keberatanUntil: string | null
  keberatan: {
    reason: string
    status: KeberatanStatus
    filedAt: string
    resolvedAt: string | null
    before: { hasil: Rating; perilaku: Rating; predikat: Predikat }
  } | null
  timezone: string
}

export interface FeedbackView {
  id: number
  employee: { id: number; name: string }
  author: { id: number; name: string }
  value: BerakhlakValue | null
  note: string
  at: string
  timezone: string
}

/** One organisation's predikat counts against the caps of its own predikat. */
export interface DistributionView {
  unit: { code: string; name: string }
  orgPredikat: OrgPredikat
  /** The organisation predikat came from the configured default: none was recorded for the year. */
  assumed: boolean
  period: string
  employees: number
  rated: number
  counts: Record<Predikat, number>
  checks: { predikat: Predikat[]; bound: 'atMost' | 'atLeast'; limit: number; percent: number; ok: boolean }[]
  /** Every evaluation of the period is final (nothing can change any more). */
  final: boolean
}

export interface UnratedItem {
  evaluationId: number
  employee: string
  rater: string
  period: string
  ageWorkDays: number
}

/** Outbox payloads of this feature; each platform renders them at send time. */
export type EvaluationMessage =
  | { kind: 'evaluation_card'; evaluation: EvaluationView }
  | { kind: 'evaluation_outcome'; evaluation: EvaluationView }
  | { kind: 'evaluation_notice'; evaluation: EvaluationView }
  | { kind: 'keberatan_card'; evaluation: EvaluationView }
  | { kind: 'keberatan_outcome'; evaluation: EvaluationView }
  | { kind: 'keberatan_notice'; evaluation: EvaluationView; to: 'employee' | 'rater' }
  | { kind: 'feedback_notice'; feedback: FeedbackView }
  | { kind: 'evaluation_reminder'; period: string; count: number; names: string[] }
  | { kind: 'keberatan_reminder'; count: number; names: string[]; oldestFiled: string }
  | { kind: 'evaluation_escalation'; thresholdDays: number; items: UnratedItem[]; more: number }
  | { kind: 'distribution_digest'; period: string; scope: string; organisations: DistributionView[] }

export type EvaluationKind = EvaluationMessage['kind']
