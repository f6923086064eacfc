import { Composer } from 'grammy'
import type { Services } from '../../../services.js'
import type { LinkedContext } from '../context.js'
import { converseHere } from '../conversation.js'
import { onAction } from '../keyboards.js'

/** The RHK, its rencana aksi and the realisasi picked in the guided /lapor: inputs to the conversation core. */
export function reportRhkFeature(services: Services) {
  const feature = new Composer<LinkedContext>()
  onAction(feature, 'guidedRhk', async (ctx, action) => {
    await converseHere(ctx, services, { type: 'action', action })
  })
  onAction(feature, 'guidedRencanaAksi', async (ctx, action) => {
    await converseHere(ctx, services, { type: 'action', action })
  })
  onAction(feature, 'guidedRealisasi', async (ctx, action) => {
    await converseHere(ctx, services, { type: 'action', action })
  })
  return feature
}
