import { ratingFromCode } from '../../../../domain/evaluation-view.js'
import { predikatLabel, t } from '../../../../messages/index.js'
import { updateCard } from '../../card-update.js'
import type { SlackDeps } from '../../context.js'
import { evaluationNoteModal } from '../../evaluation-modals.js'
import { attempt, tell } from '../../reply.js'
import { openModal } from '../../shared.js'
import { actionButton, clickedMessage } from './types.js'

/**
 * The Pejabat Penilai's card (evaluation_card): Hasil / Perilaku ratings, 📝 Catatan BerAKHLAK, 📨 Kirim
 * penilaian. The button carries only the evaluation id and the choice: the domain checks at every click
 * that the clicker is the employee's Pejabat Penilai now and that the evaluation still waits for a
 * rating; refusals are audited there and answered to the clicker only.
 */
export function evaluationCardAction(deps: SlackDeps) {
  return actionButton(deps, 'evalRate', async ({ a, to, actor, action: { evaluationId: id, choice } }) => {
    const { evaluations } = deps.services
    if (choice === 'ok') {
      // the outbox replaces the card with the outcome and tells the employee
      const v = await attempt(deps, to, () => evaluations.submit(actor, id))
      if (v) await tell(deps, to, t('evaluation.sent', { employee: v.employee.name, predikat: predikatLabel(v.predikat) }))
      return
    }
    if (choice === 'nt') {
      // the note form, once the clicker may still rate (it remembers the card to redraw)
      const v = await attempt(deps, to, () => evaluations.assertCanRate(actor, id))
      if (v) await openModal(deps, to, a.body.trigger_id, evaluationNoteModal(v, clickedMessage(a)?.ts))
      return
    }
    // a rating: stored, and the card redrawn in place
    const v = await attempt(deps, to, () => evaluations.choose(actor, id, ratingFromCode(choice)))
    if (!v) return
    const card = clickedMessage(a)
    if (card) await updateCard(deps, a.client, card, { kind: 'evaluation_card', evaluation: v })
  })
}
