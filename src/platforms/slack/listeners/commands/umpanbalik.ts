import { t } from '../../../../messages/index.js'
import { feedbackModal } from '../../feedback-modal.js'
import { afterAck, tell } from '../../reply.js'
import { openModal } from '../../shared.js'
import type { Subcommand } from './types.js'

/** The feedback form with the actor's direct subordinates; rights are checked again on submit. */
export const umpanbalik: Subcommand = async (deps, { ack, client, command, to }) => {
  await ack()
  await afterAck(deps, to, 'umpanbalik', async () => {
    const actor = await deps.actorFor(client, to.userId)
    if (!actor) return tell(deps, to, t('slack.notLinked'))
    const people = await deps.services.feedback.subordinates(actor)
    if (people.length === 0) return tell(deps, to, t('feedback.noSubordinates'))
    await openModal(deps, to, command.trigger_id, feedbackModal(people))
  })
}
