import type { Db } from '../../db/client.js'
import { calendarOf, loadCalendar } from '../../domain/calendar.js'
import { addDays, localDate, monthRange, type IsoDate } from '../../domain/dates.js'
import { DIGEST_DAYS, REPORTED_STATUSES, type DigestData, type EmployeePending, type EmployeeTwoWeeks } from '../../domain/digest.js'
import { monthsWindow } from '../../domain/targets.js'
import { Prisma } from '../../generated/prisma/client.js'

// The weekly digest's reads. The database does the counting: one row per employee for the two weeks
// (a bit per day with a report, approved minutes per week) and one per employee with waiting items (count
// and oldest), so memory and transfer grow with the number of people, not of activities.

/** SQLite returns numbers, PostgreSQL bigint (count, sum); both fit a number here. */
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0))

/**
 * Part of the organisation to read (the console's dashboard of one unit's subtree, or of one person);
 * everyone when not given. A unit's figures depend only on its own people, so they come out the same as
 * when the whole organisation is read.
 */
export type DigestPart = { unitIds: readonly number[] } | { employeeIds: readonly number[] }

const employeesOf = (part: DigestPart | undefined) =>
  !part ? {} : 'unitIds' in part ? { unitId: { in: [...part.unitIds] } } : { id: { in: [...part.employeeIds] } }

function activitiesOf(part: DigestPart | undefined): Prisma.Sql {
  if (!part) return Prisma.empty
  if ('employeeIds' in part) return part.employeeIds.length === 0 ? Prisma.sql` AND 1 = 0` : Prisma.sql` AND a."employeeId" IN (${Prisma.join(part.employeeIds)})`
  if (part.unitIds.length === 0) return Prisma.sql` AND 1 = 0`
  return Prisma.sql` AND a."employeeId" IN (SELECT e."id" FROM "Employee" e WHERE e."unitId" IN (${Prisma.join(part.unitIds)}))`
}

/**
 * Per employee over [from, from + 13]: bit i of `reportedDays` is set when day i has at least one
 * activity in REPORTED_STATUSES; approved minutes split at `weekFrom`. The inner query groups by
 * (date, employee), which the Activity(date, employeeId) index delivers in order (a range scan over the
 * two weeks only, however long the history); the outer one folds the days of a person into the bits.
 * Portable SQL: quoted identifiers, CASE, and bound values only.
 */
export async function loadTwoWeeks(db: Db, from: IsoDate, weekFrom: IsoDate, part?: DigestPart): Promise<Map<number, EmployeeTwoWeeks>> {
  const days = Array.from({ length: DIGEST_DAYS }, (_, i) => addDays(from, i))
  const to = days[days.length - 1]!
  // the bit values are literals (our own numbers): as bound values PostgreSQL would type them as text
  const bit = Prisma.join(
    days.map((d, i) => Prisma.sql`WHEN ${d} THEN ${Prisma.raw(String(2 ** i))}`),
    ' ',
  )
  const rows = await db.$queryRaw<{ employeeId: number | bigint; reportedDays: number | bigint; approvedWeek: number | bigint; approvedPrevious: number | bigint }[]>(Prisma.sql`
    SELECT d."employeeId" AS "employeeId",
      CAST(SUM(CASE d."date" ${bit} ELSE 0 END * d."reported") AS BIGINT) AS "reportedDays",
      CAST(SUM(CASE WHEN d."date" >= ${weekFrom} THEN d."approved" ELSE 0 END) AS BIGINT) AS "approvedWeek",
      CAST(SUM(CASE WHEN d."date" < ${weekFrom} THEN d."approved" ELSE 0 END) AS BIGINT) AS "approvedPrevious"
    FROM (
      SELECT a."date" AS "date", a."employeeId" AS "employeeId",
        MAX(CASE WHEN a."status" IN (${Prisma.join(REPORTED_STATUSES)}) THEN 1 ELSE 0 END) AS "reported",
        SUM(CASE WHEN a."status" = ${'DISETUJUI'} THEN a."minutes" ELSE 0 END) AS "approved"
      FROM "Activity" a
      WHERE a."date" >= ${from} AND a."date" <= ${to}${activitiesOf(part)}
      GROUP BY a."date", a."employeeId"
    ) d
    GROUP BY d."employeeId"`)
  const out = new Map<number, EmployeeTwoWeeks>()
  for (const r of rows) {
    out.set(num(r.employeeId), { reportedDays: num(r.reportedDays), approvedWeek: num(r.approvedWeek), approvedPrevious: num(r.approvedPrevious) })
  }
  return out
}

/** Per employee with items waiting for a decision (of anyone, active or not): how many, and the oldest. */
export async function loadPending(db: Db, tz: string, part?: DigestPart): Promise<Map<number, EmployeePending>> {
  const rows = await db.activity.groupBy({
    by: ['employeeId'],
    where: { status: 'DIAJUKAN', ...(part ? { employee: employeesOf(part) } : {}) },
    _count: { _all: true },
    _min: { submittedAt: true },
  })
  const out = new Map<number, EmployeePending>()
  for (const r of rows) {
    if (r._min.submittedAt === null) continue
    out.set(r.employeeId, { count: r._count._all, oldest: localDate(r._min.submittedAt, tz) })
  }
  return out
}

/** Per employee: items of `month` (YYYY-MM, by the activity's date) still waiting for the supervisor. */
export async function loadPendingOfMonth(db: Db, month: string, part?: DigestPart): Promise<Map<number, number>> {
  const { from, to } = monthRange(`${month}-01`)
  const rows = await db.activity.groupBy({
    by: ['employeeId'],
    where: { status: 'DIAJUKAN', date: { gte: from, lte: to }, ...(part ? { employee: employeesOf(part) } : {}) },
    _count: { _all: true },
  })
  return new Map(rows.map((r) => [r.employeeId, r._count._all]))
}

/** Everything the digests of one week need, read once for all leaders (or for one `part` of the organisation). */
export async function loadDigestData(
  db: Db,
  opts: { tz: string; week: { from: IsoDate; to: IsoDate }; today: IsoDate; minutesPerDay: number; part?: DigestPart; tppRisk?: { month: string; deadline: IsoDate } | null },
): Promise<DigestData> {
  const { week, today } = opts
  const prevFrom = addDays(week.from, -7)
  const risk = opts.tppRisk ?? null
  const [units, employees, twoWeeks, pending, pendingOfMonth] = await Promise.all([
    db.unit.findMany({ select: { id: true, code: true, name: true, parentId: true } }),
    db.employee.findMany({
      where: { active: true, ...employeesOf(opts.part) },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      select: { id: true, name: true, unitId: true, supervisorId: true, monthlyTargetMinutes: true },
    }),
    loadTwoWeeks(db, prevFrom, week.from, opts.part),
    loadPending(db, opts.tz, opts.part),
    risk ? loadPendingOfMonth(db, risk.month, opts.part) : Promise.resolve(null),
  ])
  // prorated targets need whole months (holidays and leave); pending ages need the holidays since the
  // oldest item, which may be long ago: leave is only read for the months, holidays back to that item
  const window = monthsWindow(prevFrom, week.to > today ? week.to : today)
  let oldest: IsoDate | undefined
  for (const p of pending.values()) if (oldest === undefined || p.oldest < oldest) oldest = p.oldest
  const [months, older] = await Promise.all([
    loadCalendar(db, window.from, window.to),
    oldest !== undefined && oldest < window.from
      ? db.holiday.findMany({ where: { date: { gte: oldest, lt: window.from } }, select: { date: true, name: true, kind: true } })
      : Promise.resolve([]),
  ])
  const calendar = older.length === 0 ? months : calendarOf([...older, ...[...months.holidays].map(([date, h]) => ({ date, ...h }))], [...months.leave.values()].flat())
  return {
    units,
    employees,
    twoWeeks,
    pending,
    calendar,
    week,
    today,
    minutesPerDay: opts.minutesPerDay,
    ...(risk && pendingOfMonth ? { tppRisk: { ...risk, pending: pendingOfMonth } } : {}),
  }
}
