import type { OutboxMessage, Platform } from '../domain/types.js'

/** One platform's way of delivering outbox messages. */
export interface Notifier {
  readonly platform: Platform
  send(chatId: string, message: OutboxMessage): Promise<{ messageId: string }>
  edit(chatId: string, messageId: string, message: OutboxMessage): Promise<void>
}

/**
 * A failed delivery, classified by the notifier: `retryAfterMs` when the platform said when to come
 * back (429), `permanent` when retrying cannot help (blocked by the user, chat gone, bad request).
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly opts: { retryAfterMs?: number; permanent?: boolean } = {},
  ) {
    super(message)
    this.name = 'DeliveryError'
  }
}
