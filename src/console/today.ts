import type { Db } from '../db/client.js'
import { isWeekend, leaveOn, loadCalendar, type Calendar } from '../domain/calendar.js'
import { localDate, type IsoDate } from '../domain/dates.js'
import { REPORTED_STATUSES } from '../domain/digest.js'
import type { Prisma } from '../generated/prisma/client.js'

// "Today" of the Beranda: each person's working day in their own zone (TZ_DEFAULT when they have none),
// by the work calendar: a weekend, a holiday or their leave is not a day they failed to report. The rules
// are the afternoon reminder's (activity-reminder job): active people with a supervisor are expected to
// report, and a report counts when it is submitted, approved or returned for revision.

export type DayState = 'reported' | 'silent' | 'leave' | 'holiday' | 'weekend'

const LEAVE: Record<string, string> = { cuti: 'Cuti', izin: 'Izin', sakit: 'Sakit', dinas_luar: 'Dinas luar' }

/** What a date is for a person: a work day, a weekend, a holiday (by name), or their leave (by kind). */
export function dayKind(cal: Calendar, employeeId: number, date: IsoDate): { work: boolean; state: 'work' | 'leave' | 'holiday' | 'weekend'; label: string } {
  if (isWeekend(date)) return { work: false, state: 'weekend', label: 'Akhir pekan' }
  const holiday = cal.holidays.get(date)
  if (holiday) return { work: false, state: 'holiday', label: `Libur: ${holiday.name}` }
  const leave = leaveOn(cal, employeeId, date)
  if (leave) return { work: false, state: 'leave', label: LEAVE[leave.kind] ?? leave.kind }
  return { work: true, state: 'work', label: 'Hari kerja' }
}

export interface PersonToday {
  id: number
  name: string
  nip: string
  unitId: number
  supervisorId: number | null
  /** Active with a supervisor: expected to report on their work days. */
  canReport: boolean
  /** Their today, in their zone. */
  date: IsoDate
  state: DayState
  /** The day in words: "Hari kerja", "Cuti", "Libur: …", "Akhir pekan". */
  label: string
  reports: number
  minutes: number
}

/** Active people of `where` (in name order) with how their today stands. */
export async function loadToday(db: Db, opts: { where: Prisma.EmployeeWhereInput; now: Date; tz: string }): Promise<{ people: PersonToday[]; calendar: Calendar }> {
  const employees = await db.employee.findMany({
    where: { ...opts.where, active: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, nip: true, unitId: true, supervisorId: true, timezone: true },
  })
  const dateOf = new Map(employees.map((e) => [e.id, localDate(opts.now, e.timezone ?? opts.tz)]))
  const dates = [...new Set([localDate(opts.now, opts.tz), ...dateOf.values()])].sort()
  const [calendar, reports] = await Promise.all([
    loadCalendar(
      db,
      dates[0]!,
      dates.at(-1)!,
      employees.map((e) => e.id),
    ),
    db.activity.groupBy({
      by: ['employeeId', 'date'],
      where: { date: { in: dates }, status: { in: REPORTED_STATUSES }, employee: { ...opts.where, active: true } },
      _count: { _all: true },
      _sum: { minutes: true },
    }),
  ])
  const reported = new Map(reports.map((r) => [`${r.employeeId}:${r.date}`, { count: r._count._all, minutes: r._sum.minutes ?? 0 }]))
  const people = employees.map((e): PersonToday => {
    const date = dateOf.get(e.id)!
    const kind = dayKind(calendar, e.id, date)
    const r = reported.get(`${e.id}:${date}`)
    const state: DayState = kind.state !== 'work' ? kind.state : r ? 'reported' : 'silent'
    return {
      id: e.id,
      name: e.name,
      nip: e.nip,
      unitId: e.unitId,
      supervisorId: e.supervisorId,
      canReport: e.supervisorId !== null,
      date,
      state,
      label: kind.label,
      reports: r?.count ?? 0,
      minutes: r?.minutes ?? 0,
    }
  })
  return { people, calendar }
}

/** Counts of people expected to report today: reported, not (yet), and away (leave, holiday, weekend). */
export interface TodayCounts {
  expected: number
  reported: number
  silent: number
  away: number
}

export function countToday(people: readonly PersonToday[]): TodayCounts {
  const c: TodayCounts = { expected: 0, reported: 0, silent: 0, away: 0 }
  for (const p of people) {
    if (!p.canReport) continue
    if (p.state === 'reported') c.reported++
    else if (p.state === 'silent') c.silent++
    else c.away++
  }
  c.expected = c.reported + c.silent
  return c
}
