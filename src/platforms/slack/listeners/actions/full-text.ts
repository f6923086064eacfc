import { t } from '../../../../messages/index.js'
import { parseId } from '../../action-ids.js'
import type { SlackDeps } from '../../context.js'
import { fullTextModal } from '../../modals.js'
import { afterAck, attempt, tell } from '../../reply.js'
import { openModal } from '../../shared.js'
import { clicker, type ButtonArgs } from './types.js'

/** "Lihat uraian lengkap": the whole description, for its author or the author's current supervisor only. */
export function fullTextAction(deps: SlackDeps) {
  return async (a: ButtonArgs) => {
    await a.ack()
    const to = clicker(a)
    await afterAck(deps, to, 'full_text', async () => {
      const id = parseId(a.action.value)
      if (id === null) return tell(deps, to, t('error.staleButton'))
      const actor = await deps.actorFor(a.client, to.userId)
      if (!actor) return tell(deps, to, t('slack.notLinked'))
      const view = await attempt(deps, to, () => deps.services.reports.get(actor, id))
      if (view) await openModal(deps, to, a.body.trigger_id, fullTextModal(view))
    })
  }
}
