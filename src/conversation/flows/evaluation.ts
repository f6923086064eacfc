import { BERAKHLAK } from '../../domain/evaluation-config.js'
import { periodLabel, t, valueLabel } from '../../messages/index.js'
import { answer, done, keepsOpen, refusal, say, type Flow, type Reply } from '../core.js'
import { berakhlakPicker } from './feedback.js'

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
