import { t } from '../../../../messages/index.js'
import { parseId } from '../../action-ids.js'
import { pendingMessage } from '../../blocks.js'
import type { SlackDeps } from '../../context.js'
import { publishHome } from '../../home.js'
import { afterAck, tell } from '../../reply.js'
import { clicker, fromHome, type ButtonArgs } from './types.js'

/** « Sebelumnya / Berikutnya » in the queue: the list is replaced where it is shown. */
export function pendingPageAction(deps: SlackDeps) {
  return async (a: ButtonArgs) => {
    await a.ack()
    const to = clicker(a)
    await afterAck(deps, to, 'pending_page', async () => {
      const page = parseId(a.action.value) ?? 1
      const actor = await deps.actorFor(a.client, to.userId)
      if (!actor) return tell(deps, to, t('slack.notLinked'))
      if (fromHome(a)) return publishHome(deps, a.client, to.userId, actor, page)
      const p = await deps.services.decisions.pending(actor, page, deps.services.config.pageSize)
      if (to.respond) await to.respond({ replace_original: true, ...pendingMessage(p) })
    })
  }
}
