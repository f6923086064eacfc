import type { IsoDate } from '../domain/dates.js'

// How dates, times, durations and periods read in Bahasa Indonesia. The domain hands out raw values
// (ISO dates, minutes of the day, minute counts, period keys); only the messages turn them into words.

const HARI = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu']
const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember']
const ROMAN = ['I', 'II', 'III', 'IV']

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

/** "November 2026" or "Triwulan IV 2026". */
export function periodLabel(key: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(key)
  if (q) return `Triwulan ${ROMAN[Number(q[2]) - 1]} ${q[1]}`
  return /^\d{4}-\d{2}$/.test(key) ? formatMonthId(`${key}-01`) : key
}

/** "08:30"; an end past midnight (a night shift, stored on its start date) is "01:00 (+1)". */
export const formatClock = (minuteOfDay: number): string => {
  const next = minuteOfDay > 1440
  const m = next ? minuteOfDay - 1440 : minuteOfDay
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}${next ? ' (+1)' : ''}`
}

/** "08:00–10:30" */
export const formatClockRange = (startMinute: number, endMinute: number): string => `${formatClock(startMinute)}–${formatClock(endMinute)}`

/** "2 jam 30 menit" */
export function formatMinutes(total: number): string {
  const h = Math.floor(total / 60)
  const m = total % 60
  if (h === 0) return `${m} menit`
  return m === 0 ? `${h} jam` : `${h} jam ${m} menit`
}

// Building an Intl.DateTimeFormat costs far more than using one: keep one per zone.
const displayFormatters = new Map<string, Intl.DateTimeFormat>()

/** Date-time as the person reads it in their zone: "28/11/2026 14.05 WITA". */
export function formatDateTimeId(at: Date, timeZone: string): string {
  let f = displayFormatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('id-ID', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    displayFormatters.set(timeZone, f)
  }
  return `${f.format(at).replace(',', '')} ${zoneAbbrev(timeZone)}`.trim()
}

function zoneAbbrev(tz: string): string {
  return ({ 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' } as Record<string, string>)[tz] ?? tz
}

/** A quoted description shortened to fit a sentence: 60 characters at most, "…" where it was cut. */
export const shortDescription = (text: string): string => (text.length > 60 ? `${text.slice(0, 59)}…` : text)

/** "2,5 MB" or "900 KB": a file's size the way phones show it. */
export const formatFileSize = (bytes: number): string =>
  bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1).replace('.', ',')} MB` : `${Math.ceil(bytes / 1024)} KB`
