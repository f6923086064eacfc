import { InlineKeyboard } from 'grammy'
import type { Action } from '../../conversation/actions.js'
import { BERAKHLAK, RATINGS } from '../../domain/evaluation-config.js'
import type { EvaluationView } from '../../domain/evaluation-types.js'
import type { RhkOption } from '../../domain/skp.js'
import { ratingShort, t, truncate, valueLabel } from '../../messages/index.js'
import { button } from './keyboards.js'

const ratingCode = (scale: 'h' | 'p', i: number) => `${scale}${i}` as `${'h' | 'p'}${0 | 1 | 2}`

function ratingRows(kb: InlineKeyboard, action: (code: ReturnType<typeof ratingCode>) => Action, choice: EvaluationView['draft']) {
  RATINGS.forEach((r, i) => button(kb, t('button.hasil', { label: ratingShort(r), selected: choice.hasil === r ? 1 : '' }), action(ratingCode('h', i))))
  kb.row()
  RATINGS.forEach((r, i) => button(kb, t('button.perilaku', { label: ratingShort(r), selected: choice.perilaku === r ? 1 : '' }), action(ratingCode('p', i))))
  return kb.row()
}

/** The Pejabat Penilai's card: two rating scales, notes per BerAKHLAK value, send. */
export function evaluationKeyboard(v: EvaluationView): InlineKeyboard {
  const kb = ratingRows(new InlineKeyboard(), (choice) => ({ kind: 'evalRate', evaluationId: v.id, choice }), v.draft)
  button(kb, t('button.berakhlakNote'), { kind: 'evalRate', evaluationId: v.id, choice: 'nt' }).row()
  return button(kb, t('button.sendEvaluation'), { kind: 'evalRate', evaluationId: v.id, choice: 'ok' })
}

/** The seven values, two per row, for a note on the card; `action` says what a value's button does. */
export function berakhlakKeyboard(action: (valueIndex: number) => Action, extra?: { label: string; action: Action }): InlineKeyboard {
  const kb = new InlineKeyboard()
  BERAKHLAK.forEach((v, i) => {
    button(kb, valueLabel(v), action(i))
    if (i % 2 === 1) kb.row()
  })
  if (extra) button(kb.row(), extra.label, extra.action)
  return kb
}

export const keberatanButton = (id: number) => button(new InlineKeyboard(), t('button.keberatan'), { kind: 'keberatanFile', evaluationId: id })

/** The Atasan Pejabat Penilai's card: confirm as is, or choose new ratings and save. */
export function keberatanKeyboard(v: EvaluationView): InlineKeyboard {
  const kb = button(new InlineKeyboard(), t('button.confirmRating'), { kind: 'keberatanResolve', evaluationId: v.id, choice: 'ok' }).row()
  ratingRows(kb, (choice) => ({ kind: 'keberatanResolve', evaluationId: v.id, choice }), v.draft)
  return button(kb, t('button.saveChange'), { kind: 'keberatanResolve', evaluationId: v.id, choice: 'sv' })
}

export function subordinatesKeyboard(people: { id: number; name: string }[]): InlineKeyboard {
  const kb = new InlineKeyboard()
  for (const p of people) button(kb, truncate(p.name, 40), { kind: 'feedbackEmployee', employeeId: p.id }).row()
  return kb
}

export function rhkKeyboard(options: RhkOption[]): InlineKeyboard {
  const kb = new InlineKeyboard()
  for (const o of options) button(kb, truncate(`${o.code} — ${o.text}`, 60), { kind: 'guidedRhk', rhkId: o.id }).row()
  button(kb, t('button.noRhk'), { kind: 'guidedRhk', rhkId: 0 })
  return button(kb, t('button.cancel'), { kind: 'guided', step: 'cancel' })
}
