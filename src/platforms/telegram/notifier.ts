import { GrammyError, HttpError, InputFile, type Api } from 'grammy'
import type { OutboxMessage } from '../../domain/types.js'
import { DeliveryError, type Notifier, type OutboundFile } from '../../notify/types.js'
import { renderForTelegram, TELEGRAM_CAPABILITIES } from './message.js'

type GrammySignal = NonNullable<Parameters<Api['sendMessage']>[3]>

/** What went wrong under an HttpError, in words, without the request URL (it holds the token). */
function describeHttpError(err: HttpError): string {
  // node-fetch's FetchError message holds the URL (and so the token): only its type and code are used
  const cause = err.error as { status?: number; statusText?: string; name?: string; type?: string; code?: string } | undefined
  if (cause && typeof cause.status === 'number') return `http ${cause.status}${cause.statusText ? ` ${cause.statusText}` : ''}`
  if (cause?.name === 'SyntaxError' || cause?.type === 'invalid-json') return 'the answer was not JSON'
  if (cause?.code) return cause.code
  if (cause?.name === 'AbortError' || cause?.name === 'TimeoutError') return 'timed out'
  return cause?.name ?? 'network error'
}

/** Maps a Bot API failure onto what the dispatcher should do with it. */
export function classifyTelegramError(err: unknown): DeliveryError {
  if (err instanceof GrammyError) {
    const retryAfter = err.parameters.retry_after
    if (err.error_code === 429) return new DeliveryError(`telegram 429`, { retryAfterMs: (retryAfter ?? 1) * 1000 })
    // a proxy in front of the Bot API (502/503/504) can answer with JSON that is no Bot API error at
    // all: without an error_code nothing says the request is bad, so it is retried like a 5xx
    if (typeof err.error_code !== 'number') return new DeliveryError(`telegram error without error_code: ${err.description ?? 'no description'}`)
    if (err.error_code >= 500) return new DeliveryError(`telegram ${err.error_code}: ${err.description ?? 'server error'}`)
    // 400 bad request, 403 blocked by the user / chat gone: the same request will fail again
    return new DeliveryError(`telegram ${err.error_code}: ${err.description}`, { permanent: true })
  }
  // no JSON at all (an HTML error page, an empty body) or no answer: a transport failure, retried
  if (err instanceof HttpError) return new DeliveryError(`telegram transport error: ${describeHttpError(err)}`)
  return new DeliveryError(err instanceof Error ? err.message : String(err))
}

/**
 * `timeoutMs` bounds one API call: a send must end well inside the outbox lease, or another dispatcher
 * could take the row over while it is still on its way (grammY's own default is 500 s).
 */
export function createTelegramNotifier(api: Api, opts: { timeoutMs?: number } = {}): Notifier {
  // grammY types its signal with the abort-controller shim; Node's own AbortSignal is what it uses at runtime
  const signal = () => (opts.timeoutMs ? (AbortSignal.timeout(opts.timeoutMs) as unknown as GrammySignal) : undefined)
  return {
    platform: 'telegram',
    capabilities: TELEGRAM_CAPABILITIES,
    async send(chatId: string, message: OutboxMessage, files?: OutboundFile[]) {
      const image = files?.find((f) => f.mime.startsWith('image/'))
      // a chart goes as a photo with the text as its caption (kept within 1,024)
      const r = renderForTelegram(message, { caption: image !== undefined })
      const extra = r.keyboard ? { reply_markup: r.keyboard } : {}
      try {
        const sent = image
          ? await api.sendPhoto(chatId, new InputFile(image.data, image.filename), { caption: r.text, ...extra }, signal())
          : await api.sendMessage(chatId, r.text, extra, signal())
        return { messageId: String(sent.message_id) }
      } catch (err) {
        throw classifyTelegramError(err)
      }
    },
    async edit(chatId: string, messageId: string, message: OutboxMessage) {
      const r = renderForTelegram(message)
      try {
        await api.editMessageText(chatId, Number(messageId), r.text, r.keyboard ? { reply_markup: r.keyboard } : {}, signal())
      } catch (err) {
        // an edit that changes nothing already has the effect we want
        if (err instanceof GrammyError && /message is not modified/.test(err.description)) return
        throw classifyTelegramError(err)
      }
    },
  }
}
