import { InlineKeyboard, type CallbackQueryContext, type Composer } from 'grammy'
import { actionPattern, decodeActionOf, encodeAction, type Action, type ActionKind, type ActionOf } from '../../conversation/actions.js'
import { t } from '../../messages/index.js'
import type { BotContext } from './context.js'

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

export function approvalKeyboard(id: number, version: number, hasFile: boolean): InlineKeyboard {
  const kb = new InlineKeyboard()
  button(kb, t('button.approve'), { kind: 'decide', activityId: id, version, choice: 'ok' })
  button(kb, t('button.approveNote'), { kind: 'decide', activityId: id, version, choice: 'nt' }).row()
  button(kb, t('button.revise'), { kind: 'decide', activityId: id, version, choice: 'rv' })
  button(kb, t('button.reject'), { kind: 'decide', activityId: id, version, choice: 'tl' })
  if (hasFile) button(kb.row(), t('button.evidence'), { kind: 'evidence', activityId: id })
  return kb
}

export const ownActivityKeyboard = (id: number) =>
  button(button(new InlineKeyboard(), t('button.edit'), { kind: 'edit', activityId: id }), t('button.withdraw'), { kind: 'withdraw', activityId: id })


export function pendingKeyboard(ids: number[], page: number, pages: number): InlineKeyboard {
  const kb = new InlineKeyboard()
  if (ids.length > 0) button(kb, t('button.approveAll'), { kind: 'approveAll', activityIds: ids }).row()
  if (page > 1) button(kb, t('button.prev'), { kind: 'page', page: page - 1 })
  if (page < pages) button(kb, t('button.next'), { kind: 'page', page: page + 1 })
  return kb
}

export const noButtons = () => new InlineKeyboard()

/** On the activity reminder: starts the guided /lapor. */
export const reportNowKeyboard = () => button(new InlineKeyboard(), t('button.reportNow'), { kind: 'reportStart' })

/** On the approval reminder: opens /persetujuan. */
export const openQueueKeyboard = () => button(new InlineKeyboard(), t('button.openQueue'), { kind: 'openQueue' })
