import { RATINGS } from '../domain/evaluation-config.js'
import type { EvaluationMessage, EvaluationView } from '../domain/evaluation-types.js'
import { evaluationMessageParts, periodLabel, ratingShort, t } from '../messages/index.js'
import type { Action, ActionOf, RatingCode } from './actions.js'
import type { Block, Button, Capabilities, Message } from './message.js'
import { button, buttonRow, textBlock } from './render-parts.js'

/** One row per rating scale; the chosen rating is marked (✅, and primary where the platform draws roles). */
function ratingRow(v: EvaluationView, action: (choice: RatingCode) => Action, scale: 'h' | 'p'): Button[] {
  const chosen = scale === 'h' ? v.draft.hasil : v.draft.perilaku
  return RATINGS.map((r, i) =>
    button(
      t(scale === 'h' ? 'button.hasil' : 'button.perilaku', { label: ratingShort(r), selected: chosen === r ? 1 : '' }),
      action(`${scale}${i}` as RatingCode),
      chosen === r ? 'primary' : undefined,
    ),
  )
}

/** The Pejabat Penilai's card: the two rating scales, a BerAKHLAK note, send. */
function evaluationCardButtons(v: EvaluationView): Block[] {
  const rate = (choice: ActionOf<'evalRate'>['choice']): Action => ({ kind: 'evalRate', evaluationId: v.id, choice })
  return [
    ...buttonRow(ratingRow(v, rate, 'h'), `eval:${v.id}:hasil`),
    ...buttonRow(ratingRow(v, rate, 'p'), `eval:${v.id}:perilaku`),
    ...buttonRow([button(t('button.berakhlakNote'), rate('nt'))], `eval:${v.id}:send`),
    ...buttonRow([button(t('button.sendEvaluation'), rate('ok'), 'primary')]),
  ]
}

/** The Atasan Pejabat Penilai's card: confirm as it is, or pick new ratings and save them. */
function keberatanCardButtons(v: EvaluationView): Block[] {
  const resolve = (choice: ActionOf<'keberatanResolve'>['choice']): Action => ({ kind: 'keberatanResolve', evaluationId: v.id, choice })
  return [
    ...buttonRow([button(t('button.confirmRating'), resolve('ok'), 'primary')], `keberatan:${v.id}:confirm`),
    ...buttonRow(ratingRow(v, resolve, 'h'), `keberatan:${v.id}:hasil`),
    ...buttonRow(ratingRow(v, resolve, 'p'), `keberatan:${v.id}:perilaku`),
    ...buttonRow([button(t('button.saveChange'), resolve('sv'))], `keberatan:${v.id}:save`),
  ]
}

function buttonsFor(m: EvaluationMessage): Block[] {
  switch (m.kind) {
    case 'evaluation_card':
      return evaluationCardButtons(m.evaluation)
    case 'evaluation_notice':
      return buttonRow([button(t('button.keberatan'), { kind: 'keberatanFile', evaluationId: m.evaluation.id })], `keberatan:${m.evaluation.id}:file`)
    case 'keberatan_card':
      return keberatanCardButtons(m.evaluation)
    default:
      return []
  }
}

const quoteOf = (v: EvaluationView) => ({ quote: t('card.quoteEvaluation', { employee: v.employee.name, period: periodLabel(v.period) }) })

/**
 * Feedback, evaluation and keberatan messages: the catalogue's text, and buttons on the three kinds that
 * ask for something (the rating card, the employee's notice with ⚖️ Ajukan keberatan, the keberatan
 * card). Every press is authorized by the domain when it arrives; outcomes replace their cards.
 */
export function renderEvaluation(m: EvaluationMessage, caps: Capabilities): Message {
  const blocks = [textBlock(evaluationMessageParts(m), caps), ...buttonsFor(m)]
  if (m.kind === 'evaluation_outcome' || m.kind === 'keberatan_outcome') return { blocks, replaces: quoteOf(m.evaluation) }
  return { blocks }
}
