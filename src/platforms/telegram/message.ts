import { InlineKeyboard, InputFile, type Api } from 'grammy'
import { encodeAction } from '../../conversation/actions.js'
import { plainText, type Button, type Capabilities, type Message } from '../../conversation/message.js'
import { renderOutbox } from '../../conversation/render.js'
import type { OutboxMessage } from '../../domain/types.js'

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
  // the inline keyboard sits below the whole message
  buttonsInline: false,
  // a photo or document sent to the bot opens again by its file_id
  evidenceRefs: ['photo', 'document'],
  commandPrefix: '/',
}

export interface TelegramMessage {
  text: string
  /** Undefined when the message has no buttons; an empty keyboard when `clearButtons` asks to remove them. */
  keyboard?: InlineKeyboard
}

const fit = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`)

/** Buttons as keyboard rows, a row longer than Telegram draws wrapped onto the next. */
export function keyboardOf(rows: Button[][]): InlineKeyboard {
  const caps = TELEGRAM_CAPABILITIES
  const kb = new InlineKeyboard()
  let first = true
  for (const row of rows) {
    for (let i = 0; i < row.length; i += caps.maxButtonsPerRow) {
      if (!first) kb.row()
      first = false
      for (const b of row.slice(i, i + caps.maxButtonsPerRow)) kb.text(fit(b.label, caps.maxButtonLabel), encodeAction(b.action, 'telegram'))
    }
  }
  return kb
}

/**
 * A neutral message as a Telegram message: the text blocks as one text, each row of buttons as a
 * keyboard row (roles and row ids have no Telegram form). `clearButtons` gives an empty keyboard to a
 * message without buttons, so an edit removes the old ones.
 */
export function toTelegram(m: Message, opts: { caption?: boolean; clearButtons?: boolean } = {}): TelegramMessage {
  const caps = TELEGRAM_CAPABILITIES
  const text = fit(plainText(m), opts.caption ? caps.maxCaption : caps.maxText)
  const rows = m.blocks.flatMap((b) => (b.type === 'buttons' && b.buttons.length > 0 ? [b.buttons] : []))
  if (rows.length === 0) return opts.clearButtons ? { text, keyboard: new InlineKeyboard() } : { text }
  return { text, keyboard: keyboardOf(rows) }
}

/**
 * An outbox message as Telegram shows it (the notifier, and a card redrawn in place after a press). A
 * message that replaces another clears the old buttons it does not keep.
 */
export function renderForTelegram(m: OutboxMessage, opts: { caption?: boolean } = {}): TelegramMessage {
  const neutral = renderOutbox(m, TELEGRAM_CAPABILITIES)
  return toTelegram(neutral, { ...opts, clearButtons: neutral.replaces !== undefined })
}

/**
 * Sends a neutral message into a chat as an answer: a text with its keyboard, or, with a file, a document
 * whose caption is the text (the text first, then the document, when it is longer than a caption).
 */
export async function sendToTelegram(api: Api, chatId: number | string, m: Message): Promise<void> {
  if (!m.file) {
    const r = toTelegram(m)
    await api.sendMessage(chatId, r.text, r.keyboard ? { reply_markup: r.keyboard } : {})
    return
  }
  const document = new InputFile(Buffer.from(m.file.data), m.file.filename)
  if (plainText(m).length <= TELEGRAM_CAPABILITIES.maxCaption) {
    const r = toTelegram(m, { caption: true })
    await api.sendDocument(chatId, document, { caption: r.text, ...(r.keyboard ? { reply_markup: r.keyboard } : {}) })
    return
  }
  const r = toTelegram(m)
  await api.sendMessage(chatId, r.text, r.keyboard ? { reply_markup: r.keyboard } : {})
  await api.sendDocument(chatId, document)
}
