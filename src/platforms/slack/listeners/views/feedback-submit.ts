import { BERAKHLAK } from '../../../../domain/evaluation-config.js'
import { t } from '../../../../messages/index.js'
import type { SlackDeps } from '../../context.js'
import { FEEDBACK_FIELD } from '../../feedback-modal.js'
import { formOutcome, submitForm } from '../../conversation.js'
import { noticeModal, VALUE } from '../../modals.js'
import { answerWithin, type SubmitOutcome } from '../../shared.js'
import { SUBMIT_DEADLINE_MS, type SubmitArgs } from './types.js'

const notice = (text: string): SubmitOutcome => ({ response: { response_action: 'update', view: noticeModal(text) }, message: text })

/** The feedback form. The chosen employee id comes from the client: the use case authorizes it now. */
export function feedbackSubmitView(deps: SlackDeps) {
  return async ({ ack, body, view, client }: SubmitArgs) => {
    const userId = body.user.id
    await answerWithin(deps, { client, userId }, ack, SUBMIT_DEADLINE_MS, async () => {
      const actor = await deps.actorFor(client, userId)
      if (!actor) return notice(t('slack.notLinked'))
      const values = view.state.values
      const employeeId = Number(values[FEEDBACK_FIELD.employee]?.[VALUE]?.selected_option?.value)
      const valueIndex = values[FEEDBACK_FIELD.value]?.[VALUE]?.selected_option?.value
      const value = valueIndex === undefined ? null : (BERAKHLAK[Number(valueIndex)] ?? null)
      const note = values[FEEDBACK_FIELD.note]?.[VALUE]?.value ?? ''
      if (!Number.isSafeInteger(employeeId)) return notice(t('error.staleButton'))
      const out = await submitForm(deps, userId, actor, { kind: 'feedback', employeeId, value: value === null ? null : BERAKHLAK.indexOf(value), note })
      return formOutcome(deps, client, userId, out, { note: FEEDBACK_FIELD.note })
    })
  }
}
