import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt'
import { decodeSlackAction, type ActionKind, type ActionOf } from '../../../../conversation/actions.js'
import type { Actor } from '../../../../domain/types.js'
import { t } from '../../../../messages/index.js'
import { queuePageOf, type QueueOrigin } from '../../action-ids.js'
import type { SlackDeps } from '../../context.js'
import { afterAck, tell, type Recipient } from '../../reply.js'

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs
export type ButtonListener = (a: ButtonArgs) => Promise<void>

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

/** What a button gets once the click checked out. */
export interface ActionClick<K extends ActionKind> {
  a: ButtonArgs
  to: Recipient
  actor: Actor
  /** The button's action, decoded by the codec (client data: ids only, authorized by the use case). */
  action: ActionOf<K>
}

/**
 * A button of one kind: acks at once, then, after the ack, decodes the action and finds the clicker's
 * employee; a button this version did not write (malformed, forged, another kind) or an unlinked
 * clicker gets the usual answer and `act` does not run.
 */
export function actionButton<K extends ActionKind>(deps: SlackDeps, kind: K, act: (c: ActionClick<K>) => Promise<unknown>): ButtonListener {
  return async (a) => {
    await a.ack()
    const to = clicker(a)
    await afterAck(deps, to, kind, async () => {
      const action = decodeSlackAction(a.action.action_id, a.action.value)
      if (action?.kind !== kind) return void (await tell(deps, to, t('error.staleButton')))
      const actor = await deps.actorFor(a.client, to.userId)
      if (!actor) return void (await tell(deps, to, t('slack.notLinked')))
      await act({ a, to, actor, action: action as ActionOf<K> })
    })
  }
}
