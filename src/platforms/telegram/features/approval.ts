import { Composer, InputFile } from 'grammy'
import { isDomainError } from '../../../domain/errors.js'
import type { Services } from '../../../services.js'
import { isImage } from '../../../domain/evidence-files.js'
import { evidenceText, t } from '../../../messages/index.js'
import type { LinkedContext } from '../context.js'
import { DECIDE_OUTCOME } from '../../../conversation/actions.js'
import { onAction } from '../keyboards.js'
import { attempt, replyError } from '../reply-error.js'

const statusLabel = (s: string) => t(`status.${s}` as 'status.DISETUJUI')

/** The supervisor's side: buttons on approval cards, reasons and feedback notes, evidence. */
export function approvalFeature(services: Services) {
  const feature = new Composer<LinkedContext>()
  const { decisions, reports } = services

  onAction(feature, 'decide', async (ctx, { activityId, version, choice: code }) => {
    if (code === 'ok') {
      const view = await attempt(ctx, () => decisions.decide(ctx.actor, { activityId, version, outcome: 'DISETUJUI' }))
      if (view) await ctx.answerCallbackQuery({ text: t('decide.done', { id: activityId, outcome: statusLabel('DISETUJUI') }) })
      return
    }
    // a reason (or a note) comes first: check the right to decide before asking for it
    const view = await attempt(ctx, () => decisions.assertCanDecide(ctx.actor, activityId, version))
    if (!view) return
    await ctx.answerCallbackQuery()
    if (code === 'nt') {
      ctx.session = { flow: { step: 'feedback', activityId, version } }
      return ctx.reply(t('decide.askFeedback', { id: activityId, employee: view.employee.name }))
    }
    const outcome = DECIDE_OUTCOME[code] as 'REVISI' | 'DITOLAK'
    ctx.session = { flow: { step: 'reason', activityId, version, outcome } }
    await ctx.reply(t('decide.askReason', { id: activityId, employee: view.employee.name, outcome: statusLabel(outcome) }), {
      reply_markup: { force_reply: true, input_field_placeholder: 'Alasan…' },
    })
  })

  feature.on('message', async (ctx, next) => {
    const session = await ctx.session
    const flow = session.flow
    const text = ctx.message.text ?? ''
    if (!flow || (flow.step !== 'reason' && flow.step !== 'feedback') || text.startsWith('/')) return next()
    if (!text.trim()) return ctx.reply(t('decide.reasonEmpty'))
    const input =
      flow.step === 'reason'
        ? { activityId: flow.activityId, version: flow.version, outcome: flow.outcome, note: text }
        : { activityId: flow.activityId, version: flow.version, outcome: 'DISETUJUI' as const, feedback: text }
    try {
      const view = await decisions.decide(ctx.actor, input)
      ctx.session = {}
      await ctx.reply(t('decide.done', { id: view.id, outcome: statusLabel(view.status) }))
    } catch (err) {
      // a too long or empty note can be written again; anything else ends the conversation
      if (isDomainError(err) && err.code !== 'INVALID_INPUT') ctx.session = {}
      await replyError(ctx, err)
    }
  })

  onAction(feature, 'evidence', async (ctx, { activityId }) => {
    const found = await attempt(ctx, () => reports.evidence(ctx.actor, activityId))
    if (!found) return
    await ctx.answerCallbackQuery()
    const { view, file } = found
    const e = view.evidence
    if (!e) return ctx.reply(t('error.notFound'))
    const caption = t('evidence.caption', { id: view.id, employee: view.employee.name })
    // the stored copy, whichever platform it was sent on
    if (file) {
      const input = new InputFile(Buffer.from(file.data), file.filename)
      return isImage(file.mime) ? ctx.replyWithPhoto(input, { caption }) : ctx.replyWithDocument(input, { caption })
    }
    if (e.kind === 'photo') return ctx.replyWithPhoto(e.ref, { caption })
    if (e.kind === 'document') return ctx.replyWithDocument(e.ref, { caption })
    if (e.kind === 'link') return ctx.reply(`${caption}\n${e.ref}`)
    return ctx.reply(t('evidence.unavailable', { id: view.id, evidence: evidenceText(e) }))
  })

  return feature
}

