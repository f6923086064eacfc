import type { Services } from '../services.js'
import type { Actor } from '../domain/types.js'
import { rekapParts, rencanaAksiRekapText, rhkRekapText } from '../messages/index.js'
import type { Message } from './message.js'
import { textBlock } from './render-parts.js'

/**
 * The person's /rekap as every platform shows it: this month's minutes by status, target and capaian,
 * then the per-RHK section when there is an SKP, then each rencana aksi of the month against its target
 * when there are some. One place, so no platform shows less than another: a neutral message whose
 * heading each platform sets apart its own way.
 */
export async function rekapMessage(services: Pick<Services, 'summary' | 'skp' | 'rencanaAksi'>, actor: Actor): Promise<Message> {
  const [summary, byRhk, plan] = await Promise.all([services.summary.month(actor), services.skp.rekap(actor), services.rencanaAksi.rekap(actor)])
  const parts = rekapParts(actor.name, summary)
  const sections = [parts.body, ...(byRhk.length > 0 ? [rhkRekapText(byRhk)] : []), ...(plan.length > 0 ? [rencanaAksiRekapText(plan)] : [])]
  return { blocks: [textBlock({ ...parts, body: sections.join('\n\n') })] }
}
