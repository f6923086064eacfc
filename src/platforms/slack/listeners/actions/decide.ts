import type { SlackDeps } from '../../context.js'
import { reasonModal } from '../../modals.js'
import { decidedNotice, redrawQueue } from '../../queue-redraw.js'
import { attempt } from '../../reply.js'
import { openModal } from '../../shared.js'
import { actionButton, queueOrigin } from './types.js'

/**
 * Setujui / Setujui + catatan / Revisi / Tolak on a card, in /kinerja persetujuan or in App Home. The
 * domain authorizes every click against the database now; refusals are audited there and answered
 * to the clicker only. A card is replaced through the outbox; a queue is redrawn where it is shown.
 */
export function decideAction(deps: SlackDeps) {
  return actionButton(deps, 'decide', async ({ a, to, actor, action: v }) => {
    const { decisions } = deps.services
    const origin = queueOrigin(a)
    if (v.choice === 'ok') {
      const done = await attempt(deps, to, () => decisions.decide(actor, { activityId: v.activityId, version: v.version, outcome: 'DISETUJUI' }))
      // also after a refusal: an item decided meanwhile leaves the queue shown here
      if (origin) await redrawQueue(deps, a.client, to.userId, actor, origin, done ? decidedNotice(done) : undefined)
      return
    }
    // check the right to decide before asking for a reason; the modal redraws the queue it came from
    const view = await attempt(deps, to, () => decisions.assertCanDecide(actor, v.activityId, v.version))
    if (view) await openModal(deps, to, a.body.trigger_id, reasonModal(view, { activityId: v.activityId, version: v.version, code: v.choice, ...(origin ? { origin } : {}) }))
  })
}
