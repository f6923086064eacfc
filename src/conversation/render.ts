import { OPEN_STATUSES } from '../domain/reports.js'
import type { ActivityView, OutboxMessage } from '../domain/types.js'
import {
  approvalCardParts,
  approvalOutcomeParts,
  approvedBatchParts,
  decisionNoticeParts,
  receiptParts,
  supersededCardParts,
  t,
  tStored,
  type MessageKey,
} from '../messages/index.js'
import { encodeAction, slackButton } from './actions.js'
import { buttonsOf, type Capabilities, type Message } from './message.js'
import { buttonRow, decideButton, moreButtons, ownButtons, textBlock } from './render-parts.js'
import { renderEvaluation } from './render-evaluation.js'
import { renderScheduled } from './render-scheduled.js'

// One renderer from outbox messages to the neutral message (conversation/message.ts). Every platform
// maps the result onto its widgets (platforms/*/message.ts); what differs between platforms is decided
// here from their declared Capabilities, never from their names. A new outbox kind is added to the
// switch below (the lint's exhaustiveness check and test/conversation/render.test.ts insist) and shows
// on every platform without touching an adapter.

/** An outbox message as a neutral message, for a platform that can do `caps`. */
export function renderOutbox(m: OutboxMessage, caps: Capabilities): Message {
  const out = render(m, caps)
  // where a sent message cannot be changed, its new state is a new message that names the old one
  if (out.replaces && !caps.editMessages) out.blocks.unshift({ type: 'note', text: out.replaces.quote })
  assertButtonsFit(out, caps)
  return out
}

function render(m: OutboxMessage, caps: Capabilities): Message {
  switch (m.kind) {
    case 'approval_card':
      return approvalCard(m.activity, caps)
    case 'approval_outcome':
      return closedCard(approvalOutcomeParts(m.activity, caps.cardDescriptionMax), m.activity, caps)
    case 'approval_superseded':
      // the note right under the heading: it is what changed; the facts below are those of the old card
      return closedCard(supersededCardParts(m.activity, m.reason, caps.cardDescriptionMax), m.activity, caps)
    case 'receipt':
      return { ...renderReceipt(m.activity, { final: m.final }), replaces: { quote: t('card.quoteReceipt', { id: m.activity.id }) } }
    case 'approved_batch':
      return { blocks: [textBlock(approvedBatchParts(m.activities))] }
    case 'decision_notice': {
      const a = m.activity
      return { blocks: [textBlock(decisionNoticeParts(a)), ...(a.status === 'REVISI' ? ownButtons(a) : [])] }
    }
    case 'text':
      return { blocks: [{ type: 'text', text: tStored({ key: m.key as MessageKey, params: m.params }) }] }
    case 'activity_reminder':
    case 'approval_reminder':
    case 'escalation':
    case 'digest_chart':
    case 'leader_digest':
    case 'monthly_summary':
    case 'team_summary':
      return renderScheduled(m, caps)
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
      return renderEvaluation(m, caps)
  }
}

/** The supervisor's card: facts, then Setujui / Setujui + catatan / Revisi / Tolak, then what is one click away. */
function approvalCard(a: ActivityView, caps: Capabilities): Message {
  return {
    blocks: [
      textBlock(approvalCardParts(a, caps.cardDescriptionMax)),
      ...buttonRow([decideButton(a, 'ok', 'button.approve', 'primary'), decideButton(a, 'nt', 'button.approveNote')], `decide:${a.id}:${a.version}`),
      ...buttonRow([decideButton(a, 'rv', 'button.revise'), decideButton(a, 'tl', 'button.reject', 'danger')]),
      ...buttonRow(moreButtons(a, caps)),
    ],
  }
}

/** What a card becomes once it no longer asks for anything: the facts and a note, no decision buttons. */
function closedCard(text: Parameters<typeof textBlock>[0], a: ActivityView, caps: Capabilities): Message {
  return {
    blocks: [textBlock(text), ...buttonRow(moreButtons(a, caps), `closed:${a.id}:${a.version}`)],
    replaces: { quote: t('card.quoteActivity', { id: a.id }) },
  }
}

/**
 * The author's own copy of a report: the receipt right after sending (a reply, with the heading the
 * handler chose) and its redraws from the outbox. Ubah / Tarik while it is still open.
 */
export function renderReceipt(a: ActivityView & { supervisorWaiting?: true }, opts: { heading?: string; final?: boolean } = {}): Message {
  const open = !opts.final && OPEN_STATUSES.includes(a.status)
  return { blocks: [textBlock(receiptParts(a, opts.heading)), ...(open ? ownButtons(a) : [])] }
}

export class ButtonsDoNotFitError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ButtonsDoNotFitError'
  }
}

/**
 * A message the platform would refuse is refused here, where the renderer can be fixed: no more buttons
 * than the platform takes, each within the platform's size (the codec's limits).
 */
export function assertButtonsFit(m: Message, caps: Capabilities): void {
  const buttons = buttonsOf(m)
  if (buttons.length > caps.maxButtons) throw new ButtonsDoNotFitError(`${buttons.length} buttons, more than the ${caps.maxButtons} ${caps.platform} takes`)
  for (const b of buttons) {
    // each encoder throws ButtonTooLargeError past its platform's limit (BUTTON_LIMITS)
    if (caps.platform === 'slack') slackButton(b.action)
    else encodeAction(b.action, caps.platform)
  }
}
