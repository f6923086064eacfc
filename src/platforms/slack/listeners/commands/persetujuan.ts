import { t } from '../../../../messages/index.js'
import { pendingMessage } from '../../message.js'
import { afterAck, tell } from '../../reply.js'
import type { Subcommand } from './types.js'

/** The supervisor's queue, with Setujui / Revisi / Tolak per item and "Setujui semua" for the page. */
export const persetujuan: Subcommand = async (deps, { ack, client, respond, to }) => {
  await ack()
  await afterAck(deps, to, 'persetujuan', async () => {
    const actor = await deps.actorFor(client, to.userId)
    if (!actor) return tell(deps, to, t('slack.notLinked'))
    const page = await deps.services.decisions.pending(actor, 1, deps.services.config.pageSize)
    await respond({ response_type: 'ephemeral', ...pendingMessage(page) })
  })
}
