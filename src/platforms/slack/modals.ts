import type { types } from '@slack/bolt'
import type { IsoDate } from '../../domain/dates.js'
import type { RencanaAksiOption } from '../../domain/rencana-aksi.js'
import { REALISASI_MAX } from '../../domain/report-line.js'
import type { RhkOption } from '../../domain/skp.js'
import type { ActivityView } from '../../domain/types.js'
import type { DomainError } from '../../domain/errors.js'
import { formatClock, formatDateId, t, tStored, truncate, type MessageKey, type StoredMessage } from '../../messages/index.js'
import { reasonMetadata, VIEW, type ReasonMetadata } from './action-ids.js'
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
  rhk: 'rhk',
  /** The rencana aksi select, one block id per RHK (`rencana_aksi_<rhk id>`): Slack keeps a pick per block, so another RHK starts empty. */
  rencanaAksi: 'rencana_aksi',
  realisasi: 'realisasi',
  reason: 'reason',
} as const
/** Every input element of ours has this action id inside its block. */
export const VALUE = 'value'

// titles, submit and close buttons are at most 24 characters
export const plain = (text: string, max = 24) => ({ type: 'plain_text' as const, text: truncate(text, max), emoji: true })

export function modal(opts: { callbackId: string; title: string; blocks: Block[]; submit?: boolean | string; metadata?: string }): ModalView {
  return {
    type: 'modal',
    callback_id: opts.callbackId,
    title: plain(opts.title),
    close: plain(t('slack.modalClose')),
    ...(opts.submit ? { submit: plain(typeof opts.submit === 'string' ? opts.submit : t('slack.modalSubmit')) } : {}),
    ...(opts.metadata ? { private_metadata: opts.metadata } : {}),
    blocks: opts.blocks,
  }
}

/** An input; `dispatch`: a change is sent to the app at once (block_actions), not only with the submit. */
export const input = (blockId: string, label: string, element: types.InputBlockElement, opts: { optional?: boolean; hint?: string; dispatch?: boolean } = {}): Block => ({
  type: 'input',
  block_id: blockId,
  label: plain(label, 2000),
  element,
  ...(opts.optional ? { optional: true } : {}),
  ...(opts.hint ? { hint: plain(opts.hint, 2000) } : {}),
  ...(opts.dispatch ? { dispatch_action: true } : {}),
})

export interface ReportModalOptions {
  today: IsoDate
  maxDescription: number
  /** Editing an activity (after Revisi, or before a decision): the form starts with its values. */
  editing?: ActivityView
  /** The person's RHKs by SKP year (see report-rhk.ts); no field when empty or absent. */
  rhk?: RhkGroup[]
  /** The rencana aksi of the RHK picked (or of the edited report's), by month; no fields when absent or empty. */
  rencanaAksi?: RencanaAksiChoice
}

/** The active rencana aksi of one month of one RHK. */
export interface RencanaAksiGroup {
  period: string
  options: RencanaAksiOption[]
}

/** What the form offers for the RHK picked: its rencana aksi by month, and whether "Tanpa rencana aksi" is allowed. */
export interface RencanaAksiChoice {
  rhkId: number
  groups: RencanaAksiGroup[]
  canSkip: boolean
}

/** The active RHKs of one SKP year. */
export interface RhkGroup {
  year: number
  options: RhkOption[]
}

// Slack allows 100 options in a select (and in each group), each at most 75 characters
const MAX_OPTIONS = 99
const option = (text: string, value: string): types.PlainTextOption => ({ text: plain(text, 75), value })

/**
 * The optional RHK select: "Tanpa RHK" and the RHKs of this year's SKP; grouped by SKP year when the
 * backdate window reaches into last year's. Values are RHK ids: the use case checks them against the
 * activity's date and the author's own SKP. An edited activity starts at its RHK (by code, in its year).
 */
function rhkInput(groups: RhkGroup[], today: IsoDate, editing?: ActivityView): Block {
  const none = option(t('button.noRhk'), '0')
  const built = groups.map((g) => ({ year: g.year, options: g.options.slice(0, MAX_OPTIONS).map((o) => ({ code: o.code, el: option(`${o.code} — ${o.text}`, String(o.id)) })) }))
  let initial: types.PlainTextOption | undefined
  if (editing) {
    const year = Number(editing.date.slice(0, 4))
    initial = editing.rhk ? built.find((g) => g.year === year)?.options.find((o) => o.code === editing.rhk!.code)?.el : none
  }
  const element: types.StaticSelect =
    built.length === 1 && built[0]!.year === Number(today.slice(0, 4))
      ? { type: 'static_select', action_id: VALUE, options: [none, ...built[0]!.options.map((o) => o.el)] }
      : {
          type: 'static_select',
          action_id: VALUE,
          option_groups: [
            ...built.map((g) => ({ label: plain(t('slack.rhkGroup', { year: g.year }), 75), options: g.options.map((o) => o.el) })),
            { label: plain(t('slack.rhkGroupNone'), 75), options: [none] },
          ],
        }
  // picking an RHK tells the app at once (dispatch_action), which adds that RHK's rencana aksi to the form
  return input(FIELD.rhk, t('slack.fieldRhk'), { ...element, ...(initial ? { initial_option: initial } : {}) }, { optional: true, hint: t('guided.askRhk'), dispatch: true })
}

/** The block id of the rencana aksi select of one RHK. */
export const rencanaAksiBlockId = (rhkId: number) => `${FIELD.rencanaAksi}_${rhkId}`
export const isRencanaAksiBlock = (blockId: string | undefined) => blockId !== undefined && blockId.startsWith(`${FIELD.rencanaAksi}_`)

/** A rencana aksi as an option: its text cut so that its target and satuan stay (75 characters at most). */
function rencanaAksiOption(o: RencanaAksiOption): types.PlainTextOption {
  const room = 75 - t('slack.rencanaAksiOption', { text: '', target: o.target, satuan: o.satuan }).length
  return option(t('slack.rencanaAksiOption', { text: truncate(o.text, Math.max(10, room)), target: o.target, satuan: o.satuan }), String(o.id))
}

/**
 * The rencana aksi of the RHK picked (grouped by month while the backdate window reaches into last month;
 * the use case checks the month against the report's date) and the realisasi, a whole number (1 when left
 * empty). "Tanpa rencana aksi" unless the agency requires one; then the select is required too.
 */
function rencanaAksiInputs(c: RencanaAksiChoice, editing?: ActivityView): Block[] {
  const none = option(t('slack.noRencanaAksi'), '0')
  const groups = c.groups.map((g) => ({ period: g.period, options: g.options.slice(0, MAX_OPTIONS).map(rencanaAksiOption) }))
  const all = groups.flatMap((g) => g.options)
  const initial = editing?.rencanaAksi ? all.find((o) => o.value === String(editing.rencanaAksi!.id)) : undefined
  const element: types.StaticSelect =
    groups.length === 1
      ? { type: 'static_select', action_id: VALUE, options: [...(c.canSkip ? [none] : []), ...groups[0]!.options] }
      : {
          type: 'static_select',
          action_id: VALUE,
          option_groups: [
            ...groups.map((g) => ({ label: plain(t('slack.rencanaAksiGroup', { period: g.period }), 75), options: g.options })),
            ...(c.canSkip ? [{ label: plain(t('slack.rhkGroupNone'), 75), options: [none] }] : []),
          ],
        }
  return [
    input(rencanaAksiBlockId(c.rhkId), t('slack.fieldRencanaAksi'), { ...element, ...(initial ? { initial_option: initial } : {}) }, { optional: c.canSkip, hint: t('slack.fieldRencanaAksiHint') }),
    input(
      FIELD.realisasi,
      t('slack.fieldRealisasi'),
      {
        type: 'number_input',
        action_id: VALUE,
        is_decimal_allowed: false,
        min_value: '1',
        max_value: String(REALISASI_MAX),
        initial_value: String(editing?.rencanaAksi?.realisasi ?? 1),
      },
      { optional: true, hint: t('slack.fieldRealisasiHint') },
    ),
  ]
}

/** Blocks of a report form shown again with the rencana aksi of the RHK picked (none: their fields go). */
export function withRencanaAksi(blocks: Block[], choice: RencanaAksiChoice | null): Block[] {
  const kept = blocks.filter((b) => !isRencanaAksiBlock(b.block_id) && b.block_id !== FIELD.realisasi)
  if (!choice || choice.groups.length === 0) return kept
  const at = kept.findIndex((b) => b.block_id === FIELD.rhk)
  return [...kept.slice(0, at + 1), ...rencanaAksiInputs(choice), ...kept.slice(at + 1)]
}

/** The report form: description, date, start/end or a duration, the RHK (with an SKP), evidence link or file. */
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
      ...(o.rhk && o.rhk.length > 0 ? [rhkInput(o.rhk, o.today, a)] : []),
      ...(o.rhk && o.rhk.length > 0 && o.rencanaAksi && o.rencanaAksi.groups.length > 0 ? rencanaAksiInputs(o.rencanaAksi, a) : []),
      input(FIELD.evidenceLink, t('slack.fieldEvidenceLink'), { type: 'url_text_input', action_id: VALUE }, { optional: true }),
      input(FIELD.evidenceFile, t('slack.fieldEvidenceFile'), { type: 'file_input', action_id: VALUE, max_files: 1 }, { optional: true }),
    ],
  })
}

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

// the catalogue's chat texts say "atau ketik /batal", "setelah waktu" (of a typed line) or "dd/mm";
// a form has its own Tutup button, its own fields and a date picker
const IN_A_FORM: Partial<Record<MessageKey, MessageKey>> = {
  'evaluation.noteEmpty': 'slack.evaluationNoteEmpty',
  'keberatan.reasonEmpty': 'slack.keberatanReasonEmpty',
  'decide.reasonEmpty': 'slack.decideReasonEmpty',
  'feedback.noteEmpty': 'slack.feedbackNoteEmpty',
  'report.descriptionEmpty': 'slack.descriptionEmpty',
  'report.dateInvalid': 'slack.datePick',
  // only the RHK select names an RHK in the form (by id)
  'rhk.notYours': 'slack.rhkNotYours',
}

/** A message of the catalogue as a form shows it. */
export const formMessage = (m: StoredMessage) => tStored({ key: IN_A_FORM[m.key] ?? m.key, params: m.params })

/** A refusal of the use case as a form shows it. */
export const formText = (err: DomainError) => formMessage(err)
