import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseParams, readBody } from './fake-telegram/body.js'
import { nowSeconds, toSentMessage } from './fake-telegram/chats.js'
import { canonicalMethod, FakeBotApi } from './fake-telegram/methods.js'
import {
  ApiError,
  type ApiErrorBody, type ProxyAnswer, type FakeButton, type FakeTelegram, type Message, type RecordedCall, type SentMessage,
  type StartOptions, type Update, type UserExtra,
} from './fake-telegram/types.js'

export type {
  ApiErrorBody, CallbackAnswer, ProxyAnswer, FakeButton, FakeTelegram, Message, Params, RecordedCall, ReplyMarkup, SentMessage,
  StartOptions, Update, UploadedFile, UserExtra, WaitOptions, WebhookState,
} from './fake-telegram/types.js'

const SEND_METHODS = new Set(['sendMessage', 'sendPhoto', 'sendDocument'])

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

/** One-line description of a call for timeout messages (buffers and long strings shortened). */
function describeCall(c: RecordedCall): string {
  const params = JSON.stringify(c.params, (k, v: unknown) =>
    k === 'data' && typeof v === 'object' && v !== null ? '<bytes>' : typeof v === 'string' && v.length > 80 ? `${v.slice(0, 77)}...` : v,
  )
  const outcome = c.error ? ` -> ${c.error.error_code} ${c.error.description}` : ''
  return `  ${c.method} ${params.length > 300 ? `${params.slice(0, 297)}...` : params}${outcome}`
}

/**
 * Starts a fake Telegram Bot API server on 127.0.0.1 (random port). Point a real grammY bot at it with
 * `new Bot(fake.token, { client: { apiRoot: fake.url } })`.
 */
export async function startFakeTelegram(opts: StartOptions = {}): Promise<FakeTelegram> {
  const token = opts.token ?? '123456:TEST-fake-token'
  const botId = Number(token.split(':')[0]) || 123456
  const username = opts.botUsername ?? 'fake_test_bot'
  const botUser: FakeTelegram['botUser'] = { id: botId, is_bot: true, first_name: 'Fake Bot', username }
  const api = new FakeBotApi(botUser, opts.firstUpdateId ?? 100_000)
  const calls: RecordedCall[] = []
  const failures = new Map<string, { response: ApiErrorBody; times: number }[]>()
  const drops = new Map<string, number>() // dropNext(): calls of a method answered by closing the connection
  const proxyErrors = new Map<string, { answer: ProxyAnswer; times: number }[]>() // proxyErrorNext()
  let rateLimit: { perSecond: number } | null = null
  let sendTimes: number[] = []
  let callbackCounter = 0
  // holdSends(): send requests wait here unanswered; one whose client went away is dropped unprocessed
  let hold: { released: Promise<void>; release: () => void } | null = null
  let held = 0

  const takeFailure = (method: string): ApiErrorBody | undefined => {
    const list = failures.get(method)
    const head = list?.[0]
    if (!list || !head) return undefined
    if (--head.times <= 0) list.shift()
    return head.response
  }

  const checkRateLimit = (method: string): void => {
    if (!rateLimit || !SEND_METHODS.has(method)) return
    const now = Date.now()
    sendTimes = sendTimes.filter((t) => now - t < 1000)
    if (sendTimes.length >= rateLimit.perSecond) {
      fake.rateLimited++
      throw new ApiError(429, 'Too Many Requests: retry after 1', { retry_after: 1 })
    }
    sendTimes.push(now)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname)
    if (file) {
      const entry = file[1] === token ? api.fileByPath(decodeURIComponent(file[2] ?? '')) : undefined
      if (!entry?.data) return json(res, 404, { ok: false, error_code: 404, description: 'Not Found' })
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(entry.data)
      return
    }
    const route = /^\/bot([^/]*)\/([A-Za-z0-9_]+)\/?$/.exec(url.pathname)
    if (!route) return json(res, 404, { ok: false, error_code: 404, description: 'Not Found' })
    if (route[1] !== token) return json(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' })
    const method = canonicalMethod(route[2] ?? '', api.handlers)
    const call: RecordedCall = { method, params: {}, at: Date.now() }
    const controller = new AbortController()
    res.on('close', () => {
      if (!res.writableFinished) controller.abort()
    })
    try {
      const body = await readBody(req)
      call.params = parseParams(req.headers['content-type'], body, url.searchParams)
      calls.push(call)
      if (hold && SEND_METHODS.has(method)) {
        held++
        const aborted = new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve()))
        await Promise.race([hold.released, aborted])
        held--
        if (controller.signal.aborted) {
          call.error = { error_code: 499, description: 'client closed request before it was accepted' }
          return
        }
      }
      const dropsLeft = drops.get(method) ?? 0
      if (dropsLeft > 0) {
        drops.set(method, dropsLeft - 1)
        call.error = { error_code: 0, description: 'connection closed without an answer (dropNext)' }
        req.socket.destroy()
        return
      }
      const queued = proxyErrors.get(method) ?? []
      const proxied = queued.find((p) => p.answer.chatId === undefined || Number(call.params.chat_id) === p.answer.chatId)
      if (proxied) {
        if (--proxied.times <= 0) queued.splice(queued.indexOf(proxied), 1)
        call.error = { error_code: proxied.answer.status, description: `proxy answer: ${proxied.answer.body.slice(0, 60)}` }
        res.writeHead(proxied.answer.status, { 'content-type': proxied.answer.contentType ?? 'text/html' }).end(proxied.answer.body)
        return
      }
      const failure = takeFailure(method)
      if (failure) throw new ApiError(failure.error_code, failure.description, failure.parameters)
      checkRateLimit(method)
      const handler = api.handlers[method]
      const result: unknown = handler ? await handler(call.params, controller.signal) : true
      call.result = result
      json(res, 200, { ok: true, result })
    } catch (err) {
      if (!calls.includes(call)) calls.push(call)
      const e = err instanceof ApiError ? err : new ApiError(500, `Internal Server Error: ${String(err)}`)
      call.error = e.toBody()
      json(res, e.error_code >= 400 && e.error_code < 600 ? e.error_code : 500, { ok: false, ...e.toBody() })
    }
  }

  const server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  const makeUser = (userId: number, extra: UserExtra = {}) => {
    const user: { id: number; is_bot: false; first_name: string; last_name?: string; username?: string; language_code?: string } =
      { id: userId, is_bot: false, first_name: extra.first_name ?? `User${userId}` }
    if (extra.last_name) user.last_name = extra.last_name
    if (extra.username) user.username = extra.username
    if (extra.language_code) user.language_code = extra.language_code
    return user
  }

  /** Stores a user message in the private chat and queues a `message` update for it. */
  const userMessage = (userId: number, fields: Partial<Message>, extra: UserExtra = {}): Update => {
    const from = makeUser(userId, extra)
    const chat = api.chats.privateChat(from)
    const message = { message_id: api.chats.nextMessageId(userId), from, chat, date: nowSeconds(), ...fields } as Message
    if (extra.replyTo !== undefined) {
      const replied = api.chats.get(userId, extra.replyTo)?.message
      message.reply_to_message = structuredClone(replied ?? { message_id: extra.replyTo, date: nowSeconds(), chat }) as Message['reply_to_message']
    }
    const kind = fields.photo ? 'photo' : fields.document ? 'document' : 'text'
    api.chats.add({ message, fromBot: false, kind, edits: 0 })
    return api.queue.push({ message: structuredClone(message) } as Omit<Update, 'update_id'>)
  }

  const fake: FakeTelegram = {
    url: `http://127.0.0.1:${port}`,
    token,
    botUser,
    calls,
    get webhook() {
      return api.webhook ? { ...api.webhook } : null
    },
    rateLimited: 0,

    userSends(userId, text, extra = {}) {
      const fields: Partial<Message> = { text }
      const command = /^\/\S+/.exec(text)
      if (command) fields.entities = [{ type: 'bot_command', offset: 0, length: command[0].length }]
      return userMessage(userId, fields, extra)
    },
    userSendsPhoto(userId, fileId, caption) {
      api.registerFile(fileId, undefined, 'photos', `${fileId}.jpg`)
      const photo = [
        { file_id: `${fileId}-s`, file_unique_id: `u-${fileId}-s`, width: 90, height: 67, file_size: 1_200 },
        { file_id: `${fileId}-m`, file_unique_id: `u-${fileId}-m`, width: 320, height: 240, file_size: 15_000 },
        { file_id: fileId, file_unique_id: `u-${fileId}`, width: 1280, height: 960, file_size: 120_000 },
      ]
      if (caption === undefined) return userMessage(userId, { photo })
      // Telegram marks a command at the start of a caption as it does in a text
      const command = /^\/\S+/.exec(caption)
      const caption_entities = command ? [{ type: 'bot_command' as const, offset: 0, length: command[0].length }] : undefined
      return userMessage(userId, { photo, caption, ...(caption_entities ? { caption_entities } : {}) })
    },
    userSendsDocument(userId, fileId, fileName, content) {
      const data = content === undefined ? undefined : Buffer.from(content)
      api.registerFile(fileId, data, 'documents', fileName)
      const document = { file_id: fileId, file_unique_id: `u-${fileId}`, file_name: fileName, file_size: data?.length ?? 2_048 }
      return userMessage(userId, { document })
    },
    userClicks(userId, messageId, data) {
      const from = makeUser(userId)
      const stored = api.chats.get(userId, messageId)?.message
      const chat = api.chats.chatFor(userId)
      const id = String(7_300_000_000_000_000_000n + BigInt(++callbackCounter))
      api.openCallbackQueries.add(id)
      const message = structuredClone(stored ?? { message_id: messageId, date: 0, chat })
      const callback_query = { id, from, message, chat_instance: String(userId * 7919), data }
      return api.queue.push({ callback_query } as Omit<Update, 'update_id'>)
    },
    clickButton(userId, buttonText) {
      const matches = (b: FakeButton) =>
        b.callback_data !== undefined && (typeof buttonText === 'string' ? b.text === buttonText : buttonText.test(b.text))
      for (const m of fake.messagesTo(userId).reverse()) {
        const button = m.reply_markup?.inline_keyboard?.flat().find(matches)
        if (button?.callback_data !== undefined) return fake.userClicks(userId, m.message_id, button.callback_data)
      }
      throw new Error(`clickButton: no inline button matching ${String(buttonText)} in chat ${userId}`)
    },
    queue: (update) => api.queue.push(update),
    async postUpdate(url, update, secretToken) {
      api.queue.remove(update.update_id)
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (secretToken !== undefined) headers['X-Telegram-Bot-Api-Secret-Token'] = secretToken
      const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(update) })
      return { status: res.status, body: await res.text() }
    },
    putFile(fileId, content) {
      const existing = api.files.get(fileId)
      if (existing) existing.data = Buffer.from(content)
      else api.registerFile(fileId, Buffer.from(content))
    },

    messagesTo: (chatId) => api.chats.botMessages(chatId).map(toSentMessage),
    lastMessageTo: (chatId) => fake.messagesTo(chatId).at(-1),
    async waitFor<T>(predicate: () => T | undefined | false | null, opts: { timeoutMs?: number; label?: string } = {}) {
      const timeoutMs = opts.timeoutMs ?? 5000
      const deadline = Date.now() + timeoutMs
      let lastError: unknown
      for (;;) {
        try {
          const value = predicate()
          if (value) return value
        } catch (err) {
          lastError = err
        }
        if (Date.now() >= deadline) break
        await new Promise((r) => setTimeout(r, 10))
      }
      const recent = calls.slice(-10).map(describeCall).join('\n') || '  (none)'
      const cause = lastError === undefined ? '' : `\nLast predicate error: ${String(lastError)}`
      throw new Error(`waitFor(${opts.label ?? 'condition'}) timed out after ${timeoutMs} ms.${cause}\nLast ${Math.min(10, calls.length)} API calls:\n${recent}`)
    },
    waitForMessageTo(chatId, match, opts = {}) {
      const test = (m: SentMessage) => (typeof match === 'string' ? m.text.includes(match) : match.test(m.text))
      const after = opts.afterMessageId ?? 0
      const label = opts.label ?? `message to ${chatId} matching ${String(match)}`
      return fake
        .waitFor(() => fake.messagesTo(chatId).find((m) => m.message_id > after && test(m)), { ...opts, label })
        .catch((err: Error) => {
          const texts = fake.messagesTo(chatId).map((m) => `  #${m.message_id}: ${JSON.stringify(m.text.slice(0, 120))}`)
          err.message += `\nMessages in chat ${chatId}:\n${texts.join('\n') || '  (none)'}`
          throw err
        })
    },
    callbackAnswers: () => api.answers.map((a) => ({ ...a })),
    failNext(method, response, times = 1) {
      const list = failures.get(method) ?? []
      list.push({ response: { ...response }, times })
      failures.set(method, list)
    },
    proxyErrorNext(method, answer, times = 1) {
      const list = proxyErrors.get(method) ?? []
      list.push({ answer: { ...answer }, times })
      proxyErrors.set(method, list)
    },
    dropNext(method, times = 1) {
      drops.set(method, (drops.get(method) ?? 0) + times)
    },
    holdSends() {
      let release = () => {}
      const released = new Promise<void>((resolve) => (release = resolve))
      hold = { released, release }
    },
    releaseSends() {
      hold?.release()
      hold = null
    },
    heldSends: () => held,
    setRateLimit(o) {
      rateLimit = o
      sendTimes = []
    },
    pendingUpdates: () => api.queue.count(),
    async close() {
      api.queue.releaseHeld()
      await new Promise((r) => setImmediate(r)) // let the released long poll be answered
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
  return fake
}
