import { getRequestListener } from '@hono/node-server'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { getCookie } from 'hono/cookie'
import { secureHeaders } from 'hono/secure-headers'
import type { IncomingMessage } from 'node:http'
import type { Route } from '../http/server.js'
import { registerAudit } from './audit.js'
import { sameSecret } from './auth.js'
import { registerBeranda } from './beranda.js'
import { registerDasbor } from './dasbor.js'
import { registerEkspor } from './ekspor.js'
import { notFound } from './guard.js'
import { registerKode } from './kode.js'
import { imporUploadLimit, registerImpor } from './impor.js'
import { Page } from './layout.js'
import { registerOrganisasi } from './organisasi.js'
import { registerPesanGagal } from './pesan-gagal.js'
import { registerSignIn, SESSION_COOKIE } from './sign-in.js'
import type { ConsoleDeps, ConsoleEnv } from './types.js'

// The web console (docs/console.md): a Hono application on the app's HTTP port under /console, beside
// the webhooks. Everything but the sign-in needs a session; every form that changes something carries the
// session's CSRF token; each section checks its roles on the server (guard.tsx) and reads its scope
// (scope.ts) from the database on every request.

const PUBLIC = /^\/console\/masuk(\/|$)/

/** The client's address: the socket's, or with TRUST_PROXY the last hop the proxy appended. */
function clientAddress(req: IncomingMessage | undefined, forwarded: string | undefined, trustProxy: boolean): string {
  if (trustProxy && forwarded) {
    const hops = forwarded.split(',').map((h) => h.trim()).filter(Boolean)
    if (hops.length > 0) return hops.at(-1)!.slice(0, 64)
  }
  return req?.socket.remoteAddress ?? 'unknown'
}

/** The largest body of a form outside Impor (its uploads have their own limit). */
const FORM_MAX_BYTES = 64 * 1024

const formLimit = bodyLimit({
  maxSize: FORM_MAX_BYTES,
  onError: (c) =>
    c.html(
      <Page title="Formulir terlalu besar">
        <p class="error" role="alert">
          Isian formulir ini terlalu besar untuk diterima. Tidak ada yang diubah.
        </p>
      </Page>,
      413,
    ),
})

export function createConsoleApp(deps: ConsoleDeps) {
  const app = new Hono<ConsoleEnv>()
  const trustProxy = deps.config.TRUST_PROXY
  const publicHttps = deps.config.PUBLIC_URL?.startsWith('https:') ?? false
  const publicHost = deps.config.PUBLIC_URL ? new URL(deps.config.PUBLIC_URL).host : undefined

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
    }),
  )
  app.use('*', async (c, next) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
    c.set('address', clientAddress(incoming, c.req.header('x-forwarded-for'), trustProxy))
    const proto = trustProxy ? c.req.header('x-forwarded-proto') : undefined
    c.set('https', proto === 'https' || (publicHttps && c.req.header('host') === publicHost))
    await next()
    // pages carry names, NIPs and tokens: no cache keeps them
    c.header('cache-control', 'no-store')
  })

  // Impor's file uploads: one over the limit is refused before the session check below reads the body;
  // every other form is a few fields
  app.use('/console/impor/*', imporUploadLimit)
  app.use('/console/*', async (c, next) => (c.req.path.startsWith('/console/impor') ? next() : formLimit(c, next)))
  // the session, read from the database on every request; then the CSRF token of every change
  app.use('/console/*', async (c, next) => {
    if (PUBLIC.test(c.req.path)) return next()
    const token = getCookie(c, SESSION_COOKIE)
    const viewer = token && /^[\w-]{43}$/.test(token) ? await deps.auth.viewer(token) : null
    if (!viewer) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.redirect('/console/masuk', 303)
      return c.html(
        <Page title="Sesi berakhir">
          <p class="error" role="alert">
            Sesi Anda sudah berakhir atau tidak dikenal. <a href="/console/masuk">Masuk lagi</a>; tidak ada yang diubah.
          </p>
        </Page>,
        401,
      )
    }
    c.set('viewer', viewer)
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const body = await c.req.parseBody({ all: true })
      const sent = body['_csrf']
      if (typeof sent !== 'string' || !sameSecret(sent, viewer.csrf)) {
        return c.html(
          <Page title="Formulir ditolak" viewer={viewer}>
            <p class="error" role="alert">
              Formulir ini tidak bisa diterima (token keamanan tidak cocok). Muat ulang halamannya lalu coba lagi; tidak ada yang diubah.
            </p>
          </Page>,
          403,
        )
      }
    }
    await next()
  })

  registerSignIn(app, deps)
  // sections: each registers its routes with their roles
  registerOrganisasi(app, deps)
  registerKode(app, deps)
  registerImpor(app, deps)
  registerBeranda(app, deps)
  registerDasbor(app, deps)
  registerEkspor(app, deps)
  registerPesanGagal(app, deps)
  registerAudit(app, deps)

  app.notFound((c) => (c.get('viewer') ? notFound(c) : c.text('not found', 404)))
  app.onError((err, c) => {
    deps.log.error({ err: { message: err.message }, path: c.req.path }, 'console request failed')
    return c.html(
      <Page title="Terjadi kesalahan">
        <p class="error">Maaf, terjadi kesalahan di sisi kami. Tidak ada yang diubah; silakan coba lagi.</p>
      </Page>,
      500,
    )
  })
  return app
}

/** The console as one prefix route of the app's HTTP server. */
export function consoleRoutes(deps: ConsoleDeps): Route[] {
  const listener = getRequestListener(createConsoleApp(deps).fetch)
  return [{ method: '*', path: '/console/*', handler: (req, res) => listener(req, res) }]
}
