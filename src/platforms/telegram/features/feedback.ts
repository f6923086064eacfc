import { Composer } from 'grammy'
import { isDomainError } from '../../../domain/errors.js'
import { BERAKHLAK } from '../../../domain/evaluation-config.js'
import type { Services } from '../../../services.js'
import { t, valueLabel } from '../../../messages/index.js'
import type { LinkedContext } from '../context.js'
import { berakhlakKeyboard, subordinatesKeyboard } from '../evaluation-keyboards.js'
import { onAction } from '../keyboards.js'
import { attempt, replyError } from '../reply-error.js'

/** /umpanbalik: a supervisor picks a subordinate, optionally a BerAKHLAK value, and writes a note. */
export function feedbackFeature(services: Services) {
  const feature = new Composer<LinkedContext>()
  const { feedback } = services

  feature.command('umpanbalik', async (ctx) => {
    const people = await feedback.subordinates(ctx.actor)
    if (people.length === 0) return ctx.reply(t('feedback.noSubordinates'))
    await ctx.reply(t('feedback.pickEmployee'), { reply_markup: subordinatesKeyboard(people) })
  })

  // every step is authorized again: buttons are kept in the chat and can be forged
  onAction(feature, 'feedbackEmployee', async (ctx, { employeeId }) => {
    const employee = await attempt(ctx, () => feedback.target(ctx.actor, employeeId))
    if (!employee) return
    await ctx.answerCallbackQuery()
    await ctx.editMessageText(t('feedback.pickValue', { employee: employee.name }), {
      reply_markup: berakhlakKeyboard((value) => ({ kind: 'feedbackValue', employeeId: employee.id, value }), {
        label: t('button.generalFeedback'),
        action: { kind: 'feedbackValue', employeeId: employee.id, value: 'none' },
      }),
    }).catch(() => undefined)
  })

  onAction(feature, 'feedbackValue', async (ctx, { employeeId, value: index }) => {
    const employee = await attempt(ctx, () => feedback.target(ctx.actor, employeeId))
    if (!employee) return
    await ctx.answerCallbackQuery()
    const value = index === 'none' ? null : BERAKHLAK[index]!
    ctx.session = { flow: { step: 'feedback_note', employeeId: employee.id, value } }
    await ctx.editMessageReplyMarkup().catch(() => undefined)
    await ctx.reply(t('feedback.askNote', { employee: employee.name, value: value ? valueLabel(value) : '' }))
  })

  feature.on('message', async (ctx, next) => {
    const flow = (await ctx.session).flow
    const text = ctx.message.text ?? ''
    if (flow?.step !== 'feedback_note' || text.startsWith('/')) return next()
    try {
      const given = await feedback.give(ctx.actor, { employeeId: flow.employeeId, value: flow.value, note: text })
      ctx.session = {}
      await ctx.reply(t('feedback.done', { employee: given.employee.name }))
    } catch (err) {
      // an empty or too long note can be written again; a refusal ends the conversation
      if (isDomainError(err) && err.code !== 'INVALID_INPUT') ctx.session = {}
      await replyError(ctx, err)
    }
  })

  return feature
}
