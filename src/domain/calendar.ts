import type { Db } from '../db/client.js'
import { addDays, daysBetween, type IsoDate } from './dates.js'

export type HolidayKind = 'libur' | 'cuti_bersama'
export type LeaveKind = 'cuti' | 'izin' | 'sakit' | 'dinas_luar'
export const LEAVE_KINDS: readonly LeaveKind[] = ['cuti', 'izin', 'sakit', 'dinas_luar']

export interface LeaveRange {
  employeeId: number
  from: IsoDate
  to: IsoDate
  kind: string
}

/**
 * The work calendar over a window of dates: Monday–Friday minus holidays and cuti bersama (for everyone),
 * minus each employee's own leave. Plain data, so rules are pure functions and tests need no database.
 */
export interface Calendar {
  holidays: ReadonlyMap<IsoDate, { name: string; kind: string }>
  /** Leave per employee (only the employees the calendar was loaded for). */
  leave: ReadonlyMap<number, readonly LeaveRange[]>
}

export function calendarOf(holidays: { date: IsoDate; name: string; kind: string }[], leave: LeaveRange[]): Calendar {
  const byEmployee = new Map<number, LeaveRange[]>()
  for (const l of leave) {
    const list = byEmployee.get(l.employeeId) ?? []
    list.push(l)
    byEmployee.set(l.employeeId, list)
  }
  return { holidays: new Map(holidays.map((h) => [h.date, { name: h.name, kind: h.kind }])), leave: byEmployee }
}

/** 0 = Sunday … 6 = Saturday, for a calendar date (no time zone involved). */
export const dayOfWeek = (date: IsoDate): number => new Date(`${date}T00:00:00Z`).getUTCDay()

export const isWeekend = (date: IsoDate): boolean => {
  const d = dayOfWeek(date)
  return d === 0 || d === 6
}

/** A work day of the organisation: not a weekend, not a holiday or cuti bersama. */
export const isOrgWorkDay = (cal: Calendar, date: IsoDate): boolean => !isWeekend(date) && !cal.holidays.has(date)

export function leaveOn(cal: Calendar, employeeId: number, date: IsoDate): LeaveRange | undefined {
  return cal.leave.get(employeeId)?.find((l) => l.from <= date && date <= l.to)
}

/** A work day for this person: an organisation work day they are not on leave. */
export const isWorkDayFor = (cal: Calendar, employeeId: number, date: IsoDate): boolean =>
  isOrgWorkDay(cal, date) && !leaveOn(cal, employeeId, date)

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: IsoDate, to: IsoDate): IsoDate[] {
  const n = daysBetween(from, to)
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addDays(from, i))
}

/** Work days in [from, to]: the organisation's, or one person's when `employeeId` is given. */
export function workDays(cal: Calendar, from: IsoDate, to: IsoDate, employeeId?: number): IsoDate[] {
  return datesBetween(from, to).filter((d) => (employeeId === undefined ? isOrgWorkDay(cal, d) : isWorkDayFor(cal, employeeId, d)))
}

/**
 * How many organisation work days have passed since `since`, counting `today` but not `since` itself:
 * submitted on Monday, it is 3 on Thursday. Leave does not stop this clock: an absent supervisor is
 * exactly when an item should reach the next level.
 */
export function workDaysSince(cal: Calendar, since: IsoDate, today: IsoDate): number {
  if (today <= since) return 0
  return workDays(cal, addDays(since, 1), today).length
}

/** The first organisation work day of the month that contains `date`. */
export function firstWorkDayOfMonth(cal: Calendar, date: IsoDate): IsoDate | undefined {
  const first = `${date.slice(0, 7)}-01`
  for (let i = 0; i < 31; i++) {
    const d = addDays(first, i)
    if (d.slice(0, 7) !== first.slice(0, 7)) return undefined
    if (isOrgWorkDay(cal, d)) return d
  }
  return undefined
}

/**
 * Loads holidays and leave overlapping [from, to]; leave only for `employeeIds` when given (a job about
 * a few people should not read everyone's absences).
 */
export async function loadCalendar(db: Db, from: IsoDate, to: IsoDate, employeeIds?: number[]): Promise<Calendar> {
  const [holidays, leave] = await Promise.all([
    db.holiday.findMany({ where: { date: { gte: from, lte: to } }, select: { date: true, name: true, kind: true } }),
    db.leave.findMany({
      // a long id list costs more than reading the window's few absences of everyone
      where: { from: { lte: to }, to: { gte: from }, ...(employeeIds && employeeIds.length <= 500 ? { employeeId: { in: employeeIds } } : {}) },
      select: { employeeId: true, from: true, to: true, kind: true },
    }),
  ])
  return calendarOf(holidays, leave)
}
