import type { SlackDeps } from '../../context.js'
import { fullTextModal } from '../../modals.js'
import { attempt } from '../../reply.js'
import { openModal } from '../../shared.js'
import { actionButton } from './types.js'

/** "Lihat uraian lengkap": the whole description, for its author or the author's current supervisor only. */
export function fullTextAction(deps: SlackDeps) {
  return actionButton(deps, 'fullText', async ({ a, to, actor, action }) => {
    const view = await attempt(deps, to, () => deps.services.reports.get(actor, action.activityId))
    if (view) await openModal(deps, to, a.body.trigger_id, fullTextModal(view))
  })
}
