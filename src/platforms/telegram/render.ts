import type { InlineKeyboard } from 'grammy'
import { OPEN_STATUSES } from '../../domain/reports.js'
import type { OutboxMessage } from '../../domain/types.js'
import {
  approvalCardText,
  approvalOutcomeText,
  decisionNoticeText,
  activityReminderText,
  approvalReminderText,
  digestChartCaption,
  escalationText,
  leaderDigestText,
  monthlySummaryText,
  receiptText,
  approvedBatchText,
  supersededCardText,
  teamSummaryText,
  tStored,
  type MessageKey,
} from '../../messages/index.js'
import { renderEvaluationForTelegram } from './evaluation-render.js'
import { approvalKeyboard, noButtons, openQueueKeyboard, ownActivityKeyboard, reportNowKeyboard } from './keyboards.js'

export interface Rendered {
  text: string
  keyboard?: InlineKeyboard
}

// Telegram allows 4,096 characters; descriptions are ≤ 1,000, so cards fit with room to spare.
const MAX_TEXT = 4096
export const fit = (text: string) => (text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`)
const MAX_CAPTION = 1024
export const fitCaption = (text: string) => (text.length <= MAX_CAPTION ? text : `${text.slice(0, MAX_CAPTION - 1)}…`)

/** An outbox message as a Telegram message. */
export function renderForTelegram(m: OutboxMessage): Rendered {
  switch (m.kind) {
    case 'approval_card': {
      const a = m.activity
      // a stored copy opens from any platform; an older Telegram file by its Telegram id
      const hasFile = a.evidence !== null && (a.evidence.fileId !== undefined || a.evidence.kind === 'photo' || a.evidence.kind === 'document')
      return { text: fit(approvalCardText(a)), keyboard: approvalKeyboard(a.id, a.version, hasFile) }
    }
    case 'approval_outcome':
      return { text: fit(approvalOutcomeText(m.activity)), keyboard: noButtons() }
    case 'approval_superseded':
      return { text: fit(supersededCardText(m.activity, m.reason)), keyboard: noButtons() }
    case 'receipt': {
      const a = m.activity
      return { text: fit(receiptText(a)), keyboard: !m.final && OPEN_STATUSES.includes(a.status) ? ownActivityKeyboard(a.id) : noButtons() }
    }
    case 'approved_batch':
      return { text: fit(approvedBatchText(m.activities)) }
    case 'decision_notice': {
      const a = m.activity
      return { text: fit(decisionNoticeText(a)), ...(a.status === 'REVISI' ? { keyboard: ownActivityKeyboard(a.id) } : {}) }
    }
    case 'text':
      return { text: fit(tStored({ key: m.key as MessageKey, params: m.params })) }
    case 'activity_reminder':
      return { text: activityReminderText(m), keyboard: reportNowKeyboard() }
    case 'approval_reminder':
      return { text: approvalReminderText(m), keyboard: openQueueKeyboard() }
    case 'escalation':
      return { text: fit(escalationText(m)) }
    case 'digest_chart':
      // sent with sendPhoto: this is the caption
      return { text: fitCaption(digestChartCaption(m)) }
    case 'leader_digest':
      return { text: fit(leaderDigestText(m.digest)) }
    case 'monthly_summary':
      return { text: monthlySummaryText(m) }
    case 'team_summary':
      return { text: fit(teamSummaryText(m)) }
    case 'evaluation_card':
    case 'evaluation_outcome':
    case 'evaluation_notice':
    case 'keberatan_card':
    case 'keberatan_outcome':
    case 'keberatan_notice':
    case 'feedback_notice':
    case 'evaluation_reminder':
    case 'keberatan_reminder':
    case 'evaluation_escalation':
    case 'distribution_digest':
      return renderEvaluationForTelegram(m)
  }
}
