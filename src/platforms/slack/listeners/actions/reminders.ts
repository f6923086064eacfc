import { pendingBlocks, pendingText } from '../../message.js'
import type { SlackDeps } from '../../context.js'
import { afterAck, tell } from '../../reply.js'
import { openReportForm } from '../commands/lapor.js'
import { actionButton, clicker, type ButtonListener } from './types.js'

/** "Lapor sekarang" on the activity reminder: the report form, as /kinerja lapor opens it. */
export function reportStartAction(deps: SlackDeps): ButtonListener {
  return async (a) => {
    await a.ack()
    const to = clicker(a)
    // the form answers an unlinked clicker itself, within the trigger's three seconds
    await afterAck(deps, to, 'reportStart', () => openReportForm(deps, a.client, to, a.body.trigger_id))
  }
}

/** "Buka daftar persetujuan" on the approval reminder: the queue, as /kinerja persetujuan shows it. */
export function openQueueAction(deps: SlackDeps) {
  return actionButton(deps, 'openQueue', async ({ to, actor }) => {
    const page = await deps.services.decisions.pending(actor, 1, deps.services.config.pageSize)
    await tell(deps, to, pendingText(page), pendingBlocks(page))
  })
}
