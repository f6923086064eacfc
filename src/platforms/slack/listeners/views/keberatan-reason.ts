import { t } from '../../../../messages/index.js'
import { parseId } from '../../action-ids.js'
import type { SlackDeps } from '../../context.js'
import { EVALUATION_FIELD } from '../../evaluation-modals.js'
import { formOutcome, submitForm } from '../../conversation.js'
import { noticeModal, VALUE } from '../../modals.js'
import { answerWithin, type SubmitOutcome } from '../../shared.js'
import { SUBMIT_DEADLINE_MS, type SubmitArgs } from './types.js'

const notice = (text: string): SubmitOutcome => ({ response: { response_action: 'update', view: noticeModal(text) }, message: text })

/**
 * The reason of a keberatan. The evaluation id comes back from the client: the use case checks again that
 * it is the employee's own rating, the window is open and nothing was filed, then sends the card to the
 * Atasan Pejabat Penilai. An empty or too long reason is shown next to the field.
 */
export function keberatanReasonView(deps: SlackDeps) {
  return async ({ ack, body, view, client }: SubmitArgs) => {
    const userId = body.user.id
    await answerWithin(deps, { client, userId }, ack, SUBMIT_DEADLINE_MS, async () => {
      const id = parseId(view.private_metadata)
      if (id === null) return notice(t('error.staleButton'))
      const actor = await deps.actorFor(client, userId)
      if (!actor) return notice(t('slack.notLinked'))
      const reason = view.state.values[EVALUATION_FIELD.reason]?.[VALUE]?.value ?? ''
      const out = await submitForm(deps, userId, actor, { kind: 'keberatan', evaluationId: id, reason })
      return formOutcome(deps, client, userId, out, { reason: EVALUATION_FIELD.reason })
    })
  }
}
