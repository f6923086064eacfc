import { renderOutbox } from '../../conversation/render.js'
import { plainText, type Message } from '../../conversation/message.js'
import type { Db } from '../../db/client.js'
import type { Clock } from '../../domain/clock.js'
import { isImage } from '../../domain/evidence-files.js'
import type { Logger } from '../../logger.js'
import type { Notifier, OutboundFile, SendResult } from '../../notify/types.js'
import { classify, type WhatsAppClient } from './client.js'
import { fit, templateContent, toWhatsApp, WHATSAPP_CAPABILITIES, WHATSAPP_LIMITS, type WhatsAppContent } from './message.js'
import { isWindowOpen, WINDOW_MS } from './window.js'

// Delivery on WhatsApp. Inside the person's 24-hour window a message goes out as it is (text, buttons,
// lists; a chart as an uploaded image). Outside it the API takes only an approved template: the person
// gets one "something is waiting for you" template with a quick-reply button, the row waits (WAITING),
// and their next message releases everything that waits, in order (inbound.ts).

/** The payload of the template's quick-reply button: pressing it is a message, which opens the window. */
export const WAITING_PAYLOAD = 'kinerja:waiting'
/** Our clock and WhatsApp's may differ a little: the window's last minutes count as closed. */
export const WINDOW_MARGIN_MS = 2 * 60_000
/** A template's body parameter: one line, no more than four spaces in a row (the API refuses them). */
const TEMPLATE_PARAM_MAX = 200

export interface WhatsAppTemplates {
  waiting: string
  language: string
}

/** What waits, in one line for the template's parameter: the message's summary or its first line. */
export function waitingLine(m: Message): string {
  const first = m.summary ?? m.blocks.flatMap((b) => (b.type === 'text' ? [b.heading ?? b.text] : [])).find((s) => s.trim() !== '') ?? plainText(m)
  const line = first.replace(/[\r\n\t]+/g, ' ').replace(/ {2,}/g, ' ').replace(/[*_~`]/g, '').trim()
  return fit(line || 'Pesan', TEMPLATE_PARAM_MAX)
}

export interface WhatsAppNotifierDeps {
  client: WhatsAppClient
  db: Db
  clock: Clock
  log: Logger
  templates: WhatsAppTemplates
  /** How long 130429 (throughput) and 131056 (pair limit) make us wait. */
  pacing: { rateLimitMs: number; pairLimitMs: number }
}

export function createWhatsAppWindow(deps: Omit<WhatsAppNotifierDeps, 'log'>) {
  const { client, db, clock, templates } = deps
  const account = (waId: string) =>
    db.chatAccount.findUnique({ where: { platform_externalId: { platform: 'whatsapp', externalId: waId } }, select: { lastInboundAt: true, templateSentAt: true } })

  /**
   * The window is closed: tell the person by the template that something waits, once until they write
   * (and again a day later if they have not); the reason the row waits.
   */
  async function announce(waId: string, what: string): Promise<string> {
    const a = await account(waId)
    const now = clock.now()
    const told = a?.templateSentAt && (!a.lastInboundAt || a.templateSentAt > a.lastInboundAt) && now.getTime() - a.templateSentAt.getTime() < WINDOW_MS
    if (told) return `24-hour window closed: waiting for the person's next message (template sent ${a.templateSentAt!.toISOString()})`
    try {
      await client.send(waId, templateContent(templates.waiting, templates.language, [what], WAITING_PAYLOAD))
    } catch (err) {
      throw classify(err, deps.pacing)
    }
    await db.chatAccount.updateMany({ where: { platform: 'whatsapp', externalId: waId }, data: { templateSentAt: now } })
    return `24-hour window closed: template ${templates.waiting} sent, waiting for the person's next message`
  }

  return {
    announce,
    async isOpen(waId: string): Promise<boolean> {
      return isWindowOpen((await account(waId))?.lastInboundAt, clock.now(), WINDOW_MARGIN_MS)
    },
  }
}
export type WhatsAppWindow = ReturnType<typeof createWhatsAppWindow>

/** Sends the payloads of one message in order (the first quoting `replyTo`); the last one's wamid. */
export async function sendContents(client: WhatsAppClient, to: string, contents: WhatsAppContent[], replyTo?: string): Promise<string> {
  let last = ''
  for (const [i, c] of contents.entries()) last = await client.send(to, c, i === 0 ? replyTo : undefined)
  return last
}

/** A file with the message's text as its caption (or the text first, when it is longer than a caption). */
export async function sendFile(client: WhatsAppClient, to: string, file: OutboundFile, m: Message, replyTo?: string): Promise<string> {
  const mediaId = await client.upload(file.data, file.mime, file.filename)
  const text = toWhatsApp(m)
  const first = text[0]
  const caption = text.length === 1 && first?.type === 'text' && first.text.body.length <= WHATSAPP_LIMITS.interactiveBody ? first.text.body : undefined
  let quote = replyTo
  if (caption === undefined && text.length > 0) {
    await sendContents(client, to, text, quote)
    quote = undefined
  }
  const content: WhatsAppContent = isImage(file.mime)
    ? { type: 'image', image: { id: mediaId, ...(caption ? { caption } : {}) } }
    : { type: 'document', document: { id: mediaId, filename: file.filename, ...(caption ? { caption } : {}) } }
  return client.send(to, content, quote)
}

export function createWhatsAppNotifier(deps: WhatsAppNotifierDeps & { window: WhatsAppWindow }): Notifier {
  const { client, window } = deps
  return {
    platform: 'whatsapp',
    capabilities: WHATSAPP_CAPABILITIES,
    async send(chatId, message, files, opts = {}): Promise<SendResult> {
      const m = renderOutbox(message, WHATSAPP_CAPABILITIES)
      if (!(await window.isOpen(chatId))) return { messageId: '', waiting: await window.announce(chatId, waitingLine(m)) }
      try {
        const file = files?.[0]
        const messageId = file ? await sendFile(client, chatId, file, m, opts.replyTo) : await sendContents(client, chatId, toWhatsApp(m), opts.replyTo)
        return { messageId }
      } catch (err) {
        throw classify(err, deps.pacing)
      }
    },
    // WhatsApp cannot edit (capabilities.editMessages is false): the dispatcher sends the new state instead
    async edit() {
      throw new Error('WhatsApp cannot edit a sent message')
    },
  }
}
