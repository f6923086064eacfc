import type { types } from '@slack/bolt'
import { formatClock, formatDateId } from '../../domain/dates.js'
import type { IsoDate } from '../../domain/dates.js'
import type { ActivityView } from '../../domain/types.js'
import { t, truncate } from '../../messages/index.js'
import { VIEW, type DecideCode } from './action-ids.js'
import { section, sections, type Block } from './blocks.js'

export type ModalView = types.ModalView

/** Block ids of the report form; field errors are addressed to them. */
export const FIELD = {
  description: 'description',
  date: 'date',
  start: 'start',
  end: 'end',
  duration: 'duration',
  evidenceLink: 'evidence_link',
  evidenceFile: 'evidence_file',
  reason: 'reason',
} as const
/** Every input element of ours has this action id inside its block. */
export const VALUE = 'value'

// titles, submit and close buttons are at most 24 characters
const plain = (text: string, max = 24) => ({ type: 'plain_text' as const, text: truncate(text, max), emoji: true })

function modal(opts: { callbackId: string; title: string; blocks: Block[]; submit?: boolean; metadata?: string }): ModalView {
  return {
    type: 'modal',
    callback_id: opts.callbackId,
    title: plain(opts.title),
    close: plain(t('slack.modalClose')),
    ...(opts.submit ? { submit: plain(t('slack.modalSubmit')) } : {}),
    ...(opts.metadata ? { private_metadata: opts.metadata } : {}),
    blocks: opts.blocks,
  }
}

const input = (blockId: string, label: string, element: types.InputBlockElement, opts: { optional?: boolean; hint?: string } = {}): Block => ({
  type: 'input',
  block_id: blockId,
  label: plain(label, 2000),
  element,
  ...(opts.optional ? { optional: true } : {}),
  ...(opts.hint ? { hint: plain(opts.hint, 2000) } : {}),
})

export interface ReportModalOptions {
  today: IsoDate
  maxDescription: number
  /** Editing an activity (after Revisi, or before a decision): the form starts with its values. */
  editing?: ActivityView
}

/** The report form: description, date, start/end or a duration, evidence link or file. */
export function reportModal(o: ReportModalOptions): ModalView {
  const a = o.editing
  const range = a && a.startMinute != null && a.endMinute != null
  const initialTime = (m: number) => (m >= 1440 ? '23:59' : formatClock(m))
  return modal({
    callbackId: VIEW.report,
    title: a ? t('slack.modalEdit', { id: a.id }) : t('slack.modalReport'),
    submit: true,
    metadata: a ? JSON.stringify({ edit: a.id }) : '',
    blocks: [
      input(FIELD.description, t('slack.fieldDescription'), {
        type: 'plain_text_input',
        action_id: VALUE,
        multiline: true,
        max_length: o.maxDescription,
        ...(a ? { initial_value: a.description } : {}),
      }),
      input(FIELD.date, t('slack.fieldDate'), { type: 'datepicker', action_id: VALUE, initial_date: a?.date ?? o.today }),
      input(FIELD.start, t('slack.fieldStart'), { type: 'timepicker', action_id: VALUE, ...(range ? { initial_time: initialTime(a.startMinute!) } : {}) }, { optional: true }),
      input(FIELD.end, t('slack.fieldEnd'), { type: 'timepicker', action_id: VALUE, ...(range ? { initial_time: initialTime(a.endMinute!) } : {}) }, { optional: true }),
      input(
        FIELD.duration,
        t('slack.fieldDuration'),
        { type: 'plain_text_input', action_id: VALUE, max_length: 20, ...(a && !range ? { initial_value: `${a.minutes}m` } : {}) },
        { optional: true, hint: t('slack.fieldDurationHint') },
      ),
      input(FIELD.evidenceLink, t('slack.fieldEvidenceLink'), { type: 'url_text_input', action_id: VALUE }, { optional: true }),
      input(FIELD.evidenceFile, t('slack.fieldEvidenceFile'), { type: 'file_input', action_id: VALUE, max_files: 1 }, { optional: true }),
    ],
  })
}

export interface ReasonMetadata {
  activityId: number
  version: number
  code: Exclude<DecideCode, 'ok'>
}

export const reasonMetadata = (m: ReasonMetadata) => `${m.activityId}:${m.version}:${m.code}`

/** Asks for the reason of Revisi / Tolak (required) or the note of "Setujui + catatan" (optional). */
export function reasonModal(a: ActivityView, m: ReasonMetadata): ModalView {
  const outcome = t(m.code === 'tl' ? 'status.DITOLAK' : 'status.REVISI')
  const prompt =
    m.code === 'nt'
      ? t('slack.notePrompt', { id: a.id, employee: a.employee.name })
      : t('slack.reasonPrompt', { id: a.id, employee: a.employee.name, outcome })
  const title = { rv: t('slack.modalRevise'), tl: t('slack.modalReject'), nt: t('slack.modalNote') }[m.code]
  return modal({
    callbackId: VIEW.reason,
    title,
    submit: true,
    metadata: reasonMetadata(m),
    blocks: [
      section(prompt),
      input(
        FIELD.reason,
        m.code === 'nt' ? t('slack.fieldNote') : t('slack.fieldReason'),
        { type: 'plain_text_input', action_id: VALUE, multiline: true, max_length: 1000 },
        { optional: m.code === 'nt' },
      ),
    ],
  })
}

/** A modal that only says something (not linked, not allowed, already decided). */
export const noticeModal = (text: string): ModalView => modal({ callbackId: VIEW.notice, title: t('slack.modalNotice'), blocks: [section(text)] })

/** The whole description of an activity, for cards that show only the beginning. */
export function fullTextModal(a: ActivityView): ModalView {
  return modal({
    callbackId: VIEW.notice,
    title: t('slack.modalFullText', { id: a.id }),
    blocks: [section(`${a.employee.name} · ${formatDateId(a.date)}`), ...sections(a.description)],
  })
}
