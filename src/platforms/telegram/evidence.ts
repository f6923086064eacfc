import path from 'node:path'
import type { Api } from 'grammy'
import { DomainError } from '../../domain/errors.js'
import { mimeFromName, type EvidenceFetcher } from '../../domain/evidence-files.js'
import type { Logger } from '../../logger.js'

/**
 * Downloads a photo or document a person sent as evidence (getFile, then the file route of the Bot API,
 * which serves bots files of up to 20 MB). A file over the cap is refused; one that cannot be had now
 * (Telegram down) leaves the report with the file's name only, rather than losing the report.
 */
export function telegramEvidenceFetcher(api: Api, opts: { token: string; apiRoot: string; maxBytes: number; timeoutMs: number; log: Logger }): EvidenceFetcher {
  return async (evidence) => {
    const tooLarge = (bytes: number) => new DomainError('INVALID_INPUT', 'evidence.tooLarge', { size: bytes, max: opts.maxBytes })
    try {
      const file = await api.getFile(evidence.ref)
      if (file.file_size !== undefined && file.file_size > opts.maxBytes) throw tooLarge(file.file_size)
      if (!file.file_path) return null
      const res = await fetch(`${opts.apiRoot}/file/bot${opts.token}/${file.file_path}`, { signal: AbortSignal.timeout(opts.timeoutMs) })
      if (!res.ok) throw new Error(`file download answered ${res.status}`)
      const data = new Uint8Array(await res.arrayBuffer())
      if (data.byteLength > opts.maxBytes) throw tooLarge(data.byteLength)
      const filename = evidence.name ?? path.basename(file.file_path)
      return { filename, mime: evidence.kind === 'photo' ? 'image/jpeg' : mimeFromName(filename), data }
    } catch (err) {
      if (err instanceof DomainError) throw err
      // the message never names the URL: it holds the token
      opts.log.warn({ err: { message: (err as Error).message.replaceAll(opts.token, '<token>') } }, 'telegram evidence could not be downloaded: stored by name only')
      return null
    }
  }
}
