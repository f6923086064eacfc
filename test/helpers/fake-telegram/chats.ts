import { badRequest, type FakeButton, type Message, type ReplyMarkup, type SentMessage, type UploadedFile } from './types.js'

/** One message stored in a chat (sent by the bot or by the simulated user). */
export interface StoredMessage {
  message: Message
  fromBot: boolean
  kind: SentMessage['kind']
  input?: string | UploadedFile
  givenMarkup?: ReplyMarkup
  parseMode?: string
  edits: number
}

interface ChatStore {
  chat: Message['chat']
  nextMessageId: number
  messages: Map<number, StoredMessage>
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000)

/** Chat state: per-chat message id counters shared by user and bot, stored messages in order. */
export class Chats {
  private chats = new Map<number, ChatStore>()

  /** Resolves a chat_id param to a chat object (creating it on first use). */
  chatFor(chatId: unknown): Message['chat'] {
    const id = typeof chatId === 'string' && /^-?\d+$/.test(chatId) ? Number(chatId) : chatId
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id === 0) throw badRequest('chat not found')
    return this.store(id).chat
  }

  /** Creates/refreshes a private chat with the given user info. */
  privateChat(user: { id: number; first_name: string; last_name?: string; username?: string }): Message['chat'] {
    const store = this.store(user.id)
    store.chat = { id: user.id, type: 'private', first_name: user.first_name }
    if (user.last_name) store.chat.last_name = user.last_name
    if (user.username) store.chat.username = user.username
    return store.chat
  }

  private store(id: number): ChatStore {
    let store = this.chats.get(id)
    if (!store) {
      const chat: Message['chat'] =
        id > 0
          ? { id, type: 'private', first_name: `User${id}` }
          : id < -1_000_000_000_000
            ? { id, type: 'supergroup', title: `Group ${id}` }
            : { id, type: 'group', title: `Group ${id}` }
      store = { chat, nextMessageId: 1, messages: new Map() }
      this.chats.set(id, store)
    }
    return store
  }

  nextMessageId(chatId: number): number {
    return this.store(chatId).nextMessageId++
  }

  add(stored: StoredMessage): StoredMessage {
    this.store(stored.message.chat.id).messages.set(stored.message.message_id, stored)
    return stored
  }

  get(chatId: unknown, messageId: unknown): StoredMessage | undefined {
    const id = typeof chatId === 'string' ? Number(chatId) : chatId
    if (typeof id !== 'number') return undefined
    return this.chats.get(id)?.messages.get(Number(messageId))
  }

  delete(chatId: number, messageId: number): boolean {
    return this.chats.get(chatId)?.messages.delete(messageId) ?? false
  }

  botMessages(chatId: number): StoredMessage[] {
    const store = this.chats.get(chatId)
    if (!store) return []
    return [...store.messages.values()].filter((m) => m.fromBot).sort((a, b) => a.message.message_id - b.message.message_id)
  }
}

export function toSentMessage(s: StoredMessage): SentMessage {
  const m = s.message
  const sent: SentMessage = {
    message_id: m.message_id,
    chat_id: m.chat.id,
    text: m.text ?? m.caption ?? '',
    kind: s.kind,
    edits: s.edits,
    message: structuredClone(m),
  }
  if (s.parseMode) sent.parse_mode = s.parseMode
  if (s.givenMarkup) sent.reply_markup = structuredClone(s.givenMarkup)
  if (s.kind === 'photo' && s.input !== undefined) sent.photo = s.input
  if (s.kind === 'document' && s.input !== undefined) sent.document = s.input
  return sent
}

/** Visible length of a text as Telegram counts it (HTML tags stripped for parse_mode HTML). */
export function visibleLength(text: string, parseMode: unknown): number {
  let visible = text
  if (typeof parseMode === 'string' && parseMode.toUpperCase() === 'HTML') {
    visible = text.replace(/<[^>]*>/g, '').replace(/&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi, '_')
  }
  return visible.trim().length
}

/** Validates reply_markup; returns it normalised (an empty inline keyboard counts as none). */
export function checkMarkup(markup: unknown): ReplyMarkup | undefined {
  if (markup === undefined || markup === null) return undefined
  if (typeof markup !== 'object' || Array.isArray(markup)) throw badRequest("can't parse reply keyboard markup JSON object")
  const m = markup as ReplyMarkup
  if (m.inline_keyboard !== undefined) {
    if (!Array.isArray(m.inline_keyboard) || !m.inline_keyboard.every(Array.isArray)) {
      throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays')
    }
    for (const button of m.inline_keyboard.flat() as FakeButton[]) {
      if (typeof button?.text !== 'string' || button.text === '') throw badRequest('BUTTON_TEXT_INVALID')
      const data = button.callback_data
      if (data !== undefined && (typeof data !== 'string' || data === '' || Buffer.byteLength(data) > 64)) {
        throw badRequest('BUTTON_DATA_INVALID')
      }
    }
    if (m.inline_keyboard.flat().length === 0) return undefined
  }
  return m
}

/** Markup comparison used for "message is not modified" (key order insensitive). */
export function sameMarkup(a: ReplyMarkup | undefined, b: ReplyMarkup | undefined): boolean {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([x], [y]) => x.localeCompare(y)).map(([k, x]) => [k, canon(x)]))
        : v
  return JSON.stringify(canon(a ?? null)) === JSON.stringify(canon(b ?? null))
}
