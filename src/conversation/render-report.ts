import type { RencanaAksiOption } from '../domain/rencana-aksi.js'
import type { RhkOption } from '../domain/skp.js'
import type { ActivityView } from '../domain/types.js'
import { OPEN_STATUSES } from '../domain/reports.js'
import { receiptText, t, truncate } from '../messages/index.js'
import type { Block, Button, Message } from './message.js'
import { textMessage } from './message.js'
import { button, buttonRow, ownButtons } from './render-parts.js'

// The messages of the report conversation, once for every platform: the guided report's questions and
// their buttons, "a similar report exists", the receipt of a report sent from a chat. Adapters map them
// (toTelegram, toSlack) like any other neutral message.

const question = (text: string, ...rows: Block[][]): Message => ({ blocks: [{ type: 'text', text }, ...rows.flat()] })

const cancelButton = (): Button => button(t('button.cancel'), { kind: 'guided', step: 'cancel' })

/** "Attach evidence, or skip." */
export const evidenceQuestion = (text = t('guided.askEvidence')): Message =>
  question(text, buttonRow([button(t('button.skip'), { kind: 'guided', step: 'skip' }), cancelButton()], 'guided:evidence'))

/** The summary before sending (or the reminder to use its buttons), with Kirim / Batal. */
export const confirmQuestion = (text: string): Message =>
  question(text, buttonRow([button(t('button.send'), { kind: 'guided', step: 'send' }, 'primary'), cancelButton()], 'guided:confirm'))

/**
 * Which RHK the activity supports: one option a row (each its own row id, so platforms that address
 * rows keep every button's id apart), then "Tanpa RHK" and Batal.
 */
export const rhkQuestion = (options: RhkOption[], text = t('guided.askRhk')): Message =>
  question(
    text,
    ...options.map((o) => buttonRow([button(truncate(`${o.code} — ${o.text}`, 60), { kind: 'guidedRhk', rhkId: o.id })], `guided:rhk:${o.id}`)),
    buttonRow([button(t('button.noRhk'), { kind: 'guidedRhk', rhkId: 0 }), cancelButton()], 'guided:rhk:0'),
  )

/** A rencana aksi as a button: its text, cut so its satuan stays readable. */
const rencanaAksiLabel = (o: RencanaAksiOption) => `${truncate(o.text, Math.max(20, 57 - o.satuan.length))} (${o.satuan})`

/**
 * Which of the RHK's rencana aksi this month the activity serves: the options (with their targets) in the
 * text, one a row as buttons, then "Lewati" where the agency does not require one, and Batal. Platforms
 * with few buttons show them as a list (WhatsApp: lists of ten).
 */
export const rencanaAksiQuestion = (
  q: { code: string; period: string; options: RencanaAksiOption[]; canSkip: boolean },
  text = t('guided.askRencanaAksi', { code: q.code, period: q.period, canSkip: q.canSkip, options: q.options }),
): Message =>
  question(
    text,
    ...q.options.map((o) => buttonRow([button(rencanaAksiLabel(o), { kind: 'guidedRencanaAksi', rencanaAksiId: o.id })], `guided:ra:${o.id}`)),
    buttonRow([...(q.canSkip ? [button(t('button.skip'), { kind: 'guidedRencanaAksi', rencanaAksiId: 0 })] : []), cancelButton()], 'guided:ra:0'),
  )

/** How much of the rencana aksi's satuan the activity realised: typed, or the "1 <satuan>" button. */
export const realisasiQuestion = (o: Pick<RencanaAksiOption, 'text' | 'target' | 'satuan'>, text = t('guided.askRealisasi', o)): Message =>
  question(
    text,
    buttonRow([button(t('button.realisasiOne', { satuan: o.satuan }), { kind: 'guidedRealisasi', amount: 1 }, 'primary'), cancelButton()], 'guided:realisasi'),
  )

/** "A similar report exists (#id): send it anyway?" with Kirim lagi / Batal. */
export const similarQuestion = (text: string, similarId: number): Message =>
  question(
    text,
    buttonRow([
      button(t('button.sendAgain'), { kind: 'similar', answer: 'send', activityId: similarId }, 'primary'),
      button(t('button.cancel'), { kind: 'similar', answer: 'cancel', activityId: similarId }),
    ]),
  )

/** The receipt of a report sent from a chat, a lead above it if given, Ubah / Tarik while it is open. */
export function receiptMessage(view: ActivityView, heading?: string, lead?: string): Message {
  const text = lead ? `${lead}\n\n${receiptText(view, heading)}` : receiptText(view, heading)
  return OPEN_STATUSES.includes(view.status) ? { blocks: [{ type: 'text', text }, ...ownButtons(view)] } : textMessage(text)
}
