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
} from '../../messages/index.js'
import type { Block } from './blocks.js'
import { longText, slackCommands } from './scheduled-blocks.js'

/**
 * SKP evaluation messages on Slack, as text. The rating and keberatan buttons are Telegram-only so far:
 * a rater or Atasan Pejabat Penilai linked on Slack reads the card here and decides on Telegram.
 */
export function evaluationForSlack(m: EvaluationMessage): { text: string; blocks: Block[] } {
  const text = slackCommands(evaluationText(m))
  return { text, blocks: longText(text) }
}

function evaluationText(m: EvaluationMessage): string {
  switch (m.kind) {
    case 'evaluation_card':
      return evaluationCardText(m.evaluation)
    case 'evaluation_outcome':
      return evaluationOutcomeText(m.evaluation)
    case 'evaluation_notice':
      return evaluationNoticeText(m.evaluation)
    case 'keberatan_card':
      return keberatanCardText(m.evaluation)
    case 'keberatan_outcome':
      return keberatanOutcomeText(m.evaluation)
    case 'keberatan_notice':
      return keberatanNoticeText(m.evaluation, m.to)
    case 'feedback_notice':
      return feedbackNoticeText(m.feedback)
    case 'evaluation_reminder':
      return evaluationReminderText(m)
    case 'evaluation_escalation':
      return evaluationEscalationText(m)
    case 'distribution_digest':
      return distributionText(m.period, m.scope, m.organisations)
  }
}
