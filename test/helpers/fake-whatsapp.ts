import { createHash, createHmac, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

// A small fake of the WhatsApp Cloud API (Graph API) on 127.0.0.1, faithful where the app depends on it:
// - POST /{version}/{phone-number-id}/messages with a bearer token (401 and OAuthException 190 without
//   the right one), checked against the documented limits (131008 missing, 131009 invalid, 100 unknown
//   parameter), answered { messaging_product, contacts, messages: [{ id: 'wamid…' }] };
// - the 24-hour customer-service window: a free-form message to someone who has not written within 24 h
//   is accepted (200 with an id) and LATER fails in a signed status webhook with 131047, as the platform
//   does; other messages get `sent` and `delivered` (and `read`, when asked) status webhooks;
// - templates: any name passes unless `templates` lists the known ones (then 132001 for the rest);
// - media: GET /{version}/{media-id} → { url, mime_type, sha256, file_size, id }, the url serves the
//   bytes to a request with the token; POST /{version}/{phone-number-id}/media (multipart) uploads;
// - inbound: signed webhooks (X-Hub-Signature-256: sha256=HMAC of the raw body with the app secret) for
//   text, reply buttons, list rows, template quick replies, photos and documents.

export type Json = Record<string, unknown>

export interface GraphError {
  /** HTTP status of the answer. */
  status: number
  code: number
  message: string
  type: string
  details?: string
  subcode?: number
}

export interface SentMessage {
  id: string
  to: string
  /** The request body as the app sent it. */
  body: Json
  type: string
  at: Date
  /** When the fake took it, by the real clock (Date.now()): the pacing between sends. */
  receivedAt: number
  /** Whether the window was open for it (templates need none). */
  windowOpen: boolean
}

export interface PostedWebhook {
  body: Json
  status: number | null
  error?: string
}

export type InboundMessage =
  | { type: 'text'; text: string }
  | { type: 'button'; id: string; title: string }
  | { type: 'list'; id: string; title: string; description?: string }
  | { type: 'templateButton'; payload: string; text: string }
  | { type: 'image'; mediaId: string; mimeType?: string; caption?: string; sha256?: string }
  | { type: 'document'; mediaId: string; mimeType?: string; filename?: string; caption?: string; sha256?: string }
  | { type: 'sticker'; mediaId: string }

export interface InboundOptions {
  /** The message's id; a fresh wamid by default (pass the same one to redeliver). */
  id?: string
  at?: Date
  name?: string
  /** The message this one quotes (a card's wamid). */
  replyTo?: string
  /** The signature header to send instead of the right one; null sends none. */
  signature?: string | null
}

export interface FakeWhatsAppOptions {
  token?: string
  phoneNumberId?: string
  displayPhoneNumber?: string
  businessAccountId?: string
  appSecret?: string
  version?: string
  /** The app's webhook (POST /whatsapp/webhook); settable later with `setWebhook`. */
  webhookUrl?: string
  /** Known template names; undefined: every name passes. */
  templates?: string[]
  /** Delay before each status webhook, like the platform's (the send's answer comes first). */
  statusDelayMs?: number
  /** Send `read` after `delivered`. */
  readReceipts?: boolean
  /** The fake's clock for the window (a test's clock). */
  now?: () => Date
}

export interface FakeWhatsApp {
  /** The Graph API base including its version: WHATSAPP_API_URL. */
  url: string
  origin: string
  token: string
  phoneNumberId: string
  appSecret: string
  sent: SentMessage[]
  /** Every status webhook the fake posted, with the app's answer. */
  webhooks: PostedWebhook[]
  /** Files the app uploaded, by media id. */
  uploads: Map<string, { bytes: Buffer; mimeType: string; filename?: string }>
  setWebhook(url: string): void
  /** The person `waId` wrote at `at`: their window is open for 24 h from then. */
  userWrote(waId: string, at?: Date): void
  lastInbound(waId: string): Date | undefined
  /** A number that is not on WhatsApp: sends to it fail with 131026 in a status webhook. */
  notOnWhatsApp(waId: string): void
  /** Media a person sent, as the platform holds it; returns its media id. */
  addMedia(bytes: Buffer, mimeType: string, opts?: { id?: string; filename?: string }): string
  /** Media ids expire: after this, GET /{media-id} answers as for an unknown id. */
  expireMedia(id: string): void
  /** The next send(s) fail this way (e.g. 130429 with HTTP 429, or 131056). */
  failNext(error: Partial<GraphError> & { code: number }, times?: number): void
  /** Posts a signed inbound message webhook to the app, as WhatsApp does, and opens the sender's window. */
  inbound(from: string, message: InboundMessage, opts?: InboundOptions): Promise<{ status: number; messageId: string; text: string }>
  /** Posts any body to the app's webhook, signed unless `signature` says otherwise. */
  post(body: Json | string, signature?: string | null): Promise<{ status: number; text: string }>
  /** Resolves once every status webhook scheduled so far has been posted. */
  settled(): Promise<void>
  close(): Promise<void>
}

// ---------------------------------------------------------------------------------------------------
// Errors, in the Graph API's shape.
// ---------------------------------------------------------------------------------------------------

const fbtrace = () => randomBytes(9).toString('base64url')

export function errorBody(e: GraphError): Json {
  return {
    error: {
      message: e.message,
      type: e.type,
      code: e.code,
      ...(e.subcode !== undefined && { error_subcode: e.subcode }),
      ...(e.details !== undefined && { error_data: { messaging_product: 'whatsapp', details: e.details } }),
      fbtrace_id: fbtrace(),
    },
  }
}

const invalid = (details: string): GraphError => ({ status: 400, code: 131009, type: 'OAuthException', message: '(#131009) Parameter value is not valid', details })
const missing = (details: string): GraphError => ({ status: 400, code: 131008, type: 'OAuthException', message: '(#131008) Required parameter is missing', details })
const unknownParameter = (details: string): GraphError => ({ status: 400, code: 100, type: 'OAuthException', message: '(#100) Invalid parameter', details })
const badToken = (): GraphError => ({ status: 401, code: 190, type: 'OAuthException', message: 'Invalid OAuth access token - Cannot parse access token' })
const noObject = (id: string): GraphError => ({
  status: 400,
  code: 100,
  subcode: 33,
  type: 'GraphMethodException',
  message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
})

/** What a status webhook says for each error the fake produces later. */
const ASYNC_ERRORS: Record<number, { title: string; details: string }> = {
  131047: { title: 'Re-engagement message', details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
  131026: { title: 'Message undeliverable', details: 'Message Undeliverable.' },
}

// ---------------------------------------------------------------------------------------------------
// Validation of a /messages body, by the documented limits.
// ---------------------------------------------------------------------------------------------------

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const chars = (s: string) => [...s].length

function text(v: unknown, name: string, min: number, max: number): GraphError | null {
  if (v === undefined || v === null || v === '') return min > 0 ? missing(`${name} is required`) : null
  if (typeof v !== 'string') return invalid(`${name} must be a string`)
  const n = chars(v)
  if (n < min || n > max) return invalid(`${name} length invalid. Min length: ${min}, Max length: ${max}`)
  return null
}

function interactiveError(i: unknown): GraphError | null {
  if (!isObj(i)) return missing('interactive is required')
  const body = i.body
  if (!isObj(body)) return missing('interactive.body is required')
  const bodyErr = text(body.text, 'interactive.body.text', 1, 1024)
  if (bodyErr) return bodyErr
  if (isObj(i.footer)) {
    const e = text(i.footer.text, 'interactive.footer.text', 1, 60)
    if (e) return e
  }
  const action = i.action
  if (!isObj(action)) return missing('interactive.action is required')
  if (i.type === 'button') {
    const buttons = action.buttons
    if (!Array.isArray(buttons) || buttons.length === 0) return missing('interactive.action.buttons is required')
    if (buttons.length > 3) return invalid('Number of buttons invalid. Min: 1, Max: 3')
    const ids = new Set<string>()
    const titles = new Set<string>()
    for (const b of buttons) {
      if (!isObj(b) || b.type !== 'reply' || !isObj(b.reply)) return invalid('Each button must be of type reply with a reply object')
      const e = text(b.reply.id, 'Button id', 1, 256) ?? text(b.reply.title, 'Button title', 1, 20)
      if (e) return e
      const id = b.reply.id as string
      const title = b.reply.title as string
      if (ids.has(id)) return invalid(`Duplicate button id: ${id}`)
      if (titles.has(title)) return invalid(`Duplicate button title: ${title}`)
      ids.add(id)
      titles.add(title)
    }
    return null
  }
  if (i.type === 'list') {
    const e = text(action.button, 'interactive.action.button', 1, 20)
    if (e) return e
    const sections = action.sections
    if (!Array.isArray(sections) || sections.length === 0) return missing('interactive.action.sections is required')
    if (sections.length > 10) return invalid('Number of sections invalid. Min: 1, Max: 10')
    let rows = 0
    const ids = new Set<string>()
    for (const s of sections) {
      if (!isObj(s) || !Array.isArray(s.rows) || s.rows.length === 0) return missing('Each section needs rows')
      const titleErr = text(s.title, 'Section title', sections.length > 1 ? 1 : 0, 24)
      if (titleErr) return titleErr
      for (const r of s.rows as unknown[]) {
        rows++
        if (!isObj(r)) return invalid('Each row must be an object')
        const rowErr = text(r.id, 'Row id', 1, 200) ?? text(r.title, 'Row title', 1, 24) ?? text(r.description, 'Row description', 0, 72)
        if (rowErr) return rowErr
        if (ids.has(r.id as string)) return invalid(`Duplicate row id: ${String(r.id)}`)
        ids.add(r.id as string)
      }
    }
    if (rows > 10) return invalid(`Total row count exceed max allowed count: 10`)
    return null
  }
  return unknownParameter(`interactive.type ${JSON.stringify(i.type)} is not supported here`)
}

function mediaError(m: unknown, kind: string): GraphError | null {
  if (!isObj(m)) return missing(`${kind} is required`)
  if (typeof m.id !== 'string' && typeof m.link !== 'string') return missing(`${kind}.id or ${kind}.link is required`)
  return text(m.caption, `${kind}.caption`, 0, 1024)
}

/**
 * Why the Cloud API would refuse this /messages body, or null when it takes it. Templates are checked
 * for their shape only (the known names are the server's business).
 */
export function validateSend(body: unknown): GraphError | null {
  if (!isObj(body)) return unknownParameter('The request body must be a JSON object')
  if (body.messaging_product !== 'whatsapp') return unknownParameter('The parameter messaging_product is required and must be whatsapp.')
  if (body.recipient_type !== undefined && body.recipient_type !== 'individual') return invalid('recipient_type must be individual')
  if (typeof body.to !== 'string' || !/^\+?\d{6,15}$/.test(body.to)) return body.to === undefined ? missing('to is required') : invalid('to must be a phone number')
  if (body.context !== undefined && (!isObj(body.context) || typeof body.context.message_id !== 'string')) return invalid('context.message_id must be a message id')
  const type = body.type ?? 'text'
  if (typeof type !== 'string') return unknownParameter('type must be a string')
  switch (type) {
    case 'text': {
      if (!isObj(body.text)) return missing('text is required')
      return text(body.text.body, 'text.body', 1, 4096)
    }
    case 'interactive':
      return interactiveError(body.interactive)
    case 'template': {
      const t = body.template
      if (!isObj(t)) return missing('template is required')
      if (typeof t.name !== 'string' || t.name === '') return missing('template.name is required')
      if (!isObj(t.language) || typeof t.language.code !== 'string') return missing('template.language.code is required')
      return null
    }
    case 'image':
    case 'document':
      return mediaError(body[type], type)
    default:
      return unknownParameter(`Unsupported message type: ${JSON.stringify(type)}`)
  }
}

// ---------------------------------------------------------------------------------------------------
// The server.
// ---------------------------------------------------------------------------------------------------

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

function send(res: ServerResponse, status: number, body: Json | Buffer, contentType = 'application/json') {
  const data = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body))
  res.writeHead(status, { 'content-type': contentType, 'content-length': data.length })
  res.end(data)
}

const wamid = () => `wamid.${randomBytes(24).toString('base64').replace(/[+/=]/g, '')}`
const unix = (d: Date) => String(Math.floor(d.getTime() / 1000))
const WINDOW_MS = 24 * 60 * 60 * 1000

export async function startFakeWhatsApp(opts: FakeWhatsAppOptions = {}): Promise<FakeWhatsApp> {
  const token = opts.token ?? 'test-whatsapp-token'
  const phoneNumberId = opts.phoneNumberId ?? '106540352242922'
  const display = opts.displayPhoneNumber ?? '6285211112222'
  const wabaId = opts.businessAccountId ?? '102290129340398'
  const appSecret = opts.appSecret ?? 'test-app-secret'
  const version = opts.version ?? 'v23.0'
  const now = opts.now ?? (() => new Date())
  const statusDelay = opts.statusDelayMs ?? 10
  let webhookUrl = opts.webhookUrl
  const knownTemplates = opts.templates ? new Set(opts.templates) : null

  const sent: SentMessage[] = []
  const webhooks: PostedWebhook[] = []
  const uploads = new Map<string, { bytes: Buffer; mimeType: string; filename?: string }>()
  const media = new Map<string, { bytes: Buffer; mimeType: string; filename?: string; key: string }>()
  const lastInbound = new Map<string, Date>()
  const unreachable = new Set<string>()
  const forced: (Partial<GraphError> & { code: number })[] = []
  const pending = new Set<Promise<void>>()
  let closed = false

  const authorized = (req: IncomingMessage) => req.headers.authorization === `Bearer ${token}`

  const envelope = (value: Json): Json => ({
    object: 'whatsapp_business_account',
    entry: [{ id: wabaId, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: display, phone_number_id: phoneNumberId }, ...value } }] }],
  })

  async function post(body: Json | string, signature?: string | null): Promise<{ status: number; text: string }> {
    if (!webhookUrl) throw new Error('fake WhatsApp: no webhook URL set (setWebhook)')
    const raw = typeof body === 'string' ? body : JSON.stringify(body)
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    const sig = signature === undefined ? `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}` : signature
    if (sig !== null) headers['x-hub-signature-256'] = sig
    const res = await fetch(webhookUrl, { method: 'POST', headers, body: raw })
    return { status: res.status, text: await res.text() }
  }

  function statusWebhook(m: SentMessage, status: string, error?: number) {
    const category = m.type === 'template' ? 'utility' : 'service'
    const s: Json = {
      id: m.id,
      status,
      timestamp: unix(now()),
      recipient_id: m.to,
      ...(error === undefined
        ? {
            conversation: { id: createHash('sha1').update(m.to).digest('hex').slice(0, 32), origin: { type: category } },
            pricing: { billable: category !== 'service', pricing_model: 'PMP', category, type: category === 'service' ? 'free_customer_service' : 'regular' },
          }
        : {
            errors: [{ code: error, title: ASYNC_ERRORS[error]!.title, message: ASYNC_ERRORS[error]!.title, error_data: { details: ASYNC_ERRORS[error]!.details }, href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/' }],
          }),
    }
    return envelope({ statuses: [s] })
  }

  /** Posts the statuses of one message in order, each after the delay, as separate webhooks. */
  function scheduleStatuses(m: SentMessage, statuses: { status: string; error?: number }[]) {
    const run = (async () => {
      for (const s of statuses) {
        await new Promise((r) => setTimeout(r, statusDelay))
        if (closed || !webhookUrl) return
        const body = statusWebhook(m, s.status, s.error)
        const record: PostedWebhook = { body, status: null }
        webhooks.push(record)
        try {
          record.status = (await post(body)).status
        } catch (e) {
          record.error = String(e)
        }
      }
    })()
    pending.add(run)
    void run.finally(() => pending.delete(run))
  }

  function windowOpen(to: string): boolean {
    const last = lastInbound.get(to)
    return last !== undefined && now().getTime() - last.getTime() < WINDOW_MS
  }

  async function messages(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req)
    let body: unknown
    try {
      body = JSON.parse(raw.toString('utf8'))
    } catch {
      return send(res, 400, errorBody(unknownParameter('The request body is not valid JSON')))
    }
    const err = validateSend(body)
    if (err) return send(res, err.status, errorBody(err))
    const b = body as Json & { to: string; type?: string; template?: { name: string; language: { code: string } } }
    const type = b.type ?? 'text'
    if (type === 'template' && knownTemplates && !knownTemplates.has(b.template!.name)) {
      const e: GraphError = {
        status: 404,
        code: 132001,
        type: 'OAuthException',
        message: '(#132001) Template name does not exist in the translation',
        details: `template name (${b.template!.name}) does not exist in ${b.template!.language.code}`,
      }
      return send(res, e.status, errorBody(e))
    }
    const force = forced.shift()
    if (force) {
      const e: GraphError = { status: 400, type: 'OAuthException', message: `(#${force.code}) Forced error`, ...force }
      return send(res, e.status, errorBody(e))
    }
    const to = b.to.replace(/^\+/, '')
    const open = windowOpen(to)
    const m: SentMessage = { id: wamid(), to, body: b, type, at: now(), receivedAt: Date.now(), windowOpen: open }
    sent.push(m)
    if (unreachable.has(to)) scheduleStatuses(m, [{ status: 'failed', error: 131026 }])
    else if (type !== 'template' && !open) scheduleStatuses(m, [{ status: 'failed', error: 131047 }])
    else scheduleStatuses(m, [{ status: 'sent' }, { status: 'delivered' }, ...(opts.readReceipts ? [{ status: 'read' }] : [])])
    send(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: b.to, wa_id: to }], messages: [{ id: m.id }] })
  }

  async function upload(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req)
    let form: FormData
    try {
      form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: raw }).formData()
    } catch {
      return send(res, 400, errorBody(unknownParameter('The request must be multipart/form-data')))
    }
    if (form.get('messaging_product') !== 'whatsapp') return send(res, 400, errorBody(unknownParameter('The parameter messaging_product is required.')))
    const file = form.get('file')
    if (!file || typeof file === 'string') return send(res, 400, errorBody(missing('file is required')))
    const mimeType = (form.get('type') as string | null) ?? file.type
    if (!mimeType) return send(res, 400, errorBody(missing('type is required')))
    const bytes = Buffer.from(await file.arrayBuffer())
    const id = String(4_000_000_000_000 + uploads.size + media.size)
    const filename = file.name || undefined
    uploads.set(id, { bytes, mimeType, ...(filename && { filename }) })
    media.set(id, { bytes, mimeType, key: randomBytes(8).toString('hex'), ...(filename && { filename }) })
    send(res, 200, { id })
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const parts = url.pathname.split('/').filter(Boolean)
      // the media download URL (lookaside): the token is required, no version in the path
      if (req.method === 'GET' && url.pathname === '/whatsapp_business/attachments/') {
        if (!authorized(req)) return send(res, 401, errorBody(badToken()))
        const m = media.get(url.searchParams.get('mid') ?? '')
        if (!m || m.key !== url.searchParams.get('hash')) return send(res, 404, Buffer.from('Not Found'), 'text/plain')
        return send(res, 200, m.bytes, m.mimeType)
      }
      if (parts[0] !== version) return send(res, 400, errorBody(unknownParameter(`Unknown path ${url.pathname}`)))
      if (!authorized(req)) return send(res, 401, errorBody(badToken()))
      if (req.method === 'POST' && parts.length === 3 && parts[1] === phoneNumberId && parts[2] === 'messages') return messages(req, res)
      if (req.method === 'POST' && parts.length === 3 && parts[1] === phoneNumberId && parts[2] === 'media') return upload(req, res)
      if (req.method === 'GET' && parts.length === 2) {
        const id = parts[1]!
        const m = media.get(id)
        if (!m) return send(res, 400, errorBody(noObject(id)))
        return send(res, 200, {
          messaging_product: 'whatsapp',
          url: `${origin}/whatsapp_business/attachments/?mid=${id}&ext=${Math.floor(Date.now() / 1000)}&hash=${m.key}`,
          mime_type: m.mimeType,
          sha256: createHash('sha256').update(m.bytes).digest('hex'),
          file_size: String(m.bytes.length),
          id,
        })
      }
      send(res, 400, errorBody(unknownParameter(`Unsupported ${req.method ?? ''} ${url.pathname}`)))
    })().catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, { error: { message: String(e), type: 'FakeError', code: 1 } })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  function inboundMessage(m: InboundMessage): Json {
    switch (m.type) {
      case 'text':
        return { type: 'text', text: { body: m.text } }
      case 'button':
        return { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: m.id, title: m.title } } }
      case 'list':
        return { type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: m.id, title: m.title, ...(m.description && { description: m.description }) } } }
      case 'templateButton':
        return { type: 'button', button: { payload: m.payload, text: m.text } }
      case 'image':
      case 'document': {
        const held = media.get(m.mediaId)
        const sha256 = m.sha256 ?? (held ? createHash('sha256').update(held.bytes).digest('base64') : undefined)
        const mimeType = m.mimeType ?? held?.mimeType
        const filename = m.type === 'document' ? (m.filename ?? held?.filename) : undefined
        return {
          type: m.type,
          [m.type]: { id: m.mediaId, ...(mimeType && { mime_type: mimeType }), ...(sha256 && { sha256 }), ...(filename && { filename }), ...(m.caption !== undefined && { caption: m.caption }) },
        }
      }
      case 'sticker':
        return { type: 'sticker', sticker: { id: m.mediaId, mime_type: 'image/webp', animated: false } }
    }
  }

  return {
    url: `${origin}/${version}`,
    origin,
    token,
    phoneNumberId,
    appSecret,
    sent,
    webhooks,
    uploads,
    setWebhook: (url) => void (webhookUrl = url),
    userWrote: (waId, at = now()) => void lastInbound.set(waId, at),
    lastInbound: (waId) => lastInbound.get(waId),
    notOnWhatsApp: (waId) => void unreachable.add(waId),
    addMedia(bytes, mimeType, o = {}) {
      const id = o.id ?? String(1_000_000_000_000 + media.size)
      media.set(id, { bytes, mimeType, key: randomBytes(8).toString('hex'), ...(o.filename && { filename: o.filename }) })
      return id
    },
    expireMedia: (id) => void media.delete(id),
    failNext(error, times = 1) {
      for (let i = 0; i < times; i++) forced.push(error)
    },
    async inbound(from, message, o = {}) {
      const at = o.at ?? now()
      const id = o.id ?? wamid()
      const body = envelope({
        contacts: [{ profile: { name: o.name ?? 'Pegawai' }, wa_id: from }],
        messages: [{ from, id, timestamp: unix(at), ...(o.replyTo && { context: { from: display, id: o.replyTo } }), ...inboundMessage(message) }],
      })
      // the person wrote: their window opens whatever the app answers
      if (!lastInbound.has(from) || lastInbound.get(from)!.getTime() < at.getTime()) lastInbound.set(from, at)
      const res = await post(body, o.signature)
      return { ...res, messageId: id }
    },
    post,
    async settled() {
      while (pending.size > 0) await Promise.all([...pending])
    },
    async close() {
      closed = true
      await Promise.allSettled([...pending])
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
