import type { types } from '@slack/bolt'
import { truncate } from '../../messages/index.js'
import { slackButton, type Action } from '../../conversation/actions.js'

export type Block = types.KnownBlock
export type ButtonElement = types.Button

/** Block Kit limits (docs: section text ≤ 3,000 characters, ≤ 50 blocks per message). */
export const MAX_SECTION = 3000
export const MAX_BLOCKS = 50

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
