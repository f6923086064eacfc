import { encodeAction } from '../../conversation/actions.js'
import { buttonsOf, type Button, type Capabilities, type Message } from '../../conversation/message.js'

// The neutral message as WhatsApp Cloud API payloads. WhatsApp cannot edit a sent message, draws at most
// three reply buttons under a body of at most 1,024 characters, and offers lists of at most ten rows.
// A message that does not fit one payload becomes several, in order: text is split, never lost.

/** The Cloud API's documented limits for what the bot sends. */
export const WHATSAPP_LIMITS = {
  /** A text message's body. */
  text: 4096,
  /** An interactive message's body, and a media caption. */
  interactiveBody: 1024,
  replyButtons: 3,
  replyButtonTitle: 20,
  /** Reply button ids; list row ids take 200. */
  replyButtonId: 256,
  listRows: 10,
  listRowId: 200,
  listRowTitle: 24,
  listRowDescription: 72,
  /** The label of the button that opens a list. */
  listButton: 20,
} as const

/** What WhatsApp can do. */
export const WHATSAPP_CAPABILITIES: Capabilities = {
  platform: 'whatsapp',
  // an outcome is a new message that quotes the card (context.message_id)
  editMessages: false,
  // up to three as reply buttons, more as the rows of a list
  maxButtons: WHATSAPP_LIMITS.listRows,
  maxButtonsPerRow: WHATSAPP_LIMITS.replyButtons,
  maxButtonLabel: WHATSAPP_LIMITS.replyButtonTitle,
  // what fits one interactive body: a message with buttons must stay within it to stay one message
  maxText: WHATSAPP_LIMITS.interactiveBody,
  maxCaption: WHATSAPP_LIMITS.interactiveBody,
  forms: false,
  // a card's description leaves room in the 1,024 characters for the rest of the card
  cardDescriptionMax: 500,
  buttonsInline: false,
  // a media id expires: evidence opens from the stored copy only
  evidenceRefs: [],
  commandPrefix: '/',
}

export interface ReplyButton {
  type: 'reply'
  reply: { id: string; title: string }
}
export interface ListRow {
  id: string
  title: string
  description?: string
}

/** One message's content: the part of a /messages request after its recipient. */
export type WhatsAppContent =
  | { type: 'text'; text: { body: string; preview_url?: boolean } }
  | { type: 'interactive'; interactive: { type: 'button'; body: { text: string }; action: { buttons: ReplyButton[] } } }
  | { type: 'interactive'; interactive: { type: 'list'; body: { text: string }; action: { button: string; sections: { title?: string; rows: ListRow[] }[] } } }
  | { type: 'template'; template: TemplateContent }
  /** A file uploaded first (POST /{phone-number-id}/media), sent by its media id. */
  | { type: 'image'; image: { id: string; caption?: string } }
  | { type: 'document'; document: { id: string; caption?: string; filename?: string } }

export interface TemplateContent {
  name: string
  language: { code: string }
  components?: (
    | { type: 'body'; parameters: { type: 'text'; text: string }[] }
    | { type: 'button'; sub_type: 'quick_reply'; index: string; parameters: { type: 'payload'; payload: string }[] }
  )[]
}

/** A whole POST /{phone-number-id}/messages body. */
export type WhatsAppSendBody = { messaging_product: 'whatsapp'; recipient_type: 'individual'; to: string; context?: { message_id: string } } & WhatsAppContent

/** The request body that sends `content` to `to` (a WhatsApp id), quoting `replyTo` when given. */
export function sendBody(to: string, content: WhatsAppContent, replyTo?: string): WhatsAppSendBody {
  return { messaging_product: 'whatsapp', recipient_type: 'individual', to, ...(replyTo ? { context: { message_id: replyTo } } : {}), ...content }
}

/**
 * An approved template: its body parameters in order, and the payload of its quick-reply button (what
 * comes back as the button's payload when the person presses it).
 */
export function templateContent(name: string, languageCode: string, params: string[] = [], quickReply?: string): WhatsAppContent {
  const components: NonNullable<TemplateContent['components']> = []
  if (params.length > 0) components.push({ type: 'body', parameters: params.map((text) => ({ type: 'text', text })) })
  if (quickReply !== undefined) components.push({ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: quickReply }] })
  return { type: 'template', template: { name, language: { code: languageCode }, ...(components.length > 0 ? { components } : {}) } }
}

/** Words WhatsApp's widgets need that the neutral message does not carry. */
export interface WhatsAppWords {
  /** The button that opens a list of choices. */
  listButton: string
  /** The body of a further list when there are more than ten choices. */
  moreChoices: string
}
export const DEFAULT_WORDS: WhatsAppWords = { listButton: 'Pilih', moreChoices: 'Pilihan lainnya' }

/** Cut to `max` characters with an ellipsis, never between the two halves of a surrogate pair. */
export function fit(text: string, max: number): string {
  if (text.length <= max) return text
  let end = max - 1
  if (isHighSurrogate(text.charCodeAt(end - 1))) end--
  return `${text.slice(0, end)}…`
}
const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff

const SEPARATORS = ['\n\n', '\n', ' ']
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff

/**
 * Splits text into pieces of at most `max` characters, at a paragraph, else a line, else a space, else
 * anywhere (but not inside a surrogate pair); the breaks are dropped, nothing else is. A break in the
 * first fifth of a piece would leave a sliver of a message: then the cut falls inside the word.
 */
export function splitText(text: string, max: number): string[] {
  const out: string[] = []
  let rest = text
  while (rest.length > max) {
    let cut = -1
    let skip = 0
    for (const sep of SEPARATORS) {
      const at = rest.lastIndexOf(sep, max)
      if (at > max / 5) {
        cut = at
        skip = sep.length
        break
      }
    }
    if (cut < 0) cut = isHighSurrogate(rest.charCodeAt(max - 1)) ? max - 1 : max
    out.push(rest.slice(0, cut))
    rest = rest.slice(cut + skip)
  }
  out.push(rest)
  return out
}

/** The end of `text` that fits `max` characters, cut where splitText would, and what comes before it. */
export function splitTail(text: string, max: number): { head: string; tail: string } {
  if (text.length <= max) return { head: '', tail: text }
  const from = text.length - max
  for (const sep of SEPARATORS) {
    const at = text.indexOf(sep, Math.max(0, from - sep.length))
    if (at >= 0 && text.length - (at + sep.length) > max / 5) return { head: text.slice(0, at), tail: text.slice(at + sep.length) }
  }
  const cut = isLowSurrogate(text.charCodeAt(from)) ? from + 1 : from
  return { head: text.slice(0, cut), tail: text.slice(cut) }
}

/** The text of a message as WhatsApp shows it: headings in bold (`*…*`), blocks a blank line apart. */
export function whatsappText(m: Message): string {
  const parts: string[] = []
  for (const b of m.blocks) {
    switch (b.type) {
      case 'text':
        parts.push(b.heading ? (b.text ? `*${b.heading}*\n${b.text}` : `*${b.heading}*`) : b.text)
        break
      case 'note':
        parts.push(`_${b.text}_`)
        break
      case 'divider':
      case 'buttons':
        break
    }
  }
  return parts.filter((p) => p !== '').join('\n\n')
}

const replyButton = (b: Button): ReplyButton => ({ type: 'reply', reply: { id: encodeAction(b.action, 'whatsapp'), title: fit(b.label, WHATSAPP_LIMITS.replyButtonTitle) } })

function listRow(b: Button): ListRow {
  const id = encodeAction(b.action, 'whatsapp')
  if (id.length > WHATSAPP_LIMITS.listRowId) throw new Error(`a ${b.action.kind} button's id takes ${id.length} characters, more than a list row's ${WHATSAPP_LIMITS.listRowId}`)
  const title = fit(b.label, WHATSAPP_LIMITS.listRowTitle)
  // a label cut in the title is shown whole below it, as far as a description goes
  return { id, title, ...(title !== b.label ? { description: fit(b.label, WHATSAPP_LIMITS.listRowDescription) } : {}) }
}

const chunk = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))

/**
 * A neutral message as the payloads that send it, in order:
 * - text only: one text message, or several when longer than a text message takes;
 * - up to three buttons: reply buttons under the text (the text's end, when the text is longer than an
 *   interactive body: what comes before goes ahead as text messages);
 * - more buttons, or labels that are the same in 20 characters: a list of up to ten rows under the text,
 *   and further lists for the rest.
 * Button ids are the actions' compact form (`encodeAction(action, 'whatsapp')`), which the decoder reads back.
 */
export function toWhatsApp(m: Message, words: WhatsAppWords = DEFAULT_WORDS): WhatsAppContent[] {
  const L = WHATSAPP_LIMITS
  const text = whatsappText(m)
  const buttons = buttonsOf(m)
  const texts = (s: string): WhatsAppContent[] => splitText(s, L.text).map((body) => ({ type: 'text', text: { body } }))
  if (buttons.length === 0) return text === '' ? [] : texts(text)

  // the buttons go under the last part of the text, which must fit an interactive body (a body is required)
  const { head, tail: body } = splitTail(text === '' ? (m.summary ?? words.listButton) : text, L.interactiveBody)
  const out: WhatsAppContent[] = head === '' ? [] : texts(head)
  const replies = buttons.map(replyButton)
  // reply buttons need distinct titles; rows of a list do not
  if (buttons.length <= L.replyButtons && new Set(replies.map((b) => b.reply.title)).size === replies.length) {
    out.push({ type: 'interactive', interactive: { type: 'button', body: { text: body }, action: { buttons: replies } } })
    return out
  }
  chunk(buttons, L.listRows).forEach((rows, i) => {
    out.push({
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: i === 0 ? body : words.moreChoices },
        action: { button: fit(words.listButton, L.listButton), sections: [{ rows: rows.map(listRow) }] },
      },
    })
  })
  return out
}
