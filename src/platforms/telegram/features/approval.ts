import { Composer, InputFile } from 'grammy'
import type { Services } from '../../../services.js'
import { isImage } from '../../../domain/evidence-files.js'
import { evidenceText, t } from '../../../messages/index.js'
import type { LinkedContext } from '../context.js'
import { converseHere } from '../conversation.js'
import { onAction } from '../keyboards.js'
import { attempt } from '../reply-error.js'

/** The supervisor's side: buttons on approval cards (their reasons and notes are the core's), evidence. */
export function approvalFeature(services: Services) {
  const feature = new Composer<LinkedContext>()
  const { reports } = services

  // Setujui at once; Revisi, Tolak and Setujui + catatan ask for the reason or note (the core's decide flow)
  onAction(feature, 'decide', async (ctx, action) => {
    await converseHere(ctx, services, { type: 'action', action })
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

