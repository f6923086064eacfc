import { Composer } from 'grammy'
import { isDomainError } from '../../../domain/errors.js'
import { BERAKHLAK } from '../../../domain/evaluation-config.js'
import type { EvaluationView } from '../../../domain/evaluation-types.js'
import { ratingFromCode } from '../../../domain/evaluation-view.js'
import type { Services } from '../../../services.js'
import { periodLabel, predikatLabel, t, valueLabel } from '../../../messages/index.js'
import type { LinkedContext } from '../context.js'
import { berakhlakKeyboard } from '../evaluation-keyboards.js'
import { onAction } from '../keyboards.js'
import { renderEvaluationForTelegram } from '../evaluation-render.js'
import { attempt, replyError } from '../reply-error.js'

/** Redraws a card in place after a choice on it (the same rendering the outbox uses). */
async function redraw(ctx: LinkedContext, kind: 'evaluation_card' | 'keberatan_card', v: EvaluationView, messageId?: number) {
  const r = renderEvaluationForTelegram({ kind, evaluation: v })
  const extra = r.keyboard ? { reply_markup: r.keyboard } : {}
  const chatId = ctx.chat?.id
  if (messageId !== undefined && chatId !== undefined) await ctx.api.editMessageText(chatId, messageId, r.text, extra).catch(() => undefined)
  else await ctx.editMessageText(r.text, extra).catch(() => undefined)
}

/** The Pejabat Penilai's card, the employee's keberatan, and the Atasan Pejabat Penilai's decision. */
export function evaluationFeature(services: Services) {
  const feature = new Composer<LinkedContext>()
  const { evaluations, keberatan } = services

  onAction(feature, 'evalRate', async (ctx, { evaluationId: id, choice: code }) => {
    if (code === 'ok') {
      const v = await attempt(ctx, () => evaluations.submit(ctx.actor, id))
      if (v) await ctx.answerCallbackQuery({ text: t('evaluation.sent', { employee: v.employee.name, predikat: predikatLabel(v.predikat) }) })
      return
    }
    if (code === 'nt') {
      const v = await attempt(ctx, () => evaluations.assertCanRate(ctx.actor, id))
      if (!v) return
      await ctx.answerCallbackQuery()
      const card = ctx.callbackQuery.message?.message_id ?? 0
      return ctx.reply(t('evaluation.pickValue', { employee: v.employee.name }), { reply_markup: berakhlakKeyboard((value) => ({ kind: 'evalNote', evaluationId: id, cardMessageId: card, value })) })
    }
    const v = await attempt(ctx, () => evaluations.choose(ctx.actor, id, ratingFromCode(code)))
    if (!v) return
    await ctx.answerCallbackQuery()
    await redraw(ctx, 'evaluation_card', v)
  })

  onAction(feature, 'evalNote', async (ctx, { evaluationId: id, cardMessageId: card, value: index }) => {
    const v = await attempt(ctx, () => evaluations.assertCanRate(ctx.actor, id))
    if (!v) return
    await ctx.answerCallbackQuery()
    const value = BERAKHLAK[index]!
    ctx.session = { flow: { step: 'evaluation_note', evaluationId: id, value, ...(card > 0 ? { cardMessageId: card } : {}) } }
    await ctx.editMessageReplyMarkup().catch(() => undefined)
    await ctx.reply(t('evaluation.askNote', { employee: v.employee.name, value: valueLabel(value) }))
  })

  onAction(feature, 'keberatanFile', async (ctx, { evaluationId: id }) => {
    const r = await attempt(ctx, () => keberatan.assertCanObject(ctx.actor, id))
    if (!r) return
    await ctx.answerCallbackQuery()
    ctx.session = { flow: { step: 'keberatan_reason', evaluationId: id } }
    await ctx.reply(t('keberatan.askReason', { period: periodLabel(r.evaluation.period), app: r.app }), {
      reply_markup: { force_reply: true, input_field_placeholder: 'Alasan keberatan…' },
    })
  })

  onAction(feature, 'keberatanResolve', async (ctx, { evaluationId: id, choice: code }) => {
    if (code === 'ok' || code === 'sv') {
      const v = await attempt(ctx, () => keberatan.resolve(ctx.actor, id, code === 'ok' ? 'confirm' : 'change'))
      if (v) {
        const outcome = v.keberatan?.status === 'DIUBAH' ? t('keberatan.outcomeChanged', { predikat: predikatLabel(v.predikat) }) : t('keberatan.outcomeConfirmed')
        await ctx.answerCallbackQuery({ text: t('keberatan.resolved', { employee: v.employee.name, outcome }) })
      }
      return
    }
    const v = await attempt(ctx, () => keberatan.choose(ctx.actor, id, ratingFromCode(code)))
    if (!v) return
    await ctx.answerCallbackQuery()
    await redraw(ctx, 'keberatan_card', v)
  })

  feature.on('message', async (ctx, next) => {
    const flow = (await ctx.session).flow
    const text = ctx.message.text ?? ''
    if ((flow?.step !== 'evaluation_note' && flow?.step !== 'keberatan_reason') || text.startsWith('/')) return next()
    try {
      if (flow.step === 'evaluation_note') {
        const v = await evaluations.setNote(ctx.actor, flow.evaluationId, flow.value, text)
        ctx.session = {}
        await ctx.reply(t('evaluation.noteSaved', { employee: v.employee.name, value: valueLabel(flow.value) }))
        // the card is redrawn where it is, so there stays one card with live buttons per employee
        if (flow.cardMessageId) await redraw(ctx, 'evaluation_card', v, flow.cardMessageId)
        return
      }
      const r = await keberatan.file(ctx.actor, flow.evaluationId, text)
      ctx.session = {}
      await ctx.reply(t('keberatan.filed', { app: r.app }))
    } catch (err) {
      if (isDomainError(err) && err.code !== 'INVALID_INPUT') ctx.session = {}
      await replyError(ctx, err)
    }
  })

  return feature
}
