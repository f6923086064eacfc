import type { EvaluationMessage } from '../../domain/evaluation-types.js'
import { renderForSlack } from './message.js'
import type { SlackDeps, WebClient } from './context.js'

/**
 * Redraws a card where it is after a choice on it (the same rendering the outbox uses), so there stays
 * one card with live buttons. The choice is already stored: a card that cannot be edited (deleted,
 * replaced meanwhile) is only logged.
 */
export async function updateCard(deps: Pick<SlackDeps, 'log'>, client: WebClient, where: { channel: string; ts: string }, message: EvaluationMessage): Promise<void> {
  const r = renderForSlack(message)
  try {
    await client.chat.update({ channel: where.channel, ts: where.ts, text: r.text, blocks: r.blocks })
  } catch (err) {
    deps.log.warn({ err: { message: (err as Error).message }, kind: message.kind }, 'slack: card not redrawn')
  }
}
