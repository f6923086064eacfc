import type { Evidence, Platform } from '../domain/types.js'
import type { Action } from './actions.js'

// The neutral message: what the bot says, before any platform's widgets. The conversation core and the
// outbox renderer produce it; each adapter maps it onto its own widgets from its declared capabilities.
// A new message kind is written once, as a Message, and every platform shows it.

/** How a button is drawn where the platform can: the main way forward, or a destructive one. */
export type ButtonRole = 'primary' | 'danger'

export interface Button {
  label: string
  action: Action
  role?: ButtonRole
}

export type Block =
  /** Plain text; `heading`, when given, is its first line, set apart (bold) where the platform can. */
  | { type: 'text'; text: string; heading?: string }
  /** A small note below the text (Slack's context block; a plain line elsewhere). */
  | { type: 'note'; text: string }
  /**
   * A row of buttons. `id` names the row for platforms that address rows (Slack's block_id), so a
   * redraw can replace it; platforms without rows ignore it.
   */
  | { type: 'buttons'; buttons: Button[]; id?: string }
  | { type: 'divider' }

/** A file that goes with a message (the /ekspor workbook): its name, type and bytes. */
export interface MessageFile {
  filename: string
  mime: string
  data: Uint8Array
}

export interface Message {
  blocks: Block[]
  /**
   * A document sent with the message. Every platform sends it as a file in the chat (Telegram
   * sendDocument, a Slack upload into the DM, a WhatsApp document by media id, a download on the
   * playground), the text as its caption or comment where it fits, else just before it.
   */
  file?: MessageFile
  /** One line for notifications and screen readers; the first text block when absent. */
  summary?: string
  /**
   * This message is the new state of one sent earlier (an approval card becoming its outcome), which
   * the platform edits in place. `quote` names that earlier message: where the platform cannot edit,
   * the renderer opens the new message with it.
   */
  replaces?: { quote: string }
}

/**
 * What a platform can do, declared once by its adapter. The renderer and the adapters decide from
 * these, never from the platform's name: a platform that cannot edit posts an outcome as a new message
 * quoting the card; one with few buttons moves the rest to a list or a follow-up.
 */
export interface Capabilities {
  readonly platform: Platform
  /** Can a sent message be changed later (an approval card becoming its outcome)? */
  readonly editMessages: boolean
  /** Buttons one message can carry, and per row. */
  readonly maxButtons: number
  readonly maxButtonsPerRow: number
  /** Longest button label, in characters. */
  readonly maxButtonLabel: number
  /** Longest message text, in characters (a caption's limit where the message is a photo). */
  readonly maxText: number
  readonly maxCaption: number
  /** Does it have forms (Slack modals)? Without, multi-step input is typed one answer at a time. */
  readonly forms: boolean
  /** A card shows this much of a description; the rest is one button away. Undefined: all of it. */
  readonly cardDescriptionMax?: number
  /**
   * Can buttons sit between text blocks (Slack's actions blocks: a list with buttons under each item),
   * or only below the whole message (Telegram's inline keyboard)?
   */
  readonly buttonsInline: boolean
  /** Evidence kinds whose platform reference this platform opens itself, without the stored copy. */
  readonly evidenceRefs: readonly Evidence['kind'][]
  /** How the catalogue's commands (`/lapor`) are typed here: `/` where they are commands of their own. */
  readonly commandPrefix: string
}

/** The whole message as plain text, blocks separated as the catalogue writes them. */
export function plainText(m: Message): string {
  const parts: string[] = []
  for (const b of m.blocks) {
    if (b.type === 'text') parts.push(b.heading ? (b.text ? `${b.heading}\n${b.text}` : b.heading) : b.text)
    else if (b.type === 'note') parts.push(b.text)
  }
  return parts.join('\n\n')
}

export const buttonsOf = (m: Message): Button[] => m.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))

/** A message of one text block and, if any, one row of buttons. */
export function textMessage(text: string, buttons: Button[] = []): Message {
  return { blocks: [{ type: 'text', text }, ...(buttons.length > 0 ? [{ type: 'buttons' as const, buttons }] : [])] }
}
