import { eksporMessage, tppMessage } from '../../../../conversation/bkn.js'
import { t } from '../../../../messages/index.js'
import { SLACK_CAPABILITIES } from '../../message.js'
import { afterAck, tell, tellMessage } from '../../reply.js'
import type { Subcommand } from './types.js'

/** `/kinerja ekspor [bulan]`: the month's progres harian for BKN e-Kinerja, uploaded into the DM. */
export const ekspor: Subcommand = async (deps, { ack, client, to, args, command }) => {
  await ack()
  await afterAck(deps, to, 'ekspor', async () => {
    const actor = await deps.actorFor(client, to.userId)
    if (!actor) return tell(deps, to, t('slack.notLinked'))
    await tellMessage(deps, to, await eksporMessage(deps.services, actor, args, SLACK_CAPABILITIES), { commandChannel: command.channel_id })
  })
}

/** `/kinerja tpp`: this month's TPP estimate, only the person sees it. */
export const tpp: Subcommand = async (deps, { ack, client, to }) => {
  await ack()
  await afterAck(deps, to, 'tpp', async () => {
    const actor = await deps.actorFor(client, to.userId)
    if (!actor) return tell(deps, to, t('slack.notLinked'))
    await tellMessage(deps, to, await tppMessage(deps.services, actor, SLACK_CAPABILITIES))
  })
}
