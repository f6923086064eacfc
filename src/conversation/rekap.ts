import type { Services } from '../services.js'
import type { Actor } from '../domain/types.js'
import { rekapParts, rhkRekapText } from '../messages/index.js'
import type { Message } from './message.js'
import { textBlock } from './render-parts.js'

/**
 * The person's /rekap as every platform shows it: this month's minutes by status, target and capaian,
 * then the per-RHK section when there is an SKP. One place, so no platform shows less than another: a
 * neutral message whose heading each platform sets apart its own way.
 */
export async function rekapMessage(services: Pick<Services, 'summary' | 'skp'>, actor: Actor): Promise<Message> {
  const [summary, byRhk] = await Promise.all([services.summary.month(actor), services.skp.rekap(actor)])
  const parts = rekapParts(actor.name, summary)
  return { blocks: [textBlock(byRhk.length > 0 ? { ...parts, body: `${parts.body}\n\n${rhkRekapText(byRhk)}` } : parts)] }
}
