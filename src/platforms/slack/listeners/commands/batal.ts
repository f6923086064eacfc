import { t } from '../../../../messages/index.js'
import { converseOnSlack } from '../../conversation.js'
import { afterAck, tell } from '../../reply.js'
import type { Subcommand } from './types.js'

/** Ends the conversation under way (the typed guided report, a fix): the core's /batal. */
export const batal: Subcommand = async (deps, { ack, client, to }) => {
  await ack()
  await afterAck(deps, to, 'batal', async () => {
    const actor = await deps.actorFor(client, to.userId)
    if (!actor) return tell(deps, to, t('slack.notLinked'))
    await converseOnSlack(deps, client, { userId: to.userId, actor }, { type: 'command', command: 'cancel', text: '' }, { to })
  })
}
