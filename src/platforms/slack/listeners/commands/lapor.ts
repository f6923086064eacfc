import { localDate } from '../../../../domain/dates.js'
import { t } from '../../../../messages/index.js'
import type { SlackDeps, WebClient } from '../../context.js'
import { noticeModal, reportModal } from '../../modals.js'
import { afterAck, tell, type Recipient } from '../../reply.js'
import { offerRhk } from '../../report-rhk.js'
import { openModal } from '../../shared.js'
import { converseOnSlack } from '../../conversation.js'
import type { Subcommand } from './types.js'

/**
 * The empty report form. It opens before anything touches the database (the trigger expires in 3 s);
 * a person who turns out not to be linked sees the explanation in the same modal.
 */
export async function openReportForm(deps: SlackDeps, client: WebClient, to: Recipient, triggerId: string) {
  const { services } = deps
  const today = localDate(services.clock.now(), services.config.defaultTimezone)
  const viewId = await openModal(deps, to, triggerId, reportModal({ today, maxDescription: services.config.maxDescription }))
  if (!viewId) return
  const actor = await deps.actorFor(client, to.userId)
  if (!actor) await client.views.update({ view_id: viewId, view: noticeModal(t('slack.notLinked')) })
  else await offerRhk(deps, client, viewId, actor, today)
}

/** One typed line, `[kemarin|dd/mm] 08:00-10:30 uraian`: the core's one-line report, the same grammar as every platform. */
export async function submitLine(deps: SlackDeps, client: WebClient, to: Recipient, line: string) {
  const actor = await deps.actorFor(client, to.userId)
  if (!actor) return tell(deps, to, t('slack.notLinked'))
  await converseOnSlack(deps, client, { userId: to.userId, actor }, { type: 'command', command: 'lapor', text: line }, { to })
}

export const lapor: Subcommand = async (deps, { ack, args, client, command, to }) => {
  // ack first: Slack gives up after 3 s, and the database may be slower than that
  await ack()
  await afterAck(deps, to, 'lapor', () => (args ? submitLine(deps, client, to, args) : openReportForm(deps, client, to, command.trigger_id)))
}
