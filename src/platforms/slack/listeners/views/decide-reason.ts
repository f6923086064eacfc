import { t } from '../../../../messages/index.js'
import { formOutcome, submitForm } from '../../conversation.js'
import { parseReasonMetadata } from '../../action-ids.js'
import type { SlackDeps } from '../../context.js'
import { FIELD, noticeModal, VALUE } from '../../modals.js'
import { decidedNotice, redrawQueue } from '../../queue-redraw.js'
import { answerWithin, type SubmitOutcome } from '../../shared.js'
import { SUBMIT_DEADLINE_MS, type SubmitArgs } from './types.js'

const notice = (text: string): SubmitOutcome => ({ response: { response_action: 'update', view: noticeModal(text) }, message: text })

/**
 * The reason of Revisi / Tolak (or the note of "Setujui + catatan"). The modal's metadata comes back
 * from the client, so the decision is authorized again against the database, here and now. When the
 * modal was opened from a queue (App Home, /kinerja persetujuan), that queue is redrawn afterwards.
 */
export function decideReasonView(deps: SlackDeps) {
  return async ({ ack, body, view, client }: SubmitArgs) => {
    const userId = body.user.id
    await answerWithin(deps, { client, userId }, ack, SUBMIT_DEADLINE_MS, async () => {
      const meta = parseReasonMetadata(view.private_metadata)
      if (!meta) return notice(t('error.staleButton'))
      const actor = await deps.actorFor(client, userId)
      if (!actor) return notice(t('slack.notLinked'))
      const { origin } = meta
      const redraw = (text?: string) => async () => {
        if (origin) await redrawQueue(deps, client, userId, actor, origin, text)
      }
      const text = view.state.values[FIELD.reason]?.[VALUE]?.value ?? ''
      const out = await submitForm(deps, userId, actor, { kind: 'decide', activityId: meta.activityId, version: meta.version, choice: meta.code, text })
      // decided: the modal closes and the queue it came from shows the outcome
      const decided = out.replies.find((r) => r.type === 'decided')
      if (decided) return { after: redraw(decidedNotice(decided.activity)) }
      // an empty or too long reason can be written again; a refusal ends the modal with its explanation
      const outcome = formOutcome(deps, client, userId, out, { reason: FIELD.reason })
      return outcome.response?.response_action === 'errors' ? outcome : { ...outcome, after: redraw() }
    })
  }
}
