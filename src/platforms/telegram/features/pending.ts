import { Composer } from 'grammy'
import { renderPending } from '../../../conversation/render-pending.js'
import type { Actor } from '../../../domain/types.js'
import type { Services } from '../../../services.js'
import { t } from '../../../messages/index.js'
import type { LinkedContext } from '../context.js'
import { onAction } from '../keyboards.js'
import { TELEGRAM_CAPABILITIES, toTelegram } from '../message.js'

/** /persetujuan: the supervisor's queue, paged, with "Setujui semua" for the page shown (the one renderer's queue). */
export function pendingFeature(services: Services) {
  const feature = new Composer<LinkedContext>()
  const { decisions, config } = services

  /** The queue's page as a message; `edit`: it replaces the one shown, so buttons it no longer has go. */
  async function render(actor: Actor, page: number, opts: { notice?: string; edit?: boolean } = {}) {
    const p = await decisions.pending(actor, page, config.pageSize)
    const m = toTelegram(renderPending(p, TELEGRAM_CAPABILITIES, opts.notice), { clearButtons: opts.edit ?? false })
    return { text: m.text, extra: m.keyboard ? { reply_markup: m.keyboard } : {} }
  }

  feature.command('persetujuan', async (ctx) => {
    const r = await render(ctx.actor, 1)
    await ctx.reply(r.text, r.extra)
  })

  // the button on the approval reminder and the escalation: the queue as a new message
  onAction(feature, 'openQueue', async (ctx) => {
    await ctx.answerCallbackQuery()
    const r = await render(ctx.actor, 1)
    await ctx.reply(r.text, r.extra)
  })

  onAction(feature, 'page', async (ctx, { page }) => {
    await ctx.answerCallbackQuery()
    const r = await render(ctx.actor, page, { edit: true })
    await ctx.editMessageText(r.text, r.extra).catch(() => undefined)
  })

  onAction(feature, 'approveAll', async (ctx, { activityIds: ids }) => {
    // every id is authorized on its own: a forged list approves nothing it should not
    const result = await services.decisions.approveMany(ctx.actor, ids)
    const notice = t('decide.bulkDone', { count: result.approved.length, skipped: result.skipped.length })
    await ctx.answerCallbackQuery({ text: notice })
    const r = await render(ctx.actor, 1, { notice, edit: true })
    await ctx.editMessageText(r.text, r.extra).catch(() => undefined)
  })

  return feature
}
