import type { Capabilities, Message } from '../../conversation/message.js'
import { plainText } from '../../conversation/message.js'
import { renderOutbox, renderReceipt } from '../../conversation/render.js'
import { renderPending, type PendingPage } from '../../conversation/render-pending.js'
import type { ActivityView, OutboxMessage } from '../../domain/types.js'
import { truncate } from '../../messages/index.js'
import { actions, button, context, divider, fitBlocks, MAX_BLOCKS, section, type Block, type ButtonElement } from './blocks.js'

/** What Slack can do (Block Kit: 3,000 characters a section, 25 elements an actions block, modals). */
export const SLACK_CAPABILITIES: Capabilities = {
  platform: 'slack',
  editMessages: true,
  maxButtons: 25,
  maxButtonsPerRow: 25,
  maxButtonLabel: 75,
  maxText: 3000,
  maxCaption: 3000,
  forms: true,
  cardDescriptionMax: 500,
  buttonsInline: true,
  // a Slack file is opened from the stored copy only
  evidenceRefs: [],
  // the app has one slash command: the catalogue's /lapor is typed /kinerja lapor
  commandPrefix: '/kinerja ',
}

export interface SlackMessage {
  /** Plain text for notifications and clients without blocks. */
  text: string
  blocks: Block[]
}

const MAX_FALLBACK = 1000
// 2,000 raw characters stay under a section's 3,000 even when a few of them are escaped
const CHUNK = 2000

/** A long text as sections cut at line ends, the heading (bold) on the first. */
function textSections(text: string, heading?: string): Block[] {
  if (text.length <= CHUNK) return [section(text, heading ? { bold: heading } : {})]
  const chunks: string[] = []
  let current = ''
  for (const line of text.split('\n')) {
    if (current && current.length + line.length + 1 > CHUNK) {
      chunks.push(current)
      current = ''
    }
    current = current ? `${current}\n${line}` : line.slice(0, CHUNK)
  }
  if (current) chunks.push(current)
  const [first = '', ...rest] = chunks
  return [section(first, heading ? { bold: heading } : {}), ...rest.map((c) => section(c))]
}

/** Never more than Slack accepts: the text is cut (with a note), never the buttons closing the message. */
function fitKeepingButtons(blocks: Block[]): Block[] {
  if (blocks.length <= MAX_BLOCKS) return blocks
  let tail = blocks.length
  while (tail > 0 && blocks[tail - 1]!.type === 'actions') tail--
  return [...fitBlocks(blocks.slice(0, tail), MAX_BLOCKS - (blocks.length - tail)), ...blocks.slice(tail)]
}

/**
 * A neutral message as Block Kit: a text block is a section (its heading in bold; a long one as several
 * sections), a note is a context block. A row of buttons with an id starts an actions block (the id is
 * its block_id, which listeners read); a row without one joins the actions block right before it.
 */
export function toSlack(m: Message): SlackMessage {
  const blocks: Block[] = []
  let row: { elements: ButtonElement[]; id?: string } | null = null
  const flush = () => {
    if (row && row.elements.length > 0) blocks.push(actions(row.elements, row.id))
    row = null
  }
  for (const b of m.blocks) {
    if (b.type === 'buttons') {
      if (b.id) flush()
      row ??= { elements: [], ...(b.id ? { id: b.id } : {}) }
      row.elements.push(...b.buttons.map((x) => button(x.label, x.action, x.role)))
      continue
    }
    flush()
    if (b.type === 'text') blocks.push(...textSections(b.text, b.heading))
    else if (b.type === 'note') blocks.push(context(b.text))
    else blocks.push(divider())
  }
  flush()
  return { text: truncate(m.summary ?? plainText(m), MAX_FALLBACK), blocks: fitKeepingButtons(blocks) }
}

/** An outbox message as Slack shows it (the notifier, and a card redrawn in place after a press). */
export const renderForSlack = (m: OutboxMessage): SlackMessage => toSlack(renderOutbox(m, SLACK_CAPABILITIES))

/** The supervisor's queue: one section per item with its own buttons, "Setujui semua" and paging. */
export const pendingBlocks = (p: PendingPage, notice?: string): Block[] => toSlack(renderPending(p, SLACK_CAPABILITIES, notice)).blocks
export const pendingText = (p: PendingPage) => toSlack(renderPending(p, SLACK_CAPABILITIES)).text
/** The queue as a message (the /kinerja persetujuan list and its redraws), a notice above it if given. */
export const pendingMessage = (p: PendingPage, notice?: string): SlackMessage => toSlack(renderPending(p, SLACK_CAPABILITIES, notice))

/** The author's receipt, Ubah / Tarik while it is open. */
export const receiptBlocks = (a: ActivityView, heading?: string): Block[] => toSlack(renderReceipt(a, heading !== undefined ? { heading } : {})).blocks

export type { PendingPage }
