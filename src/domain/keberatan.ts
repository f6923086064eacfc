import type { Tx } from '../db/client.js'
import { enqueue, replaceCards } from './outbox.js'
import { DomainError } from './errors.js'
import { audit, auditRefusal, who } from './audit.js'
import { predikatOf, type Rating } from './evaluation-config.js'
import { type EvaluationDeps } from './evaluation.js'
import type { EvaluationView, RatingChoice } from './evaluation-types.js'
import { draftOf, evaluationSelect, isFinal, toEvaluationView, type EvaluationRow } from './evaluation-view.js'
import type { Actor } from './types.js'

export const keberatanTopic = (id: number) => `keberatan:${id}`
const MAX_REASON = 1000

/**
 * Keberatan: the employee objects to a rating within the window; the Atasan Pejabat Penilai (the rater's
 * own supervisor, at the moment of the click) confirms it or changes it. Either way the evaluation is
 * final afterwards.
 */
export function createKeberatanService(deps: EvaluationDeps) {
  const { db, clock, settings } = deps
  const view = (row: EvaluationRow) => toEvaluationView(row, settings.matrix, deps.defaultTimezone)
  const load = async (tx: Pick<Tx, 'evaluation'>, id: number) => {
    const row = await tx.evaluation.findUnique({ where: { id }, select: evaluationSelect })
    if (!row) throw new DomainError('NOT_FOUND', 'error.notFound')
    return row
  }
  const guarded = <T>(actor: Actor, action: string, id: number, fn: () => Promise<T>) =>
    auditRefusal(db, actor, { action, entity: 'evaluation', id, at: clock.now() }, fn)

  /** The employee's own rated evaluation, window still open, no keberatan yet; and who will decide. */
  async function forEmployee(tx: Pick<Tx, 'evaluation' | 'employee'>, actor: Actor, id: number) {
    const row = await load(tx, id)
    if (row.employee.id !== actor.employeeId) throw new DomainError('FORBIDDEN', 'keberatan.notOwner')
    if (row.status === 'MENUNGGU') throw new DomainError('INVALID_STATE', 'keberatan.notRated')
    if (row.keberatan) throw new DomainError('INVALID_STATE', 'keberatan.already')
    if (isFinal(row, clock.now())) throw new DomainError('INVALID_STATE', 'evaluation.final', { period: row.period })
    const app = row.rater.supervisorId === null ? null : await tx.employee.findUnique({ where: { id: row.rater.supervisorId }, select: { id: true, name: true } })
    if (!app) throw new DomainError('INVALID_STATE', 'keberatan.noApp')
    return { row, app }
  }

  /** Before asking for the reason (audited when refused). */
  const assertCanObject = (actor: Actor, id: number) =>
    guarded(actor, 'keberatan.file', id, async () => {
      const { row, app } = await forEmployee(db, actor, id)
      return { evaluation: view(row), app: app.name }
    })

  async function file(actor: Actor, id: number, text: string): Promise<{ evaluation: EvaluationView; app: string }> {
    const reason = text.replace(/\s+/g, ' ').trim()
    if (!reason) throw new DomainError('INVALID_INPUT', 'keberatan.reasonEmpty')
    if (reason.length > MAX_REASON) throw new DomainError('INVALID_INPUT', 'error.tooLong', { max: MAX_REASON })
    const now = clock.now()
    const result = await guarded(actor, 'keberatan.file', id, () =>
      db.$transaction(async (tx) => {
        const { row, app } = await forEmployee(tx, actor, id)
        const current = { hasil: row.hasilKerja!, perilaku: row.perilakuKerja! }
        const { count } = await tx.evaluation.updateMany({
          where: { id, status: 'DINILAI', keberatan: null },
          data: { status: 'KEBERATAN', draft: JSON.stringify(current), version: { increment: 1 } },
        })
        if (count === 0) throw new DomainError('INVALID_STATE', 'keberatan.already')
        await tx.keberatan.create({
          data: {
            evaluationId: id,
            reason,
            filedAt: now,
            status: 'DIAJUKAN',
            hasilBefore: current.hasil,
            perilakuBefore: current.perilaku,
            predikatBefore: row.predikat!,
          },
        })
        await audit(tx, { ...who(actor), action: 'keberatan.file', entity: 'evaluation', entityId: id, before: 'DINILAI', after: 'KEBERATAN', at: now })
        const v = view(await load(tx, id))
        await enqueue(tx, { recipientId: app.id, message: { kind: 'keberatan_card', evaluation: v }, topic: keberatanTopic(id), at: now })
        return { evaluation: v, app: app.name }
      }),
    )
    deps.afterCommit?.()
    return result
  }

  /** Only the rater's own supervisor, only while the keberatan waits. */
  async function forApp(tx: Pick<Tx, 'evaluation'>, actor: Actor, id: number): Promise<EvaluationRow> {
    const row = await load(tx, id)
    if (row.rater.supervisorId !== actor.employeeId) throw new DomainError('FORBIDDEN', 'keberatan.notApp')
    if (row.status !== 'KEBERATAN' || row.keberatan?.status !== 'DIAJUKAN') throw new DomainError('INVALID_STATE', 'keberatan.notPending')
    return row
  }

  /** A new rating picked on the card; nothing decided yet. */
  const choose = (actor: Actor, id: number, choice: RatingChoice) =>
    guarded(actor, 'keberatan.resolve', id, () =>
      db.$transaction(async (tx) => {
        const row = await forApp(tx, actor, id)
        await tx.evaluation.updateMany({ where: { id, status: 'KEBERATAN' }, data: { draft: JSON.stringify({ ...draftOf(row), ...choice }) } })
        return view(await load(tx, id))
      }),
    )

  /** Confirms the rating as it was, or saves the ratings chosen on the card (they must differ). */
  async function resolve(actor: Actor, id: number, mode: 'confirm' | 'change'): Promise<EvaluationView> {
    const now = clock.now()
    const result = await guarded(actor, 'keberatan.resolve', id, () =>
      db.$transaction(async (tx) => {
        const row = await forApp(tx, actor, id)
        const draft = draftOf(row)
        const hasil = mode === 'change' && draft.hasil ? draft.hasil : (row.hasilKerja as Rating)
        const perilaku = mode === 'change' && draft.perilaku ? draft.perilaku : (row.perilakuKerja as Rating)
        if (mode === 'change' && hasil === row.hasilKerja && perilaku === row.perilakuKerja) {
          throw new DomainError('INVALID_INPUT', 'keberatan.unchanged')
        }
        const outcome = mode === 'change' ? 'DIUBAH' : 'DIKUKUHKAN'
        const predikat = predikatOf(settings.matrix, hasil, perilaku)
        // the keberatan row is the decision: of two concurrent clicks exactly one matches
        const { count } = await tx.keberatan.updateMany({
          where: { evaluationId: id, status: 'DIAJUKAN' },
          data: { status: outcome, resolverId: actor.employeeId, resolvedAt: now },
        })
        if (count === 0) throw new DomainError('INVALID_STATE', 'keberatan.notPending')
        await tx.evaluation.update({
          where: { id },
          data: { status: 'DINILAI', hasilKerja: hasil, perilakuKerja: perilaku, predikat, draft: null, version: { increment: 1 } },
        })
        await audit(tx, {
          ...who(actor),
          action: 'keberatan.resolve',
          entity: 'evaluation',
          entityId: id,
          before: 'KEBERATAN',
          after: outcome,
          at: now,
          detail: { before: { hasil: row.hasilKerja, perilaku: row.perilakuKerja, predikat: row.predikat }, after: { hasil, perilaku, predikat } },
        })
        const v = view(await load(tx, id))
        await replaceCards(tx, { topic: keberatanTopic(id), kind: 'keberatan_card', message: { kind: 'keberatan_outcome', evaluation: v }, at: now })
        await enqueue(tx, { recipientId: v.employee.id, message: { kind: 'keberatan_notice', evaluation: v, to: 'employee' }, at: now })
        if (v.rater.id !== actor.employeeId) {
          await enqueue(tx, { recipientId: v.rater.id, message: { kind: 'keberatan_notice', evaluation: v, to: 'rater' }, at: now })
        }
        return v
      }),
    )
    deps.afterCommit?.()
    return result
  }

  return { assertCanObject, file, choose, resolve }
}

export type KeberatanService = ReturnType<typeof createKeberatanService>
