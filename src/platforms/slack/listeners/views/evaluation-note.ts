import { BERAKHLAK } from '../../../../domain/evaluation-config.js'
import { t } from '../../../../messages/index.js'
import { parseNoteMetadata } from '../../action-ids.js'
import { formOutcome, submitForm } from '../../conversation.js'
import type { SlackDeps } from '../../context.js'
import { EVALUATION_FIELD } from '../../evaluation-modals.js'
import { noticeModal, VALUE } from '../../modals.js'
import { answerWithin, type SubmitOutcome } from '../../shared.js'
import { SUBMIT_DEADLINE_MS, type SubmitArgs } from './types.js'

const notice = (text: string): SubmitOutcome => ({ response: { response_action: 'update', view: noticeModal(text) }, message: text })
const fieldError = (block: string, message: string): SubmitOutcome => ({ response: { response_action: 'errors', errors: { [block]: message } }, message })

/**
 * A BerAKHLAK note from the evaluation card. The evaluation id (metadata) and the value come back from
 * the client: the use case authorizes the rater again, here and now. An empty or too long note is shown
 * next to the field; a refusal ends the form with its explanation. The card is then redrawn with the note.
 */
export function evaluationNoteView(deps: SlackDeps) {
  return async ({ ack, body, view, client }: SubmitArgs) => {
    const userId = body.user.id
    await answerWithin(deps, { client, userId }, ack, SUBMIT_DEADLINE_MS, async () => {
      const meta = parseNoteMetadata(view.private_metadata)
      if (!meta) return notice(t('error.staleButton'))
      const actor = await deps.actorFor(client, userId)
      if (!actor) return notice(t('slack.notLinked'))
      const values = view.state.values
      const index = values[EVALUATION_FIELD.value]?.[VALUE]?.selected_option?.value ?? ''
      const value = /^[0-6]$/.test(index) ? BERAKHLAK[Number(index)]! : undefined
      if (!value) return fieldError(EVALUATION_FIELD.value, t('slack.pickBerakhlak'))
      const text = values[EVALUATION_FIELD.note]?.[VALUE]?.value ?? ''
      const out = await submitForm(deps, userId, actor, { kind: 'evaluationNote', evaluationId: meta.evaluationId, value: BERAKHLAK.indexOf(value), note: text, ...(meta.cardTs ? { cardMessageId: meta.cardTs } : {}) })
      // the card is in the rater's DM with the app, where it was clicked: redrawn with the note
      return formOutcome(deps, client, userId, out, { note: EVALUATION_FIELD.note })
    })
  }
}
