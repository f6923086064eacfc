import type { Context } from 'grammy'
import type { Actor } from '../../domain/types.js'
import type { Logger } from '../../logger.js'

// multi-step conversations are not kept here: their state is the conversation core's (src/conversation/store.ts)
export type BotContext = Context & {
    log: Logger
    /** The linked employee, resolved from the database for this update; undefined when unlinked. */
    actor?: Actor
    /** Set once this update's callback query was answered: Telegram takes one answer only. */
    callbackAnswered?: boolean
    /** How handling ended, for metrics (handled unless set). */
    outcome?: 'handled' | 'duplicate' | 'failed'
  }

/** Narrowed context for features that run only for linked users. */
export type LinkedContext = BotContext & { actor: Actor }
