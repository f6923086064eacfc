import { type Calendar, workDays } from './calendar.js'
import { monthRange, type IsoDate } from './dates.js'

export interface TargetPerson {
  id: number
  /** Set in the import: a fixed monthly number. Empty: derived from the calendar. */
  monthlyTargetMinutes: number | null
}

export interface MonthTarget {
  minutes: number
  mode: 'fixed' | 'derived'
  /** The person's work days in the month (holidays, cuti bersama and own leave taken out). */
  workDays: number
  minutesPerDay: number
}

/**
 * The monthly target of one person: the fixed number from the import when there is one (some agencies
 * fix it by Perwali), otherwise work days × minutes per day, so leave and holidays lower it.
 * `cal` must cover the whole month.
 */
export function monthTarget(cal: Calendar, person: TargetPerson, month: IsoDate, minutesPerDay: number): MonthTarget {
  const { from, to } = monthRange(month)
  const days = workDays(cal, from, to, person.id).length
  if (person.monthlyTargetMinutes != null) {
    return { minutes: person.monthlyTargetMinutes, mode: 'fixed', workDays: days, minutesPerDay }
  }
  return { minutes: days * minutesPerDay, mode: 'derived', workDays: days, minutesPerDay }
}

/**
 * The share of the monthly target that falls on [from, to]: each of the person's work days carries the
 * month's target divided by the month's work days (exactly `minutesPerDay` for a derived target).
 * A span may cross a month boundary; `cal` must cover every month it touches.
 */
export function proratedTarget(cal: Calendar, person: TargetPerson, from: IsoDate, to: IsoDate, minutesPerDay: number): number {
  const perMonth = new Map<string, number>()
  let total = 0
  for (const day of workDays(cal, from, to, person.id)) {
    const key = day.slice(0, 7)
    let perDay = perMonth.get(key)
    if (perDay === undefined) {
      const m = monthTarget(cal, person, day, minutesPerDay)
      perDay = m.workDays > 0 ? m.minutes / m.workDays : 0
      perMonth.set(key, perDay)
    }
    total += perDay
  }
  return total
}

/** The calendar window a prorated target over [from, to] needs: the whole months it touches. */
export function monthsWindow(from: IsoDate, to: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: monthRange(from).from, to: monthRange(to).to }
}
