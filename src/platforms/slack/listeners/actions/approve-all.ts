import { t } from '../../../../messages/index.js'
import { pendingMessage } from '../../message.js'
import type { SlackDeps } from '../../context.js'
import { publishHome } from '../../home.js'
import { tell } from '../../reply.js'
import { actionButton, fromHome } from './types.js'

/** "Setujui semua": each listed id is authorized on its own, so a forged list approves nothing it should not. */
export function approveAllAction(deps: SlackDeps) {
  return actionButton(deps, 'approveAll', async ({ a, to, actor, action }) => {
    const { decisions, config } = deps.services
    const result = await decisions.approveMany(actor, action.activityIds)
    const notice = t('decide.bulkDone', { count: result.approved.length, skipped: result.skipped.length })
    if (fromHome(a)) return publishHome(deps, a.client, to.userId, actor, 1, notice)
    const page = await decisions.pending(actor, 1, config.pageSize)
    if (to.respond) await to.respond({ replace_original: true, ...pendingMessage(page, notice) })
    else await tell(deps, to, notice)
  })
}
