import type { SlackDeps } from '../../context.js'
import { evaluationNoteModal } from '../../evaluation-modals.js'
import { attempt } from '../../reply.js'
import { openModal } from '../../shared.js'
import { conversationAction } from './conversation.js'
import { actionButton, clickedMessage, type ButtonListener } from './types.js'

/**
 * The Pejabat Penilai's card (evaluation_card): Hasil / Perilaku ratings and 📨 Kirim penilaian are the
 * conversation core's (the card redrawn in place, the outcome answered); 📝 Catatan BerAKHLAK opens the
 * note form, Slack's richer front end of the core's note flow. The button carries only the evaluation id
 * and the choice: the domain checks at every click that the clicker may still rate.
 */
export function evaluationCardAction(deps: SlackDeps): ButtonListener {
  const viaCore = conversationAction('evalRate')(deps)
  const noteForm = actionButton(deps, 'evalRate', async ({ a, to, actor, action: { evaluationId: id } }) => {
    // the note form, once the clicker may still rate (it remembers the card to redraw)
    const v = await attempt(deps, to, () => deps.services.evaluations.assertCanRate(actor, id))
    if (v) await openModal(deps, to, a.body.trigger_id, evaluationNoteModal(v, clickedMessage(a)?.ts))
  })
  return (a) => (a.action.action_id === 'eval_note' ? noteForm(a) : viaCore(a))
}
