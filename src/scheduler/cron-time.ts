import { createTask, parse, type ScheduledTask } from 'node-cron'
import { addDays, localDate, type IsoDate } from '../domain/dates.js'
import { dayOfWeek } from '../domain/calendar.js'

const formatters = new Map<string, Intl.DateTimeFormat>()
function partsIn(tz: string, at: Date) {
  let f = formatters.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(tz, f)
  }
  const parts = f.formatToParts(at)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
}

/** The instant when the clocks in `tz` show `date` at `second` seconds after midnight. */
export function zonedInstant(date: IsoDate, second: number, tz: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + second * 1000
  const offset = partsIn(tz, new Date(wall)) - wall
  let t = wall - offset
  // around a DST change the offset at the result differs from the guess's: use the result's
  const offset2 = partsIn(tz, new Date(t)) - t
  if (offset2 !== offset) t = wall - offset2
  return new Date(t)
}

const numeric = (list: (number | string)[]): number[] | null => (list.every((v) => typeof v === 'number') ? (list as number[]) : null)

/**
 * The times `expression` was due in `tz`, newest first, from `before` (included) back to `after`.
 * node-cron only looks forward, so candidates are generated per day from the parsed fields and each is
 * confirmed with node-cron's own matcher (same semantics as the live schedule).
 */
export function* dueTimesBackwards(expression: string, tz: string, before: Date, after: Date): Generator<Date> {
  const fields = parse(expression)
  const task: ScheduledTask = createTask(expression, () => undefined, { timezone: tz })
  const months = new Set(fields.month)
  const doms = numeric(fields.dayOfMonth)
  const dows = numeric(fields.dayOfWeek)
  const seconds: number[] = []
  for (const h of [...fields.hour].sort((a, b) => b - a)) {
    for (const m of [...fields.minute].sort((a, b) => b - a)) {
      for (const s of [...fields.second].sort((a, b) => b - a)) seconds.push(h * 3600 + m * 60 + s)
    }
  }
  try {
    const last = localDate(after, tz)
    const first = localDate(before, tz)
    // on the first day, slots after `before` are skipped without computing their instants
    const firstLimit = (partsIn(tz, before) - Date.parse(`${first}T00:00:00Z`)) / 1000
    for (let day = first; day >= last; day = addDays(day, -1)) {
      // cheap rejections first; anything unusual (L, 5#1, …) is left to node-cron's matcher
      if (!months.has(Number(day.slice(5, 7)))) continue
      if (doms && !doms.includes(Number(day.slice(8, 10)))) continue
      if (dows && !dows.includes(dayOfWeek(day))) continue
      for (const s of seconds) {
        if (day === first && s > firstLimit) continue
        const at = zonedInstant(day, s, tz)
        if (at > before) continue
        if (at < after) return
        if (task.match(at)) yield at
      }
    }
  } finally {
    void task.destroy()
  }
}

/** The most recent due time in (after, before], or undefined. */
export function lastDueTime(expression: string, tz: string, before: Date, after: Date): Date | undefined {
  for (const at of dueTimesBackwards(expression, tz, before, after)) return at
  return undefined
}
