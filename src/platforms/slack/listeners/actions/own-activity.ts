import { localDate } from '../../../../domain/dates.js'
import { t } from '../../../../messages/index.js'
import type { SlackDeps } from '../../context.js'
import { reportModal } from '../../modals.js'
import { attempt, tell } from '../../reply.js'
import { editedRencanaAksi, rhkChoices } from '../../report-rhk.js'
import { openModal } from '../../shared.js'
import { converseOnSlack } from '../../conversation.js'
import { pressedOf } from './conversation.js'
import { actionButton } from './types.js'

/**
 * "Ubah" on a receipt or a Revisi notice, for the author while undecided: the report form, filled in
 * (opened first: its trigger lasts 3 s), and the core's typed fix in the DM for whoever would rather
 * write only what changes. Submitting the form ends the typed fix.
 */
export function editAction(deps: SlackDeps) {
  return actionButton(deps, 'edit', async ({ a, to, actor, action }) => {
    const { reports, clock, config } = deps.services
    const current = await attempt(deps, to, () => reports.editable(actor, action.activityId))
    if (!current) return
    const today = localDate(clock.now(), actor.timezone)
    const rhk = await rhkChoices(deps, actor, today)
    const rencanaAksi = await editedRencanaAksi(deps, actor, rhk, current, today)
    await openModal(deps, to, a.body.trigger_id, reportModal({ today, maxDescription: config.maxDescription, editing: current, rhk, ...(rencanaAksi ? { rencanaAksi } : {}) }))
    const pressed = pressedOf(a)
    await converseOnSlack(deps, a.client, { userId: to.userId, actor }, { type: 'action', action }, { to, ...(pressed ? { pressed } : {}) })
  })
}

/** "Tarik": withdraws an undecided report; the supervisor's card says so. */
export function withdrawAction(deps: SlackDeps) {
  return actionButton(deps, 'withdraw', async ({ to, actor, action }) => {
    const view = await attempt(deps, to, () => deps.services.reports.withdraw(actor, action.activityId))
    if (view) await tell(deps, to, t('withdraw.done', { id: view.id }))
  })
}
