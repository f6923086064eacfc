import { t } from '../../../../messages/index.js'
import type { SlackDeps, WebClient } from '../../context.js'
import { converseOnSlack } from '../../conversation.js'
import { afterAck, tell, type Recipient } from '../../reply.js'
import type { Subcommand } from './types.js'

/**
 * Links this Slack account with a code from the admin: the core's link flow (same rules and lockout as
 * every platform); the welcome goes to the DM with the app, refusals only to the person.
 */
export async function linkWithCode(deps: SlackDeps, client: WebClient, to: Recipient, code: string, dmHint?: string) {
  if (!code) return tell(deps, to, t('slack.linkUsage'))
  await converseOnSlack(deps, client, { userId: to.userId, actor: null, ...(dmHint ? { dmHint } : {}) }, { type: 'command', command: 'link', text: code }, { to })
}

export const hubungkan: Subcommand = async (deps, { ack, args, client, to }) => {
  await ack()
  await afterAck(deps, to, 'hubungkan', () => linkWithCode(deps, client, to, args))
}
