import type { Services } from '../services.js'
import type { Actor } from '../domain/types.js'
import { rekapText, rhkRekapText } from '../messages/index.js'

/**
 * The person's /rekap as every platform shows it: this month's minutes by status, target and capaian,
 * then the per-RHK section when there is an SKP. One place, so no platform shows less than another.
 */
export async function rekapReply(services: Pick<Services, 'summary' | 'skp'>, actor: Actor): Promise<string> {
  const [summary, byRhk] = await Promise.all([services.summary.month(actor), services.skp.rekap(actor)])
  const text = rekapText(actor.name, summary)
  return byRhk.length > 0 ? `${text}\n\n${rhkRekapText(byRhk)}` : text
}
