import type { ScheduledMessage } from '../../domain/scheduled-messages.js'
import {
  activityReminderText,
  approvalReminderText,
  digestChartCaption,
  escalationText,
  leaderDigestText,
  monthlySummaryText,
  t,
  teamSummaryText,
} from '../../messages/index.js'
import { actions, button, headed, section, type Block } from './blocks.js'

/**
 * The catalogue's scheduled texts name the Telegram commands (/lapor, /rekap, …); on Slack the same
 * commands are subcommands of /kinerja.
 */
export const slackCommands = (text: string) => text.replace(/(^|[\s(])\/(lapor|rekap|persetujuan|bantuan)\b/g, '$1/kinerja $2')

/** Long plain text (a digest) as sections cut at line ends, each far below the 3,000 limit. */
export function longText(text: string): Block[] {
  const chunks: string[] = []
  let current = ''
  for (const line of text.split('\n')) {
    if (current && current.length + line.length + 1 > 2000) {
      chunks.push(current)
      current = ''
    }
    current = current ? `${current}\n${line}` : line.slice(0, 2000)
  }
  if (current) chunks.push(current)
  const [first = '', ...rest] = chunks
  return [headed(first), ...rest.map((c) => section(c))]
}

/** Reminders, escalations, digests and summaries of the scheduler, as Slack messages. */
export function scheduledForSlack(m: ScheduledMessage): { text: string; blocks: Block[] } {
  const plain = (text: string, extra: Block[] = []) => ({ text: slackCommands(text), blocks: [...longText(slackCommands(text)), ...extra] })
  switch (m.kind) {
    case 'activity_reminder':
      return plain(activityReminderText(m), [actions([button(t('button.reportNow'), { kind: 'reportStart' }, 'primary')])])
    case 'approval_reminder':
      return plain(approvalReminderText(m), [actions([button(t('button.openQueue'), { kind: 'openQueue' }, 'primary')])])
    case 'escalation':
      return plain(escalationText(m))
    case 'digest_chart':
      // goes as an uploaded image with this as its comment
      return plain(digestChartCaption(m))
    case 'leader_digest':
      return plain(leaderDigestText(m.digest))
    case 'monthly_summary':
      return plain(monthlySummaryText(m))
    case 'team_summary':
      return plain(teamSummaryText(m))
  }
}
