import { localDate } from '../../../../domain/dates.js'
import { t } from '../../../../messages/index.js'
import type { SlackDeps } from '../../context.js'
import { reportModal } from '../../modals.js'
import { attempt, tell } from '../../reply.js'
import { rhkChoices } from '../../report-rhk.js'
import { openModal, submitReport } from '../../shared.js'
import { actionButton } from './types.js'

/** "Ubah" on a receipt or a Revisi notice: the report form, filled in, for the author while undecided. */
export function editAction(deps: SlackDeps) {
  return actionButton(deps, 'edit', async ({ a, to, actor, action }) => {
    const { reports, clock, config } = deps.services
    const current = await attempt(deps, to, () => reports.editable(actor, action.activityId))
    if (!current) return
    const today = localDate(clock.now(), actor.timezone)
    const rhk = await rhkChoices(deps, actor, today)
    await openModal(deps, to, a.body.trigger_id, reportModal({ today, maxDescription: config.maxDescription, editing: current, rhk }))
  })
}

/** "Tarik": withdraws an undecided report; the supervisor's card says so. */
export function withdrawAction(deps: SlackDeps) {
  return actionButton(deps, 'withdraw', async ({ to, actor, action }) => {
    const view = await attempt(deps, to, () => deps.services.reports.withdraw(actor, action.activityId))
    if (view) await tell(deps, to, t('withdraw.done', { id: view.id }))
  })
}

/** "Kirim lagi" / "Batal" under "a similar report exists": the report held for the clicker. */
export function similarAction(deps: SlackDeps) {
  return actionButton(deps, 'similar', async ({ to, actor, action }) => {
    if (action.answer === 'send') return submitReport(deps, to, actor, 'held')
    const dropped = await deps.services.reports.dropHeld(actor)
    await tell(deps, to, dropped ? t('report.similarCancelled') : t('error.staleButton'))
  })
}
