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

/** The message the clicked button is on (a card in a DM); none for App Home and modals. */
export function clickedMessage(a: ButtonArgs): { channel: string; ts: string } | undefined {
  const container = a.body.container as { channel_id?: string; message_ts?: string } | undefined
  const channel = a.body.channel?.id ?? container?.channel_id
  const ts = a.body.message?.ts ?? container?.message_ts
  return channel && ts ? { channel, ts } : undefined
}
