import type { Message, Update } from 'grammy/types'

export type { Message, Update }

/** Parameters of one Bot API call: body (JSON / form / multipart) merged over the query string. */
export type Params = Record<string, unknown>

/** An error in Bot API shape: `{ ok: false, error_code, description, parameters? }`. */
/** A raw HTTP answer that did not come from the Bot API (see proxyErrorNext). */
export interface ProxyAnswer {
  status: number
  body: string
  contentType?: string
  /** Only calls to this chat get the answer; others go through. */
  chatId?: number
}

export interface ApiErrorBody {
  error_code: number
  description: string
  parameters?: { retry_after?: number; migrate_to_chat_id?: number }
}

/** One API call received by the fake, in arrival order. `result`/`error` are filled when it is answered. */
export interface RecordedCall {
  method: string
  params: Params
  at: number
  result?: unknown
  error?: ApiErrorBody
}

/** A file uploaded by the bot in a multipart request (replaces the `attach://…` value in params). */
export interface UploadedFile {
  upload: true
  /** API parameter the file was given for, e.g. 'photo' or 'document'. */
  field: string
  /** Name of the multipart part that carried the bytes (grammY uses a random id + attach://id). */
  partName: string
  filename: string
  size: number
  contentType?: string
  data: Buffer
}

/** Loose, test-friendly shape of a keyboard button. */
export interface FakeButton {
  text: string
  callback_data?: string
  url?: string
  [key: string]: unknown
}

export interface ReplyMarkup {
  inline_keyboard?: FakeButton[][]
  keyboard?: (FakeButton | string)[][]
  remove_keyboard?: boolean
  force_reply?: boolean
  [key: string]: unknown
}

/** A message the bot sent, as currently visible in the chat (after edits). */
export interface SentMessage {
  message_id: number
  chat_id: number
  /** Current text, or caption for photo/document messages ('' when none). */
  text: string
  parse_mode?: string
  reply_markup?: ReplyMarkup
  kind: 'text' | 'photo' | 'document'
  /** The input given for sendPhoto: a file_id/URL string or the uploaded file. */
  photo?: string | UploadedFile
  /** The input given for sendDocument: a file_id/URL string or the uploaded file. */
  document?: string | UploadedFile
  /** How many successful edits were applied. */
  edits: number
  /** The full Message object as Telegram would return it now. */
  message: Message
}

export interface CallbackAnswer {
  callback_query_id: string
  text?: string
  show_alert?: boolean
  url?: string
  cache_time?: number
}

export interface WebhookState {
  url: string
  secret_token?: string
  drop_pending_updates?: boolean
  max_connections?: number
  allowed_updates?: string[]
}

export interface WaitOptions {
  timeoutMs?: number
  label?: string
}

export interface UserExtra {
  first_name?: string
  last_name?: string
  username?: string
  language_code?: string
  /** message_id (in the same private chat) the user replies to. */
  replyTo?: number
}

export interface FakeTelegram {
  /** e.g. http://127.0.0.1:PORT (no trailing slash); use as grammY `client.apiRoot`. */
  url: string
  token: string
  botUser: { id: number; is_bot: true; first_name: string; username: string }
  calls: RecordedCall[]
  /** Current webhook (set by setWebhook, cleared by deleteWebhook), or null. */
  readonly webhook: WebhookState | null
  rateLimited: number

  userSends(userId: number, text: string, extra?: UserExtra): Update
  userSendsPhoto(userId: number, fileId: string, caption?: string): Update
  userSendsDocument(userId: number, fileId: string, fileName: string, content?: Buffer | string): Update
  userClicks(userId: number, messageId: number, data: string): Update
  /** Clicks the inline button whose text matches, on the latest bot message in the chat that has one. */
  clickButton(userId: number, buttonText: RegExp | string): Update
  queue(update: Omit<Update, 'update_id'> & { update_id?: number }): Update
  postUpdate(url: string, update: Update, secretToken?: string): Promise<{ status: number; body: string }>
  /** Registers downloadable content for a file_id (served via getFile + GET /file/bot<token>/<file_path>). */
  putFile(fileId: string, content: Buffer | string): void

  messagesTo(chatId: number): SentMessage[]
  lastMessageTo(chatId: number): SentMessage | undefined
  waitFor<T>(predicate: () => T | undefined | false | null, opts?: WaitOptions): Promise<T>
  waitForMessageTo(
    chatId: number,
    match: RegExp | string,
    opts?: WaitOptions & { afterMessageId?: number },
  ): Promise<SentMessage>
  callbackAnswers(): CallbackAnswer[]
  failNext(method: string, response: ApiErrorBody, times?: number): void
  /**
   * The next `times` calls of `method` are received (and recorded, with error_code 0) but never answered:
   * the connection is closed under them, which the client sees as a network error. Nothing is delivered.
   */
  dropNext(method: string, times?: number): void
  /**
   * The next `times` calls of `method` are answered by "a reverse proxy in front of the Bot API" instead
   * of the Bot API: any status with any body (an HTML error page, nothing, JSON that is no Bot API answer).
   * Nothing is delivered.
   */
  proxyErrorNext(method: string, answer: ProxyAnswer, times?: number): void
  setRateLimit(opts: { perSecond: number } | null): void
  /** From now on send requests (sendMessage/Photo/Document) are left unanswered until releaseSends(). */
  holdSends(): void
  /** Answers the held send requests; one whose client disconnected meanwhile is dropped, never delivered. */
  releaseSends(): void
  /** How many send requests are being held right now. */
  heldSends(): number
  pendingUpdates(): number
  close(): Promise<void>
}

export interface StartOptions {
  token?: string
  botUsername?: string
  firstUpdateId?: number
}

/** Thrown by method handlers; the server answers it in Bot API error shape with HTTP status = error_code. */
export class ApiError extends Error {
  constructor(
    readonly error_code: number,
    readonly description: string,
    readonly parameters?: ApiErrorBody['parameters'],
  ) {
    super(description)
  }

  toBody(): ApiErrorBody {
    return this.parameters
      ? { error_code: this.error_code, description: this.description, parameters: this.parameters }
      : { error_code: this.error_code, description: this.description }
  }
}

export const badRequest = (what: string): ApiError => new ApiError(400, `Bad Request: ${what}`)
