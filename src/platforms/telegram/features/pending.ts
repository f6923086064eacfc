import { Composer } from 'grammy'
import type { Actor } from '../../../domain/types.js'
import type { Services } from '../../../services.js'
import { pendingLineText, t } from '../../../messages/index.js'
import type { LinkedContext } from '../context.js'
import { onAction, pendingKeyboard } from '../keyboards.js'

/** /persetujuan: the supervisor's queue, paged, with "Setujui semua" for the page shown. */
export function pendingFeature(services: Services) {
  const feature = new Composer<LinkedContext>()
  const { decisions, config } = services

  async function render(actor: Actor, page: number) {
    const p = await decisions.pending(actor, page, config.pageSize)
    if (p.total === 0) return { text: t('pending.empty'), keyboard: pendingKeyboard([], 1, 1) }
    const text = [t('pending.title', { total: p.total, page: p.page, pages: p.pages }), '', ...p.items.map(pendingLineText)].join('\n')
    return { text, keyboard: pendingKeyboard(p.items.map((a) => a.id), p.page, p.pages) }
  }

  feature.command('persetujuan', async (ctx) => {
    const r = await render(ctx.actor, 1)
    await ctx.reply(r.text, { reply_markup: r.keyboard })
  })

  // the button on the approval reminder and the escalation: the queue as a new message
  onAction(feature, 'openQueue', async (ctx) => {
    await ctx.answerCallbackQuery()
    const r = await render(ctx.actor, 1)
    await ctx.reply(r.text, { reply_markup: r.keyboard })
  })

  onAction(feature, 'page', async (ctx, { page }) => {
    await ctx.answerCallbackQuery()
    const r = await render(ctx.actor, page)
    await ctx.editMessageText(r.text, { reply_markup: r.keyboard }).catch(() => undefined)
  })

  onAction(feature, 'approveAll', async (ctx, { activityIds: ids }) => {
    // every id is authorized on its own: a forged list approves nothing it should not
    const result = await services.decisions.approveMany(ctx.actor, ids)
    await ctx.answerCallbackQuery({ text: t('decide.bulkDone', { count: result.approved.length, skipped: result.skipped.length }) })
    const r = await render(ctx.actor, 1)
    await ctx.editMessageText(`${t('decide.bulkDone', { count: result.approved.length, skipped: result.skipped.length })}\n\n${r.text}`, {
      reply_markup: r.keyboard,
    }).catch(() => undefined)
  })

  return feature
}
