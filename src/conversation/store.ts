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

const PREFIX = 'conv:'
const keyOf = (k: ChatKey) => `${PREFIX}${k.platform}:${k.chatId}`

const PRUNE_PAGE = 500

/**
 * Housekeeping of the Session table: the rows of the old per-platform sessions (keys without the
 * conversation prefix: grammY's, keyed by a plain chat id), unused since the flows moved to the core,
 * and conversation states past their expiry that nobody came back to. Returns the counts removed.
 */
export async function pruneSessions(db: Db, at: Date): Promise<{ legacy: number; expired: number }> {
  const legacy = await db.session.deleteMany({ where: { NOT: { key: { startsWith: PREFIX } } } })
  const isExpired = (value: string) => {
    try {
      return !(Date.parse((JSON.parse(value) as Stored).expiresAt) > at.getTime())
    } catch {
      return true
    }
  }
  let removed = 0
  // a page of conversations at a time (by key), so a large installation is not read into memory at once
  for (let after: string | undefined; ; ) {
    const rows = await db.session.findMany({
      where: { key: after === undefined ? { startsWith: PREFIX } : { startsWith: PREFIX, gt: after } },
      select: { key: true, value: true },
      orderBy: { key: 'asc' },
      take: PRUNE_PAGE,
    })
    // only the value read: a state saved again meanwhile stays
    for (const r of rows.filter((r) => isExpired(r.value))) removed += (await db.session.deleteMany({ where: { key: r.key, value: r.value } })).count
    if (rows.length < PRUNE_PAGE) break
    after = rows.at(-1)!.key
  }
  return { legacy: legacy.count, expired: removed }
}

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

  /** Is a conversation under way here (a live state, not one past its timeout)? Reads only. */
  async function isOpen(k: ChatKey): Promise<boolean> {
    const row = await db.session.findUnique({ where: { key: keyOf(k) }, select: { value: true } })
    if (!row) return false
    try {
      return Date.parse((JSON.parse(row.value) as Stored).expiresAt) > clock.now().getTime()
    } catch {
      return false
    }
  }

  return { load, save, isOpen, timeoutMs }
}

export type ConversationStore = ReturnType<typeof createConversationStore>
