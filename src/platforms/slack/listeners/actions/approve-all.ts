import { t } from '../../../../messages/index.js'
import { parseIds } from '../../action-ids.js'
import { pendingMessage } from '../../blocks.js'
import type { SlackDeps } from '../../context.js'
import { publishHome } from '../../home.js'
import { afterAck, tell } from '../../reply.js'
import { clicker, fromHome, type ButtonArgs } from './types.js'

/** "Setujui semua": each listed id is authorized on its own, so a forged list approves nothing it should not. */
export function approveAllAction(deps: SlackDeps) {
  return async (a: ButtonArgs) => {
    await a.ack()
    const to = clicker(a)
    await afterAck(deps, to, 'approve_all', async () => {
      const ids = parseIds(a.action.value)
      if (!ids) return tell(deps, to, t('error.staleButton'))
      const actor = await deps.actorFor(a.client, to.userId)
      if (!actor) return tell(deps, to, t('slack.notLinked'))
      const { decisions, config } = deps.services
      const result = await decisions.approveMany(actor, ids)
      const notice = t('decide.bulkDone', { count: result.approved.length, skipped: result.skipped.length })
      if (fromHome(a)) return publishHome(deps, a.client, to.userId, actor, 1, notice)
      const page = await decisions.pending(actor, 1, config.pageSize)
      if (to.respond) await to.respond({ replace_original: true, ...pendingMessage(page, notice) })
      else await tell(deps, to, notice)
    })
  }
}
