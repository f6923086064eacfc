import { InlineKeyboard } from 'grammy'
import { encodeAction } from '../../conversation/actions.js'
import { plainText, type Capabilities, type Message } from '../../conversation/message.js'

/** What Telegram can do (Bot API: 4,096 characters a message, 1,024 a caption, 64 bytes of callback_data). */
export const TELEGRAM_CAPABILITIES: Capabilities = {
  platform: 'telegram',
  editMessages: true,
  maxButtons: 100,
  maxButtonsPerRow: 8,
  maxButtonLabel: 64,
  maxText: 4096,
  maxCaption: 1024,
  forms: false,
}

export interface TelegramMessage {
  text: string
  /** Undefined when the message has no buttons; an empty keyboard when `clearButtons` asks to remove them. */
  keyboard?: InlineKeyboard
}

const fit = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`)

/**
 * A neutral message as a Telegram message: the text blocks as one text, each row of buttons as a
 * keyboard row. `clearButtons` gives an empty keyboard to a message without buttons, so an edit removes
 * the old ones.
 */
export function toTelegram(m: Message, opts: { caption?: boolean; clearButtons?: boolean } = {}): TelegramMessage {
  const caps = TELEGRAM_CAPABILITIES
  const text = fit(plainText(m), opts.caption ? caps.maxCaption : caps.maxText)
  const rows = m.blocks.flatMap((b) => (b.type === 'buttons' && b.buttons.length > 0 ? [b.buttons] : []))
  if (rows.length === 0) return opts.clearButtons ? { text, keyboard: new InlineKeyboard() } : { text }
  const kb = new InlineKeyboard()
  rows.forEach((row, i) => {
    if (i > 0) kb.row()
    for (const b of row) kb.text(fit(b.label, caps.maxButtonLabel), encodeAction(b.action, 'telegram'))
  })
  return { text, keyboard: kb }
}
