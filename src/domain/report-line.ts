import { addDays, daysBetween, isValidDate, toIsoDate, type IsoDate } from './dates.js'
import { refusal, type Refusal, type RefusalKey, type RefusalValues } from './refusals.js'

/** When, as the user wrote it: a clock range or just a duration. */
export type TimeSpec = { startMinute: number; endMinute: number; minutes: number } | { minutes: number }

/** Why a line was not understood: a refusal (see Refusals) the caller throws or words. */
export type ParseFailure = { ok: false } & Refusal
export type Parsed<T> = { ok: true; value: T } | ParseFailure

export interface ReportLine {
  /** Resolved against `today`; range checks (future, backdate window) are the use case's job. */
  date: IsoDate
  time: TimeSpec
  description: string
  /** `#code` right after the time or at the very end: the RHK of the person's SKP (resolved by the use case). */
  rhkCode?: string
  /**
   * `+2 dokumen` at the very end: how much the activity realised of the rencana aksi of its RHK for the
   * month whose satuan this is (resolved by the use case); `+2` alone: the RHK's only rencana aksi.
   */
  realisasi?: { amount: number; satuan: string }
}

/** What an RHK code may look like (the SKP import enforces the same): a letter first, so "#2" stays text. */
export const RHK_CODE = String.raw`[A-Za-z][A-Za-z0-9._-]{0,29}`
const RHK_LEADING_RE = new RegExp(String.raw`^#(${RHK_CODE})(?:\s+|$)`)
const RHK_TRAILING_RE = new RegExp(String.raw`\s#(${RHK_CODE})$`)

/** Takes an RHK tag off the description: only in those two places, so "rapat #2 tim" stays text. */
export function splitRhkTag(text: string): { rhkCode?: string; rest: string } {
  const s = text.trim()
  const m = RHK_LEADING_RE.exec(s) ?? RHK_TRAILING_RE.exec(s)
  if (!m) return { rest: s }
  return { rhkCode: m[1]!, rest: (m.index === 0 ? s.slice(m[0].length) : s.slice(0, m.index)).trim() }
}

const fail = <K extends RefusalKey>(key: K, ...values: RefusalValues<K>): ParseFailure => ({ ok: false, ...refusal(key, ...values) }) as ParseFailure

/** The largest realisasi one activity may report (a whole number of the rencana aksi's satuan). */
export const REALISASI_MAX = 9999

// `+2 dokumen`, `+1 laporan kegiatan`, `+2` at the very end, after a space: a number (anything made of
// digits, signs, points and commas: checked below, so "+1,5" is refused rather than read as text), then
// an optional satuan starting with a letter or % ("+62 812…" stays text). "C++" or "+ahli" stay text.
const REALISASI_RE = /(?:^|\s)\+(-?[\d.,]+)(?:\s+([\p{L}%][^#+]*?))?\s*$/u

/** A realisasi as typed: a whole number from 1 to REALISASI_MAX, nothing else ("1,5", "0", "-2", "10000" refused). */
export function parseRealisasi(text: string): Parsed<number> {
  const s = text.trim().replace(/^\+/, '')
  const n = /^\d+$/.test(s) ? Number(s) : NaN
  if (!Number.isSafeInteger(n) || n < 1 || n > REALISASI_MAX) return fail('realisasi.invalid', { text: text.trim(), max: REALISASI_MAX })
  return { ok: true, value: n }
}

export interface ReportTags {
  rhkCode?: string
  realisasi?: { amount: number; satuan: string }
  rest: string
}

/**
 * Takes the tags off a description: the realisasi suffix at the very end (`+2 dokumen`), then the RHK
 * code right after the time or at the end of what is left (`… #RHK-1 +2 dokumen`).
 */
export function splitReportTags(text: string): Parsed<ReportTags> {
  const suffix = (s: string): Parsed<{ realisasi?: ReportTags['realisasi']; rest: string }> => {
    const m = REALISASI_RE.exec(s)
    if (!m) return { ok: true, value: { rest: s } }
    const amount = parseRealisasi(m[1]!)
    if (!amount.ok) return fail('realisasi.invalid', { text: `+${m[1]!}`, max: REALISASI_MAX })
    return { ok: true, value: { realisasi: { amount: amount.value, satuan: (m[2] ?? '').replace(/\s+/g, ' ').trim() }, rest: s.slice(0, m.index).trim() } }
  }
  const first = suffix(text.trim())
  if (!first.ok) return first
  const tag = splitRhkTag(first.value.rest)
  // "+2 dokumen #RHK-1" is read too: the suffix before a trailing code
  const second = first.value.realisasi ? first : suffix(tag.rest)
  if (!second.ok) return second
  const realisasi = second.value.realisasi
  const rest = first.value.realisasi ? tag.rest : second.value.rest
  return { ok: true, value: { ...(tag.rhkCode ? { rhkCode: tag.rhkCode } : {}), ...(realisasi ? { realisasi } : {}), rest } }
}


// "08:00", "08.00", "8" (a whole hour, only inside a range), after an optional "jam" or "pukul"
const CLOCK = String.raw`(?:(?:jam|pukul|pkl\.?)\s*)?(\d{1,2})(?:[:.](\d{2}))?`
// "-", "–", "s.d.", "s/d", "sd", "sampai (dengan)", "hingga"
const TO = String.raw`\s*(?:[-–—]|s\.\s?d\.?|s\/d|sd|sampai(?:\s+dengan)?|hingga)\s*`
// a bare "1-2" followed by "jam" is a duration range, not 01:00–02:00
const RANGE_RE = new RegExp(String.raw`^${CLOCK}${TO}${CLOCK}(?!\s*(?:jam|j|menit|mnt|m)(?:\s|$))(?=\s|$)`, 'i')
/** A range may run past midnight (a night shift) when it starts after noon and lasts at most this long. */
const NIGHT_SHIFT_MAX_MINUTES = 16 * 60
// 90m, 90 menit, 90 mnt, 2 jam, 1,5 jam, 1.5j, 1j30m, 1 jam 30 menit
const DURATION_RE =
  /^(?:(\d+(?:[.,]\d+)?)\s*(?:jam|j)(?:\s*(\d+)\s*(?:menit|mnt|m))?|(\d+)\s*(?:menit|mnt|m))(?=\s|$)/i
const DATE_RE = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?(?=\s|$)/

function parseClock(h: string, m: string | undefined, isEnd: boolean): number | null {
  const hh = Number(h)
  const mm = Number(m ?? 0)
  if (mm > 59) return null
  if (hh === 24 && mm === 0 && isEnd) return 1440
  if (hh > 23) return null
  return hh * 60 + mm
}

/**
 * Parses the time part: "08:00-10:30", "08.00 s.d. 10.30", "07:30 s/d 08:00", "8-10", "jam 8 sampai jam 10",
 * "90m", "1,5 jam", "1j30m". A range that ends before it starts and began in the afternoon or evening is
 * a night shift: it ends the next day and is stored on its start date with an end past 24:00.
 */
export function parseTime(text: string): Parsed<{ time: TimeSpec; rest: string }> {
  const s = text.trim()
  const range = RANGE_RE.exec(s)
  if (range) {
    const [all, h1, m1, h2, m2] = range as unknown as [string, string, string | undefined, string, string | undefined]
    const start = parseClock(h1, m1, false)
    let end = parseClock(h2, m2, true)
    if (start === null || end === null) return fail('report.clockInvalid', { text: all })
    if (end <= start && start >= 12 * 60 && end + 1440 - start <= NIGHT_SHIFT_MAX_MINUTES) end += 1440
    if (end <= start) return fail('report.endBeforeStart', { text: all })
    return { ok: true, value: { time: { startMinute: start, endMinute: end, minutes: end - start }, rest: s.slice(all.length).trim() } }
  }
  const dur = DURATION_RE.exec(s)
  if (dur) {
    const [all, hours, extraMinutes, onlyMinutes] = dur
    const minutes =
      onlyMinutes !== undefined
        ? Number(onlyMinutes)
        : Math.round(Number(hours!.replace(',', '.')) * 60) + Number(extraMinutes ?? 0)
    if (!Number.isFinite(minutes) || minutes <= 0) return fail('report.durationZero', { text: all })
    if (minutes > 1440) return fail('report.durationTooLong', { text: all })
    return { ok: true, value: { time: { minutes }, rest: s.slice(all.length).trim() } }
  }
  const words = s.split(/\s+/)
  return fail('report.timeUnparseable', { text: words.length > 3 ? `${words.slice(0, 3).join(' ')}…` : s })
}

const CLOCK_ONLY_RE = new RegExp(String.raw`^${CLOCK}$`, 'i')

/**
 * The start of an activity whose duration is known (the guided report, when a range is required): a clock
 * ("08:00", "8.30", "jam 8") makes the range of that duration; a whole range ("08:00-10:30") is taken as it is.
 */
export function parseStart(text: string, minutes: number): Parsed<{ startMinute: number; endMinute: number; minutes: number }> {
  const s = text.trim()
  const range = parseTime(s)
  if (range.ok && 'startMinute' in range.value.time && range.value.rest === '') return { ok: true, value: range.value.time }
  if (!range.ok && range.key !== 'report.timeUnparseable') return range
  const m = CLOCK_ONLY_RE.exec(s)
  if (!m) return fail('guided.startUnparseable', { text: s })
  const start = parseClock(m[1]!, m[2], false)
  if (start === null) return fail('report.clockInvalid', { text: s })
  const end = start + minutes
  // past midnight only as a night shift would be (see parseTime)
  if (end > 1440 && !(start >= 12 * 60 && minutes <= NIGHT_SHIFT_MAX_MINUTES)) return fail('report.durationTooLong', { text: s })
  return { ok: true, value: { startMinute: start, endMinute: end, minutes } }
}

/** Parses an optional leading date word: "kemarin", "dd/mm", "dd/mm/yyyy". */
/** A date-and-time answer with nothing after it (the guided flow's time step). */
export function parseWhen(text: string, today: IsoDate): Parsed<{ date: IsoDate; time: TimeSpec }> {
  const date = parseDatePrefix(text, today)
  if (!date.ok) return date
  const time = parseTime(date.value.rest)
  if (!time.ok) return time
  if (time.value.rest.length > 0) return fail('guided.timeOnly')
  return { ok: true, value: { date: date.value.date, time: time.value.time } }
}

export function parseDatePrefix(text: string, today: IsoDate, defaultDate = today): Parsed<{ date: IsoDate; rest: string }> {
  const s = text.trim()
  const lower = s.toLowerCase()
  for (const [word, offset] of [['kemarin', -1], ['hari ini', 0]] as const) {
    if (lower === word || lower.startsWith(`${word} `)) {
      return { ok: true, value: { date: addDays(today, offset), rest: s.slice(word.length).trim() } }
    }
  }
  const m = DATE_RE.exec(s)
  if (!m) return { ok: true, value: { date: defaultDate, rest: s } }
  const d = Number(m[1])
  const mo = Number(m[2])
  const todayYear = Number(today.slice(0, 4))
  let y = m[3] ? Number(m[3]) : todayYear
  if (!isValidDate(y, mo, d)) return fail('report.dateInvalid', { text: m[0] })
  // "30/12" written on 2 January means last December; "28/11" written on 27 November is tomorrow
  if (!m[3] && daysBetween(today, toIsoDate(y, mo, d)) > 60 && isValidDate(y - 1, mo, d)) y -= 1
  return { ok: true, value: { date: toIsoDate(y, mo, d), rest: s.slice(m[0].length).trim() } }
}

export function checkDescription(text: string, maxLength: number): Parsed<string> {
  const description = text.replace(/\s+/g, ' ').trim()
  if (description.length === 0) return fail('report.descriptionEmpty')
  if (description.length > maxLength) return fail('report.descriptionTooLong', { max: maxLength, length: description.length })
  return { ok: true, value: description }
}

/**
 * The one-line grammar shared by every platform: `[kemarin|dd/mm[/yyyy]] <time> [#RHK] <description> [#RHK] [+<n> [satuan]]`.
 * Without a date the activity is for `defaultDate` (today, or the date of the activity being edited).
 */
export function parseReportLine(
  text: string,
  opts: { today: IsoDate; maxDescription: number; defaultDate?: IsoDate },
): Parsed<ReportLine> {
  if (text.trim().length === 0) return fail('report.lineEmpty')
  const date = parseDatePrefix(text, opts.today, opts.defaultDate)
  if (!date.ok) return date
  const time = parseTime(date.value.rest)
  if (!time.ok) return time
  const tags = splitReportTags(time.value.rest)
  if (!tags.ok) return tags
  const { rest, ...tagged } = tags.value
  const description = checkDescription(rest, opts.maxDescription)
  if (!description.ok) return description
  return { ok: true, value: { date: date.value.date, time: time.value.time, description: description.value, ...tagged } }
}
