import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt'
import type { Recipient } from '../../reply.js'

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs

/** Who clicked, and where an answer only they see can go. */
export function clicker(a: ButtonArgs): Recipient {
  return {
    client: a.client,
    userId: a.body.user.id,
    ...(a.body.channel?.id ? { channelId: a.body.channel.id } : {}),
    // no response URL for clicks in App Home or in modals
    ...(a.body.response_url ? { respond: a.respond } : {}),
  }
}

/** The click came from the App Home tab: answer there by publishing it again. */
export const fromHome = (a: ButtonArgs) => a.body.view?.type === 'home'
