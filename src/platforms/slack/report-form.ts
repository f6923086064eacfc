import type { ViewOutput } from '@slack/bolt'
import type { IsoDate } from '../../domain/dates.js'
import { isDomainError } from '../../domain/errors.js'
import { refusal } from '../../domain/refusals.js'
import { checkDescription, parseRealisasi, parseTime, type TimeSpec } from '../../domain/report-line.js'
import { checkReportDate } from '../../domain/reports.js'
import type { ActivityInput, Evidence } from '../../domain/types.js'
import { t, tStored, type StoredMessage } from '../../messages/index.js'
import { FIELD, formMessage, isRencanaAksiBlock, VALUE } from './modals.js'

/** Field errors of a modal, keyed by block id, as `response_action: 'errors'` wants them. */
export type FieldErrors = Record<string, string>

export type FormResult = { ok: true; input: ActivityInput; usedRange: boolean } | { ok: false; errors: FieldErrors }

export interface FormRules {
  today: IsoDate
  maxDescription: number
  backdateDays: number
}

type Values = ViewOutput['state']['values']
const field = (values: Values, block: string) => values[block]?.[VALUE]
const text = (values: Values, block: string) => (field(values, block)?.value ?? '').trim()

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/
const TIME_RE = /^\d{2}:\d{2}$/

/** The form's time: the parser's refusals, or the form's own (two ways given, half a range). */
type FormTime = { ok: true; value: TimeSpec } | ({ ok: false } & StoredMessage)

function readTime(values: Values): { field: string; parsed: FormTime } {
  const start = field(values, FIELD.start)?.selected_time ?? ''
  const end = field(values, FIELD.end)?.selected_time ?? ''
  const duration = text(values, FIELD.duration)
  const fail = (at: string, m: StoredMessage) => ({ field: at, parsed: { ok: false as const, ...m } })
  if ((start || end) && duration) return fail(FIELD.duration, { key: 'slack.timeTwice' })
  if (start && !end) return fail(FIELD.end, { key: 'slack.endMissing' })
  if (end && !start) return fail(FIELD.start, { key: 'slack.startMissing' })
  if (start && end) {
    if (!TIME_RE.test(start) || !TIME_RE.test(end)) return fail(FIELD.start, refusal('report.clockInvalid', { text: `${start}-${end}` }))
    // the same parser as a typed "08:00-10:30": same limits, same messages
    const p = parseTime(`${start}-${end}`)
    return { field: FIELD.end, parsed: p.ok ? { ok: true, value: p.value.time } : p }
  }
  if (!duration) return fail(FIELD.start, { key: 'slack.timeMissing' })
  const p = parseTime(duration)
  if (!p.ok) return { field: FIELD.duration, parsed: p }
  if (p.value.rest) return fail(FIELD.duration, refusal('guided.timeOnly'))
  return { field: FIELD.duration, parsed: { ok: true, value: p.value.time } }
}

const RHK_ID_RE = /^\d{1,12}$/

/**
 * The RHK select: "0" is "Tanpa RHK", anything else an RHK id (checked by the use case); none chosen,
 * no RHK named (a new report has none, an edit keeps its own). undefined: not an id at all (forged).
 */
function readRhk(values: Values): Pick<ActivityInput, 'rhkId'> | undefined {
  const value = field(values, FIELD.rhk)?.selected_option?.value
  if (value === undefined || value === null) return {}
  if (value === '0') return { rhkId: null }
  return RHK_ID_RE.test(value) ? { rhkId: Number(value) } : undefined
}

/** The block id of the rencana aksi select the form shows (one per RHK), if any. */
export const rencanaAksiBlockOf = (values: Values) => Object.keys(values).find((b) => isRencanaAksiBlock(b))

/**
 * The rencana aksi select ("0": none, else an id the use case checks against the RHK and the month) and the
 * realisasi (1 when left empty). Nothing named when the form has no select, or nothing was picked in it (a
 * new report has none; an edit keeps its own). An error message per block for what cannot be read.
 */
function readRencanaAksi(values: Values, errors: FieldErrors): Pick<ActivityInput, 'rencanaAksiId' | 'realisasi'> {
  const block = rencanaAksiBlockOf(values)
  const value = block ? field(values, block)?.selected_option?.value : undefined
  if (!block || value === undefined || value === null) return {}
  if (value === '0') return { rencanaAksiId: null }
  if (!RHK_ID_RE.test(value)) {
    errors[block] = formMessage({ key: 'rencanaAksi.notOfRhk' })
    return {}
  }
  const typed = text(values, FIELD.realisasi)
  const amount = parseRealisasi(typed || '1')
  if (!amount.ok) {
    errors[FIELD.realisasi] = formMessage(amount)
    return {}
  }
  return { rencanaAksiId: Number(value), realisasi: amount.value }
}

function readEvidence(values: Values): Evidence | undefined {
  // one piece of evidence per activity: an uploaded file wins over a link
  const file = field(values, FIELD.evidenceFile)?.files?.[0]
  if (file?.id) return { kind: 'file', ref: file.id, ...(file.name ? { name: file.name } : {}) }
  const link = text(values, FIELD.evidenceLink)
  return link ? { kind: 'link', ref: link } : undefined
}

/** Reads and checks the report form with the same rules as a typed line; nothing is stored here. */
export function readReportForm(values: Values, rules: FormRules): FormResult {
  const errors: FieldErrors = {}
  const description = checkDescription(text(values, FIELD.description), rules.maxDescription)
  if (!description.ok) errors[FIELD.description] = formMessage(description)

  // a date picker gives yyyy-mm-dd or nothing (left empty): either way, pick a date
  const date = field(values, FIELD.date)?.selected_date ?? ''
  if (!DATE_RE.test(date)) errors[FIELD.date] = t('slack.datePick')
  else {
    try {
      checkReportDate(date, rules.today, rules.backdateDays)
    } catch (err) {
      if (!isDomainError(err)) throw err
      errors[FIELD.date] = tStored(err)
    }
  }

  const time = readTime(values)
  if (!time.parsed.ok) errors[time.field] = tStored(time.parsed)

  const link = text(values, FIELD.evidenceLink)
  if (link && !/^https?:\/\/\S+$/i.test(link)) errors[FIELD.evidenceLink] = t('slack.linkInvalid')

  const rhk = readRhk(values)
  if (!rhk) errors[FIELD.rhk] = t('slack.rhkNotYours')
  const plan = readRencanaAksi(values, errors)

  if (Object.keys(errors).length > 0 || !description.ok || !time.parsed.ok || !rhk) return { ok: false, errors }
  const spec = time.parsed.value
  const evidence = readEvidence(values)
  return {
    ok: true,
    usedRange: 'startMinute' in spec,
    input: {
      date,
      minutes: spec.minutes,
      ...('startMinute' in spec ? { startMinute: spec.startMinute, endMinute: spec.endMinute } : {}),
      description: description.value,
      ...(evidence ? { evidence } : {}),
      ...rhk,
      ...plan,
    },
  }
}
