import type { EvaluationMessage } from '../../domain/evaluation-types.js'
import { evaluationMessageText } from '../../messages/index.js'
import { evaluationKeyboard, keberatanButton, keberatanKeyboard } from './evaluation-keyboards.js'
import { noButtons } from './keyboards.js'
import { fit, type Rendered } from './render.js'

/** Feedback, evaluation and keberatan messages as Telegram messages: the shared text, and the buttons of the kinds that ask for something. */
export function renderEvaluationForTelegram(m: EvaluationMessage): Rendered {
  return { text: fit(evaluationMessageText(m)), ...keyboardFor(m) }
}

function keyboardFor(m: EvaluationMessage): Pick<Rendered, 'keyboard'> {
  switch (m.kind) {
    case 'evaluation_card':
      return { keyboard: evaluationKeyboard(m.evaluation) }
    case 'evaluation_notice':
      return { keyboard: keberatanButton(m.evaluation.id) }
    case 'keberatan_card':
      return { keyboard: keberatanKeyboard(m.evaluation) }
    // the card these replace loses its buttons
    case 'evaluation_outcome':
    case 'keberatan_outcome':
      return { keyboard: noButtons() }
    default:
      return {}
  }
}
