import { Composer } from 'grammy'
import type { Services } from '../../../services.js'
import type { LinkedContext } from '../context.js'
import { converseHere } from '../conversation.js'
import { onAction } from '../keyboards.js'

/** The RHK picked in the guided /lapor: an input to the conversation core. */
export function reportRhkFeature(services: Services) {
  const feature = new Composer<LinkedContext>()
  onAction(feature, 'guidedRhk', async (ctx, action) => {
    await converseHere(ctx, services, { type: 'action', action })
  })
  return feature
}
