/** Calendar dates are 'YYYY-MM-DD' strings in the employee's zone; arithmetic happens in UTC. */
export type IsoDate = string

const DAY_MS = 86_400_000

// Building an Intl.DateTimeFormat costs far more than using one: keep one per zone and kind.
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(kind: 'date' | 'clock', timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`
  let f = formatters.get(key)
  if (!f) {
    f =
      kind === 'date'
        ? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
        : new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
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

// Words for dates, times and durations live with the messages (src/messages/format.ts).
