import { DomainError } from '../../domain/errors.js'
import { mimeFromName, type EvidenceFetcher } from '../../domain/evidence-files.js'
import type { Logger } from '../../logger.js'
import type { WebClient } from './context.js'

/**
 * Downloads a file a person uploaded in the report form (files.info, then its private URL with the bot
 * token). A file over the cap is refused; one that cannot be had now leaves the report with its name only.
 */
export function slackEvidenceFetcher(client: WebClient, opts: { token: string; maxBytes: number; timeoutMs: number; log: Logger }): EvidenceFetcher {
  return async (evidence) => {
    const tooLarge = (bytes: number) => new DomainError('INVALID_INPUT', 'evidence.tooLarge', { size: bytes, max: opts.maxBytes })
    try {
      const { file } = await client.files.info({ file: evidence.ref })
      if (file?.size !== undefined && file.size > opts.maxBytes) throw tooLarge(file.size)
      const url = file?.url_private_download ?? file?.url_private
      if (!url) return null
      const res = await fetch(url, { headers: { authorization: `Bearer ${opts.token}` }, signal: AbortSignal.timeout(opts.timeoutMs) })
      // without the token Slack answers 200 with a login page: only the file's own type counts
      if (!res.ok || (res.headers.get('content-type') ?? '').startsWith('text/html')) throw new Error(`file download answered ${res.status}`)
      const data = new Uint8Array(await res.arrayBuffer())
      if (data.byteLength > opts.maxBytes) throw tooLarge(data.byteLength)
      const filename = evidence.name ?? file?.name ?? evidence.ref
      return { filename, mime: file?.mimetype || mimeFromName(filename), data }
    } catch (err) {
      if (err instanceof DomainError) throw err
      opts.log.warn({ err: { message: (err as Error).message } }, 'slack evidence could not be downloaded: stored by name only')
      return null
    }
  }
}
