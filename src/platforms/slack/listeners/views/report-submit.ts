import { isDomainError } from '../../../../domain/errors.js'
import { SimilarReportError, todayFor } from '../../../../domain/reports.js'
import { t, tStored } from '../../../../messages/index.js'
import type { SlackDeps } from '../../context.js'
import { similarBlocks } from '../../blocks.js'
import { noticeModal } from '../../modals.js'
import { tell } from '../../reply.js'
import { fieldErrorFor, readReportForm } from '../../report-form.js'
import { answerWithin, sendReceipt, type SubmitOutcome } from '../../shared.js'
import { SUBMIT_DEADLINE_MS, type SubmitArgs } from './types.js'

const editedId = (metadata: string): number | undefined => {
  try {
    const id = (JSON.parse(metadata || '{}') as { edit?: unknown }).edit
    return typeof id === 'number' && Number.isSafeInteger(id) ? id : undefined
  } catch {
    return undefined
  }
}

const notice = (text: string): SubmitOutcome => ({ response: { response_action: 'update', view: noticeModal(text) }, message: text })

/**
 * The report form: checked with the same parser and rules as a typed line; wrong fields come back as
 * errors next to them and nothing is stored. A new report, or the fix of one returned for revision.
 */
export function reportSubmitView(deps: SlackDeps) {
  return async ({ ack, body, view, client }: SubmitArgs) => {
    const userId = body.user.id
    const { services } = deps
    await answerWithin(deps, { client, userId }, ack, SUBMIT_DEADLINE_MS, async () => {
      const actor = await deps.actorFor(client, userId)
      if (!actor) return notice(t('slack.notLinked'))
      const form = readReportForm(view.state.values, {
        today: todayFor(actor, services.clock),
        maxDescription: services.config.maxDescription,
        backdateDays: services.config.backdateDays,
      })
      if (!form.ok) return { response: { response_action: 'errors', errors: form.errors }, message: Object.values(form.errors).join('\n') }
      const edit = editedId(view.private_metadata)
      try {
        if (edit === undefined) {
          const saved = await services.reports.submit(actor, form.input)
          return { after: () => sendReceipt(deps, client, userId, saved, saved.repeated ? t('receipt.headingRepeated', { id: saved.id }) : undefined) }
        }
        const saved = await services.reports.edit(actor, edit, form.input)
        return { after: () => sendReceipt(deps, client, userId, saved, `${t(saved.supervisorWaiting ? 'edit.doneWaiting' : 'edit.done', { id: saved.id })}\n${t('receipt.headingEdited', { id: saved.id })}`) }
      } catch (err) {
        if (!isDomainError(err)) throw err
        // held: the modal closes and the question waits in the DM with its two buttons
        if (err instanceof SimilarReportError) {
          const text = tStored(err)
          return { after: () => tell(deps, { client, userId }, text, similarBlocks(text, err.similar.id)) }
        }
        const text = tStored(err)
        const errors = err.code === 'INVALID_INPUT' ? fieldErrorFor(err, form.usedRange) : null
        return errors ? { response: { response_action: 'errors', errors }, message: t('slack.formNotSaved', { reason: text }) } : notice(text)
      }
    })
  }
}
