import { BERAKHLAK } from '../../domain/evaluation-config.js'
import { t, valueLabel } from '../../messages/index.js'
import type { Action } from '../actions.js'
import type { Button, Message } from '../message.js'
import { answer, done, keepsOpen, refusal, say, type Flow } from '../core.js'

/** The seven BerAKHLAK values, two per row, then an extra button on its own row. */
export function berakhlakPicker(text: string, action: (valueIndex: number) => Action, extra?: Button): Message {
  const rows: Button[][] = []
  BERAKHLAK.forEach((v, i) => {
    if (i % 2 === 0) rows.push([])
    rows[rows.length - 1]!.push({ label: valueLabel(v), action: action(i) })
  })
  if (extra) rows.push([extra])
  return { blocks: [{ type: 'text', text }, ...rows.map((buttons) => ({ type: 'buttons' as const, buttons }))] }
}

/**
 * Feedback outside a report (/umpanbalik): a subordinate, optionally a BerAKHLAK value, then the note.
 * Every step is authorized again: buttons are kept in the chat and can be forged.
 */
export const feedbackStep: Flow = async (c, state, input) => {
  const actor = c.who.actor
  if (!actor) return null
  const { feedback } = c.services
  if (input.type === 'action' && (input.action.kind === 'feedbackEmployee' || input.action.kind === 'feedbackValue')) {
    const a = input.action
    try {
      const employee = await feedback.target(actor, a.employeeId)
      if (a.kind === 'feedbackEmployee') {
        const picker = berakhlakPicker(t('feedback.pickValue', { employee: employee.name }), (value) => ({ kind: 'feedbackValue', employeeId: employee.id, value }), {
          label: t('button.generalFeedback'),
          action: { kind: 'feedbackValue', employeeId: employee.id, value: 'none' },
        })
        return done([answer(), { type: 'replacePressed', message: picker }], state)
      }
      const value = a.value === 'none' ? null : BERAKHLAK[a.value]!
      return done([answer(), { type: 'clearButtons' }, say(t('feedback.askNote', { employee: employee.name, value: value ? valueLabel(value) : '' }))], {
        step: 'feedback_note',
        employeeId: employee.id,
        value,
      })
    } catch (err) {
      return done([refusal(input, err)], state)
    }
  }
  let give: { employeeId: number; value: (typeof BERAKHLAK)[number] | null; note: string } | null = null
  if (input.type === 'text' && state?.step === 'feedback_note') give = { employeeId: state.employeeId, value: state.value, note: input.text }
  else if (input.type === 'form' && input.form.kind === 'feedback') {
    const f = input.form
    give = { employeeId: f.employeeId, value: f.value === null ? null : (BERAKHLAK[f.value] ?? null), note: f.note }
  }
  if (!give) return null
  try {
    const given = await feedback.give(actor, give)
    return done([answer(t('feedback.done', { employee: given.employee.name }))])
  } catch (err) {
    // an empty or too long note can be written again; a refusal ends the conversation
    return done([refusal(input, err, 'note')], keepsOpen(err) && input.type === 'text' ? state : null)
  }
}
