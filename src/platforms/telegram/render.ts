import type { InlineKeyboard } from 'grammy'
import type { OutboxMessage } from '../../domain/types.js'
import {
  approvalCardText,
  approvalOutcomeText,
  decisionNoticeText,
  t,
  type MessageKey,
} from '../../messages/index.js'
import { approvalKeyboard, noButtons, ownActivityKeyboard } from './keyboards.js'

export interface Rendered {
  text: string
  keyboard?: InlineKeyboard
}

// Telegram allows 4,096 characters; descriptions are ≤ 1,000, so cards fit with room to spare.
const MAX_TEXT = 4096
const fit = (text: string) => (text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`)

/** An outbox message as a Telegram message. */
export function renderForTelegram(m: OutboxMessage): Rendered {
  switch (m.kind) {
    case 'approval_card': {
      const a = m.activity
      const hasFile = a.evidence !== null && (a.evidence.kind === 'photo' || a.evidence.kind === 'document')
      return { text: fit(approvalCardText(a)), keyboard: approvalKeyboard(a.id, a.version, hasFile) }
    }
    case 'approval_outcome':
      return { text: fit(approvalOutcomeText(m.activity)), keyboard: noButtons() }
    case 'approval_superseded':
      return {
        text: fit(
          `${approvalCardText(m.activity).split('\n').slice(1).join('\n')}\n\n` +
            (m.reason === 'edited'
              ? `ℹ️ Laporan #${m.activity.id} telah diperbarui oleh pegawai; kartu baru sudah dikirim.`
              : `ℹ️ Laporan #${m.activity.id} ditarik oleh pegawai.`),
        ),
        keyboard: noButtons(),
      }
    case 'decision_notice': {
      const a = m.activity
      return { text: fit(decisionNoticeText(a)), ...(a.status === 'REVISI' ? { keyboard: ownActivityKeyboard(a.id) } : {}) }
    }
    case 'text':
      return { text: fit(t(m.key as MessageKey, m.params)) }
  }
}
