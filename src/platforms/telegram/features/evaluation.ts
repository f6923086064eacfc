import { Composer } from 'grammy'
import type { EvaluationView } from '../../../domain/evaluation-types.js'
import { ratingFromCode } from '../../../domain/evaluation-view.js'
import type { Services } from '../../../services.js'
import { predikatLabel, t } from '../../../messages/index.js'
import type { LinkedContext } from '../context.js'
import { converseHere } from '../conversation.js'
import { onAction } from '../keyboards.js'
import { renderEvaluationForTelegram } from '../evaluation-render.js'
import { attempt } from '../reply-error.js'

/** Redraws a card in place after a choice on it (the same rendering the outbox uses). */
async function redraw(ctx: LinkedContext, kind: 'evaluation_card' | 'keberatan_card', v: EvaluationView) {
  const r = renderEvaluationForTelegram({ kind, evaluation: v })
  const extra = r.keyboard ? { reply_markup: r.keyboard } : {}
  await ctx.editMessageText(r.text, extra).catch(() => undefined)
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
      // the note: a value, then the text (the core's flow); the card's message is remembered to redraw it
      const card = ctx.callbackQuery.message?.message_id
      await converseHere(ctx, services, { type: 'action', action: { kind: 'evalRate', evaluationId: id, choice: code }, ...(card ? { messageId: String(card) } : {}) })
      return
    }
    const v = await attempt(ctx, () => evaluations.choose(ctx.actor, id, ratingFromCode(code)))
    if (!v) return
    await ctx.answerCallbackQuery()
    await redraw(ctx, 'evaluation_card', v)
  })

  for (const kind of ['evalNote', 'keberatanFile'] as const) {
    onAction(feature, kind, async (ctx, action) => {
      await converseHere(ctx, services, { type: 'action', action })
    })
  }

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

  return feature
}
