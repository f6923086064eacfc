import { randomUUID } from 'node:crypto'
import { encodeAction } from '../../conversation/actions.js'
import type { Capabilities, Message } from '../../conversation/message.js'
import type { Db } from '../../db/client.js'
import type { Clock } from '../../domain/clock.js'

// The playground's chat lives in the database (PlaygroundMessage): every message a person sees there, one
// row per state, so the page can be reloaded, opened twice or by several trainees, and the app restarted.

export const PLAYGROUND_CAPABILITIES: Capabilities = {
  platform: 'playground',
  // the page redraws a message in place, as Telegram and Slack edit
  editMessages: true,
  // a page has room: generous, but still within what one screen shows
  maxButtons: 50,
  maxButtonsPerRow: 5,
  maxButtonLabel: 64,
  maxText: 8000,
  maxCaption: 8000,
  // no forms: multi-step input is typed, one answer at a time, as on Telegram and WhatsApp
  forms: false,
  buttonsInline: true,
  evidenceRefs: [],
  commandPrefix: '/',
}

/** Who a row of the chat is from: the bot, the person themself (what they typed or pressed), or a notice (a pressed button's answer). */
export type From = 'bot' | 'person' | 'notice'

interface Stored {
  from: From
  message: Message
  /** An image that goes with the message (the digest's chart), as a data URL. */
  image?: string
  /** A document that goes with the message (the /ekspor workbook): the page offers it as a download. */
  file?: { name: string; mime: string; url: string }
}

/** One message as the page draws it: its blocks, each button with its encoded action. */
export interface ChatEntry {
  /** The row's id: the cursor for the next read. */
  cursor: number
  /** The message as the chat knows it: a later entry with the same ref is its new state. */
  ref: string
  from: From
  at: string
  summary?: string
  image?: string
  file?: { name: string; mime: string; url: string }
  blocks: (
    | { type: 'text'; text: string; heading?: string }
    | { type: 'note'; text: string }
    | { type: 'divider' }
    | { type: 'buttons'; buttons: { label: string; data: string; role?: string }[] }
  )[]
}

export function createChat(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps

  async function add(chatId: string, from: From, message: Message, image?: string): Promise<string> {
    const ref = randomUUID()
    // a file's bytes travel as a data URL the page can download, not inside the message's JSON
    const { file, ...rest } = message
    const attached = file ? { file: { name: file.filename, mime: file.mime, url: `data:${file.mime};base64,${Buffer.from(file.data).toString('base64')}` } } : {}
    await write(chatId, ref, { from, message: rest, ...(image ? { image } : {}), ...attached })
    return ref
  }

  async function write(chatId: string, ref: string, stored: Stored) {
    await db.playgroundMessage.create({ data: { chatId, ref, payload: JSON.stringify(stored), createdAt: clock.now() } })
  }

  /** The message's new state (an edit); false when the chat has no such message. */
  async function edit(chatId: string, ref: string, change: (m: Message) => Message): Promise<boolean> {
    const last = await db.playgroundMessage.findFirst({ where: { chatId, ref }, orderBy: { id: 'desc' } })
    if (!last) return false
    const stored = JSON.parse(last.payload) as Stored
    await write(chatId, ref, { ...stored, message: change(stored.message) })
    return true
  }

  /** The entries after `after` (0: everything), oldest first; an edited message comes again as its new state. */
  async function read(chatId: string, after = 0, limit = 500): Promise<ChatEntry[]> {
    const rows = await db.playgroundMessage.findMany({ where: { chatId, id: { gt: after } }, orderBy: { id: 'asc' }, take: limit })
    return rows.map((r) => toEntry(r.id, r.ref, r.createdAt, JSON.parse(r.payload) as Stored))
  }

  return { add, edit, read }
}
export type Chat = ReturnType<typeof createChat>

/** The neutral message for the page: text as written, buttons with the action encoded as the codec writes it. */
function toEntry(cursor: number, ref: string, at: Date, s: Stored): ChatEntry {
  return {
    cursor,
    ref,
    from: s.from,
    at: at.toISOString(),
    ...(s.message.summary ? { summary: s.message.summary } : {}),
    ...(s.image ? { image: s.image } : {}),
    ...(s.file ? { file: s.file } : {}),
    blocks: s.message.blocks.map((b) =>
      b.type === 'buttons'
        ? { type: 'buttons' as const, buttons: b.buttons.map((x) => ({ label: x.label, data: encodeAction(x.action, 'playground'), ...(x.role ? { role: x.role } : {}) })) }
        : b,
    ),
  }
}
