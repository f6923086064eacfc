import type { Capabilities, Message } from '../../conversation/message.js'
import { plainText } from '../../conversation/message.js'
import { truncate } from '../../messages/index.js'
import { actions, button, context, divider, fitBlocks, section, type Block, type ButtonElement } from './blocks.js'

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
}

export interface SlackMessage {
  /** Plain text for notifications and clients without blocks. */
  text: string
  blocks: Block[]
}

const MAX_FALLBACK = 1000

/**
 * A neutral message as Block Kit: a text block with a heading is a section with the heading in bold,
 * a note is a context block; consecutive rows of buttons share one actions block (the first row's id).
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
      row ??= { elements: [], ...(b.id ? { id: b.id } : {}) }
      row.elements.push(...b.buttons.map((x) => button(x.label, x.action, x.role)))
      continue
    }
    flush()
    if (b.type === 'text') blocks.push(section(b.text, b.heading ? { bold: b.heading } : {}))
    else if (b.type === 'note') blocks.push(context(b.text))
    else blocks.push(divider())
  }
  flush()
  return { text: truncate(m.summary ?? plainText(m), MAX_FALLBACK), blocks: fitBlocks(blocks) }
}
