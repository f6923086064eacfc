import { addDays, monthRange, type IsoDate } from './dates.js'
import type { LinkProblem } from './evidence-links.js'

// BKN e-Kinerja's progres harian (docs/evaluation.md, "Progres harian"): what an approved activity needs to be
// a row of BKN's form, and the month a person asks for with /ekspor. The file itself is made in src/admin/.

/** Why an approved activity cannot be a row of BKN's form: what is missing. */
export type SkipReason =
  | { kind: 'NO_RENCANA_AKSI' }
  /** Reported as a duration: the form needs a start and an end. */
  | { kind: 'NO_TIME' }
  | { kind: 'NO_REALISASI' }
  /** The rencana aksi is of another month than the activity's date (BKN takes a month's plan in that month only). */
  | { kind: 'OTHER_MONTH'; period: string }

export interface ProgresFacts {
  date: IsoDate
  startMinute: number | null
  endMinute: number | null
  realisasi: number | null
  rencanaAksi: { period: string } | null
}

/** Everything that keeps the activity out of the form; empty when it can be a row. */
export function skipReasons(a: ProgresFacts): SkipReason[] {
  const reasons: SkipReason[] = []
  if (!a.rencanaAksi) reasons.push({ kind: 'NO_RENCANA_AKSI' })
  else if (a.rencanaAksi.period !== a.date.slice(0, 7)) reasons.push({ kind: 'OTHER_MONTH', period: a.rencanaAksi.period })
  if (a.startMinute === null || a.endMinute === null) reasons.push({ kind: 'NO_TIME' })
  if (a.realisasi === null) reasons.push({ kind: 'NO_REALISASI' })
  return reasons
}

export interface SkippedActivity {
  activityId: number
  nip: string
  name: string
  date: IsoDate
  description: string
  reasons: SkipReason[]
}

/** What an export did, as the person who asked is told (the file goes with it). */
export interface ProgresHarianOutcome {
  exported: number
  skipped: SkippedActivity[]
  /**
   * Bukti Dukung: `problem` is the missing setting when stored files could not be linked; `unlinked` counts
   * exported rows with evidence and no link.
   */
  links: { problem: LinkProblem | null; unlinked: number }
}

const MONTHS: [RegExp, number][] = [
  [/^jan(uari|uary)?$/, 1], [/^feb(ruari|ruary)?$/, 2], [/^mar(et|ch)?$/, 3], [/^apr(il)?$/, 4], [/^mei$|^may$/, 5], [/^jun[ei]?$/, 6],
  [/^jul[iy]?$/, 7], [/^agu(s(tus)?)?$|^aug(ust)?$/, 8], [/^sep(t(ember)?)?$/, 9], [/^okt(ober)?$|^oct(ober)?$/, 10], [/^nov(ember)?$/, 11], [/^des(ember)?$|^dec(ember)?$/, 12],
]

const key = (y: number, m: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`

/**
 * The month of `/ekspor [bulan]`, seen from `today`: none is this month; `2026-11`, `11/2026`, `november`,
 * `nov 2026`, `bulan lalu`. A month name without a year is its latest occurrence up to this month.
 */
export function parseMonth(text: string, today: IsoDate): { ok: true; month: string } | { ok: false; reason: 'unknown' | 'future'; month?: string } {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ')
  const now = today.slice(0, 7)
  const [ty, tm] = now.split('-').map(Number) as [number, number]
  let month: string | undefined
  let m: RegExpExecArray | null
  if (s === '' || s === 'ini' || s === 'bulan ini') month = now
  else if (s === 'lalu' || s === 'bulan lalu') month = addDays(monthRange(today).from, -1).slice(0, 7)
  else if ((m = /^(\d{4})[-/.](\d{1,2})$/.exec(s))) month = key(Number(m[1]), Number(m[2]))
  else if ((m = /^(\d{1,2})[-/.](\d{4})$/.exec(s))) month = key(Number(m[2]), Number(m[1]))
  else if ((m = /^([a-z]+)(?: (\d{4}))?$/.exec(s))) {
    const number = MONTHS.find(([re]) => re.test(m![1]!))?.[1]
    if (number !== undefined) month = m[2] ? key(Number(m[2]), number) : key(number > tm ? ty - 1 : ty, number)
  }
  if (month === undefined) return { ok: false, reason: 'unknown' }
  const [y, mm] = month.split('-').map(Number) as [number, number]
  if (mm < 1 || mm > 12 || y < 2000 || y > 2999) return { ok: false, reason: 'unknown' }
  if (month > now) return { ok: false, reason: 'future', month }
  return { ok: true, month }
}
