import { GrammyError, HttpError, type Api } from 'grammy'
import type { OutboxMessage } from '../../domain/types.js'
import { DeliveryError, type Notifier } from '../../notify/types.js'
import { renderForTelegram } from './render.js'

/** Maps a Bot API failure onto what the dispatcher should do with it. */
export function classifyTelegramError(err: unknown): DeliveryError {
  if (err instanceof GrammyError) {
    const retryAfter = err.parameters.retry_after
    if (err.error_code === 429) return new DeliveryError(`telegram 429`, { retryAfterMs: (retryAfter ?? 1) * 1000 })
    if (err.error_code >= 500) return new DeliveryError(`telegram ${err.error_code}`)
    // 400 bad request, 403 blocked by the user / chat gone: the same request will fail again
    return new DeliveryError(`telegram ${err.error_code}: ${err.description}`, { permanent: true })
  }
  if (err instanceof HttpError) return new DeliveryError('telegram network error')
  return new DeliveryError(err instanceof Error ? err.message : String(err))
}

export function createTelegramNotifier(api: Api): Notifier {
  return {
    platform: 'telegram',
    async send(chatId: string, message: OutboxMessage) {
      const r = renderForTelegram(message)
      try {
        const sent = await api.sendMessage(chatId, r.text, r.keyboard ? { reply_markup: r.keyboard } : {})
        return { messageId: String(sent.message_id) }
      } catch (err) {
        throw classifyTelegramError(err)
      }
    },
    async edit(chatId: string, messageId: string, message: OutboxMessage) {
      const r = renderForTelegram(message)
      try {
        await api.editMessageText(chatId, Number(messageId), r.text, r.keyboard ? { reply_markup: r.keyboard } : {})
      } catch (err) {
        // an edit that changes nothing already has the effect we want
        if (err instanceof GrammyError && /message is not modified/.test(err.description)) return
        throw classifyTelegramError(err)
      }
    },
  }
}
