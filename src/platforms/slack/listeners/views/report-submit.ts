import { todayFor } from '../../../../domain/reports.js'
import { t } from '../../../../messages/index.js'
import type { SlackDeps } from '../../context.js'
import { noticeModal } from '../../modals.js'
import { readReportForm, rencanaAksiBlockOf } from '../../report-form.js'
import { formOutcome, submitForm } from '../../conversation.js'
import { FIELD } from '../../modals.js'
import { answerWithin, type SubmitOutcome } from '../../shared.js'
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
      const out = await submitForm(deps, userId, actor, { kind: 'report', input: form.input, usedRange: form.usedRange, ...(edit !== undefined ? { editId: edit } : {}) })
      const rencanaAksi = rencanaAksiBlockOf(view.state.values) ?? FIELD.rhk
      return formOutcome(deps, client, userId, out, { description: FIELD.description, date: FIELD.date, start: FIELD.start, duration: FIELD.duration, rhk: FIELD.rhk, rencanaAksi, realisasi: FIELD.realisasi })
    })
  }
}
