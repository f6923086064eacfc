import { ratingFromCode } from '../../domain/evaluation-view.js'
import type { RatingChoice } from '../../domain/evaluation-types.js'
import type { DecisionOutcome } from '../../domain/types.js'

// Button values come from the client and can be forged: they carry ids only, never state or rights;
// every click is authorized against the database when it arrives.
export const ACTION = {
  decidePrefix: 'decide_',
  approveAll: 'approve_all',
  pendingPrev: 'pending_prev',
  pendingNext: 'pending_next',
  fullText: 'full_text',
  edit: 'edit',
  withdraw: 'withdraw',
  reportStart: 'report_start',
  // "a similar report exists": send the held report anyway, or drop it (value: the similar report's id)
  similarSend: 'similar_send',
  similarCancel: 'similar_cancel',
  openQueue: 'open_queue',
  // SKP evaluation: the Pejabat Penilai's card (value: the evaluation id)
  evalRatePrefix: 'eval_rate_',
  evalNote: 'eval_note',
  evalSend: 'eval_send',
  // keberatan: the employee's notice and the Atasan Pejabat Penilai's card (value: the evaluation id)
  keberatanFile: 'keberatan_file',
  keberatanRatePrefix: 'keberatan_rate_',
  keberatanConfirm: 'keberatan_confirm',
  keberatanSave: 'keberatan_save',
} as const

export const DECIDE_ACTION_RE = /^decide_(ok|nt|rv|tl)$/
/** A rating button: h = hasil kerja, p = perilaku kerja; the digit is the position in RATINGS. */
export const EVAL_RATE_ACTION_RE = /^eval_rate_([hp][0-2])$/
export const KEBERATAN_RATE_ACTION_RE = /^keberatan_rate_([hp][0-2])$/
export const KEBERATAN_DECIDE_ACTION_RE = /^(keberatan_confirm|keberatan_save)$/
const PREFIXES = new Set<string>([ACTION.decidePrefix, ACTION.evalRatePrefix, ACTION.keberatanRatePrefix])
const KNOWN = [
  ...[DECIDE_ACTION_RE, EVAL_RATE_ACTION_RE, KEBERATAN_RATE_ACTION_RE].map((re) => re.source.slice(1, -1)),
  ...Object.values(ACTION).filter((a) => !PREFIXES.has(a)),
]
/** Any action id none of our listeners handles. */
export const UNKNOWN_ACTION_RE = new RegExp(`^(?!(?:${KNOWN.join('|')})$)`)

export const VIEW = {
  report: 'report',
  reason: 'decide_reason',
  feedback: 'feedback',
  notice: 'notice',
  evaluationNote: 'evaluation_note',
  keberatanReason: 'keberatan_reason',
} as const

export type DecideCode = 'ok' | 'nt' | 'rv' | 'tl'
export const decideOutcome: Record<DecideCode, DecisionOutcome> = { ok: 'DISETUJUI', nt: 'DISETUJUI', rv: 'REVISI', tl: 'DITOLAK' }

const DECIDE_VALUE_RE = /^(\d{1,12}):(\d{1,6}):(ok|nt|rv|tl)$/
const ID_RE = /^\d{1,12}$/
const IDS_RE = /^\d{1,12}(?:,\d{1,12}){0,9}$/

export const decideValue = (id: number, version: number, code: DecideCode) => `${id}:${version}:${code}`

export function parseDecideValue(value: string | undefined): { activityId: number; version: number; code: DecideCode } | null {
  const m = DECIDE_VALUE_RE.exec(value ?? '')
  return m ? { activityId: Number(m[1]), version: Number(m[2]), code: m[3] as DecideCode } : null
}

export const parseId = (value: string | undefined): number | null => (ID_RE.test(value ?? '') ? Number(value) : null)

/** A queue item's buttons sit in a block that names the page: a decision there redraws that page. */
export const queueItemBlockId = (id: number, version: number, page: number) => `pending:${id}:${version}:${page}`
const QUEUE_ITEM_RE = /^pending:\d{1,12}:\d{1,6}(?::(\d{1,4}))?$/

/** The page of the queue a clicked block is on; null when it is not a queue item (a card in a DM). */
export function queuePageOf(blockId: string | undefined): number | null {
  const m = QUEUE_ITEM_RE.exec(blockId ?? '')
  return m ? Number(m[1] ?? 1) : null
}

/**
 * Where the queue a decision was taken in is shown, to redraw it after the decision: App Home, or the
 * ephemeral list of /kinerja persetujuan (only its response URL leads back to it). A card in a DM has
 * none: the outbox replaces it.
 */
export type QueueOrigin = { kind: 'home'; page: number } | { kind: 'list'; page: number; responseUrl: string }

export interface ReasonMetadata {
  activityId: number
  version: number
  code: Exclude<DecideCode, 'ok'>
  origin?: QueueOrigin
}

const REASON_METADATA_RE = /^(\d{1,12}):(\d{1,6}):(nt|rv|tl)(?::(home|list):(\d{1,4})(?::(https?:\/\/\S{1,2000}))?)?$/

/** The reason modal remembers the decision it asks for and where its queue is shown (if it came from one). */
export function reasonMetadata(m: ReasonMetadata): string {
  const base = `${m.activityId}:${m.version}:${m.code}`
  if (!m.origin) return base
  return m.origin.kind === 'home' ? `${base}:home:${m.origin.page}` : `${base}:list:${m.origin.page}:${m.origin.responseUrl}`
}

export function parseReasonMetadata(value: string | undefined): ReasonMetadata | null {
  const m = REASON_METADATA_RE.exec(value ?? '')
  if (!m) return null
  const base = { activityId: Number(m[1]), version: Number(m[2]), code: m[3] as ReasonMetadata['code'] }
  const page = Number(m[5])
  if (m[4] === 'home') return { ...base, origin: { kind: 'home', page } }
  if (m[4] === 'list') return m[6] ? { ...base, origin: { kind: 'list', page, responseUrl: m[6] } } : null
  return base
}

/** "Setujui semua" carries the ids of the page shown (at most 10). */
export const parseIds = (value: string | undefined): number[] | null => (IDS_RE.test(value ?? '') ? value!.split(',').map(Number) : null)

/** "eval_rate_h1" → hasil kerja Sesuai ekspektasi; null for an action id of another shape. */
export function parseRatingAction(actionId: string, re: RegExp): RatingChoice | null {
  const code = re.exec(actionId)?.[1]
  return code ? ratingFromCode(code) : null
}

const NOTE_METADATA_RE = /^(\d{1,12})(?::(\d{1,12}\.\d{1,9}))?$/

/** The note form remembers the evaluation and the card it was opened from (its ts, to redraw it). */
export const noteMetadata = (evaluationId: number, cardTs?: string) => (cardTs ? `${evaluationId}:${cardTs}` : String(evaluationId))

export function parseNoteMetadata(value: string | undefined): { evaluationId: number; cardTs?: string } | null {
  const m = NOTE_METADATA_RE.exec(value ?? '')
  return m ? { evaluationId: Number(m[1]), ...(m[2] ? { cardTs: m[2] } : {}) } : null
}
