import type { EvaluationView } from '../../../../domain/evaluation-types.js'
import { predikatLabel, t } from '../../../../messages/index.js'
import { ACTION, KEBERATAN_RATE_ACTION_RE, parseRatingAction } from '../../action-ids.js'
import { updateCard } from '../../card-update.js'
import type { SlackDeps } from '../../context.js'
import { keberatanModal } from '../../evaluation-modals.js'
import { attempt, tell } from '../../reply.js'
import { openModal } from '../../shared.js'
import { clickedMessage, recordButton } from './types.js'

/**
 * Keberatan on Slack: the employee's ⚖️ Ajukan keberatan (on the evaluation_notice) and the Atasan
 * Pejabat Penilai's decision (keberatan_card). Values carry the evaluation id only; the domain decides
 * who may do what, and when, at the moment of the click.
 */

/** ⚖️ Ajukan keberatan: the reason form, once the employee may still object (own rating, window open, none filed). */
export function keberatanFileAction(deps: SlackDeps) {
  return recordButton(deps, 'keberatan_file', async ({ a, to, actor, id }) => {
    const r = await attempt(deps, to, () => deps.services.keberatan.assertCanObject(actor, id))
    if (r) await openModal(deps, to, a.body.trigger_id, keberatanModal(r.evaluation, r.app))
  })
}

/** New ratings picked on the keberatan card: stored as a draft, the card redrawn in place. */
export function keberatanRateAction(deps: SlackDeps) {
  return recordButton(deps, 'keberatan_rate', async ({ a, to, actor, id }) => {
    const choice = parseRatingAction(a.action.action_id, KEBERATAN_RATE_ACTION_RE)!
    const v = await attempt(deps, to, () => deps.services.keberatan.choose(actor, id, choice))
    if (!v) return
    const card = clickedMessage(a)
    if (card) await updateCard(deps, a.client, card, { kind: 'keberatan_card', evaluation: v })
  }, (a) => parseRatingAction(a.action.action_id, KEBERATAN_RATE_ACTION_RE) !== null)
}

const outcomeOf = (v: EvaluationView) =>
  v.keberatan?.status === 'DIUBAH' ? t('keberatan.outcomeChanged', { predikat: predikatLabel(v.predikat) }) : t('keberatan.outcomeConfirmed')

/** ✅ Kukuhkan penilaian / 💾 Simpan perubahan: the outbox replaces the card and tells the employee and the rater. */
export function keberatanDecideAction(deps: SlackDeps) {
  return recordButton(deps, 'keberatan_decide', async ({ a, to, actor, id }) => {
    const mode = a.action.action_id === ACTION.keberatanSave ? 'change' : 'confirm'
    const v = await attempt(deps, to, () => deps.services.keberatan.resolve(actor, id, mode))
    if (v) await tell(deps, to, t('keberatan.resolved', { employee: v.employee.name, outcome: outcomeOf(v) }))
  })
}
