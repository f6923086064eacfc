import { DeliveryError } from '../../notify/types.js'
import { sendBody, type WhatsAppContent } from './message.js'

// A thin client of the WhatsApp Cloud API (Graph API), over fetch: the base URL is a setting
// (WHATSAPP_API_URL, the version included), so tests point it at a local fake. Three calls only:
//   POST {base}/{phone-number-id}/messages   a message (text, interactive, template, media by id)
//   GET  {base}/{media-id}, then its url      a file a person sent (both with the token)
//   POST {base}/{phone-number-id}/media       an upload (the digest chart)

export interface WhatsAppClientConfig {
  apiUrl: string
  token: string
  phoneNumberId: string
  timeoutMs: number
}

/** A Graph API error answer, as the API words it. */
export class WhatsAppApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    message: string,
    readonly details?: string,
  ) {
    super(message)
    this.name = 'WhatsAppApiError'
  }
}

/** Throughput (130429) and the pair rate limit (131056): wait, do not count an attempt. */
export const RATE_LIMIT_CODES = new Set([130429, 131056, 80007, 4, 613])
/** Worth another attempt: the platform's own trouble, or the token (fixed by an operator, not by the message). */
const TRANSIENT_CODES = new Set([1, 2, 190, 131000, 131016, 133004, 131048])

/**
 * A failure as the dispatcher needs it: rate limits wait (`retryAfterMs`), a refusal of the message
 * itself (131026 not on WhatsApp, 131009/131008/100 bad parameters, 132001 unknown template, 131051…)
 * is permanent and dead-letters with its reason; the rest (5xx, network, timeouts) is retried.
 */
export function classify(err: unknown, pacing: { rateLimitMs: number; pairLimitMs: number }): DeliveryError {
  if (err instanceof DeliveryError) return err
  if (err instanceof WhatsAppApiError) {
    const reason = `WhatsApp ${err.code ?? err.status}: ${err.message}${err.details ? ` (${err.details})` : ''}`
    if (err.code === 131056) return new DeliveryError(reason, { retryAfterMs: pacing.pairLimitMs })
    if (err.status === 429 || (err.code !== undefined && RATE_LIMIT_CODES.has(err.code))) return new DeliveryError(reason, { retryAfterMs: pacing.rateLimitMs })
    if (err.status >= 500 || (err.code !== undefined && TRANSIENT_CODES.has(err.code))) return new DeliveryError(reason)
    return new DeliveryError(reason, { permanent: true })
  }
  return new DeliveryError(err instanceof Error ? err.message : String(err))
}

export function createWhatsAppClient(cfg: WhatsAppClientConfig) {
  const auth = { authorization: `Bearer ${cfg.token}` }
  const signal = () => AbortSignal.timeout(cfg.timeoutMs)

  async function json(res: Response): Promise<Record<string, unknown>> {
    const text = await res.text()
    let body: Record<string, unknown> = {}
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {}
    } catch {
      // an HTML error page from a proxy: the status says enough
    }
    if (!res.ok || body.error) {
      const e = (body.error ?? {}) as { code?: number; message?: string; error_data?: { details?: string } }
      throw new WhatsAppApiError(res.status, e.code, e.message ?? `HTTP ${res.status}`, e.error_data?.details)
    }
    return body
  }

  return {
    /** Sends one message; the answer's wamid (status webhooks name it). */
    async send(to: string, content: WhatsAppContent, replyTo?: string): Promise<string> {
      const res = await fetch(`${cfg.apiUrl}/${cfg.phoneNumberId}/messages`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(sendBody(to, content, replyTo)),
        signal: signal(),
      })
      const body = await json(res)
      const id = (body.messages as { id?: string }[] | undefined)?.[0]?.id
      if (!id) throw new WhatsAppApiError(res.status, undefined, 'the send was answered without a message id')
      return id
    },

    /** A file a person sent: its metadata (the short-lived url), then its bytes, refused above `maxBytes`. */
    async download(mediaId: string, maxBytes: number): Promise<{ data: Uint8Array<ArrayBuffer>; mime: string; size: number } | { tooLarge: number }> {
      const meta = await json(await fetch(`${cfg.apiUrl}/${encodeURIComponent(mediaId)}`, { headers: auth, signal: signal() }))
      const size = Number(meta.file_size ?? 0)
      if (size > maxBytes) return { tooLarge: size }
      if (typeof meta.url !== 'string') throw new WhatsAppApiError(200, undefined, 'media without a url')
      const res = await fetch(meta.url, { headers: auth, signal: signal() })
      if (!res.ok) throw new WhatsAppApiError(res.status, undefined, `media download answered ${res.status}`)
      const data = new Uint8Array(await res.arrayBuffer())
      if (data.byteLength > maxBytes) return { tooLarge: data.byteLength }
      return { data, mime: typeof meta.mime_type === 'string' ? meta.mime_type : (res.headers.get('content-type') ?? 'application/octet-stream'), size: data.byteLength }
    },

    /** Uploads a file to send by id; the media id. */
    async upload(data: Buffer | Uint8Array, mime: string, filename: string): Promise<string> {
      const form = new FormData()
      form.set('messaging_product', 'whatsapp')
      form.set('type', mime)
      form.set('file', new Blob([new Uint8Array(data)], { type: mime }), filename)
      const body = await json(await fetch(`${cfg.apiUrl}/${cfg.phoneNumberId}/media`, { method: 'POST', headers: auth, body: form, signal: signal() }))
      if (typeof body.id !== 'string') throw new WhatsAppApiError(200, undefined, 'the upload was answered without a media id')
      return body.id
    },
  }
}

export type WhatsAppClient = ReturnType<typeof createWhatsAppClient>
