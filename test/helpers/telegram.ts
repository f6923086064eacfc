import type { SentMessage } from './fake-telegram.js'

/** The callback_data of the first inline button whose label matches. */
export function buttonData(msg: SentMessage | undefined, label: RegExp): string | undefined {
  return msg?.reply_markup?.inline_keyboard?.flat().find((b) => label.test(b.text))?.callback_data
}

export const buttonLabels = (msg: SentMessage | undefined): string[] =>
  msg?.reply_markup?.inline_keyboard?.flat().map((b) => b.text) ?? []

/** "Laporan #12 …" → 12 */
export function reportId(text: string): number {
  const m = /#(\d+)/.exec(text)
  if (!m) throw new Error(`no report id in: ${text}`)
  return Number(m[1])
}
