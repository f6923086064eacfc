import { t } from '../../../../messages/index.js'
import { pendingBlocks, pendingText } from '../../blocks.js'
import type { SlackDeps } from '../../context.js'
import { afterAck, tell } from '../../reply.js'
import { openReportForm } from '../commands/lapor.js'
import { clicker, type ButtonArgs } from './types.js'

/** "Lapor sekarang" on the activity reminder: the report form, as /kinerja lapor opens it. */
export function reportStartAction(deps: SlackDeps) {
  return async (a: ButtonArgs) => {
    await a.ack()
    const to = clicker(a)
    await afterAck(deps, to, 'report_start', () => openReportForm(deps, a.client, to, a.body.trigger_id))
  }
}

/** "Buka daftar persetujuan" on the approval reminder: the queue, as /kinerja persetujuan shows it. */
export function openQueueAction(deps: SlackDeps) {
  return async (a: ButtonArgs) => {
    await a.ack()
    const to = clicker(a)
    await afterAck(deps, to, 'open_queue', async () => {
      const actor = await deps.actorFor(a.client, to.userId)
      if (!actor) return tell(deps, to, t('slack.notLinked'))
      const page = await deps.services.decisions.pending(actor, 1, deps.services.config.pageSize)
      await tell(deps, to, pendingText(page), pendingBlocks(page))
    })
  }
}
