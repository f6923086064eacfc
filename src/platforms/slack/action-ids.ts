import type { DecideChoice } from '../../conversation/actions.js'

// Buttons are written and read by the action codec (src/conversation/actions.ts). What stays here is
// Slack's own: modal callback ids, the block ids that say where a queue is shown, and what a modal
// remembers in its private_metadata (client data too: ids only, authorized again on submit).

export const VIEW = {
  report: 'report',
  reason: 'decide_reason',
  feedback: 'feedback',
  notice: 'notice',
  evaluationNote: 'evaluation_note',
  keberatanReason: 'keberatan_reason',
} as const

const ID_RE = /^\d{1,12}$/

export const parseId = (value: string | undefined): number | null => (ID_RE.test(value ?? '') ? Number(value) : null)

/** A queue item's buttons sit in a block that names the page: a decision there redraws that page. */
export { queueItemId as queueItemBlockId } from '../../conversation/render-pending.js'
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
  code: Exclude<DecideChoice, 'ok'>
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

const NOTE_METADATA_RE = /^(\d{1,12})(?::(\d{1,12}\.\d{1,9}))?$/

/** The note form remembers the evaluation and the card it was opened from (its ts, to redraw it). */
export const noteMetadata = (evaluationId: number, cardTs?: string) => (cardTs ? `${evaluationId}:${cardTs}` : String(evaluationId))

export function parseNoteMetadata(value: string | undefined): { evaluationId: number; cardTs?: string } | null {
  const m = NOTE_METADATA_RE.exec(value ?? '')
  return m ? { evaluationId: Number(m[1]), ...(m[2] ? { cardTs: m[2] } : {}) } : null
}
