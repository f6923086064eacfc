import type { SlackDeps } from '../../context.js'
import { fullTextModal } from '../../modals.js'
import { attempt } from '../../reply.js'
import { openModal } from '../../shared.js'
import { recordButton } from './types.js'

/** "Lihat uraian lengkap": the whole description, for its author or the author's current supervisor only. */
export function fullTextAction(deps: SlackDeps) {
  return recordButton(deps, 'full_text', async ({ a, to, actor, id }) => {
    const view = await attempt(deps, to, () => deps.services.reports.get(actor, id))
    if (view) await openModal(deps, to, a.body.trigger_id, fullTextModal(view))
  })
}
