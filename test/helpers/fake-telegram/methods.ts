import { Chats, checkMarkup, nowSeconds, sameMarkup, visibleLength, type StoredMessage } from './chats.js'
import { UpdateQueue } from './polling.js'
import {
  ApiError, badRequest,
  type CallbackAnswer, type FakeTelegram, type Message, type Params, type UploadedFile, type WebhookState,
} from './types.js'

export type Handler = (params: Params, signal: AbortSignal) => unknown

interface FileEntry {
  file_unique_id: string
  file_path: string
  data?: Buffer
}

const isUpload = (v: unknown): v is UploadedFile => typeof v === 'object' && v !== null && (v as UploadedFile).upload === true
const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message'

/** All Bot API state of the fake plus the method handlers that operate on it. */
export class FakeBotApi {
  readonly chats = new Chats()
  readonly queue: UpdateQueue
  readonly files = new Map<string, FileEntry>()
  readonly openCallbackQueries = new Set<string>()
  readonly answers: CallbackAnswer[] = []
  readonly commands = new Map<string, unknown[]>()
  webhook: WebhookState | null = null
  private fileCounter = 0

  constructor(
    readonly botUser: FakeTelegram['botUser'],
    firstUpdateId: number,
  ) {
    this.queue = new UpdateQueue(firstUpdateId)
  }

  /** Registers a file id (optionally with content) so getFile and the download route know it. */
  registerFile(fileId: string, data?: Buffer, folder = 'documents', name = fileId): FileEntry {
    const ext = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? ''
    const previous = this.files.get(fileId)
    const entry: FileEntry = previous ?? { file_unique_id: `u-${fileId}`.slice(0, 32), file_path: `${folder}/file_${this.files.size}${ext}` }
    if (data) entry.data = data
    this.files.set(fileId, entry)
    return entry
  }

  fileByPath(path: string): FileEntry | undefined {
    return [...this.files.values()].find((f) => f.file_path === path)
  }

  private newFileId(prefix: string, data?: Buffer, name?: string): { file_id: string; file_unique_id: string } {
    const file_id = `${prefix}${String(++this.fileCounter).padStart(6, '0')}`
    const entry = this.registerFile(file_id, data, prefix === 'AgAC' ? 'photos' : 'documents', name ?? `file_${this.fileCounter}`)
    return { file_id, file_unique_id: entry.file_unique_id }
  }

  private findEditable(p: Params): StoredMessage {
    const stored = this.chats.get(p.chat_id, p.message_id)
    if (!stored) throw badRequest('message to edit not found')
    if (!stored.fromBot) throw badRequest("message can't be edited")
    return stored
  }

  private send(p: Params, kind: StoredMessage['kind'], fields: Partial<Message>, input?: string | UploadedFile): Message {
    const chat = this.chats.chatFor(p.chat_id)
    const markup = checkMarkup(p.reply_markup)
    const message = {
      message_id: this.chats.nextMessageId(chat.id), from: this.botUser, chat, date: nowSeconds(), ...fields,
    } as Message
    const replyTo = (p.reply_parameters as { message_id?: unknown } | undefined)?.message_id ?? p.reply_to_message_id
    const replied = replyTo === undefined ? undefined : this.chats.get(chat.id, replyTo)
    if (replied) message.reply_to_message = structuredClone(replied.message) as Message['reply_to_message']
    if (markup?.inline_keyboard) message.reply_markup = structuredClone(markup) as Message['reply_markup']
    const stored: StoredMessage = { message, fromBot: true, kind, edits: 0 }
    if (input !== undefined) stored.input = input
    if (markup) stored.givenMarkup = markup
    if (typeof p.parse_mode === 'string') stored.parseMode = p.parse_mode
    return structuredClone(this.chats.add(stored).message)
  }

  private caption(p: Params): { caption?: string } {
    if (p.caption === undefined || p.caption === null || p.caption === '') return {}
    const caption = String(p.caption)
    if (visibleLength(caption, p.parse_mode) > 1024) throw badRequest('message caption is too long')
    return { caption }
  }

  private media(p: Params, field: 'photo' | 'document'): string | UploadedFile {
    const input = p[field]
    if (isUpload(input)) return input
    if (typeof input === 'string' && input !== '' && !input.startsWith('attach://')) return input
    throw badRequest(`there is no ${field} in the request`)
  }

  readonly handlers: Record<string, Handler> = {
    getMe: () => ({
      ...this.botUser, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false,
      can_connect_to_business: false, has_main_web_app: false,
    }),
    getUpdates: (p, signal) => {
      if (this.webhook) {
        throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
      }
      return this.queue.getUpdates(p, signal)
    },
    setWebhook: (p) => {
      const url = typeof p.url === 'string' ? p.url : ''
      if (p.drop_pending_updates === true) this.queue.clear()
      if (url === '') {
        this.webhook = null
        return true
      }
      this.webhook = { url }
      for (const k of ['secret_token', 'drop_pending_updates', 'max_connections', 'allowed_updates'] as const) {
        if (p[k] !== undefined) Object.assign(this.webhook, { [k]: p[k] })
      }
      this.queue.terminateHeld(new ApiError(409, 'Conflict: terminated by setWebhook request'))
      return true
    },
    deleteWebhook: (p) => {
      this.webhook = null
      if (p.drop_pending_updates === true) this.queue.clear()
      return true
    },
    getWebhookInfo: () => ({
      url: this.webhook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.queue.count(),
      ...(this.webhook?.max_connections !== undefined ? { max_connections: this.webhook.max_connections } : {}),
      ...(this.webhook?.allowed_updates !== undefined ? { allowed_updates: this.webhook.allowed_updates } : {}),
    }),
    setMyCommands: (p) => {
      const commands = p.commands
      if (!Array.isArray(commands)) throw badRequest('field "commands" must be an Array')
      for (const c of commands as { command?: unknown; description?: unknown }[]) {
        if (typeof c?.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) throw badRequest('BOT_COMMAND_INVALID')
        if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256) {
          throw badRequest('command description is empty')
        }
      }
      this.commands.set(commandsKey(p), structuredClone(commands))
      return true
    },
    getMyCommands: (p) => structuredClone(this.commands.get(commandsKey(p)) ?? []),
    deleteMyCommands: (p) => (this.commands.delete(commandsKey(p)), true),
    sendMessage: (p) => {
      const text = typeof p.text === 'string' ? p.text : p.text === undefined || p.text === null ? '' : String(p.text)
      const length = visibleLength(text, p.parse_mode)
      if (length === 0) throw badRequest('message text is empty')
      if (length > 4096) throw badRequest('message is too long')
      return this.send(p, 'text', { text })
    },
    sendPhoto: (p) => {
      const input = this.media(p, 'photo')
      const caption = this.caption(p)
      const data = isUpload(input) ? input.data : undefined
      const base = typeof input === 'string' ? { file_id: input, file_unique_id: `u-${input}`.slice(0, 32) } : this.newFileId('AgAC', data)
      const size = data?.length ?? 1024
      const photo = [
        { file_id: `${base.file_id}-s`, file_unique_id: `${base.file_unique_id}-s`, width: 90, height: 90, file_size: Math.ceil(size / 10) },
        { ...base, width: 800, height: 800, file_size: size },
      ]
      return this.send(p, 'photo', { photo, ...caption }, input)
    },
    sendDocument: (p) => {
      const input = this.media(p, 'document')
      const caption = this.caption(p)
      const document = isUpload(input)
        ? { ...this.newFileId('BQAC', input.data, input.filename), file_name: input.filename, mime_type: input.contentType ?? 'application/octet-stream', file_size: input.size }
        : { file_id: input, file_unique_id: `u-${input}`.slice(0, 32), file_name: 'document' }
      return this.send(p, 'document', { document, ...caption }, input)
    },
    editMessageText: (p) => {
      if (p.inline_message_id !== undefined) return true
      const stored = this.findEditable(p)
      if (stored.kind !== 'text') throw badRequest('there is no text in the message to edit')
      const text = typeof p.text === 'string' ? p.text : ''
      const length = visibleLength(text, p.parse_mode)
      if (length === 0) throw badRequest('message text is empty')
      if (length > 4096) throw badRequest('message is too long')
      const markup = checkMarkup(p.reply_markup)
      if (text === stored.message.text && sameMarkup(markup, stored.givenMarkup)) throw badRequest(NOT_MODIFIED)
      stored.message.text = text
      if (typeof p.parse_mode === 'string') stored.parseMode = p.parse_mode
      else delete stored.parseMode
      return this.applyEdit(stored, markup)
    },
    editMessageCaption: (p) => {
      if (p.inline_message_id !== undefined) return true
      const stored = this.findEditable(p)
      if (stored.kind === 'text') throw badRequest('there is no caption in the message to edit')
      const { caption } = this.caption(p)
      const markup = checkMarkup(p.reply_markup)
      if (caption === stored.message.caption && sameMarkup(markup, stored.givenMarkup)) throw badRequest(NOT_MODIFIED)
      if (caption === undefined) delete stored.message.caption
      else stored.message.caption = caption
      return this.applyEdit(stored, markup)
    },
    editMessageReplyMarkup: (p) => {
      if (p.inline_message_id !== undefined) return true
      const stored = this.findEditable(p)
      const markup = checkMarkup(p.reply_markup)
      if (sameMarkup(markup, stored.givenMarkup)) throw badRequest(NOT_MODIFIED)
      return this.applyEdit(stored, markup)
    },
    deleteMessage: (p) => {
      const stored = this.chats.get(p.chat_id, p.message_id)
      if (!stored) throw badRequest('message to delete not found')
      this.chats.delete(stored.message.chat.id, stored.message.message_id)
      return true
    },
    answerCallbackQuery: (p) => {
      const id = String(p.callback_query_id ?? '')
      if (!this.openCallbackQueries.delete(id)) {
        throw badRequest('query is too old and response timeout expired or query ID is invalid')
      }
      const answer: CallbackAnswer = { callback_query_id: id }
      if (typeof p.text === 'string') answer.text = p.text
      if (typeof p.show_alert === 'boolean') answer.show_alert = p.show_alert
      if (typeof p.url === 'string') answer.url = p.url
      if (typeof p.cache_time === 'number') answer.cache_time = p.cache_time
      this.answers.push(answer)
      return true
    },
    sendChatAction: (p) => (this.chats.chatFor(p.chat_id), true),
    getFile: (p) => {
      const fileId = String(p.file_id ?? '')
      const entry = this.files.get(fileId)
      if (!entry) throw badRequest('invalid file_id')
      return { file_id: fileId, file_unique_id: entry.file_unique_id, file_size: entry.data?.length, file_path: entry.file_path }
    },
  }

  private applyEdit(stored: StoredMessage, markup: StoredMessage['givenMarkup']): Message {
    if (markup) {
      stored.givenMarkup = markup
      stored.message.reply_markup = structuredClone(markup) as Message['reply_markup']
    } else {
      delete stored.givenMarkup
      delete stored.message.reply_markup
    }
    stored.edits++
    stored.message.edit_date = nowSeconds()
    return structuredClone(stored.message)
  }
}

function commandsKey(p: Params): string {
  return `${JSON.stringify(p.scope ?? { type: 'default' })}|${typeof p.language_code === 'string' ? p.language_code : ''}`
}

/** Canonical method name for a case-insensitive lookup (Telegram accepts `sendmessage`). */
export function canonicalMethod(name: string, handlers: Record<string, Handler>): string {
  const lower = name.toLowerCase()
  return Object.keys(handlers).find((k) => k.toLowerCase() === lower) ?? name
}
