import type { Db } from '../db/client.js'
import { loadCalendar } from './calendar.js'
import type { Clock } from './clock.js'
import { localDate, monthRange } from './dates.js'
import { monthTarget } from './targets.js'
import type { Actor } from './types.js'

/** A person's month: what the rekap shows (worded by rekapText in src/messages/). */
export interface MonthSummary {
  month: string // any date in the month
  minutes: Record<'DISETUJUI' | 'DIAJUKAN' | 'REVISI' | 'DITOLAK', number>
  counts: Record<'DISETUJUI' | 'DIAJUKAN' | 'REVISI' | 'DITOLAK', number>
  targetMinutes: number | null
  /** How the target came about: a fixed number, or work days × minutes per day. */
  target?: { mode: 'fixed' | 'derived'; workDays: number; minutesPerDay: number }
  /** No direct supervisor: no target applies (see rekap.noSupervisor). */
  noSupervisor?: boolean
}

const SHOWN = ['DISETUJUI', 'DIAJUKAN', 'REVISI', 'DITOLAK'] as const

export function createSummaryService(deps: { db: Db; clock: Clock; minutesPerDay: number }) {
  const { db, clock } = deps

  /** This month's minutes by status, the monthly target and hence capaian, for one employee. */
  async function month(actor: Pick<Actor, 'employeeId' | 'timezone'>, at = clock.now()): Promise<MonthSummary> {
    const today = localDate(at, actor.timezone)
    const { from, to } = monthRange(today)
    const [groups, employee, calendar] = await Promise.all([
      db.activity.groupBy({
        by: ['status'],
        where: { employeeId: actor.employeeId, date: { gte: from, lte: to }, status: { in: [...SHOWN] } },
        _sum: { minutes: true },
        _count: { _all: true },
      }),
      db.employee.findUniqueOrThrow({ where: { id: actor.employeeId }, select: { id: true, monthlyTargetMinutes: true, supervisorId: true } }),
      loadCalendar(db, from, to, [actor.employeeId]),
    ])
    const minutes = { DISETUJUI: 0, DIAJUKAN: 0, REVISI: 0, DITOLAK: 0 }
    const counts = { ...minutes }
    for (const g of groups) {
      const k = g.status as keyof typeof minutes
      minutes[k] = g._sum.minutes ?? 0
      counts[k] = g._count._all
    }
    const target = monthTarget(calendar, employee, today, deps.minutesPerDay)
    // without a direct supervisor nobody validates daily reports: there is no target to measure against
    if (employee.supervisorId === null) return { month: today, minutes, counts, targetMinutes: null, noSupervisor: true }
    return { month: today, minutes, counts, targetMinutes: target.minutes, target }
  }

  return { month }
}

export type SummaryService = ReturnType<typeof createSummaryService>
