import type { Context, LazySessionFlavor } from 'grammy'
import type { IsoDate } from '../../domain/dates.js'
import type { BerakhlakValue } from '../../domain/evaluation-config.js'
import type { Actor, DecisionOutcome, Evidence } from '../../domain/types.js'
import type { Logger } from '../../logger.js'

export interface Draft {
  description?: string
  date?: IsoDate
  startMinute?: number
  endMinute?: number
  minutes?: number
  evidence?: Evidence
  /** The RHK picked in the guided flow (null: "Tanpa RHK"). */
  rhk?: { id: number; code: string; text: string } | null
}

/** Where a chat is in a multi-step conversation. Stored in the database, so it survives restarts. */
export type Flow =
  | { step: 'link_code' }
  | { step: 'report_description'; draft: Draft }
  | { step: 'report_time'; draft: Draft }
  | { step: 'report_rhk'; draft: Draft }
  | { step: 'report_evidence'; draft: Draft }
  | { step: 'report_confirm'; draft: Draft }
  | { step: 'edit'; activityId: number }
  | { step: 'reason'; activityId: number; version: number; outcome: Exclude<DecisionOutcome, 'DISETUJUI'> }
  | { step: 'feedback'; activityId: number; version: number }
  // SKP and evaluation: features/feedback.ts and features/evaluation.ts
  | { step: 'feedback_note'; employeeId: number; value: BerakhlakValue | null }
  | { step: 'evaluation_note'; evaluationId: number; value: BerakhlakValue; cardMessageId?: number }
  | { step: 'keberatan_reason'; evaluationId: number }

export interface SessionData {
  flow?: Flow
}

export type BotContext = Context &
  LazySessionFlavor<SessionData> & {
    log: Logger
    /** The linked employee, resolved from the database for this update; undefined when unlinked. */
    actor?: Actor
    /** Set once this update's callback query was answered: Telegram takes one answer only. */
    callbackAnswered?: boolean
    /** How handling ended, for metrics (handled unless set). */
    outcome?: 'handled' | 'duplicate' | 'failed'
  }

/** Narrowed context for features that run only for linked users. */
export type LinkedContext = BotContext & { actor: Actor }
