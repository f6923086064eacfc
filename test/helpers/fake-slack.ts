import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { acceptWebSocket, type WebSocketPeer } from './slack-socket.js'

// A small fake of the Slack Web API on 127.0.0.1, faithful where the app depends on it: form-encoded
// calls with JSON-encoded fields (what @slack/web-api sends), `ok: false` platform errors, 429 with
// Retry-After, trigger ids that expire after 3 s, DM channels per user, response_url endpoints, calls
// that never get an answer, and Socket Mode (apps.connections.open with the app token, then a WebSocket).

export type Json = Record<string, unknown>
/** `abandonedAt`: when the app gave up on a call that got no answer (the connection closed). */
export interface SlackCall { method: string; params: Json; at: number; abandonedAt?: number }
export interface SlackBlock { type: string; block_id?: string; text?: { text: string }; elements?: SlackElement[]; [k: string]: unknown }
export interface SlackElement { type: string; action_id?: string; value?: string; text?: { text: string }; [k: string]: unknown }
export interface SlackMessage { channel: string; ts: string; text: string; blocks: SlackBlock[]; edits: number }
export interface SlackView { id: string; type: string; callback_id?: string; private_metadata?: string; blocks: SlackBlock[]; title?: { text: string }; [k: string]: unknown }
export interface FakeUser { id: string; name?: string; email?: string }
/** `hang`: no answer at all, until the app gives up (or the fake closes). */
export interface Failure { status?: number; error?: string; retryAfter?: number; hang?: boolean }

export interface FakeSlack {
  /** Web API base URL (ends with a slash, as SLACK_API_URL must). */
  url: string
  origin: string
  token: string
  teamId: string
  botUserId: string
  calls: SlackCall[]
  /** Messages posted by the app, by ts (chat.update changes them in place). */
  messages: Map<string, SlackMessage>
  ephemerals: { channel: string; user: string; text: string; blocks: SlackBlock[] }[]
  /** Bodies posted to response_url endpoints, in order. */
  responses: { id: string; body: Json }[]
  /** Modals by view id: opened and updated. */
  views: Map<string, SlackView>
  /** Every modal as it was opened (views.open), in order: an update later does not change these. */
  opened: SlackView[]
  /** App Home of each user, as last published. */
  homes: Map<string, SlackView>
  /** Bytes received per uploaded file id, and the files shared (files.uploadV2's last step). */
  uploads: Map<string, number>
  /** Uploads people made in Slack (a report form's file input): files.info and url_private_download serve them. */
  userFiles: Map<string, { name: string; mimetype: string; content: Buffer }>
  /** The bytes of files the app uploaded, by file id. */
  uploaded: Map<string, Buffer>
  files: { id: string; title: string; channel: string; comment: string; bytes: number }[]
  /** Socket Mode, when started with an app token. */
  socket: {
    /** WebSockets the app opened and still holds. */
    open(): number
    /** An envelope as Slack sends it over the socket; resolves with the payload of the app's ack. */
    deliver(type: 'slash_commands' | 'events_api' | 'interactive', payload: Json, timeoutMs?: number): Promise<Json>
  }
  addUser(user: FakeUser): void
  dmChannel(userId: string): string
  responseUrl(): string
  /** A trigger id as Slack issues it with an interaction; views.open refuses it after 3 s. */
  triggerId(issuedAt?: number): string
  /** The next call(s) of `method` (matching `when`, if given) fail this way. */
  failNext(method: string, failure: Failure, opts?: { times?: number; when?: (params: Json) => boolean }): void
  messagesIn(channel: string): SlackMessage[]
  callsOf(method: string): SlackCall[]
  waitFor<T>(probe: () => T | undefined | null | false, what?: string, timeoutMs?: number): Promise<T>
  close(): Promise<void>
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata', 'files'])

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

function parseParams(req: IncomingMessage, raw: string): Json {
  if ((req.headers['content-type'] ?? '').startsWith('application/json')) return raw ? (JSON.parse(raw) as Json) : {}
  const out: Json = {}
  for (const [k, v] of new URLSearchParams(raw)) out[k] = JSON_FIELDS.has(k) ? JSON.parse(v) : v
  return out
}

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body))
}

/**
 * `triggerTtlMs`: Slack's trigger ids last 3 s; a loaded test machine can need longer between issuing one
 * and the app's views.open, so the harness allows more and the expiry test issues an old one.
 */
export async function startFakeSlack(opts: { token?: string; appToken?: string; users?: FakeUser[]; triggerTtlMs?: number } = {}): Promise<FakeSlack> {
  const token = opts.token ?? 'xoxb-fake-token-0000'
  const users = new Map((opts.users ?? []).map((u) => [u.id, u]))
  const failures = new Map<string, { failure: Failure; times: number; when?: (params: Json) => boolean }[]>()
  const triggers = new Map<string, number>()
  let seq = 0
  const originRef = { value: '' }
  const nextTs = () => `1795000000.${String(++seq).padStart(6, '0')}`

  const fake = {
    token,
    teamId: 'T0KDI',
    botUserId: 'U0KBOT',
    calls: [] as SlackCall[],
    messages: new Map<string, SlackMessage>(),
    ephemerals: [] as FakeSlack['ephemerals'],
    responses: [] as FakeSlack['responses'],
    views: new Map<string, SlackView>(),
    opened: [] as SlackView[],
    homes: new Map<string, SlackView>(),
    uploads: new Map<string, number>(),
    userFiles: new Map<string, { name: string; mimetype: string; content: Buffer }>(),
    uploaded: new Map<string, Buffer>(),
    files: [] as FakeSlack['files'],
  }
  const dmChannel = (userId: string) => (/^[UW]/.test(userId) ? `D${userId.slice(1)}` : userId)
  const peers: WebSocketPeer[] = []
  const acks = new Map<string, (payload: Json) => void>()

  const methods: Record<string, (p: Json) => Json> = {
    'apps.connections.open': () => ({ url: `${originRef.value.replace(/^http/, 'ws')}/link/?ticket=${randomUUID()}` }),
    'auth.test': () => ({ url: 'https://kendari.slack.com/', team: 'Pemkot Kendari', user: 'kinerja', team_id: fake.teamId, user_id: fake.botUserId, bot_id: 'B0KBOT' }),
    'conversations.open': (p) => ({ channel: { id: dmChannel(String(p.users ?? '')) } }),
    'chat.postMessage': (p) => {
      const channel = dmChannel(String(p.channel))
      const m: SlackMessage = { channel, ts: nextTs(), text: String(p.text ?? ''), blocks: (p.blocks as SlackBlock[]) ?? [], edits: 0 }
      fake.messages.set(m.ts, m)
      return { channel, ts: m.ts, message: { text: m.text, blocks: m.blocks, ts: m.ts } }
    },
    'chat.update': (p) => {
      const m = fake.messages.get(String(p.ts))
      if (!m || m.channel !== p.channel) throw new PlatformError('message_not_found')
      Object.assign(m, { text: String(p.text ?? ''), blocks: (p.blocks as SlackBlock[]) ?? [], edits: m.edits + 1 })
      return { channel: m.channel, ts: m.ts, text: m.text }
    },
    'chat.postEphemeral': (p) => {
      fake.ephemerals.push({ channel: String(p.channel), user: String(p.user), text: String(p.text ?? ''), blocks: (p.blocks as SlackBlock[]) ?? [] })
      return { message_ts: nextTs() }
    },
    'views.open': (p) => {
      const issued = triggers.get(String(p.trigger_id))
      if (issued === undefined) throw new PlatformError('invalid_trigger_id')
      if (Date.now() - issued > (opts.triggerTtlMs ?? 3000)) throw new PlatformError('expired_trigger_id')
      triggers.delete(String(p.trigger_id))
      const view = { ...(p.view as SlackView), id: `V${String(++seq).padStart(8, '0')}` }
      fake.views.set(view.id, view)
      fake.opened.push(view)
      return { view }
    },
    'views.update': (p) => {
      const id = String(p.view_id)
      if (!fake.views.has(id)) throw new PlatformError('not_found')
      const view = { ...(p.view as SlackView), id }
      fake.views.set(id, view)
      return { view }
    },
    'views.publish': (p) => {
      const view = { ...(p.view as SlackView), id: `VH${String(p.user_id)}` }
      fake.homes.set(String(p.user_id), view)
      return { view }
    },
    'files.getUploadURLExternal': (p) => {
      const id = `F${String(++seq).padStart(8, '0')}`
      return { file_id: id, upload_url: `${originRef.value}/upload/${id}`, filename: p.filename }
    },
    'files.completeUploadExternal': (p) => {
      const files = (p.files as { id: string; title?: string }[]).map((f) => ({ id: f.id, title: f.title ?? '' }))
      for (const f of files) fake.files.push({ ...f, channel: String(p.channel_id), comment: String(p.initial_comment ?? ''), bytes: fake.uploads.get(f.id) ?? 0 })
      return { files }
    },
    'files.info': (p) => {
      const f = fake.userFiles.get(String(p.file))
      if (!f) throw new PlatformError('file_not_found')
      const url = `${originRef.value}/files-pri/${String(p.file)}/${encodeURIComponent(f.name)}`
      return { file: { id: String(p.file), name: f.name, mimetype: f.mimetype, size: f.content.length, url_private: url, url_private_download: `${url}?download=1` } }
    },
    'users.info': (p) => {
      const u = users.get(String(p.user))
      if (!u) throw new PlatformError('user_not_found')
      return { user: { id: u.id, name: u.name ?? u.id, profile: { email: u.email, real_name: u.name } } }
    },
  }

  const takeFailure = (method: string, params: Json): Failure | undefined => {
    const list = failures.get(method) ?? []
    const i = list.findIndex((f) => !f.when || f.when(params))
    const hit = list[i]
    if (!hit) return undefined
    if (--hit.times <= 0) list.splice(i, 1)
    return hit.failure
  }

  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0]!
      const bytes = await readBody(req)
      const raw = bytes.toString('utf8')
      if (path.startsWith('/upload/')) {
        fake.uploads.set(path.slice('/upload/'.length), bytes.length)
        fake.uploaded.set(path.slice('/upload/'.length), bytes)
        return send(res, 200, { ok: true })
      }
      if (path.startsWith('/files-pri/')) {
        // url_private(_download) needs the bot token as a bearer token; without it Slack serves a login page
        const f = fake.userFiles.get(path.split('/')[2] ?? '')
        if (req.headers.authorization !== `Bearer ${token}`) {
          res.writeHead(200, { 'content-type': 'text/html' })
          return res.end('<html>login</html>')
        }
        if (!f) return send(res, 404, { ok: false })
        res.writeHead(200, { 'content-type': f.mimetype, 'content-length': f.content.length })
        return res.end(f.content)
      }
      if (path.startsWith('/respond/')) {
        fake.responses.push({ id: path.slice('/respond/'.length), body: raw ? (JSON.parse(raw) as Json) : {} })
        return send(res, 200, { ok: true })
      }
      const method = path.replace(/^\/api\//, '')
      const params = parseParams(req, raw)
      const call: SlackCall = { method, params, at: Date.now() }
      fake.calls.push(call)
      // Socket Mode's one Web API call is made with the app-level token, every other one with the bot's
      const expected = method === 'apps.connections.open' ? opts.appToken : token
      if (!expected || req.headers.authorization !== `Bearer ${expected}`) return send(res, 200, { ok: false, error: 'invalid_auth' })
      const failure = takeFailure(method, params)
      if (failure?.hang) return void res.on('close', () => (call.abandonedAt = Date.now()))
      if (failure?.status === 429) return send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter ?? 1) })
      if (failure?.status) return send(res, failure.status, { ok: false, error: 'server_error' })
      if (failure?.error) return send(res, 200, { ok: false, error: failure.error })
      const handler = methods[method]
      if (!handler) return send(res, 200, { ok: false, error: 'unknown_method' })
      try {
        send(res, 200, { ok: true, ...handler(params) })
      } catch (e) {
        if (e instanceof PlatformError) return send(res, 200, { ok: false, error: e.message })
        throw e
      }
    })().catch((e: unknown) => send(res, 500, { ok: false, error: String(e) }))
  })
  server.on('upgrade', (req, socket) => {
    if (!(req.url ?? '').startsWith('/link/')) return socket.destroy()
    const peer = acceptWebSocket(req, socket, (text) => {
      const ack = JSON.parse(text) as { envelope_id?: string; payload?: Json }
      acks.get(ack.envelope_id ?? '')?.(ack.payload ?? {})
    })
    peers.push(peer)
    // what Slack says first on a new connection: the client counts as connected from here
    peer.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake-slack' }, connection_info: { app_id: 'A0KINERJA' } }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  originRef.value = origin
  let responseSeq = 0

  return {
    ...fake,
    url: `${origin}/api/`,
    origin,
    addUser: (u) => void users.set(u.id, u),
    dmChannel,
    responseUrl: () => `${origin}/respond/r${++responseSeq}`,
    triggerId(issuedAt = Date.now()) {
      const id = `${++seq}.${issuedAt}.trigger`
      triggers.set(id, issuedAt)
      return id
    },
    failNext(method, failure, opts = {}) {
      failures.set(method, [...(failures.get(method) ?? []), { failure, times: opts.times ?? 1, ...(opts.when ? { when: opts.when } : {}) }])
    },
    socket: {
      open: () => peers.filter((p) => !p.closed).length,
      deliver(type, payload, timeoutMs = 5000) {
        const peer = peers.filter((p) => !p.closed).at(-1)
        if (!peer) return Promise.reject(new Error('fake Slack: the app holds no Socket Mode connection'))
        const envelopeId = randomUUID()
        return new Promise<Json>((resolve, reject) => {
          const timer = setTimeout(() => {
            acks.delete(envelopeId)
            reject(new Error(`fake Slack: no ack for the ${type} envelope within ${timeoutMs} ms`))
          }, timeoutMs)
          acks.set(envelopeId, (ack) => {
            clearTimeout(timer)
            acks.delete(envelopeId)
            resolve(ack)
          })
          peer.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: 0, retry_reason: '' }))
        })
      },
    },
    messagesIn: (channel) => [...fake.messages.values()].filter((m) => m.channel === channel),
    callsOf: (method) => fake.calls.filter((c) => c.method === method),
    async waitFor(probe, what = 'condition', timeoutMs = 5000) {
      const until = Date.now() + timeoutMs
      for (;;) {
        const v = probe()
        if (v) return v
        if (Date.now() > until) {
          const recent = fake.calls.slice(-12).map((c) => `  ${c.method} ${JSON.stringify(c.params).slice(0, 200)}`)
          throw new Error(`fake Slack: timed out waiting for ${what}; last calls:\n${recent.join('\n')}`)
        }
        await new Promise((r) => setTimeout(r, 15))
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        // upgraded connections are no longer the HTTP server's to close
        for (const peer of peers) peer.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

class PlatformError extends Error {}

/** All text of a message or view, for matching. */
export function textOf(x: { text?: string; blocks?: SlackBlock[] }): string {
  const parts = [x.text ?? '']
  for (const b of x.blocks ?? []) {
    if (b.text?.text) parts.push(b.text.text)
    for (const e of b.elements ?? []) if (e.text?.text) parts.push(e.text.text)
  }
  return parts.join('\n')
}

/** The buttons of a message or view, with the block they sit in. */
export function buttonsOf(x: { blocks?: SlackBlock[] }): (SlackElement & { block_id?: string })[] {
  return (x.blocks ?? []).flatMap((b) => (b.elements ?? []).filter((e) => e.type === 'button').map((e) => ({ ...e, block_id: b.block_id })))
}
