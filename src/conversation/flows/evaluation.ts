import { BERAKHLAK } from '../../domain/evaluation-config.js'
import type { EvaluationView } from '../../domain/evaluation-types.js'
import { ratingFromCode } from '../../domain/evaluation-view.js'
import { periodLabel, predikatLabel, t, valueLabel } from '../../messages/index.js'
import { answer, done, keepsOpen, refusal, say, type Flow, type Reply } from '../core.js'
import { berakhlakPicker } from './feedback.js'

const keberatanOutcome = (v: EvaluationView) =>
  v.keberatan?.status === 'DIUBAH' ? t('keberatan.outcomeChanged', { predikat: predikatLabel(v.predikat) }) : t('keberatan.outcomeConfirmed')

/**
 * The Pejabat Penilai's card: a rating is stored and the card redrawn in place; 📨 Kirim penilaian sends
 * it (the outbox replaces the card and tells the employee). The Atasan Pejabat Penilai's keberatan card
 * the same way: a new rating redraws it, Kukuhkan / Simpan perubahan decide. One press, one use case, and
 * the same answer on every platform.
 */
export const evaluationCardStep: Flow = async (c, state, input) => {
  const actor = c.who.actor
  if (!actor || input.type !== 'action') return null
  const a = input.action
  const { evaluations, keberatan } = c.services
  try {
    if (a.kind === 'evalRate' && a.choice !== 'nt') {
      if (a.choice === 'ok') {
        const v = await evaluations.submit(actor, a.evaluationId)
        return done([answer(t('evaluation.sent', { employee: v.employee.name, predikat: predikatLabel(v.predikat) }))], state)
      }
      const v = await evaluations.choose(actor, a.evaluationId, ratingFromCode(a.choice))
      return done([answer(), { type: 'redrawCard', evaluation: v, card: 'evaluation_card' }], state)
    }
    if (a.kind === 'keberatanResolve') {
      if (a.choice === 'ok' || a.choice === 'sv') {
        const v = await keberatan.resolve(actor, a.evaluationId, a.choice === 'sv' ? 'change' : 'confirm')
        return done([answer(t('keberatan.resolved', { employee: v.employee.name, outcome: keberatanOutcome(v) }))], state)
      }
      const v = await keberatan.choose(actor, a.evaluationId, ratingFromCode(a.choice))
      return done([answer(), { type: 'redrawCard', evaluation: v, card: 'keberatan_card' }], state)
    }
  } catch (err) {
    return done([refusal(input, err)], state)
  }
  return null
}

/**
 * The Pejabat Penilai's note per BerAKHLAK value (📝 on the card: pick a value, then type the note, or
 * one form), and the employee's keberatan (⚖️: the reason). The card is redrawn with the note.
 */
export const evaluationStep: Flow = async (c, state, input) => {
  const actor = c.who.actor
  if (!actor) return null
  const { evaluations, keberatan } = c.services
  if (input.type === 'action') {
    const a = input.action
    try {
      if (a.kind === 'evalRate' && a.choice === 'nt') {
        const v = await evaluations.assertCanRate(actor, a.evaluationId)
        const card = Number(input.messageId ?? 0)
        const picker = berakhlakPicker(t('evaluation.pickValue', { employee: v.employee.name }), (value) => ({
          kind: 'evalNote',
          evaluationId: a.evaluationId,
          cardMessageId: Number.isSafeInteger(card) ? card : 0,
          value,
        }))
        return done([answer(), { type: 'message', message: picker }], state)
      }
      if (a.kind === 'evalNote') {
        const v = await evaluations.assertCanRate(actor, a.evaluationId)
        const value = BERAKHLAK[a.value]!
        return done([answer(), { type: 'clearButtons' }, say(t('evaluation.askNote', { employee: v.employee.name, value: valueLabel(value) }))], {
          step: 'evaluation_note',
          evaluationId: a.evaluationId,
          value,
          ...(a.cardMessageId > 0 ? { cardMessageId: String(a.cardMessageId) } : {}),
        })
      }
      if (a.kind === 'keberatanFile') {
        const r = await keberatan.assertCanObject(actor, a.evaluationId)
        return done([answer(), say(t('keberatan.askReason', { period: periodLabel(r.evaluation.period), app: r.app }), 'Alasan keberatan…')], {
          step: 'keberatan_reason',
          evaluationId: a.evaluationId,
        })
      }
    } catch (err) {
      return done([refusal(input, err)], state)
    }
    return null
  }

  // the note: typed after the value was picked, or the form with both
  let note: { evaluationId: number; value: (typeof BERAKHLAK)[number]; text: string; card?: string } | null = null
  if (input.type === 'text' && state?.step === 'evaluation_note') {
    note = { evaluationId: state.evaluationId, value: state.value, text: input.text, ...(state.cardMessageId ? { card: state.cardMessageId } : {}) }
  } else if (input.type === 'form' && input.form.kind === 'evaluationNote') {
    const f = input.form
    const value = BERAKHLAK[f.value]
    if (!value) return done([{ type: 'fieldErrors', errors: { value: { key: 'error.staleButton' } } }])
    note = { evaluationId: f.evaluationId, value, text: f.note, ...(f.cardMessageId ? { card: f.cardMessageId } : {}) }
  }
  if (note) {
    try {
      const v = await evaluations.setNote(actor, note.evaluationId, note.value, note.text)
      // the card is redrawn where it is, so there stays one card with live buttons per employee
      const redraw: Reply[] = note.card ? [{ type: 'redrawCard', evaluation: v, messageId: note.card }] : []
      return done([answer(t('evaluation.noteSaved', { employee: v.employee.name, value: valueLabel(note.value) })), ...redraw])
    } catch (err) {
      return done([refusal(input, err, 'note')], keepsOpen(err) && input.type === 'text' ? state : null)
    }
  }

  let reason: { evaluationId: number; text: string } | null = null
  if (input.type === 'text' && state?.step === 'keberatan_reason') reason = { evaluationId: state.evaluationId, text: input.text }
  else if (input.type === 'form' && input.form.kind === 'keberatan') reason = { evaluationId: input.form.evaluationId, text: input.form.reason }
  if (!reason) return null
  try {
    const r = await keberatan.file(actor, reason.evaluationId, reason.text)
    return done([answer(t('keberatan.filed', { app: r.app }))])
  } catch (err) {
    return done([refusal(input, err, 'reason')], keepsOpen(err) && input.type === 'text' ? state : null)
  }
}
