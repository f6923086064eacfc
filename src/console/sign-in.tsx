import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { newToken, sameSecret } from './auth.js'
import { Csrf, Page, ROLE_LABEL } from './layout.js'
import type { ConsoleApp, ConsoleDeps, ConsoleEnv } from './types.js'

// Sign-in by NIP and a one-time link in the person's chat; sign-out here or everywhere (docs/console.md).
// Before a session exists, forms are protected by a double-submit token: a SameSite=Strict cookie and
// the same value in the form.

export const SESSION_COOKIE = 'kb_session'
const PRE_COOKIE = 'kb_pre'

type C = Context<ConsoleEnv>

function preToken(c: C): string {
  const existing = getCookie(c, PRE_COOKIE)
  if (existing && /^[\w-]{43}$/.test(existing)) return existing
  const token = newToken()
  setCookie(c, PRE_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure: c.get('https'), path: '/console' })
  return token
}

const PreCsrf = (props: { token: string }) => <input type="hidden" name="_csrf" value={props.token} />

async function preChecked(c: C): Promise<Record<string, string>> {
  const body = await c.req.parseBody()
  const form = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'))
  return sameSecret(form['_csrf'], getCookie(c, PRE_COOKIE)) ? form : {}
}

/** The base of the link in the chat: PUBLIC_URL, or the address a browser on this machine used. */
function linkBase(c: C, deps: ConsoleDeps): string | null {
  if (deps.config.PUBLIC_URL) return deps.config.PUBLIC_URL.replace(/\/+$/, '')
  const host = c.req.header('host') ?? ''
  return /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host) ? `http://${host}` : null
}

function SignInForm(props: { token: string; nip?: string; error?: string }) {
  return (
    <Page title="Masuk">
      <p>Masukkan NIP Anda. kinerja-bot mengirim tautan masuk sekali pakai ke akun chat Anda yang sudah terhubung (Telegram, Slack atau WhatsApp).</p>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/console/masuk">
        <PreCsrf token={props.token} />
        <label for="nip">NIP</label>
        <input id="nip" name="nip" inputmode="numeric" autocomplete="username" maxlength={40} value={props.nip ?? ''} required />{' '}
        <button type="submit">Kirim tautan masuk</button>
      </form>
      <p class="muted">Konsol ini untuk Admin BKPSDM, pimpinan dan atasan. Belum punya akun chat yang terhubung? Minta kode tautan kepada admin BKPSDM.</p>
    </Page>
  )
}

export function registerSignIn(app: ConsoleApp, deps: ConsoleDeps) {
  const minutes = deps.config.CONSOLE_SIGN_IN_MINUTES

  app.get('/console/masuk', (c) => c.html(<SignInForm token={preToken(c)} />))

  app.post('/console/masuk', async (c) => {
    const form = await preChecked(c)
    const token = preToken(c)
    if (!form['_csrf']) return c.html(<SignInForm token={token} error="Formulir kedaluwarsa. Silakan isi lagi." />, 403)
    const nip = (form['nip'] ?? '').replace(/\s+/g, '')
    if (!/^\d{18}$/.test(nip)) return c.html(<SignInForm token={token} nip={nip.slice(0, 40)} error="NIP terdiri dari 18 angka." />, 400)
    const base = linkBase(c, deps)
    if (!base) {
      deps.log.warn('console sign-in from another machine while PUBLIC_URL is not set')
      return c.html(<SignInForm token={token} error="Konsol belum bisa mengirim tautan: PUBLIC_URL belum diatur di server. Hubungi pengelola server." />, 503)
    }
    const outcome = await deps.auth.requestSignIn({ nip, address: c.get('address'), baseUrl: base })
    if (outcome === 'limited') {
      return c.html(<SignInForm token={token} error="Terlalu banyak permintaan masuk. Tunggu 15 menit, lalu coba lagi." />, 429)
    }
    // the same answer whether or not the NIP exists or may sign in
    return c.html(
      <Page title="Periksa chat Anda">
        <p class="notice" role="status">
          Jika NIP {nip} terdaftar dan punya akun chat yang terhubung, tautan masuk sudah dikirim ke chat tersebut. Tautan berlaku {minutes} menit dan hanya
          bisa dipakai sekali.
        </p>
        <p>
          <a href="/console/masuk">Minta tautan lagi</a>
        </p>
      </Page>,
    )
  })

  // Opening the link only asks to confirm: chat apps open links to preview them, which must not use it up.
  app.get('/console/masuk/:token{[\\w-]{43}}', async (c) => {
    const ok = await deps.auth.signInValid(c.req.param('token'))
    if (!ok) return c.html(<LinkDead />, 410)
    return c.html(
      <Page title="Masuk ke konsol">
        <form method="post">
          <PreCsrf token={preToken(c)} />
          <p>Tekan tombol ini untuk masuk di peramban ini.</p>
          <button type="submit">Masuk</button>
        </form>
      </Page>,
    )
  })

  app.post('/console/masuk/:token{[\\w-]{43}}', async (c) => {
    const form = await preChecked(c)
    if (!form['_csrf']) return c.html(<LinkDead reason="Formulir kedaluwarsa: buka lagi tautan dari chat Anda." />, 403)
    const session = await deps.auth.consumeSignIn(c.req.param('token'), { address: c.get('address'), userAgent: c.req.header('user-agent') })
    if (!session) return c.html(<LinkDead />, 410)
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: c.get('https'),
      path: '/console',
      maxAge: deps.config.CONSOLE_SESSION_HOURS * 3600,
    })
    return c.redirect('/console', 303)
  })

  app.get('/console/masuk/:token', (c) => c.html(<LinkDead />, 410))

  app.get('/console/akun', async (c) => {
    const viewer = c.get('viewer')
    const sessions = await deps.auth.sessions(viewer)
    return c.html(
      <Page title="Akun" viewer={viewer} path="/console/akun">
        <p>
          {viewer.name} · NIP {viewer.nip} · {ROLE_LABEL[viewer.role]}
        </p>
        <h2>Sesi yang terbuka</h2>
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>Mulai</th>
                <th>Terakhir aktif</th>
                <th>Alamat</th>
                <th>Peramban</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr>
                  <td>{s.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</td>
                  <td>{s.lastSeenAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</td>
                  <td>{s.address ?? '—'}</td>
                  <td>{s.userAgent ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <form method="post" action="/console/keluar" class="inline">
          <Csrf viewer={viewer} />
          <button type="submit" class="secondary">
            Keluar
          </button>
        </form>{' '}
        <form method="post" action="/console/keluar-semua" class="inline">
          <Csrf viewer={viewer} />
          <button type="submit" class="danger">
            Keluar dari semua perangkat
          </button>
        </form>
      </Page>,
    )
  })

  for (const [path, everywhere] of [
    ['/console/keluar', false],
    ['/console/keluar-semua', true],
  ] as const) {
    app.post(path, async (c) => {
      await deps.auth.signOut(c.get('viewer'), everywhere)
      setCookie(c, SESSION_COOKIE, '', { httpOnly: true, sameSite: 'Lax', secure: c.get('https'), path: '/console', maxAge: 0 })
      return c.redirect('/console/masuk', 303)
    })
  }
}

function LinkDead(props: { reason?: string }) {
  return (
    <Page title="Tautan tidak berlaku">
      <p class="error" role="alert">
        {props.reason ?? 'Tautan masuk ini sudah dipakai, kedaluwarsa, atau tidak dikenal.'}
      </p>
      <p>
        <a href="/console/masuk">Minta tautan baru</a>
      </p>
    </Page>
  )
}
