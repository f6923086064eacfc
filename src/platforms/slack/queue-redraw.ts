import type { Actor, ActivityView } from '../../domain/types.js'
import { t } from '../../messages/index.js'
import type { QueueOrigin } from './action-ids.js'
import { pendingMessage } from './message.js'
import type { SlackDeps, WebClient } from './context.js'
import { publishHome } from './home.js'

/**
 * Redraws the queue a decision was taken in, so the decided item no longer shows its buttons: App Home
 * is published again, the /kinerja persetujuan list is replaced through its response URL. The decision
 * is stored already: a queue that cannot be redrawn (a response URL lasts 30 minutes) is only logged.
 */
export async function redrawQueue(
  deps: Pick<SlackDeps, 'services' | 'log' | 'respondAt'>,
  client: WebClient,
  userId: string,
  actor: Actor,
  origin: QueueOrigin,
  notice?: string,
): Promise<void> {
  try {
    if (origin.kind === 'home') return await publishHome(deps, client, userId, actor, origin.page, notice)
    const page = await deps.services.decisions.pending(actor, origin.page, deps.services.config.pageSize)
    await deps.respondAt(origin.responseUrl, { replace_original: true, ...pendingMessage(page, notice) })
  } catch (err) {
    deps.log.warn({ err: { message: (err as Error).message }, where: origin.kind }, 'slack: queue not redrawn')
  }
}

/** "Laporan #12: Disetujui." above the redrawn queue. */
export const decidedNotice = (view: Pick<ActivityView, 'id' | 'status'>) => t('decide.done', { id: view.id, outcome: t(`status.${view.status}`) })
