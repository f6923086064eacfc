import { Composer } from 'grammy'
import type { Services } from '../../../services.js'
import { formatDateId, t } from '../../../messages/index.js'
import type { LinkedContext } from '../context.js'
import { converseHere, evidenceOf } from '../conversation.js'
import { onAction } from '../keyboards.js'
import { attempt } from '../reply-error.js'

/**
 * The report on Telegram: /lapor (one line, or the guided flow), a captioned photo or document, the
 * answers of a flow under way, and the buttons of the report and its receipt. The flows are the
 * conversation core's (src/conversation/); this turns updates into its inputs.
 */
export function reportFeature(services: Services) {
  const feature = new Composer<LinkedContext>()
  const { reports } = services
  const converse = (ctx: LinkedContext, input: Parameters<typeof converseHere>[2]) => converseHere(ctx, services, input)

  // one line: "/lapor [kemarin|dd/mm] 08:00-10:30 uraian"; without text, the guided flow
  feature.command('lapor', async (ctx) => {
    await converse(ctx, { type: 'command', command: 'lapor', text: ctx.match.trim() })
  })

  // grammY leaves commands in captions alone; a photo or document captioned "/lapor …" is a report with evidence
  feature.on(['message:photo', 'message:document'], async (ctx, next) => {
    const m = /^\/lapor(?:@\w+)?\s+([\s\S]+)$/i.exec(ctx.message.caption ?? '')
    if (!m) return next()
    const evidence = evidenceOf(ctx.message)
    await converse(ctx, { type: 'command', command: 'lapor', text: m[1]!, ...(evidence ? { evidence } : {}) })
  })

  // the answer to whichever flow is under way (guided report, fix, reason, note, keberatan, code)
  feature.on('message', async (ctx, next) => {
    const evidence = evidenceOf(ctx.message)
    const handled = await converse(ctx, { type: 'text', text: ctx.message.text ?? '', ...(evidence ? { evidence } : {}) })
    if (!handled) return next()
  })

  for (const kind of ['guided', 'similar', 'reportStart', 'edit'] as const) {
    onAction(feature, kind, async (ctx, action) => {
      await converse(ctx, { type: 'action', action })
    })
  }

  onAction(feature, 'withdraw', async (ctx, { activityId }) => {
    const view = await attempt(ctx, () => reports.withdraw(ctx.actor, activityId))
    if (!view) return
    await ctx.answerCallbackQuery({ text: t('withdraw.done', { id: view.id }) })
    await ctx.reply(`${t('withdraw.done', { id: view.id })}\n${formatDateId(view.date)} · ${view.description.slice(0, 100)}`)
  })

  return feature
}
