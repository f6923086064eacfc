import type { IsoDate } from './dates.js'
import type { ScheduledMessage } from './scheduled-messages.js'
import type { EvaluationMessage } from './evaluation-types.js'

/** The chat platforms; `playground` is the local practice chat (src/platforms/playground/), no real messenger. */
export type Platform = 'telegram' | 'slack' | 'whatsapp' | 'playground'
export type Role = 'EMPLOYEE' | 'SUPERVISOR' | 'LEADER' | 'ADMIN'
export const ROLES: readonly Role[] = ['EMPLOYEE', 'SUPERVISOR', 'LEADER', 'ADMIN']

export type ActivityStatus = 'DIAJUKAN' | 'DISETUJUI' | 'DITOLAK' | 'REVISI' | 'DITARIK'
export type DecisionOutcome = 'DISETUJUI' | 'DITOLAK' | 'REVISI'

/** Who is acting, as resolved from the database for this very request. */
export interface Actor {
  employeeId: number
  name: string
  role: Role
  timezone: string
  platform: Platform
  externalId: string
}

/** A chat account that may not be linked to anyone yet. */
export interface ChatAccount {
  platform: Platform
  externalId: string
  chatId: string
}

export interface Evidence {
  kind: 'photo' | 'document' | 'link' | 'file'
  /** The platform's own reference (Telegram file_id, Slack file id) or the link. */
  ref: string
  name?: string
  /**
   * The stored copy in the attachment store, which any platform can send on. Given with the input by a
   * platform that stores a file when it comes (WhatsApp: media ids expire), linked as it is; otherwise
   * the report fetches the file when it is sent.
   */
  fileId?: number
}

export interface ActivityInput {
  date: IsoDate
  startMinute?: number
  endMinute?: number
  minutes: number
  description: string
  evidence?: Evidence
  /** The RHK of the employee's SKP: by id (buttons) or by code (`#code`); null clears it on an edit. */
  rhkId?: number | null
  rhkCode?: string
  /** The month's rencana aksi of that RHK: by id (buttons, a form); null: none (an edit takes it off). */
  rencanaAksiId?: number | null
  /** Or by its satuan (one line, `+2 dokumen`); '' names the RHK's only rencana aksi that month. */
  satuan?: string
  /** How much of the rencana aksi's satuan the activity realised: a whole number, 1 when not given. */
  realisasi?: number
}

/** An activity as every renderer sees it: plain data, snapshotted into outbox payloads. */
export interface ActivityView {
  id: number
  version: number
  employee: { id: number; name: string; position: string; unit: string }
  date: IsoDate
  startMinute: number | null
  endMinute: number | null
  minutes: number
  description: string
  evidence: Evidence | null
  status: ActivityStatus
  timezone: string
  decision?: { outcome: DecisionOutcome; by: string; at: string; note: string | null; feedback: string | null }
  /** The RHK this activity is evidence for. */
  rhk?: { code: string; text: string } | null
  /** The month's rencana aksi of that RHK it serves, and how much of its satuan it realised. */
  rencanaAksi?: { id: number; text: string; satuan: string; realisasi: number } | null
}

/** Platform-neutral messages; each platform renders them (text, buttons) at send time. */
export type OutboxMessage =
  | { kind: 'approval_card'; activity: ActivityView }
  | { kind: 'approval_outcome'; activity: ActivityView }
  | { kind: 'approval_superseded'; activity: ActivityView; reason: 'edited' | 'withdrawn' }
  | { kind: 'decision_notice'; activity: ActivityView }
  /** "Setujui semua": one notice for all of one employee's reports approved in one sweep. */
  | { kind: 'approved_batch'; activities: ActivityView[] }
  /** The author's own copy, redrawn when the report is decided, withdrawn or replaced by an edit (`final`: no buttons). */
  | { kind: 'receipt'; activity: ActivityView; final?: boolean }
  | { kind: 'text'; key: string; params?: Record<string, string | number> }
  // reminders, escalations, digests and monthly summaries of the scheduler
  | ScheduledMessage
  // feedback, periodic evaluation, keberatan and the distribution digest
  | EvaluationMessage

export type OutboxKind = OutboxMessage['kind']
