import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt'
import type { Actor } from '../../../../domain/types.js'
import { t } from '../../../../messages/index.js'
import { parseId, queuePageOf, type QueueOrigin } from '../../action-ids.js'
import type { SlackDeps } from '../../context.js'
import { afterAck, tell, type Recipient } from '../../reply.js'

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

/** The queue the clicked button is in (App Home, or the /kinerja persetujuan list); none for a card. */
export function queueOrigin(a: ButtonArgs): QueueOrigin | undefined {
  const page = queuePageOf(a.action.block_id)
  if (fromHome(a)) return { kind: 'home', page: page ?? 1 }
  return page !== null && a.body.response_url ? { kind: 'list', page, responseUrl: a.body.response_url } : undefined
}

/** The message the clicked button is on (a card in a DM); none for App Home and modals. */
export function clickedMessage(a: ButtonArgs): { channel: string; ts: string } | undefined {
  const container = a.body.container as { channel_id?: string; message_ts?: string } | undefined
  const channel = a.body.channel?.id ?? container?.channel_id
  const ts = a.body.message?.ts ?? container?.message_ts
  return channel && ts ? { channel, ts } : undefined
}

/** What a button on one record gets once the click checked out. */
export interface RecordClick {
  a: ButtonArgs
  to: Recipient
  actor: Actor
  /** The record id the button's value carries (a value is client data: only an id, authorized later). */
  id: number
}

/**
 * A button that acts on one record: acks at once, then, after the ack, reads the id from the value and
 * the clicker's employee; a malformed value or an unlinked clicker gets the usual answer and `act` does
 * not run. `valid` lets a listener refuse an action id it cannot read (the rating buttons) the same way.
 */
export function recordButton(deps: SlackDeps, name: string, act: (c: RecordClick) => Promise<unknown>, valid: (a: ButtonArgs) => boolean = () => true) {
  return async (a: ButtonArgs) => {
    await a.ack()
    const to = clicker(a)
    await afterAck(deps, to, name, async () => {
      const id = parseId(a.action.value)
      if (id === null || !valid(a)) return void (await tell(deps, to, t('error.staleButton')))
      const actor = await deps.actorFor(a.client, to.userId)
      if (!actor) return void (await tell(deps, to, t('slack.notLinked')))
      await act({ a, to, actor, id })
    })
  }
}
