import type { Context, MiddlewareHandler } from 'hono'
import type { ConsoleRole } from './auth.js'
import { Page } from './layout.js'
import type { ConsoleEnv } from './types.js'

/**
 * Lets only these roles through; anyone else signed in gets 403 and nothing happens. Mount it on every
 * route of a section (`app.use('/console/impor/*', allow('ADMIN'))` and the section's own path).
 */
export function allow(...roles: ConsoleRole[]): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    if (!roles.includes(c.get('viewer').role)) return forbidden(c)
    await next()
  }
}

/** The answer to a signed-in person who asks for what is not theirs (another unit, another role's page). */
export function forbidden(c: Context<ConsoleEnv>, reason = 'Halaman ini tidak termasuk wewenang Anda.') {
  return c.html(
    <Page title="Tidak berwenang" viewer={c.get('viewer')}>
      <p class="error" role="alert">
        {reason}
      </p>
    </Page>,
    403,
  )
}

export function notFound(c: Context<ConsoleEnv>, reason = 'Halaman atau data ini tidak ada.') {
  return c.html(
    <Page title="Tidak ditemukan" viewer={c.get('viewer')}>
      <p class="error" role="alert">
        {reason}
      </p>
    </Page>,
    404,
  )
}
