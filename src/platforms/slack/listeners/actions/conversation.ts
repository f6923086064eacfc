import type { ActionKind } from '../../../../conversation/actions.js'
import type { Block } from '../../blocks.js'
import type { SlackDeps } from '../../context.js'
import { converseOnSlack, type Pressed } from '../../conversation.js'
import { actionButton, clickedMessage, type ButtonArgs, type ButtonListener } from './types.js'

/** The message the click came from, with what it showed (to take its buttons away); none in App Home and modals. */
export function pressedOf(a: ButtonArgs): Pressed | undefined {
  const where = clickedMessage(a)
  if (!where) return undefined
  const message = a.body.message as { text?: string; blocks?: Block[] } | undefined
  return { ...where, ...(message?.text !== undefined ? { text: message.text } : {}), ...(message?.blocks ? { blocks: message.blocks } : {}) }
}

/**
 * A button that is one input to the conversation core (the guided report's, "a similar report exists"):
 * the core decides what to say; this performs it.
 */
export function conversationAction<K extends ActionKind>(kind: K) {
  return (deps: SlackDeps): ButtonListener =>
    actionButton(deps, kind, async ({ a, to, actor, action }) => {
      const pressed = pressedOf(a)
      await converseOnSlack(deps, a.client, { userId: to.userId, actor }, { type: 'action', action, ...(pressed ? { messageId: pressed.ts } : {}) }, { to, ...(pressed ? { pressed } : {}) })
    })
}
