import { Composer } from 'grammy'
import type { Services } from '../../../services.js'
import { t } from '../../../messages/index.js'
import type { LinkedContext } from '../context.js'
import { converseHere } from '../conversation.js'
import { subordinatesKeyboard } from '../evaluation-keyboards.js'
import { onAction } from '../keyboards.js'

/** /umpanbalik: a supervisor picks a subordinate, optionally a BerAKHLAK value, and writes a note. */
export function feedbackFeature(services: Services) {
  const feature = new Composer<LinkedContext>()
  const { feedback } = services

  feature.command('umpanbalik', async (ctx) => {
    const people = await feedback.subordinates(ctx.actor)
    if (people.length === 0) return ctx.reply(t('feedback.noSubordinates'))
    await ctx.reply(t('feedback.pickEmployee'), { reply_markup: subordinatesKeyboard(people) })
  })

  // the subordinate, the value, then the note: the core's feedback flow (every step authorized again)
  for (const kind of ['feedbackEmployee', 'feedbackValue'] as const) {
    onAction(feature, kind, async (ctx, action) => {
      await converseHere(ctx, services, { type: 'action', action })
    })
  }

  return feature
}
