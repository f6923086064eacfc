import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'

// The WhatsApp Cloud API webhook, as pure functions the HTTP routes call:
//   GET  /whatsapp/webhook → verifyChallenge (Meta's subscription handshake)
//   POST /whatsapp/webhook → verifySignature on the raw body, then decodeWebhook into neutral events.
// The shapes follow Meta's webhook reference (object `whatsapp_business_account`, entry[].changes[] with
// field `messages`, whose value carries `messages` from people and `statuses` of what the bot sent).

type Query = URLSearchParams | Record<string, string | string[] | undefined>

const param = (q: Query, name: string): string | undefined => {
  const v = q instanceof URLSearchParams ? (q.get(name) ?? undefined) : q[name]
  return Array.isArray(v) ? undefined : v
}

/** Equal strings in time that depends on neither their content nor their lengths (both are hashed first). */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest()
  return timingSafeEqual(digest(a), digest(b))
}

/**
 * Meta's verification request: `hub.mode=subscribe` with the configured verify token gets 200 and
 * `hub.challenge` echoed as the body; anything else 403. An empty configured token verifies nothing.
 */
export function verifyChallenge(query: Query, verifyToken: string): { status: 200 | 403; body: string } {
  const mode = param(query, 'hub.mode')
  const token = param(query, 'hub.verify_token')
  const challenge = param(query, 'hub.challenge')
  const ok = verifyToken !== '' && mode === 'subscribe' && token !== undefined && challenge !== undefined && sameSecret(token, verifyToken)
  return ok ? { status: 200, body: challenge } : { status: 403, body: 'Forbidden' }
}

export const SIGNATURE_HEADER = 'x-hub-signature-256'

/** `sha256=` and the hex HMAC-SHA256 of the raw body with the app secret. */
export function signBody(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`
}

/**
 * Is `header` (X-Hub-Signature-256) the signature of exactly these bytes? Compared in constant time. The
 * body must be the raw bytes as received: parsed and re-serialised JSON signs differently.
 */
export function verifySignature(rawBody: Buffer | string, header: string | string[] | undefined, appSecret: string): boolean {
  if (typeof header !== 'string' || appSecret === '') return false
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header.trim())
  if (!m) return false
  const expected = createHmac('sha256', appSecret).update(rawBody).digest()
  return timingSafeEqual(Buffer.from(m[1]!.toLowerCase(), 'hex'), expected)
}

// ---------------------------------------------------------------------------------------------------
// Decoding. Unknown keys are ignored (Meta adds fields); what the bot relies on is required.
// ---------------------------------------------------------------------------------------------------

const unixSeconds = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform((s) => new Date(Number(s) * 1000))

const mediaSchema = z.object({
  id: z.string().min(1),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
})

const messageSchema = z.object({
  from: z.string().min(1),
  id: z.string().min(1),
  timestamp: unixSeconds,
  type: z.string(),
  context: z.object({ id: z.string().optional(), from: z.string().optional() }).optional(),
  text: z.object({ body: z.string() }).optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
      list_reply: z.object({ id: z.string(), title: z.string(), description: z.string().optional() }).optional(),
    })
    .optional(),
  /** A template's quick-reply button (not an interactive message's). */
  button: z.object({ payload: z.string().optional(), text: z.string() }).optional(),
  image: mediaSchema.optional(),
  document: mediaSchema.optional(),
})

const errorSchema = z.object({
  code: z.number().int(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.object({ details: z.string().optional() }).optional(),
})

const statusSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  timestamp: unixSeconds,
  recipient_id: z.string().optional(),
  errors: z.array(errorSchema).optional(),
})

const valueSchema = z.object({
  messaging_product: z.literal('whatsapp'),
  metadata: z.object({ display_phone_number: z.string().optional(), phone_number_id: z.string() }),
  contacts: z.array(z.object({ wa_id: z.string().optional(), profile: z.object({ name: z.string().optional() }).optional() })).optional(),
  messages: z.array(messageSchema).optional(),
  statuses: z.array(statusSchema).optional(),
})

const bodySchema = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.object({
      id: z.string(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })),
    }),
  ),
})

/** What every inbound event says about where it came from. */
export interface Inbound {
  /** The sender's WhatsApp id (their number, `62812…`): the chat account's external id and chat id. */
  from: string
  /** The `wamid…` of the message: the update's key for deduplication. */
  messageId: string
  at: Date
  /** The business number it was sent to. */
  phoneNumberId: string
  /** The profile name the person chose, when the webhook carries it. */
  name?: string
  /** The message this one replies to (a card the person answered by quoting it). */
  replyTo?: string
}

export type MediaKind = 'image' | 'document'

export type WhatsAppEvent =
  | (Inbound & { kind: 'text'; text: string })
  /** An interactive reply button: its id is the action's compact form. */
  | (Inbound & { kind: 'button'; id: string; title: string })
  /** A row picked from an interactive list. */
  | (Inbound & { kind: 'list'; id: string; title: string })
  /** A template's quick-reply button: its payload as the template was sent with it. */
  | (Inbound & { kind: 'templateButton'; payload: string; text: string })
  | (Inbound & { kind: 'media'; media: MediaKind; mediaId: string; mimeType?: string; sha256?: string; filename?: string; caption?: string })
  /** Anything else a person can send (sticker, voice note, location, reaction…): answered with a hint. */
  | (Inbound & { kind: 'unsupported'; type: string })
  | {
      kind: 'status'
      /** The `wamid…` the send answered with. */
      messageId: string
      status: 'sent' | 'delivered' | 'read' | 'failed' | (string & {})
      recipient?: string
      at: Date
      phoneNumberId: string
      errors: { code: number; title?: string; details?: string }[]
    }

export type DecodeResult = { ok: true; events: WhatsAppEvent[] } | { ok: false; reason: string }

function messageEvent(m: z.infer<typeof messageSchema>, base: Inbound): WhatsAppEvent {
  switch (m.type) {
    case 'text':
      if (m.text) return { ...base, kind: 'text', text: m.text.body }
      break
    case 'interactive': {
      const i = m.interactive
      if (i?.type === 'button_reply' && i.button_reply) return { ...base, kind: 'button', id: i.button_reply.id, title: i.button_reply.title }
      if (i?.type === 'list_reply' && i.list_reply) return { ...base, kind: 'list', id: i.list_reply.id, title: i.list_reply.title }
      break
    }
    case 'button':
      if (m.button) return { ...base, kind: 'templateButton', payload: m.button.payload ?? m.button.text, text: m.button.text }
      break
    case 'image':
    case 'document': {
      const media = m[m.type]
      if (media) {
        return {
          ...base,
          kind: 'media',
          media: m.type,
          mediaId: media.id,
          ...(media.mime_type !== undefined && { mimeType: media.mime_type }),
          ...(media.sha256 !== undefined && { sha256: media.sha256 }),
          ...(media.filename !== undefined && { filename: media.filename }),
          ...(media.caption !== undefined && { caption: media.caption }),
        }
      }
      break
    }
  }
  return { ...base, kind: 'unsupported', type: m.type === 'interactive' ? `interactive:${m.interactive?.type ?? '?'}` : m.type }
}

/**
 * The events of one webhook body, in the order they came. A body that is not a WhatsApp Business webhook
 * is refused with the reason; a change of another field (account updates, templates) carries no event.
 */
export function decodeWebhook(body: unknown): DecodeResult {
  const parsed = bodySchema.safeParse(body)
  if (!parsed.success) return { ok: false, reason: z.prettifyError(parsed.error) }
  const events: WhatsAppEvent[] = []
  for (const entry of parsed.data.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') continue
      const value = valueSchema.safeParse(change.value)
      if (!value.success) return { ok: false, reason: z.prettifyError(value.error) }
      const v = value.data
      const phoneNumberId = v.metadata.phone_number_id
      const names = new Map((v.contacts ?? []).flatMap((c) => (c.wa_id && c.profile?.name ? [[c.wa_id, c.profile.name] as const] : [])))
      for (const m of v.messages ?? []) {
        const name = names.get(m.from)
        const base: Inbound = {
          from: m.from,
          messageId: m.id,
          at: m.timestamp,
          phoneNumberId,
          ...(name !== undefined && { name }),
          ...(m.context?.id !== undefined && { replyTo: m.context.id }),
        }
        events.push(messageEvent(m, base))
      }
      for (const s of v.statuses ?? []) {
        events.push({
          kind: 'status',
          messageId: s.id,
          status: s.status,
          ...(s.recipient_id !== undefined && { recipient: s.recipient_id }),
          at: s.timestamp,
          phoneNumberId,
          errors: (s.errors ?? []).map((e) => ({
            code: e.code,
            ...(e.title !== undefined && { title: e.title }),
            ...((e.error_data?.details ?? e.message) !== undefined && { details: e.error_data?.details ?? e.message }),
          })),
        })
      }
    }
  }
  return { ok: true, events }
}
