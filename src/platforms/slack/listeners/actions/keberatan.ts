import type { SlackDeps } from '../../context.js'
import { keberatanModal } from '../../evaluation-modals.js'
import { attempt } from '../../reply.js'
import { openModal } from '../../shared.js'
import { conversationAction } from './conversation.js'
import { actionButton } from './types.js'

/**
 * Keberatan on Slack: the employee's ⚖️ Ajukan keberatan (on the evaluation_notice) and the Atasan
 * Pejabat Penilai's decision (keberatan_card). Buttons carry the evaluation id only; the domain decides
 * who may do what, and when, at the moment of the click.
 */

/** ⚖️ Ajukan keberatan: the reason form, once the employee may still object (own rating, window open, none filed). */
export function keberatanFileAction(deps: SlackDeps) {
  return actionButton(deps, 'keberatanFile', async ({ a, to, actor, action }) => {
    const r = await attempt(deps, to, () => deps.services.keberatan.assertCanObject(actor, action.evaluationId))
    if (r) await openModal(deps, to, a.body.trigger_id, keberatanModal(r.evaluation, r.app))
  })
}

/**
 * The keberatan card: new ratings are stored as a draft and the card redrawn in place; ✅ Kukuhkan
 * penilaian / 💾 Simpan perubahan decide, and the outbox replaces the card and tells the employee and the
 * rater. The conversation core's, as on every platform.
 */
export const keberatanResolveAction = conversationAction('keberatanResolve')
