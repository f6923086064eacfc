import type { types } from '@slack/bolt'
import type { Actor } from '../../domain/types.js'
import { rekapMessage } from '../../conversation/rekap.js'
import { t } from '../../messages/index.js'
import { divider, fitBlocks, section, type Block } from './blocks.js'
import { pendingBlocks, toSlack } from './message.js'
import type { SlackDeps, WebClient } from './context.js'

// App Home tabs hold up to 100 blocks (messages: 50)
const MAX_HOME_BLOCKS = 100

/** The person's month and, for supervisors, the queue with its buttons. */
export async function homeView(deps: Pick<SlackDeps, 'services'>, actor: Actor | null, page = 1, notice?: string): Promise<types.HomeView> {
  if (!actor) return { type: 'home', blocks: [section(t('slack.notLinked'))] }
  const { decisions, config } = deps.services
  const [rekap, pending] = await Promise.all([rekapMessage(deps.services, actor), decisions.pending(actor, page, config.pageSize)])
  const blocks: Block[] = [...(notice ? [section(notice)] : []), ...toSlack(rekap).blocks]
  // employees without subordinates see no empty queue
  if (pending.total > 0 || actor.role !== 'EMPLOYEE') blocks.push(divider(), ...pendingBlocks(pending))
  return { type: 'home', blocks: fitBlocks(blocks, MAX_HOME_BLOCKS) }
}

export async function publishHome(deps: Pick<SlackDeps, 'services'>, client: WebClient, userId: string, actor: Actor | null, page = 1, notice?: string) {
  await client.views.publish({ user_id: userId, view: await homeView(deps, actor, page, notice) })
}
