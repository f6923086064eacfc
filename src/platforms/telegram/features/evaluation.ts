import { Composer } from 'grammy'
import type { Services } from '../../../services.js'
import type { LinkedContext } from '../context.js'
import { converseHere } from '../conversation.js'
import { onAction } from '../keyboards.js'

/**
 * The Pejabat Penilai's card, the employee's keberatan, and the Atasan Pejabat Penilai's decision: every
 * press is an input to the conversation core (ratings redraw the card in place, a note is a short flow).
 */
export function evaluationFeature(services: Services) {
  const feature = new Composer<LinkedContext>()

  onAction(feature, 'evalRate', async (ctx, action) => {
    // the card's message is remembered, to redraw it after a note
    const card = ctx.callbackQuery.message?.message_id
    await converseHere(ctx, services, { type: 'action', action, ...(card ? { messageId: String(card) } : {}) })
  })

  for (const kind of ['evalNote', 'keberatanFile', 'keberatanResolve'] as const) {
    onAction(feature, kind, async (ctx, action) => {
      await converseHere(ctx, services, { type: 'action', action })
    })
  }

  return feature
}
