import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from '../logger.js'

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void

export interface Route {
  /** `*`: every method (a sub-application routes them itself). */
  method: 'GET' | 'POST' | '*'
  /** An exact path, or a prefix ending in `/*`: `/console/*` takes `/console` and everything below it. */
  path: string
  handler: Handler
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

/** One HTTP server for webhooks, health, metrics and the console; exact paths first, then prefixes. */
export function createHttpServer(routes: readonly Route[], log: Logger): Server {
  const exact = routes.filter((r) => !r.path.endsWith('/*'))
  const table = new Map(exact.map((r) => [`${r.method} ${r.path}`, r.handler]))
  const prefixes = routes.filter((r) => r.path.endsWith('/*')).map((r) => ({ ...r, base: r.path.slice(0, -2) }))
  const byPrefix = (method: string | undefined, path: string) =>
    prefixes.find((r) => (r.method === '*' || r.method === method) && (path === r.base || path.startsWith(`${r.base}/`)))?.handler
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!
    const handler = table.get(`${req.method} ${path}`) ?? byPrefix(req.method, path)
    if (!handler) return sendJson(res, 404, { error: 'not found' })
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((err: unknown) => {
        // never let a handler error crash the process; a 500 makes Telegram and Slack retry
        log.error({ err: { message: err instanceof Error ? err.message : String(err) }, path }, 'http handler failed')
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' })
        else res.end()
      })
  })
}

export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return (server.address() as AddressInfo).port
}
