import { InlineKeyboard } from 'grammy'
import type { Action } from '../../conversation/actions.js'
import { RATINGS } from '../../domain/evaluation-config.js'
import type { EvaluationView } from '../../domain/evaluation-types.js'
import { ratingShort, t, truncate } from '../../messages/index.js'
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
