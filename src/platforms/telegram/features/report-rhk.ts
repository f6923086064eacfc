import { Composer } from 'grammy'
import type { Services } from '../../../services.js'
import { t } from '../../../messages/index.js'
import type { Draft, LinkedContext } from '../context.js'
import { rhkKeyboard } from '../evaluation-keyboards.js'
import { guidedEvidenceKeyboard, onAction } from '../keyboards.js'

/** The guided /lapor after the time: pick an RHK of the year's SKP, or skip straight to the evidence. */
export async function askRhk(ctx: LinkedContext, services: Services, draft: Draft) {
  const options = await services.skp.options(ctx.actor, draft.date!)
  if (options.length === 0) {
    ctx.session = { flow: { step: 'report_evidence', draft } }
    return ctx.reply(t('guided.askEvidence'), { reply_markup: guidedEvidenceKeyboard() })
  }
  ctx.session = { flow: { step: 'report_rhk', draft } }
  return ctx.reply(t('guided.askRhk'), { reply_markup: rhkKeyboard(options) })
}

/** The RHK step's button and its fallback for typed text. */
export function reportRhkFeature(services: Services) {
  const feature = new Composer<LinkedContext>()

  onAction(feature, 'guidedRhk', async (ctx, { rhkId: id }) => {
    const flow = (await ctx.session).flow
    if (flow?.step !== 'report_rhk') return ctx.answerCallbackQuery({ text: t('error.staleButton'), show_alert: true })
    // the options are read again: the button's id is only a hint from the client (the use case checks too)
    const rhk = id === 0 ? null : (await services.skp.options(ctx.actor, flow.draft.date!)).find((o) => o.id === id)
    if (rhk === undefined) return ctx.answerCallbackQuery({ text: t('rhk.notYours'), show_alert: true })
    await ctx.answerCallbackQuery()
    await ctx.editMessageReplyMarkup().catch(() => undefined)
    ctx.session = { flow: { step: 'report_evidence', draft: { ...flow.draft, rhk: rhk ? { id: rhk.id, code: rhk.code, text: rhk.text } : null } } }
    await ctx.reply(t('guided.askEvidence'), { reply_markup: guidedEvidenceKeyboard() })
  })

  feature.on('message', async (ctx, next) => {
    const flow = (await ctx.session).flow
    if (flow?.step !== 'report_rhk' || (ctx.message.text ?? '').startsWith('/')) return next()
    const options = await services.skp.options(ctx.actor, flow.draft.date!)
    await ctx.reply(t('guided.useRhkButtons'), { reply_markup: rhkKeyboard(options) })
  })

  return feature
}
