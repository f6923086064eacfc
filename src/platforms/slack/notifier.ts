import type { OutboxMessage } from '../../domain/types.js'
import { DeliveryError, type Notifier, type OutboundFile } from '../../notify/types.js'
import { escapeMrkdwn } from './blocks.js'
import { renderForSlack, SLACK_CAPABILITIES } from './message.js'
import type { WebClient } from './context.js'
import type { DmChannels } from './dm-channels.js'

// Slack answers most failures with HTTP 200 and `ok: false`; only these are worth another attempt
const TRANSIENT = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org'])

/** Maps a Web API failure onto what the dispatcher should do with it. */
export function classifySlackError(err: unknown): DeliveryError {
  const e = err as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } }
  switch (e?.code) {
    case 'slack_webapi_rate_limited_error':
      return new DeliveryError('slack 429', { retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000 })
    case 'slack_webapi_http_error':
      // 5xx and the odd proxy error: Slack itself is having trouble
      return new DeliveryError(`slack http ${e.statusCode ?? '?'}`, { permanent: (e.statusCode ?? 500) < 500 && e.statusCode !== 429 })
    case 'slack_webapi_platform_error': {
      const reason = e.data?.error ?? 'unknown'
      // channel_not_found, is_archived, invalid_blocks, message_not_found, account_inactive…: it would fail again
      return new DeliveryError(`slack ${reason}`, { permanent: !TRANSIENT.has(reason) })
    }
    case 'slack_webapi_request_error':
      return new DeliveryError('slack network error')
    default:
      return new DeliveryError(err instanceof Error ? err.message : String(err))
  }
}

/**
 * Delivers outbox messages as Block Kit messages in the app's DM with the person; the message `ts`
 * is the id an approval card is later replaced by (chat.update).
 */
export function createSlackNotifier(client: WebClient, dm: DmChannels): Notifier {
  return {
    platform: 'slack',
    capabilities: SLACK_CAPABILITIES,
    async send(chatId: string, message: OutboxMessage, files?: OutboundFile[]) {
      const r = renderForSlack(message)
      const image = files?.find((f) => f.mime.startsWith('image/'))
      try {
        const channel = await dm.channelFor(chatId)
        if (image) {
          // a chart is an uploaded file with the text as its comment; it is never edited later
          const uploaded = await client.filesUploadV2({ channel_id: channel, file: image.data, filename: image.filename, initial_comment: escapeMrkdwn(r.text) })
          const file = (uploaded as { files?: { files?: { id?: string }[] }[] }).files?.[0]?.files?.[0]
          return { messageId: file?.id ?? image.filename }
        }
        const sent = await client.chat.postMessage({ channel, text: r.text, blocks: r.blocks })
        if (!sent.ts) throw new DeliveryError('slack chat.postMessage returned no ts', { permanent: true })
        return { messageId: sent.ts }
      } catch (err) {
        throw err instanceof DeliveryError ? err : classifySlackError(err)
      }
    },
    async edit(chatId: string, messageId: string, message: OutboxMessage) {
      const r = renderForSlack(message)
      try {
        await client.chat.update({ channel: await dm.channelFor(chatId), ts: messageId, text: r.text, blocks: r.blocks })
      } catch (err) {
        throw classifySlackError(err)
      }
    },
  }
}
