import type { Message as TgMessage } from 'grammy/types'
import { converse, type Input, type Outcome } from '../../conversation/core.js'
import type { Evidence } from '../../domain/types.js'
import type { Services } from '../../services.js'
import type { BotContext, LinkedContext } from './context.js'
import { renderEvaluationForTelegram } from './evaluation-render.js'
import { toTelegram } from './message.js'

// The Telegram side of the conversation core: an update becomes one input, the core's replies become
// Bot API calls. No flow lives here.

/** A photo (largest size) or a document attached to the message, kept as Telegram's file_id. */
export function evidenceOf(msg: TgMessage | undefined): Evidence | undefined {
  if (!msg) return undefined
  if (msg.photo && msg.photo.length > 0) return { kind: 'photo', ref: msg.photo[msg.photo.length - 1]!.file_id }
  if (msg.document) return { kind: 'document', ref: msg.document.file_id, ...(msg.document.file_name ? { name: msg.document.file_name } : {}) }
  return undefined
}

/** Performs the core's replies in order. */
export async function perform(ctx: BotContext, services: Services, out: Outcome, greet?: (ctx: BotContext, e: Extract<Outcome['replies'][number], { type: 'linked' }>['employee']) => Promise<void>): Promise<void> {
  for (const r of out.replies) {
    switch (r.type) {
      case 'message': {
        const m = toTelegram(r.message)
        const extra = r.ask ? { reply_markup: { force_reply: true as const, input_field_placeholder: r.ask } } : m.keyboard ? { reply_markup: m.keyboard } : {}
        const sent = await ctx.reply(m.text, extra)
        if (r.receipt && r.message.blocks.some((b) => b.type === 'buttons')) {
          await services.reports.receiptSent(r.receipt.activity, { platform: 'telegram', chatId: String(sent.chat.id), messageId: String(sent.message_id) })
        }
        break
      }
      case 'answer':
        // Telegram takes one answer per button press: later ones (and answers to typed messages) are messages
        if (ctx.callbackQuery && !ctx.callbackAnswered) {
          await ctx.answerCallbackQuery(r.text ? { text: r.text.slice(0, 200), ...(r.alert ? { show_alert: true } : {}) } : {})
        } else if (r.text) {
          await ctx.reply(r.text)
        }
        break
      case 'clearButtons':
        await ctx.editMessageReplyMarkup().catch(() => undefined)
        break
      case 'replacePressed': {
        const m = toTelegram(r.message, { clearButtons: true })
        await ctx.editMessageText(m.text, m.keyboard ? { reply_markup: m.keyboard } : {}).catch(() => undefined)
        break
      }
      case 'redrawCard': {
        const card = renderEvaluationForTelegram({ kind: r.card ?? 'evaluation_card', evaluation: r.evaluation })
        const extra = card.keyboard ? { reply_markup: card.keyboard } : {}
        if (r.messageId !== undefined && ctx.chat) await ctx.api.editMessageText(ctx.chat.id, Number(r.messageId), card.text, extra).catch(() => undefined)
        else await ctx.editMessageText(card.text, extra).catch(() => undefined)
        break
      }
      case 'linked':
        if (greet) await greet(ctx, r.employee)
        break
      case 'fieldErrors':
      case 'decided':
        // forms are not Telegram's; a decision has no queue shown here to redraw
        break
    }
  }
  if (ctx.callbackQuery && !ctx.callbackAnswered && !out.unhandled) await ctx.answerCallbackQuery().catch(() => undefined)
}

/** This chat's key and speaker for the core. */
export const whoOf = (ctx: BotContext) => ({
  platform: 'telegram' as const,
  chatId: String(ctx.chat!.id),
  externalId: String(ctx.from!.id),
  ...(ctx.actor ? { actor: ctx.actor } : {}),
})

/**
 * Hands one input to the core and performs its replies; false when the core did not take it (the next
 * feature may). The update's id makes a report from it idempotent.
 */
export async function converseHere(ctx: BotContext | LinkedContext, services: Services, input: Input, greet?: Parameters<typeof perform>[3]): Promise<boolean> {
  const out = await converse(services, whoOf(ctx), input, { sourceKey: `telegram:${ctx.me.id}:${ctx.update.update_id}` })
  await perform(ctx, services, out, greet)
  return !out.unhandled
}
