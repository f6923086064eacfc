import type { types } from '@slack/bolt'
import { BERAKHLAK } from '../../domain/evaluation-config.js'
import { t, truncate, valueLabel } from '../../messages/index.js'
import { VIEW } from './action-ids.js'
import { section } from './blocks.js'
import { VALUE, type ModalView } from './modals.js'

/** Block ids of the feedback form. */
export const FEEDBACK_FIELD = { employee: 'fb_employee', value: 'fb_value', note: 'fb_note' } as const

const plain = (text: string, max = 75) => ({ type: 'plain_text' as const, text: truncate(text, max), emoji: true })
const option = (text: string, value: string): types.PlainTextOption => ({ text: plain(text), value })

/** /kinerja umpanbalik: a subordinate, optionally a BerAKHLAK value, and the note. */
export function feedbackModal(people: { id: number; name: string }[]): ModalView {
  return {
    type: 'modal',
    callback_id: VIEW.feedback,
    title: plain(t('slack.modalFeedback'), 24),
    submit: plain(t('slack.modalSubmit'), 24),
    close: plain(t('slack.modalClose'), 24),
    blocks: [
      section(t('feedback.pickEmployee')),
      {
        type: 'input',
        block_id: FEEDBACK_FIELD.employee,
        label: plain(t('slack.fieldEmployee')),
        // Slack allows 100 options; a Pejabat Penilai has far fewer direct subordinates
        element: { type: 'static_select', action_id: VALUE, options: people.slice(0, 100).map((p) => option(p.name, String(p.id))) },
      },
      {
        type: 'input',
        block_id: FEEDBACK_FIELD.value,
        optional: true,
        label: plain(t('slack.fieldBerakhlak')),
        element: { type: 'static_select', action_id: VALUE, options: BERAKHLAK.map((v, i) => option(valueLabel(v), String(i))) },
      },
      {
        type: 'input',
        block_id: FEEDBACK_FIELD.note,
        label: plain(t('slack.fieldFeedback')),
        element: { type: 'plain_text_input', action_id: VALUE, multiline: true, max_length: 1000 },
      },
    ],
  }
}
