import type { Services } from '../services.js'
import { localDate } from '../domain/dates.js'
import { parseMonth } from '../domain/progres-harian.js'
import type { Actor } from '../domain/types.js'
import { eksporParts, t, tppParts } from '../messages/index.js'
import { textMessage, type Capabilities, type Message } from './message.js'
import { textBlock, withCommands } from './render-parts.js'

// Two answers composed once for every platform (as /rekap is): the person's progres harian file for BKN
// e-Kinerja (/ekspor) and the TPP estimate (/tpp). Each adapter maps the neutral message, file included.

/**
 * /ekspor [bulan]: the person's approved activities of the month as BKN's progres harian (XLSX), with what
 * was left out and why in the text. No file when the month has no approved activity at all.
 */
export async function eksporMessage(services: Pick<Services, 'progresHarian' | 'clock'>, actor: Actor, args: string, caps: Capabilities): Promise<Message> {
  const today = localDate(services.clock.now(), actor.timezone)
  const parsed = parseMonth(args, today)
  if (!parsed.ok) {
    const text = parsed.reason === 'future' && parsed.month ? t('ekspor.monthFuture', { month: parsed.month }) : t('ekspor.monthUnknown', { text: args.trim().slice(0, 40) })
    return withCommands(textMessage(text), caps)
  }
  const { outcome, file } = await services.progresHarian.month(actor, parsed.month)
  if (outcome.exported === 0 && outcome.skipped.length === 0) return textMessage(t('ekspor.empty', { month: parsed.month }))
  return { ...withCommands({ blocks: [textBlock(eksporParts(parsed.month, outcome))] }, caps), file }
}

/** /tpp: this month's estimate of the performance part of TPP, what waits for the supervisor, what was rejected. */
export async function tppMessage(services: Pick<Services, 'tpp'>, actor: Actor, caps: Capabilities): Promise<Message> {
  return withCommands({ blocks: [textBlock(tppParts(actor.name, await services.tpp.estimate(actor)))] }, caps)
}
