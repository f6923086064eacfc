import type { types } from '@slack/bolt'
import { BERAKHLAK } from '../../domain/evaluation-config.js'
import type { EvaluationView } from '../../domain/evaluation-types.js'
import { periodLabel, t, valueLabel } from '../../messages/index.js'
import { noteMetadata, VIEW } from './action-ids.js'
import { context, section } from './blocks.js'
import { input, modal, plain, VALUE, type ModalView } from './modals.js'

/** Block ids of the note and keberatan forms; field errors are addressed to them. */
export const EVALUATION_FIELD = { value: 'ev_value', note: 'ev_note', reason: 'kb_reason' } as const

// the use cases' limits (evaluation.ts, keberatan.ts): Slack stops longer text before it is sent
const MAX_NOTE = 1000
const MAX_REASON = 1000

const option = (text: string, value: string): types.PlainTextOption => ({ text: plain(text, 75), value })

/**
 * "📝 Catatan BerAKHLAK": one of the seven values and its note, as on Telegram (one note per value; a new
 * note for a value replaces the old one). The metadata names the evaluation and the card to redraw.
 */
export function evaluationNoteModal(v: EvaluationView, cardTs?: string): ModalView {
  const existing = BERAKHLAK.filter((k) => v.notes[k]).map((k) => `• ${valueLabel(k)}: ${v.notes[k]}`)
  return modal({
    callbackId: VIEW.evaluationNote,
    title: t('slack.modalEvaluationNote'),
    submit: t('slack.modalSave'),
    metadata: noteMetadata(v.id, cardTs),
    blocks: [
      section(t('evaluation.pickValue', { employee: v.employee.name })),
      ...(existing.length > 0 ? [context([t('slack.currentNotes'), ...existing].join('\n'))] : []),
      input(EVALUATION_FIELD.value, t('slack.fieldBerakhlakValue'), {
        type: 'static_select',
        action_id: VALUE,
        options: BERAKHLAK.map((k, i) => option(valueLabel(k), String(i))),
      }),
      input(
        EVALUATION_FIELD.note,
        t('slack.fieldEvaluationNote'),
        { type: 'plain_text_input', action_id: VALUE, multiline: true, max_length: MAX_NOTE },
        { hint: t('slack.evaluationNoteHint') },
      ),
    ],
  })
}

/** "⚖️ Ajukan keberatan": the reason (required), and who will decide. */
export function keberatanModal(v: EvaluationView, app: string): ModalView {
  return modal({
    callbackId: VIEW.keberatanReason,
    title: t('slack.modalKeberatan'),
    submit: true,
    metadata: String(v.id),
    blocks: [
      section(t('slack.keberatanPrompt', { period: periodLabel(v.period), app })),
      input(EVALUATION_FIELD.reason, t('slack.fieldKeberatanReason'), { type: 'plain_text_input', action_id: VALUE, multiline: true, max_length: MAX_REASON }),
    ],
  })
}

