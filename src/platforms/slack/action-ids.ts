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
  openQueue: 'open_queue',
} as const

export const DECIDE_ACTION_RE = /^decide_(ok|nt|rv|tl)$/
const KNOWN = [DECIDE_ACTION_RE.source.slice(1, -1), ...Object.values(ACTION).filter((a) => a !== ACTION.decidePrefix)]
/** Any action id none of our listeners handles. */
export const UNKNOWN_ACTION_RE = new RegExp(`^(?!(?:${KNOWN.join('|')})$)`)

export const VIEW = {
  report: 'report',
  reason: 'decide_reason',
  feedback: 'feedback',
  notice: 'notice',
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

/** "Setujui semua" carries the ids of the page shown (at most 10). */
export const parseIds = (value: string | undefined): number[] | null => (IDS_RE.test(value ?? '') ? value!.split(',').map(Number) : null)
