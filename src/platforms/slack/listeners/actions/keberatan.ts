import type { EvaluationView } from '../../../../domain/evaluation-types.js'
import { ratingFromCode } from '../../../../domain/evaluation-view.js'
import { predikatLabel, t } from '../../../../messages/index.js'
import { updateCard } from '../../card-update.js'
import type { SlackDeps } from '../../context.js'
import { keberatanModal } from '../../evaluation-modals.js'
import { attempt, tell } from '../../reply.js'
import { openModal } from '../../shared.js'
import { actionButton, clickedMessage } from './types.js'

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

const outcomeOf = (v: EvaluationView) =>
  v.keberatan?.status === 'DIUBAH' ? t('keberatan.outcomeChanged', { predikat: predikatLabel(v.predikat) }) : t('keberatan.outcomeConfirmed')

/**
 * The keberatan card: new ratings are stored as a draft and the card redrawn in place; ✅ Kukuhkan
 * penilaian / 💾 Simpan perubahan decide, and the outbox replaces the card and tells the employee and the rater.
 */
export function keberatanResolveAction(deps: SlackDeps) {
  return actionButton(deps, 'keberatanResolve', async ({ a, to, actor, action: { evaluationId: id, choice } }) => {
    const { keberatan } = deps.services
    if (choice === 'ok' || choice === 'sv') {
      const v = await attempt(deps, to, () => keberatan.resolve(actor, id, choice === 'sv' ? 'change' : 'confirm'))
      if (v) await tell(deps, to, t('keberatan.resolved', { employee: v.employee.name, outcome: outcomeOf(v) }))
      return
    }
    const v = await attempt(deps, to, () => keberatan.choose(actor, id, ratingFromCode(choice)))
    if (!v) return
    const card = clickedMessage(a)
    if (card) await updateCard(deps, a.client, card, { kind: 'keberatan_card', evaluation: v })
  })
}
