import { rekapMessage } from '../../../../conversation/rekap.js'
import { t } from '../../../../messages/index.js'
import { toSlack } from '../../message.js'
import { afterAck, tell } from '../../reply.js'
import type { Subcommand } from './types.js'

/** This month's minutes by status, the target and capaian, and the per-RHK section. */
export const rekap: Subcommand = async (deps, { ack, client, to }) => {
  await ack()
  await afterAck(deps, to, 'rekap', async () => {
    const actor = await deps.actorFor(client, to.userId)
    if (!actor) return tell(deps, to, t('slack.notLinked'))
    const m = toSlack(await rekapMessage(deps.services, actor))
    await tell(deps, to, m.text, m.blocks)
  })
}
