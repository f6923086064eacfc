import { RATINGS } from '../../domain/evaluation-config.js'
import type { EvaluationMessage, EvaluationView } from '../../domain/evaluation-types.js'
import { evaluationMessageText, ratingShort, t } from '../../messages/index.js'
import type { Action, ActionOf, RatingCode } from '../../conversation/actions.js'
import { actions, button, fitBlocks, MAX_BLOCKS, type Block, type ButtonElement } from './blocks.js'
import { longText, slackCommands } from './scheduled-blocks.js'

/** One row per rating scale; the chosen rating is marked (✅, primary) as on Telegram. */
function ratingRow(v: EvaluationView, action: (choice: RatingCode) => Action, scale: 'h' | 'p'): ButtonElement[] {
  const chosen = scale === 'h' ? v.draft.hasil : v.draft.perilaku
  return RATINGS.map((r, i) =>
    button(
      t(scale === 'h' ? 'button.hasil' : 'button.perilaku', { label: ratingShort(r), selected: chosen === r ? 1 : '' }),
      action(`${scale}${i}` as RatingCode),
      chosen === r ? 'primary' : undefined,
    ),
  )
}

/** The Pejabat Penilai's card: the two rating scales, a BerAKHLAK note, send. Values are the evaluation id only. */
function evaluationCardButtons(v: EvaluationView): Block[] {
  const rate = (choice: ActionOf<'evalRate'>['choice']): Action => ({ kind: 'evalRate', evaluationId: v.id, choice })
  return [
    actions(ratingRow(v, rate, 'h'), `eval:${v.id}:hasil`),
    actions(ratingRow(v, rate, 'p'), `eval:${v.id}:perilaku`),
    actions([button(t('button.berakhlakNote'), rate('nt')), button(t('button.sendEvaluation'), rate('ok'), 'primary')], `eval:${v.id}:send`),
  ]
}

/** The Atasan Pejabat Penilai's card: confirm as it is, or pick new ratings and save them. */
function keberatanCardButtons(v: EvaluationView): Block[] {
  const resolve = (choice: ActionOf<'keberatanResolve'>['choice']): Action => ({ kind: 'keberatanResolve', evaluationId: v.id, choice })
  return [
    actions([button(t('button.confirmRating'), resolve('ok'), 'primary')], `keberatan:${v.id}:confirm`),
    actions(ratingRow(v, resolve, 'h'), `keberatan:${v.id}:hasil`),
    actions(ratingRow(v, resolve, 'p'), `keberatan:${v.id}:perilaku`),
    actions([button(t('button.saveChange'), resolve('sv'))], `keberatan:${v.id}:save`),
  ]
}

const keberatanButton = (v: EvaluationView): Block[] => [
  actions([button(t('button.keberatan'), { kind: 'keberatanFile', evaluationId: v.id })], `keberatan:${v.id}:file`),
]

function buttonsFor(m: EvaluationMessage): Block[] {
  switch (m.kind) {
    case 'evaluation_card':
      return evaluationCardButtons(m.evaluation)
    case 'evaluation_notice':
      return keberatanButton(m.evaluation)
    case 'keberatan_card':
      return keberatanCardButtons(m.evaluation)
    default:
      return []
  }
}

/**
 * SKP evaluation messages on Slack: the catalogue's text, and the same buttons as on Telegram for the
 * three kinds that ask for something (the rating card, the employee's notice with ⚖️ Ajukan keberatan,
 * the keberatan card). Every click is authorized by the domain when it arrives (listeners/actions/
 * evaluation-card.ts, keberatan.ts); outcomes, reminders, escalations and digests are text only.
 */
export function evaluationForSlack(m: EvaluationMessage): { text: string; blocks: Block[] } {
  const text = slackCommands(evaluationMessageText(m))
  const buttons = buttonsFor(m)
  // a long evidence summary is cut, never the buttons under it
  return { text, blocks: [...fitBlocks(longText(text), MAX_BLOCKS - buttons.length), ...buttons] }
}
