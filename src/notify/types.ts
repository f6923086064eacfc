import type { Capabilities } from '../conversation/message.js'
import type { OutboxMessage, Platform } from '../domain/types.js'

/** A file that goes with a message (the digest chart), loaded by the dispatcher at send time. */
export interface OutboundFile {
  filename: string
  mime: string
  data: Buffer
}

/** One platform's way of delivering outbox messages. */
export interface Notifier {
  readonly platform: Platform
  /**
   * What the platform can do. The dispatcher reads `editMessages`: a platform that cannot edit gets a
   * message that replaces an earlier one (an approval card's outcome) as a new message (`send`), which
   * its renderer opens with a line quoting the card.
   */
  readonly capabilities: Capabilities
  /**
   * `files`: an image is sent as a photo (Telegram) or an uploaded file (Slack), the text as its caption.
   * `replyTo`: the message this one is the new state of, on a platform that cannot edit (WhatsApp quotes it).
   * An answer with `waiting` was not delivered: the platform cannot take it now (WhatsApp's 24-hour window is
   * closed; the person was told by a template) and the row waits, WAITING, until the platform releases it.
   */
  send(chatId: string, message: OutboxMessage, files?: OutboundFile[], opts?: SendOptions): Promise<SendResult>
  edit(chatId: string, messageId: string, message: OutboxMessage): Promise<void>
}

export interface SendOptions {
  replyTo?: string
}

export interface SendResult {
  messageId: string
  /** Why it was not delivered and waits for the platform's release (the outbox row's lastError). */
  waiting?: string
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
