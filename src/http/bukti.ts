import type { ServerResponse } from 'node:http'
import type { Db } from '../db/client.js'
import { EVIDENCE_LINK_PREFIX, resolveEvidenceLink } from '../domain/evidence-links.js'
import type { Logger } from '../logger.js'
import { t } from '../messages/index.js'
import type { Route } from './server.js'

// GET /bukti/<activityId>/<version>-<signature>: the evidence behind a Bukti Dukung link of a progres harian
// export, for anyone holding the link (BKN's verifiers sign in nowhere here). The link itself is the
// credential: it is never logged, only the activity and the answer are.

/** Shown in the browser where the file opens in place; anything else is downloaded. */
const INLINE = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf'])
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i

/** `attachment; filename="laporan_.pdf"; filename*=UTF-8''laporan%E2%80%93.pdf`: no quote, no line break gets through. */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const name = filename.replace(/[\\/]/g, '_').trim() || 'bukti'
  const ascii = name.replace(/[^\x20-\x7e]|["%;]/g, '_')
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`
}

function text(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  })
  res.end(body)
}

export function buktiRoute(deps: { db: Db; secret: string | undefined; log: Logger }): Route {
  const log = deps.log.child({ component: 'bukti' })
  return {
    method: 'GET',
    path: `${EVIDENCE_LINK_PREFIX}/*`,
    handler: async (req, res) => {
      const parts = (req.url ?? '').split('?')[0]!.slice(EVIDENCE_LINK_PREFIX.length + 1).split('/')
      const [idText = '', token = ''] = parts
      // without a secret no link was ever made here: there is nothing to find
      if (!deps.secret || parts.length !== 2) return text(res, 404, t('bukti.notFound'))
      let answer: Awaited<ReturnType<typeof resolveEvidenceLink>>
      try {
        answer = await resolveEvidenceLink(deps.db, deps.secret, idText, token)
      } catch (err) {
        // the path holds the link: the log names the activity only
        log.error({ err: { message: err instanceof Error ? err.message : String(err) }, activity: idText.slice(0, 12) }, 'evidence link failed')
        return text(res, 500, t('error.generic'))
      }
      log.info({ activity: Number(idText) || null, status: answer.status }, 'evidence link opened')
      switch (answer.status) {
        case 403:
          return text(res, 403, t('bukti.forbidden'))
        case 404:
          return text(res, 404, t('bukti.notFound'))
        case 410:
          return text(res, 410, t('bukti.revoked'))
        case 302:
          res.writeHead(302, { location: answer.location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'content-length': 0 })
          return void res.end()
        case 200: {
          const { file } = answer
          const mime = MIME.test(file.mime) ? file.mime.toLowerCase() : 'application/octet-stream'
          const inline = INLINE.has(mime)
          res.writeHead(200, {
            'content-type': mime,
            'content-length': file.data.byteLength,
            'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', file.filename),
            'cache-control': 'private, no-store',
            'x-content-type-options': 'nosniff',
            'referrer-policy': 'no-referrer',
            // a stored file is someone's upload: never run as a page of this origin
            ...(inline ? {} : { 'content-security-policy': "default-src 'none'; sandbox" }),
          })
          return void res.end(Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength))
        }
      }
    },
  }
}
