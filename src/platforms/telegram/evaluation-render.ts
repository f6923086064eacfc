import type { EvaluationMessage } from '../../domain/evaluation-types.js'
import {
  distributionText,
  evaluationCardText,
  evaluationEscalationText,
  evaluationNoticeText,
  evaluationOutcomeText,
  evaluationReminderText,
  feedbackNoticeText,
  keberatanCardText,
  keberatanNoticeText,
  keberatanOutcomeText,
  keberatanReminderText,
} from '../../messages/index.js'
import { evaluationKeyboard, keberatanButton, keberatanKeyboard } from './evaluation-keyboards.js'
import { noButtons } from './keyboards.js'
import type { Rendered } from './render.js'

// Telegram allows 4,096 characters; an evidence summary with many RHKs can get close
const fit = (text: string) => (text.length <= 4096 ? text : `${text.slice(0, 4095)}…`)

/** Feedback, evaluation and keberatan messages as Telegram messages. */
export function renderEvaluationForTelegram(m: EvaluationMessage): Rendered {
  switch (m.kind) {
    case 'evaluation_card':
      return { text: fit(evaluationCardText(m.evaluation)), keyboard: evaluationKeyboard(m.evaluation) }
    case 'evaluation_outcome':
      return { text: fit(evaluationOutcomeText(m.evaluation)), keyboard: noButtons() }
    case 'evaluation_notice':
      return { text: fit(evaluationNoticeText(m.evaluation)), keyboard: keberatanButton(m.evaluation.id) }
    case 'keberatan_card':
      return { text: fit(keberatanCardText(m.evaluation)), keyboard: keberatanKeyboard(m.evaluation) }
    case 'keberatan_outcome':
      return { text: fit(keberatanOutcomeText(m.evaluation)), keyboard: noButtons() }
    case 'keberatan_notice':
      return { text: fit(keberatanNoticeText(m.evaluation, m.to)) }
    case 'feedback_notice':
      return { text: fit(feedbackNoticeText(m.feedback)) }
    case 'evaluation_reminder':
      return { text: fit(evaluationReminderText(m)) }
    case 'keberatan_reminder':
      return { text: fit(keberatanReminderText(m)) }
    case 'evaluation_escalation':
      return { text: fit(evaluationEscalationText(m)) }
    case 'distribution_digest':
      return { text: fit(distributionText(m.period, m.scope, m.organisations)) }
  }
}
