import type { types } from '@slack/bolt'
import { OPEN_STATUSES } from '../../domain/reports.js'
import type { ActivityView, OutboxMessage } from '../../domain/types.js'
import {
  approvalCardText,
  approvalOutcomeText,
  decisionNoticeText,
  pendingLineText,
  receiptText,
  approvedBatchText,
  supersededCardText,
  t,
  tStored,
  truncate,
  type MessageKey,
} from '../../messages/index.js'
import { slackButton, type Action, type DecideChoice } from '../../conversation/actions.js'
import { queueItemBlockId } from './action-ids.js'
import { scheduledForSlack } from './scheduled-blocks.js'
import { evaluationForSlack } from './evaluation-blocks.js'

export type Block = types.KnownBlock
export type ButtonElement = types.Button

/** Block Kit limits (docs: section text ≤ 3,000 characters, ≤ 50 blocks per message). */
export const MAX_SECTION = 3000
export const MAX_BLOCKS = 50
/** A card shows this much of the description; the rest is one click away ("Lihat uraian lengkap"). */
export const CARD_DESCRIPTION_MAX = 500
// the notification text (push, screen readers) is a summary: Slack truncates it anyway
const MAX_FALLBACK = 1000

/** User text inside mrkdwn: `&`, `<`, `>` would otherwise become entities, links or mentions. */
export const escapeMrkdwn = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** Cuts escaped mrkdwn to the section limit without leaving half an entity behind. */
function fitSection(escaped: string): string {
  if (escaped.length <= MAX_SECTION) return escaped
  return `${escaped.slice(0, MAX_SECTION - 1).replace(/&[a-z]{0,3}$/, '')}…`
}

/** A mrkdwn section of plain user-facing text; `bold` is the first line, set in bold. */
export function section(text: string, opts: { bold?: string } = {}): Block {
  const body = opts.bold ? `*${escapeMrkdwn(opts.bold)}*${text ? `\n${escapeMrkdwn(text)}` : ''}` : escapeMrkdwn(text)
  return { type: 'section', text: { type: 'mrkdwn', text: fitSection(body) } }
}

/** Long text (a full description) as as many sections as it takes. */
export function sections(text: string): Block[] {
  const out: Block[] = []
  // 2,000 raw characters stay under 3,000 even when a few of them are escaped
  for (let i = 0; i < text.length; i += 2000) out.push(section(text.slice(i, i + 2000)))
  return out.length > 0 ? out : [section('—')]
}

/** A button for an action: its action_id and value come from the action codec. */
export function button(text: string, action: Action, style?: 'primary' | 'danger'): ButtonElement {
  const { actionId, value } = slackButton(action)
  return { type: 'button', text: { type: 'plain_text', text: truncate(text, 75), emoji: true }, action_id: actionId, value, ...(style ? { style } : {}) }
}

export const actions = (elements: ButtonElement[], blockId?: string): Block => ({ type: 'actions', elements, ...(blockId ? { block_id: blockId } : {}) })
export const divider = (): Block => ({ type: 'divider' })
export const context = (text: string): Block => ({ type: 'context', elements: [{ type: 'mrkdwn', text: fitSection(escapeMrkdwn(text)) }] })

/** Never more than Slack accepts: the tail is dropped with a note. */
export function fitBlocks(blocks: Block[], max = MAX_BLOCKS): Block[] {
  return blocks.length <= max ? blocks : [...blocks.slice(0, max - 1), context('…')]
}

export interface Rendered {
  /** Plain text for notifications and clients without blocks. */
  text: string
  blocks: Block[]
}

const rendered = (text: string, blocks: Block[]): Rendered => ({ text: truncate(text, MAX_FALLBACK), blocks: fitBlocks(blocks) })

/** "first line in bold, the rest below" for the catalogue's multi-line texts. */
export function headed(text: string): Block {
  const [first = '', ...rest] = text.split('\n')
  return section(rest.join('\n'), { bold: first })
}

const fullTextButton = (a: ActivityView) => [
  ...(a.description.length > CARD_DESCRIPTION_MAX ? [button(t('button.fullText'), { kind: 'fullText', activityId: a.id })] : []),
  // the stored copy of the evidence opens here whichever platform it was sent on
  ...(a.evidence?.fileId !== undefined ? [button(t('button.evidence'), { kind: 'evidence', activityId: a.id })] : []),
]

const decideButton = (a: ActivityView, choice: DecideChoice, label: MessageKey, style?: 'primary' | 'danger') =>
  button(t(label), { kind: 'decide', activityId: a.id, version: a.version, choice }, style)

/** The supervisor's card: facts, then Setujui / Setujui + catatan / Revisi / Tolak. */
export function approvalCardBlocks(a: ActivityView): Block[] {
  return [
    headed(approvalCardText(a, CARD_DESCRIPTION_MAX)),
    actions(
      [
        decideButton(a, 'ok', 'button.approve', 'primary'),
        decideButton(a, 'nt', 'button.approveNote'),
        decideButton(a, 'rv', 'button.revise'),
        decideButton(a, 'tl', 'button.reject', 'danger'),
        ...fullTextButton(a),
      ],
      `decide:${a.id}:${a.version}`,
    ),
  ]
}

/** What a card becomes once it no longer asks for anything: the facts and a note, no decision buttons. */
function closedCard(text: string, a: ActivityView): Block[] {
  const more = fullTextButton(a)
  return [headed(text), ...(more.length > 0 ? [actions(more, `closed:${a.id}:${a.version}`)] : [])]
}

/** Ubah / Tarik for the author, on receipts and on a Revisi notice. */
const ownButtons = (a: ActivityView): Block =>
  actions(
    [button(t('button.edit'), { kind: 'edit', activityId: a.id }), button(t('button.withdraw'), { kind: 'withdraw', activityId: a.id }, 'danger')],
    `own:${a.id}:${a.version}`,
  )

export const receiptBlocks = (a: ActivityView, heading?: string): Block[] =>
  OPEN_STATUSES.includes(a.status) ? [headed(receiptText(a, heading)), ownButtons(a)] : [headed(receiptText(a, heading))]

/** "A similar report exists: send it anyway?" */
export const similarBlocks = (text: string, similarId: number): Block[] => [
  section(text),
  actions([
    button(t('button.sendAgain'), { kind: 'similar', answer: 'send', activityId: similarId }, 'primary'),
    button(t('button.cancel'), { kind: 'similar', answer: 'cancel', activityId: similarId }),
  ]),
]

/** An outbox message as a Slack message. */
export function renderForSlack(m: OutboxMessage): Rendered {
  switch (m.kind) {
    case 'approval_card':
      return rendered(approvalCardText(m.activity, CARD_DESCRIPTION_MAX), approvalCardBlocks(m.activity))
    case 'approval_outcome': {
      const text = approvalOutcomeText(m.activity, CARD_DESCRIPTION_MAX)
      return rendered(text, closedCard(text, m.activity))
    }
    case 'approval_superseded': {
      const a = m.activity
      // the note right under the heading: it is what changed; the facts below are those of the old card
      const text = supersededCardText(a, m.reason, CARD_DESCRIPTION_MAX)
      return rendered(text, closedCard(text, a))
    }
    case 'receipt': {
      const a = m.activity
      return rendered(receiptText(a), !m.final && OPEN_STATUSES.includes(a.status) ? receiptBlocks(a) : [headed(receiptText(a))])
    }
    case 'approved_batch': {
      const text = approvedBatchText(m.activities)
      return rendered(text, [headed(text)])
    }
    case 'decision_notice': {
      const a = m.activity
      const text = decisionNoticeText(a)
      return rendered(text, a.status === 'REVISI' ? [headed(text), ownButtons(a)] : [headed(text)])
    }
    case 'text': {
      const text = tStored({ key: m.key as MessageKey, params: m.params })
      return rendered(text, [section(text)])
    }
    case 'activity_reminder':
    case 'approval_reminder':
    case 'escalation':
    case 'digest_chart':
    case 'leader_digest':
    case 'monthly_summary':
    case 'team_summary': {
      const r = scheduledForSlack(m)
      return rendered(r.text, r.blocks)
    }
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
    case 'distribution_digest': {
      const r = evaluationForSlack(m)
      return rendered(r.text, r.blocks)
    }
  }
}

export interface PendingPage {
  items: ActivityView[]
  total: number
  page: number
  pages: number
}

/** The supervisor's queue: one section per item with its own buttons, "Setujui semua" and paging. */
export function pendingBlocks(p: PendingPage, notice?: string): Block[] {
  const head: Block[] = notice ? [section(notice)] : []
  if (p.total === 0) return [...head, section(t('pending.empty'))]
  const items = p.items.flatMap((a) => [
    section(pendingLineText(a)),
    actions(
      [decideButton(a, 'ok', 'button.approve', 'primary'), decideButton(a, 'rv', 'button.revise'), decideButton(a, 'tl', 'button.reject', 'danger'), ...fullTextButton(a)],
      queueItemBlockId(a.id, a.version, p.page),
    ),
  ])
  const nav: ButtonElement[] = [button(t('button.approveAll'), { kind: 'approveAll', activityIds: p.items.map((a) => a.id) }, 'primary')]
  if (p.page > 1) nav.push(button(t('button.prev'), { kind: 'page', page: p.page - 1, dir: 'prev' }))
  if (p.page < p.pages) nav.push(button(t('button.next'), { kind: 'page', page: p.page + 1, dir: 'next' }))
  return fitBlocks([...head, section(t('pending.title', { total: p.total, page: p.page, pages: p.pages })), divider(), ...items, divider(), actions(nav, 'pending:nav')])
}

export const pendingText = (p: PendingPage) =>
  p.total === 0 ? t('pending.empty') : t('pending.title', { total: p.total, page: p.page, pages: p.pages })

/** The queue as a message (the /kinerja persetujuan list and its redraws), a notice above it if given. */
export const pendingMessage = (p: PendingPage, notice?: string) => ({
  text: notice ? `${notice}\n${pendingText(p)}` : pendingText(p),
  blocks: pendingBlocks(p, notice),
})
