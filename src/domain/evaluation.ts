import type { Db, Tx } from '../db/client.js'
import { enqueue, replaceCards } from './outbox.js'
import type { Clock } from './clock.js'
import { DomainError } from './errors.js'
import { audit, auditRefusal, who } from './audit.js'
import { predikatOf, type BerakhlakValue, type EvaluationSettings } from './evaluation-config.js'
import type { EvaluationView, RatingChoice } from './evaluation-types.js'
import { draftOf, evaluationSelect, isFinal, notesOf, toEvaluationView, type EvaluationRow } from './evaluation-view.js'
import type { Actor } from './types.js'

export const evaluationTopic = (id: number) => `evaluation:${id}`
const MAX_NOTE = 1000
const DAY_MS = 86_400_000

export interface EvaluationDeps {
  db: Db
  clock: Clock
  settings: EvaluationSettings
  defaultTimezone: string
  afterCommit?: () => void
}

/** An evaluation that no longer takes a rating: refused as final, or as already rated. */
export function refuseRated(row: EvaluationRow, now: Date): never {
  if (isFinal(row, now)) throw new DomainError('INVALID_STATE', 'evaluation.final', { period: row.period })
  throw new DomainError('INVALID_STATE', 'evaluation.alreadyRated')
}

/** The Pejabat Penilai's side: choosing the two ratings, notes per BerAKHLAK value, sending. */
export function createEvaluationService(deps: EvaluationDeps) {
  const { db, clock, settings } = deps
  const view = (row: EvaluationRow) => toEvaluationView(row, settings.matrix, deps.defaultTimezone)

  /** Only the employee's own Pejabat Penilai, as the organisation stands at the moment of the click. */
  async function forRater(tx: Pick<Tx, 'evaluation'>, actor: Actor, id: number): Promise<EvaluationRow> {
    const row = await tx.evaluation.findUnique({ where: { id }, select: evaluationSelect })
    if (!row) throw new DomainError('NOT_FOUND', 'error.notFound')
    if (row.employee.supervisorId !== actor.employeeId) throw new DomainError('FORBIDDEN', 'evaluation.notRater')
    if (row.status !== 'MENUNGGU') refuseRated(row, clock.now())
    return row
  }

  const guarded = <T>(actor: Actor, action: string, id: number, fn: () => Promise<T>) =>
    auditRefusal(db, actor, { action, entity: 'evaluation', id, at: clock.now() }, fn)

  /** Stores a draft on the card, as one conditional write (a rating sent meanwhile wins). */
  async function writeDraft(actor: Actor, id: number, change: (row: EvaluationRow) => { draft?: RatingChoice; notes?: object }) {
    return guarded(actor, 'evaluation.rate', id, () =>
      db.$transaction(async (tx) => {
        const row = await forRater(tx, actor, id)
        const next = change(row)
        const { count } = await tx.evaluation.updateMany({
          where: { id, status: 'MENUNGGU' },
          data: {
            ...(next.draft ? { draft: JSON.stringify(next.draft) } : {}),
            ...(next.notes ? { notes: JSON.stringify(next.notes) } : {}),
          },
        })
        if (count === 0) refuseRated(row, clock.now())
        return view(await tx.evaluation.findUniqueOrThrow({ where: { id }, select: evaluationSelect }))
      }),
    )
  }

  /** A click on a rating button: hasil kerja or perilaku kerja chosen, nothing sent yet. */
  const choose = (actor: Actor, id: number, choice: RatingChoice) => writeDraft(actor, id, (row) => ({ draft: { ...draftOf(row), ...choice } }))

  async function setNote(actor: Actor, id: number, value: BerakhlakValue, text: string): Promise<EvaluationView> {
    const note = text.replace(/\s+/g, ' ').trim()
    if (!note) throw new DomainError('INVALID_INPUT', 'evaluation.noteEmpty')
    if (note.length > MAX_NOTE) throw new DomainError('INVALID_INPUT', 'error.tooLong', { max: MAX_NOTE })
    return writeDraft(actor, id, (row) => ({ notes: { ...notesOf(row), [value]: note } }))
  }

  /** Before asking for a note: the actor may still rate this evaluation (audited if not). */
  const assertCanRate = (actor: Actor, id: number) => guarded(actor, 'evaluation.rate', id, async () => view(await forRater(db, actor, id)))

  /** Sends the rating: the predikat follows from the matrix; the employee is told and may object. */
  async function submit(actor: Actor, id: number): Promise<EvaluationView> {
    const now = clock.now()
    const result = await guarded(actor, 'evaluation.rate', id, () =>
      db.$transaction(async (tx) => {
        const row = await forRater(tx, actor, id)
        const { hasil, perilaku } = draftOf(row)
        if (!hasil || !perilaku) throw new DomainError('INVALID_INPUT', 'evaluation.incomplete')
        const predikat = predikatOf(settings.matrix, hasil, perilaku)
        const { count } = await tx.evaluation.updateMany({
          where: { id, status: 'MENUNGGU' },
          data: {
            status: 'DINILAI',
            hasilKerja: hasil,
            perilakuKerja: perilaku,
            predikat,
            draft: null,
            ratedAt: now,
            ratedById: actor.employeeId,
            raterId: actor.employeeId,
            keberatanUntil: new Date(now.getTime() + settings.keberatanDays * DAY_MS),
            version: { increment: 1 },
          },
        })
        if (count === 0) refuseRated(row, now)
        await audit(tx, {
          ...who(actor),
          action: 'evaluation.rate',
          entity: 'evaluation',
          entityId: id,
          before: 'MENUNGGU',
          after: 'DINILAI',
          at: now,
          detail: { hasil, perilaku, predikat, period: row.period, employeeId: row.employee.id },
        })
        const v = view(await tx.evaluation.findUniqueOrThrow({ where: { id }, select: evaluationSelect }))
        await replaceCards(tx, { topic: evaluationTopic(id), kind: 'evaluation_card', message: { kind: 'evaluation_outcome', evaluation: v }, at: now })
        await enqueue(tx, { recipientId: v.employee.id, message: { kind: 'evaluation_notice', evaluation: v }, topic: `evaluation-notice:${id}`, at: now })
        return v
      }),
    )
    deps.afterCommit?.()
    return result
  }

  /** An evaluation the actor may look at: the employee, the rater, or the rater's supervisor. */
  async function get(actor: Actor, id: number): Promise<EvaluationView> {
    const row = await db.evaluation.findUnique({ where: { id }, select: evaluationSelect })
    const allowed = row && [row.employee.id, row.employee.supervisorId, row.rater.id, row.rater.supervisorId].includes(actor.employeeId)
    if (!row || !allowed) throw new DomainError('NOT_FOUND', 'error.notFound')
    return view(row)
  }

  return { choose, setNote, assertCanRate, submit, get }
}

export type EvaluationService = ReturnType<typeof createEvaluationService>
