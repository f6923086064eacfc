import { loadCalendar, workDays } from '../domain/calendar.js'
import { addDays, monthRange, type IsoDate } from '../domain/dates.js'
import { monthsWindow, proratedTarget } from '../domain/targets.js'
import type { ExportDeps, ExportScope } from './export.js'
import type { Table, TableRow } from './export-write.js'

const capaian = (approved: number, target: number): number | null => (target > 0 ? Math.round((approved / target) * 1000) / 10 : null)

/** The months [from, to] touches, each cut to the part inside the range. */
export function monthSpans(from: IsoDate, to: IsoDate): { month: string; from: IsoDate; to: IsoDate }[] {
  const spans: { month: string; from: IsoDate; to: IsoDate }[] = []
  for (let start = monthRange(from).from; start <= to; start = addDays(monthRange(start).to, 1)) {
    const m = monthRange(start)
    spans.push({ month: start.slice(0, 7), from: m.from < from ? from : m.from, to: m.to > to ? to : m.to })
  }
  return spans
}

/**
 * The TPP basis: approved minutes per employee and month against the target (the month's, or its share
 * when the range cuts the month), with capaian, a subtotal per unit and a total per month. Everyone who
 * reports to a supervisor is listed, also with nothing approved.
 */
export async function minutesTable(deps: ExportDeps, scope: ExportScope): Promise<Table> {
  const { db } = deps
  const employees = await db.employee.findMany({
    where: { active: true, unitId: { in: scope.unitIds }, supervisorId: { not: null } },
    orderBy: [{ unit: { code: 'asc' } }, { name: 'asc' }],
    select: { id: true, nip: true, name: true, position: true, grade: true, monthlyTargetMinutes: true, unit: { select: { code: true, name: true } } },
  })
  const window = monthsWindow(scope.from, scope.to)
  const calendar = await loadCalendar(db, window.from, window.to, employees.map((e) => e.id))
  const rows: TableRow[] = []
  for (const span of monthSpans(scope.from, scope.to)) {
    const approved = await db.activity.groupBy({
      by: ['employeeId'],
      where: { status: 'DISETUJUI', date: { gte: span.from, lte: span.to }, employeeId: { in: employees.map((e) => e.id) } },
      _sum: { minutes: true },
    })
    const minutes = new Map(approved.map((a) => [a.employeeId, a._sum.minutes ?? 0]))
    const total = { approved: 0, target: 0 }
    let unit = { code: '', name: '', approved: 0, target: 0 }
    const closeUnit = () => {
      if (!unit.code) return
      rows.push({ emphasis: true, cells: [span.month, unit.code, unit.name, null, `Subtotal ${unit.name}`, null, null, null, unit.approved, unit.target, capaian(unit.approved, unit.target)] })
    }
    for (const e of employees) {
      if (e.unit.code !== unit.code) {
        closeUnit()
        unit = { code: e.unit.code, name: e.unit.name, approved: 0, target: 0 }
      }
      const target = Math.round(proratedTarget(calendar, e, span.from, span.to, deps.minutesPerDay))
      const done = minutes.get(e.id) ?? 0
      const days = workDays(calendar, span.from, span.to, e.id).length
      rows.push({ cells: [span.month, e.unit.code, e.unit.name, e.nip, e.name, e.position, e.grade, days, done, target, capaian(done, target)] })
      unit.approved += done
      unit.target += target
      total.approved += done
      total.target += target
    }
    closeUnit()
    rows.push({ emphasis: true, cells: [span.month, scope.unit.code, scope.unit.name, null, `Total ${scope.unit.name}`, null, null, null, total.approved, total.target, capaian(total.approved, total.target)] })
  }
  return {
    sheet: 'Menit bulanan',
    columns: [
      { header: 'Bulan', width: 9 },
      { header: 'Kode unit', width: 14 },
      { header: 'Unit', width: 36 },
      { header: 'NIP', width: 20 },
      { header: 'Nama', width: 30 },
      { header: 'Jabatan', width: 36 },
      { header: 'Golongan', width: 9 },
      { header: 'Hari kerja', width: 10 },
      { header: 'Menit disetujui', width: 15 },
      { header: 'Target menit', width: 13 },
      { header: 'Capaian (%)', width: 12, numFmt: '0.0' },
    ],
    rows,
  }
}
