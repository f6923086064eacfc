import type { Db } from '../db/client.js'
import type { Clock } from '../domain/clock.js'
import type { Platform } from '../domain/types.js'
import type { ConversationState } from './state.js'

// Where each chat is in a multi-step conversation, in the database every instance shares: a restart (or
// another instance taking the next update) resumes it. Rows live in the Session table under a key of
// their own (`conv:<platform>:<chat>`); a state untouched for the timeout is dropped when next read.

export interface ChatKey {
  platform: Platform
  /** The chat the conversation happens in (Telegram chat id, Slack user id). */
  chatId: string
}

/** What a read finds: the live state, or that one timed out (dropped by this read). */
export type Loaded = { state: ConversationState | null; expired: boolean }

interface Stored {
  state: ConversationState
  /** ISO time after which the state is dropped. */
  expiresAt: string
}

const keyOf = (k: ChatKey) => `conv:${k.platform}:${k.chatId}`

export function createConversationStore(deps: { db: Db; clock: Clock; timeoutMs: number }) {
  const { db, clock, timeoutMs } = deps

  async function load(k: ChatKey): Promise<Loaded> {
    const row = await db.session.findUnique({ where: { key: keyOf(k) } })
    if (!row) return { state: null, expired: false }
    let stored: Stored | null = null
    try {
      stored = JSON.parse(row.value) as Stored
    } catch {
      stored = null
    }
    if (stored && Date.parse(stored.expiresAt) > clock.now().getTime()) return { state: stored.state, expired: false }
    // timed out (or unreadable): dropped here, so the person hears about it once
    await db.session.deleteMany({ where: { key: keyOf(k), value: row.value } })
    return { state: null, expired: stored !== null }
  }

  async function save(k: ChatKey, state: ConversationState | null): Promise<void> {
    if (!state) {
      await db.session.deleteMany({ where: { key: keyOf(k) } })
      return
    }
    const value = JSON.stringify({ state, expiresAt: new Date(clock.now().getTime() + timeoutMs).toISOString() } satisfies Stored)
    await db.session.upsert({ where: { key: keyOf(k) }, create: { key: keyOf(k), value }, update: { value } })
  }

  return { load, save, timeoutMs }
}

export type ConversationStore = ReturnType<typeof createConversationStore>
