import { isDomainError } from '../../../../domain/errors.js'
import { t } from '../../../../messages/index.js'
import { DECIDE_OUTCOME } from '../../../../conversation/actions.js'
import { parseReasonMetadata } from '../../action-ids.js'
import type { SlackDeps } from '../../context.js'
import { FIELD, formText, noticeModal, VALUE } from '../../modals.js'
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
      const text = (view.state.values[FIELD.reason]?.[VALUE]?.value ?? '').trim()
      const base = { activityId: meta.activityId, version: meta.version, outcome: DECIDE_OUTCOME[meta.code] }
      try {
        const decided = await deps.services.decisions.decide(actor, meta.code === 'nt' ? { ...base, feedback: text } : { ...base, note: text })
        return { after: redraw(decidedNotice(decided)) }
      } catch (err) {
        if (!isDomainError(err)) throw err
        const message = formText(err)
        // an empty or too long reason can be written again; a refusal ends the modal with its explanation
        if (err.code === 'INVALID_INPUT') return { response: { response_action: 'errors', errors: { [FIELD.reason]: message } }, message }
        return { ...notice(message), after: redraw() }
      }
    })
  }
}
