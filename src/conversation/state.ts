import type { IsoDate } from '../domain/dates.js'
import type { BerakhlakValue } from '../domain/evaluation-config.js'
import type { DecisionOutcome, Evidence } from '../domain/types.js'

/** What the guided report has gathered so far. */
export interface Draft {
  description?: string
  date?: IsoDate
  startMinute?: number
  endMinute?: number
  minutes?: number
  evidence?: Evidence
  /** The RHK picked in the guided flow (null: "Tanpa RHK"). */
  rhk?: { id: number; code: string; text: string } | null
  /** The RHK's rencana aksi of the month picked (null: "Lewati"), and how much of its satuan was realised. */
  rencanaAksi?: { id: number; text: string; target: number; satuan: string } | null
  realisasi?: number
}

/**
 * Where a chat is in a multi-step conversation, the same on every platform. Plain data: it is stored as
 * JSON in the database (conversation/store.ts), so it survives restarts and moves between instances.
 */
export type ConversationState =
  | { step: 'link_code' }
  | { step: 'report_description'; draft: Draft }
  | { step: 'report_time'; draft: Draft }
  /** REPORT_REQUIRE_TIME_RANGE: a duration was given; its start is asked. */
  | { step: 'report_start'; draft: Draft }
  | { step: 'report_rhk'; draft: Draft }
  | { step: 'report_rencana_aksi'; draft: Draft }
  | { step: 'report_realisasi'; draft: Draft }
  | { step: 'report_evidence'; draft: Draft }
  | { step: 'report_confirm'; draft: Draft }
  | { step: 'edit'; activityId: number }
  | { step: 'reason'; activityId: number; version: number; outcome: Exclude<DecisionOutcome, 'DISETUJUI'> }
  | { step: 'feedback'; activityId: number; version: number }
  | { step: 'feedback_note'; employeeId: number; value: BerakhlakValue | null }
  | { step: 'evaluation_note'; evaluationId: number; value: BerakhlakValue; cardMessageId?: string }
  | { step: 'keberatan_reason'; evaluationId: number }

export type Step = ConversationState['step']
