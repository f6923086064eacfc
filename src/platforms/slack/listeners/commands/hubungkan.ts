import type { MessageKey } from '../../../../messages/index.js'
import { t } from '../../../../messages/index.js'
import type { SlackDeps, WebClient } from '../../context.js'
import { afterAck, attempt, tell, type Recipient } from '../../reply.js'
import type { Subcommand } from './types.js'

/** Links this Slack account with a code from the admin (same rules and lockout as Telegram). */
export async function linkWithCode(deps: SlackDeps, client: WebClient, to: Recipient, code: string, dmHint?: string) {
  if (!code) return tell(deps, to, t('slack.linkUsage'))
  const chatId = await deps.dm.channelFor(to.userId, dmHint)
  const linked = await attempt(deps, to, () => deps.services.linking.redeem({ platform: 'slack', externalId: to.userId, chatId }, code))
  if (!linked) return
  const text = t('slack.welcome', { name: linked.name, role: t(`role.${linked.role}` as MessageKey), position: linked.position, unit: linked.unit })
  // the welcome stays in the DM with the app, where the person will find the bot again
  await client.chat.postMessage({ channel: chatId, text })
  deps.services.linking.deliverWaiting()
}

export const hubungkan: Subcommand = async (deps, { ack, args, client, to }) => {
  await ack()
  await afterAck(deps, to, 'hubungkan', () => linkWithCode(deps, client, to, args))
}
