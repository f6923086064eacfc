import type { ScheduledMessage } from '../domain/scheduled-messages.js'
import {
  activityReminderParts,
  approvalReminderParts,
  digestChartParts,
  escalationParts,
  leaderDigestParts,
  monthlySummaryParts,
  t,
  teamSummaryParts,
} from '../messages/index.js'
import { buttonLabel } from './labels.js'
import type { Capabilities, Message } from './message.js'
import { button, buttonRow, textBlock } from './render-parts.js'

/** Reminders, escalations, digests and summaries of the scheduler; the two reminders offer the way forward. */
export function renderScheduled(m: ScheduledMessage, caps: Capabilities): Message {
  switch (m.kind) {
    case 'activity_reminder':
      return { blocks: [textBlock(activityReminderParts(m), caps), ...buttonRow([button(t('button.reportNow'), { kind: 'reportStart' }, 'primary')])] }
    case 'approval_reminder':
      return { blocks: [textBlock(approvalReminderParts(m), caps), ...buttonRow([button(buttonLabel('button.openQueue', caps), { kind: 'openQueue' }, 'primary')])] }
    case 'escalation':
      return { blocks: [textBlock(escalationParts(m), caps)] }
    case 'digest_chart':
      // goes with the chart image: this is its caption (the adapter keeps it within the caption limit)
      return { blocks: [textBlock(digestChartParts(m), caps)] }
    case 'leader_digest':
      return { blocks: [textBlock(leaderDigestParts(m.digest), caps)] }
    case 'monthly_summary':
      return { blocks: [textBlock(monthlySummaryParts(m), caps)] }
    case 'team_summary':
      return { blocks: [textBlock(teamSummaryParts(m), caps)] }
  }
}
