import type { Prisma } from '../generated/prisma/client.js'
import { predikatOf, RATINGS, type BerakhlakValue, type PredikatMatrix, type Predikat, type Rating } from './evaluation-config.js'
import type { EvaluationStatus, EvaluationView, EvidenceSummary, KeberatanStatus, RatingChoice } from './evaluation-types.js'

/**
 * A rating button's code, the same on every platform: "h1" is hasil kerja, "p0" perilaku kerja, the digit
 * the position in RATINGS (callers match the code against h[0-2]|p[0-2] first).
 */
export function ratingFromCode(code: string): RatingChoice {
  const rating = RATINGS[Number(code.slice(1))]!
  return code.startsWith('h') ? { hasil: rating } : { perilaku: rating }
}

/** The columns every evaluation view needs: one explicit select for every query that renders. */
export const evaluationSelect = {
  id: true,
  period: true,
  from: true,
  to: true,
  status: true,
  hasilKerja: true,
  perilakuKerja: true,
  predikat: true,
  notes: true,
  draft: true,
  evidence: true,
  ratedAt: true,
  keberatanUntil: true,
  employee: {
    select: { id: true, name: true, nip: true, position: true, timezone: true, supervisorId: true, unit: { select: { name: true } } },
  },
  rater: { select: { id: true, name: true, supervisorId: true } },
  keberatan: { select: { reason: true, status: true, filedAt: true, resolvedAt: true, hasilBefore: true, perilakuBefore: true, predikatBefore: true } },
} satisfies Prisma.EvaluationSelect

export type EvaluationRow = Prisma.EvaluationGetPayload<{ select: typeof evaluationSelect }>

const parse = <T>(json: string | null, fallback: T): T => (json ? (JSON.parse(json) as T) : fallback)

export const draftOf = (row: Pick<EvaluationRow, 'draft'>): RatingChoice => parse<RatingChoice>(row.draft, {})
export const notesOf = (row: Pick<EvaluationRow, 'notes'>): Partial<Record<BerakhlakValue, string>> => parse(row.notes, {})

/**
 * Final: rated, and either the keberatan window has closed or a keberatan was decided. Nothing about the
 * evaluation may change after that.
 */
export function isFinal(row: { status: string; keberatanUntil: Date | null; keberatan: { status: string } | null }, now: Date): boolean {
  if (row.status !== 'DINILAI') return false
  if (row.keberatan && row.keberatan.status !== 'DIAJUKAN') return true
  return row.keberatanUntil !== null && row.keberatanUntil.getTime() <= now.getTime()
}

export function toEvaluationView(row: EvaluationRow, matrix: PredikatMatrix, defaultTimezone: string): EvaluationView {
  const draft = draftOf(row)
  const k = row.keberatan
  return {
    id: row.id,
    period: row.period,
    from: row.from,
    to: row.to,
    employee: { id: row.employee.id, name: row.employee.name, nip: row.employee.nip, position: row.employee.position, unit: row.employee.unit.name },
    rater: { id: row.rater.id, name: row.rater.name },
    status: row.status as EvaluationStatus,
    hasil: row.hasilKerja as Rating | null,
    perilaku: row.perilakuKerja as Rating | null,
    predikat: row.predikat as Predikat | null,
    notes: notesOf(row),
    draft,
    draftPredikat: draft.hasil && draft.perilaku ? predikatOf(matrix, draft.hasil, draft.perilaku) : null,
    evidence: JSON.parse(row.evidence) as EvidenceSummary,
    ratedAt: row.ratedAt?.toISOString() ?? null,
    keberatanUntil: row.keberatanUntil?.toISOString() ?? null,
    keberatan: k
      ? {
          reason: k.reason,
          status: k.status as KeberatanStatus,
          filedAt: k.filedAt.toISOString(),
          resolvedAt: k.resolvedAt?.toISOString() ?? null,
          before: { hasil: k.hasilBefore as Rating, perilaku: k.perilakuBefore as Rating, predikat: k.predikatBefore as Predikat },
        }
      : null,
    timezone: row.employee.timezone ?? defaultTimezone,
  }
}
