import type { SlackDeps } from '../../context.js'
import { pendingMessage } from '../../message.js'
import { publishHome } from '../../home.js'
import { actionButton, fromHome } from './types.js'

/** « Sebelumnya / Berikutnya » in the queue: the list is replaced where it is shown. */
export function pendingPageAction(deps: SlackDeps) {
  return actionButton(deps, 'page', async ({ a, to, actor, action: { page } }) => {
    if (fromHome(a)) return publishHome(deps, a.client, to.userId, actor, page)
    const p = await deps.services.decisions.pending(actor, page, deps.services.config.pageSize)
    if (to.respond) await to.respond({ replace_original: true, ...pendingMessage(p) })
  })
}
