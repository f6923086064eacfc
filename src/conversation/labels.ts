import { t, type MessageKey } from '../messages/index.js'
import type { Capabilities } from './message.js'

// Button words with a short form in the catalogue, for platforms whose buttons take fewer characters
// (WhatsApp's reply buttons: 20). The short form is chosen, never a cut: "✅ Setujui semua di …" says
// less than "✅ Setujui semua". test/conversation/render.test.ts checks every label fits every platform.

const SHORT = {
  'button.approveAll': 'button.approveAllShort',
  'button.openQueue': 'button.openQueueShort',
} as const satisfies Partial<Record<MessageKey, MessageKey>>

export type LabelWithShortForm = keyof typeof SHORT

/** The catalogue's label, or its short form where the platform's buttons cannot take it whole. */
export function buttonLabel(key: LabelWithShortForm, caps: Pick<Capabilities, 'maxButtonLabel'>): string {
  const full = t(key)
  return full.length <= caps.maxButtonLabel ? full : t(SHORT[key])
}
