import type { Harness } from './app.js'

// A browser-less client of the web console over real HTTP: it keeps cookies like a browser (per path
// /console), reads the CSRF token from the last page it got, and signs in the real way: NIP → the link
// the bot sends to the person's (fake) Telegram chat → confirm.

export interface ConsoleResponse {
  status: number
  text: string
  location: string | null
  headers: Headers
}

export class ConsoleClient {
  readonly cookies = new Map<string, string>()
  /** The `_csrf` value of the last page that had a form. */
  csrf: string | undefined

  constructor(readonly base: string) {}

  async request(method: 'GET' | 'POST', path: string, body?: Record<string, string> | FormData, headers: Record<string, string> = {}): Promise<ConsoleResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const init: RequestInit = { method, redirect: 'manual', headers: { ...(cookie ? { cookie } : {}), ...headers } }
    if (body instanceof FormData) init.body = body
    else if (body) init.body = new URLSearchParams(body)
    const res = await fetch(`${this.base}${path}`, init)
    for (const set of res.headers.getSetCookie()) {
      const [pair, ...attrs] = set.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq).trim()
      const value = pair!.slice(eq + 1).trim()
      if (value === '' || attrs.some((a) => /^\s*max-age=0$/i.test(a))) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    const text = await res.text()
    const csrf = /name="_csrf" value="([^"]+)"/.exec(text)
    if (csrf) this.csrf = csrf[1]
    return { status: res.status, text, location: res.headers.get('location'), headers: res.headers }
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, undefined, headers)
  }

  /** A form post with the current CSRF token added, its answer read as bytes (a download: text would mangle them). */
  async download(path: string, form: Record<string, string>): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const body = new URLSearchParams(this.csrf && !('_csrf' in form) ? { _csrf: this.csrf, ...form } : form)
    const res = await fetch(`${this.base}${path}`, { method: 'POST', redirect: 'manual', headers: cookie ? { cookie } : {}, body })
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) }
  }

  /** A form post with the current CSRF token added (unless the form brings its own `_csrf`). */
  post(path: string, form: Record<string, string> | FormData = {}, opts: { csrf?: boolean } = {}) {
    const withToken = opts.csrf === false || !this.csrf
    if (form instanceof FormData) {
      if (!withToken && !form.has('_csrf')) form.set('_csrf', this.csrf!)
      return this.request('POST', path, form)
    }
    return this.request('POST', path, withToken || '_csrf' in form ? form : { _csrf: this.csrf!, ...form })
  }
}

export const consoleClient = (h: Harness) => new ConsoleClient(`http://127.0.0.1:${h.app.port}`)

/** The sign-in link in the newest message to this Telegram chat that has one. */
export function signInLinkIn(h: Harness, chat: number, after = 0): string | undefined {
  const m = h.tg
    .messagesTo(chat)
    .filter((x) => x.message_id > after)
    .map((x) => /https?:\/\/\S+\/console\/masuk\/[\w-]{43}/.exec(x.text)?.[0])
    .filter(Boolean)
    .at(-1)
  return m
}

/** Marks a person's imported Telegram account as having written to the bot (a sign-in link can reach it). */
export async function openedTheBot(h: Harness, nip: string, telegramId: number): Promise<number> {
  const e = await h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip } })
  await h.app.db.prisma.chatAccount.deleteMany({ where: { platform: 'telegram', OR: [{ employeeId: e.id }, { externalId: String(telegramId) }] } })
  const now = h.clock.now()
  await h.app.db.prisma.chatAccount.create({
    data: { employeeId: e.id, platform: 'telegram', externalId: String(telegramId), vouchedBy: 'import', chatId: String(telegramId), linkedAt: now, lastSeenAt: now },
  })
  return e.id
}

/** Asks for a sign-in link for the NIP and waits until the bot has sent it to the chat. */
export async function requestLink(h: Harness, client: ConsoleClient, nip: string, chat: number): Promise<string> {
  const before = h.tg.messagesTo(chat).at(-1)?.message_id ?? 0
  await client.get('/console/masuk')
  const r = await client.post('/console/masuk', { nip })
  if (r.status !== 200) throw new Error(`sign-in request answered ${r.status}: ${r.text.slice(0, 300)}`)
  await h.tg.waitFor(() => signInLinkIn(h, chat, before), { label: `sign-in link to ${chat}` })
  return signInLinkIn(h, chat, before)!
}

/** Signs a person in the real way and returns a client holding the session. */
export async function signIn(h: Harness, person: { nip: string; telegram: number }): Promise<ConsoleClient> {
  await openedTheBot(h, person.nip, person.telegram)
  const client = consoleClient(h)
  const link = await requestLink(h, client, person.nip, person.telegram)
  const path = new URL(link).pathname
  await client.get(path)
  const r = await client.post(path)
  if (r.status !== 303 || r.location !== '/console') throw new Error(`sign-in confirm answered ${r.status}: ${r.text.slice(0, 300)}`)
  return client
}
