/** Calendar dates are 'YYYY-MM-DD' strings in the employee's zone; arithmetic happens in UTC. */
export type IsoDate = string

const DAY_MS = 86_400_000

// Building an Intl.DateTimeFormat costs far more than using one: keep one per zone and kind.
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(kind: 'date' | 'clock' | 'display', timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`
  let f = formatters.get(key)
  if (!f) {
    f =
      kind === 'date'
        ? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
        : kind === 'clock'
          ? new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
          : new Intl.DateTimeFormat('id-ID', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    formatters.set(key, f)
  }
  return f
}

export function localDate(now: Date, timeZone: string): IsoDate {
  // en-CA formats as YYYY-MM-DD
  return formatter('date', timeZone).format(now)
}

export function localMinuteOfDay(now: Date, timeZone: string): number {
  const parts = formatter('clock', timeZone).formatToParts(now)
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0)
  return get('hour') * 60 + get('minute')
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

export function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2999) return false
  const dt = new Date(Date.UTC(y, m - 1, d))
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d
}

export const toIsoDate = (y: number, m: number, d: number): IsoDate =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`

/** First and last day of the month that contains `date`. */
export function monthRange(date: IsoDate): { from: IsoDate; to: IsoDate } {
  const [y, m] = date.split('-').map(Number) as [number, number]
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return { from: toIsoDate(y, m, 1), to: toIsoDate(y, m, last) }
}

const HARI = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu']
const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember']

/** "Senin, 30 November 2026" */
export function formatDateId(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  return `${HARI[dow]}, ${d} ${BULAN[m - 1]} ${y}`
}

export function formatMonthId(date: IsoDate): string {
  const [y, m] = date.split('-').map(Number) as [number, number]
  return `${BULAN[m - 1]} ${y}`
}

/** "08:30"; an end past midnight (a night shift, stored on its start date) is "01:00 (+1)". */
export const formatClock = (minuteOfDay: number): string => {
  const next = minuteOfDay > 1440
  const m = next ? minuteOfDay - 1440 : minuteOfDay
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}${next ? ' (+1)' : ''}`
}

/** "2 jam 30 menit" */
export function formatMinutes(total: number): string {
  const h = Math.floor(total / 60)
  const m = total % 60
  if (h === 0) return `${m} menit`
  return m === 0 ? `${h} jam` : `${h} jam ${m} menit`
}

/** Date-time as the person reads it in their zone: "28/11/2026 14.05 WITA". */
export function formatDateTimeId(at: Date, timeZone: string): string {
  const s = formatter('display', timeZone).format(at)
  return `${s.replace(',', '')} ${zoneAbbrev(timeZone)}`.trim()
}

function zoneAbbrev(tz: string): string {
  return ({ 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' } as Record<string, string>)[tz] ?? tz
}
