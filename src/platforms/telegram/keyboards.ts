import { InlineKeyboard, type CallbackQueryContext, type Composer } from 'grammy'
import { actionPattern, decodeActionOf, encodeAction, type Action, type ActionKind, type ActionOf } from '../../conversation/actions.js'
import { ownButtons } from '../../conversation/render-parts.js'
import { pendingNavButtons } from '../../conversation/render-pending.js'
import type { BotContext } from './context.js'
import { keyboardOf, TELEGRAM_CAPABILITIES } from './message.js'

// callback_data is the action codec's compact form (≤ 64 bytes, checked there): ids only, never state or rights.

/** A keyboard button for an action. */
export const button = (kb: InlineKeyboard, label: string, action: Action) => kb.text(label, encodeAction(action))

/** Routes one kind of button to its handler, with the action decoded (the pattern admits only what decodes). */
export function onAction<C extends BotContext, K extends ActionKind>(
  composer: Composer<C>,
  kind: K,
  handler: (ctx: CallbackQueryContext<C>, action: ActionOf<K>) => unknown,
) {
  composer.callbackQuery(actionPattern(kind), async (ctx) => {
    await handler(ctx, decodeActionOf(kind, ctx.callbackQuery.data)!)
  })
}

/** Ubah / Tarik on the author's receipt (a reply; the outbox's redraws come from the renderer). */
export const ownActivityKeyboard = (id: number) => keyboardOf(ownButtons({ id, version: 0 }).flatMap((b) => (b.type === 'buttons' ? [b.buttons] : [])))


/** The queue's "Setujui semua" and paging (the same buttons every platform's queue carries). */
export function pendingKeyboard(ids: number[], page: number, pages: number): InlineKeyboard {
  const nav = pendingNavButtons(ids, page, pages, TELEGRAM_CAPABILITIES)
  return keyboardOf([nav.approveAll, nav.paging].filter((row) => row.length > 0))
}
