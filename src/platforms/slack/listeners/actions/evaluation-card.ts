import { predikatLabel, t } from '../../../../messages/index.js'
import { EVAL_RATE_ACTION_RE, parseRatingAction } from '../../action-ids.js'
import { updateCard } from '../../card-update.js'
import type { SlackDeps } from '../../context.js'
import { evaluationNoteModal } from '../../evaluation-modals.js'
import { attempt, tell } from '../../reply.js'
import { openModal } from '../../shared.js'
import { clickedMessage, recordButton } from './types.js'

/**
 * The Pejabat Penilai's card (evaluation_card). The button's value is only the evaluation id: the domain
 * checks at every click that the clicker is the employee's Pejabat Penilai now and that the evaluation
 * still waits for a rating; refusals are audited there and answered to the clicker only.
 */

/** Hasil / Perilaku: Di atas, Sesuai, Di bawah: stores the choice and redraws the card in place. */
export function evaluationRateAction(deps: SlackDeps) {
  return recordButton(deps, 'evaluation_rate', async ({ a, to, actor, id }) => {
    const choice = parseRatingAction(a.action.action_id, EVAL_RATE_ACTION_RE)!
    const v = await attempt(deps, to, () => deps.services.evaluations.choose(actor, id, choice))
    if (!v) return
    const card = clickedMessage(a)
    if (card) await updateCard(deps, a.client, card, { kind: 'evaluation_card', evaluation: v })
  }, (a) => parseRatingAction(a.action.action_id, EVAL_RATE_ACTION_RE) !== null)
}

/** 📝 Catatan BerAKHLAK: the note form, once the clicker may still rate (it remembers the card to redraw). */
export function evaluationNoteAction(deps: SlackDeps) {
  return recordButton(deps, 'evaluation_note', async ({ a, to, actor, id }) => {
    const v = await attempt(deps, to, () => deps.services.evaluations.assertCanRate(actor, id))
    if (v) await openModal(deps, to, a.body.trigger_id, evaluationNoteModal(v, clickedMessage(a)?.ts))
  })
}

/** 📨 Kirim penilaian: the outbox replaces the card with the outcome and tells the employee. */
export function evaluationSendAction(deps: SlackDeps) {
  return recordButton(deps, 'evaluation_send', async ({ to, actor, id }) => {
    const v = await attempt(deps, to, () => deps.services.evaluations.submit(actor, id))
    if (v) await tell(deps, to, t('evaluation.sent', { employee: v.employee.name, predikat: predikatLabel(v.predikat) }))
  })
}
