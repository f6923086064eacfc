import { isDomainError } from '../../../../domain/errors.js'
import { t } from '../../../../messages/index.js'
import { decideOutcome, parseDecideValue } from '../../action-ids.js'
import type { SlackDeps } from '../../context.js'
import { FIELD, formText, noticeModal, VALUE } from '../../modals.js'
import { answerWithin, type SubmitOutcome } from '../../shared.js'
import { SUBMIT_DEADLINE_MS, type SubmitArgs } from './types.js'

const notice = (text: string): SubmitOutcome => ({ response: { response_action: 'update', view: noticeModal(text) }, message: text })

/**
 * The reason of Revisi / Tolak (or the note of "Setujui + catatan"). The modal's metadata comes back
 * from the client, so the decision is authorized again against the database, here and now.
 */
export function decideReasonView(deps: SlackDeps) {
  return async ({ ack, body, view, client }: SubmitArgs) => {
    const userId = body.user.id
    await answerWithin(deps, { client, userId }, ack, SUBMIT_DEADLINE_MS, async () => {
      const meta = parseDecideValue(view.private_metadata)
      if (!meta || meta.code === 'ok') return notice(t('error.staleButton'))
      const actor = await deps.actorFor(client, userId)
      if (!actor) return notice(t('slack.notLinked'))
      const text = (view.state.values[FIELD.reason]?.[VALUE]?.value ?? '').trim()
      const base = { activityId: meta.activityId, version: meta.version, outcome: decideOutcome[meta.code] }
      try {
        await deps.services.decisions.decide(actor, meta.code === 'nt' ? { ...base, feedback: text } : { ...base, note: text })
        return {}
      } catch (err) {
        if (!isDomainError(err)) throw err
        const message = formText(err)
        // an empty or too long reason can be written again; a refusal ends the modal with its explanation
        return err.code === 'INVALID_INPUT' ? { response: { response_action: 'errors', errors: { [FIELD.reason]: message } }, message } : notice(message)
      }
    })
  }
}
