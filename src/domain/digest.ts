import { type Calendar, dayOfWeek, workDays, workDaysSince } from './calendar.js'
import { addDays, type IsoDate } from './dates.js'
import type { DigestUnit, DigestView, DigestWeek } from './scheduled-messages.js'
import { proratedTarget } from './targets.js'

/** Statuses that count as "reported" that day: a rejected or withdrawn report does not. */
export const REPORTED_STATUSES = ['DIAJUKAN', 'DISETUJUI', 'REVISI']

export interface DigestInput {
  scopeUnitId: number
  units: { id: number; code: string; name: string; parentId: number | null }[]
  /** Active employees of the scope's units. */
  employees: { id: number; name: string; unitId: number; supervisorId: number | null; monthlyTargetMinutes: number | null }[]
  /** Activities of those employees dated from the previous week's Monday to the week's Sunday. */
  activities: { employeeId: number; date: IsoDate; minutes: number; status: string }[]
  /** Items waiting for a decision now, with the date (supervisor's zone) they were submitted. */
  pending: { employeeId: number; submitted: IsoDate }[]
  /** Holidays and leave covering both weeks' months and the oldest pending item. */
  calendar: Calendar
  /** Monday and Sunday of the week the digest is about. */
  week: { from: IsoDate; to: IsoDate }
  today: IsoDate
  minutesPerDay: number
  backlogWorkDays: number
  /** How many names of silent employees to list. */
  maxListed?: number
}

/** The previous Monday–Sunday week, seen from `today`. */
export function previousWeek(today: IsoDate): { from: IsoDate; to: IsoDate } {
  const monday = addDays(today, -((dayOfWeek(today) + 6) % 7))
  const from = addDays(monday, -7)
  return { from, to: addDays(from, 6) }
}

/** The scope unit and its whole subtree, depth-first (a parent before its children, by code). */
export function subtree(units: DigestInput['units'], rootId: number): { unit: DigestInput['units'][number]; depth: number }[] {
  const children = new Map<number, DigestInput['units']>()
  for (const u of units) {
    if (u.parentId === null) continue
    const list = children.get(u.parentId) ?? []
    list.push(u)
    children.set(u.parentId, list)
  }
  const out: { unit: DigestInput['units'][number]; depth: number }[] = []
  const seen = new Set<number>()
  const visit = (unit: DigestInput['units'][number], depth: number) => {
    if (seen.has(unit.id)) return // a cycle cannot come through the import, but never loop forever
    seen.add(unit.id)
    out.push({ unit, depth })
    for (const c of [...(children.get(unit.id) ?? [])].sort((a, b) => a.code.localeCompare(b.code))) visit(c, depth + 1)
  }
  const root = units.find((u) => u.id === rootId)
  if (root) visit(root, 0)
  return out
}

function groupBy<T, K>(items: T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = out.get(k)
    if (list) list.push(item)
    else out.set(k, [item])
  }
  return out
}

const emptyWeek = (): DigestWeek => ({ expectedDays: 0, reportedDays: 0, approvedMinutes: 0, targetMinutes: 0 })

function addWeek(a: DigestWeek, b: DigestWeek): DigestWeek {
  return {
    expectedDays: a.expectedDays + b.expectedDays,
    reportedDays: a.reportedDays + b.reportedDays,
    approvedMinutes: a.approvedMinutes + b.approvedMinutes,
    targetMinutes: a.targetMinutes + b.targetMinutes,
  }
}

/**
 * The weekly digest of one leader's units, from plain data. Only people who can report (active, with
 * a supervisor to validate their reports) are expected to; days on leave or holidays are not expected.
 */
export function computeDigest(input: DigestInput): DigestView {
  const { calendar: cal, week, minutesPerDay } = input
  const prev = { from: addDays(week.from, -7), to: addDays(week.to, -7) }
  const reportedOn = new Map<number, Set<IsoDate>>()
  const approvedOn = new Map<number, { date: IsoDate; minutes: number }[]>()
  for (const a of input.activities) {
    if (REPORTED_STATUSES.includes(a.status)) {
      const set = reportedOn.get(a.employeeId) ?? new Set<IsoDate>()
      set.add(a.date)
      reportedOn.set(a.employeeId, set)
    }
    if (a.status === 'DISETUJUI') {
      const list = approvedOn.get(a.employeeId) ?? []
      list.push({ date: a.date, minutes: a.minutes })
      approvedOn.set(a.employeeId, list)
    }
  }
  const weekOf = (e: DigestInput['employees'][number], span: { from: IsoDate; to: IsoDate }): DigestWeek => {
    const days = workDays(cal, span.from, span.to, e.id)
    const reported = reportedOn.get(e.id)
    return {
      expectedDays: days.length,
      reportedDays: days.filter((d) => reported?.has(d)).length,
      approvedMinutes: (approvedOn.get(e.id) ?? []).filter((a) => a.date >= span.from && a.date <= span.to).reduce((s, a) => s + a.minutes, 0),
      targetMinutes: proratedTarget(cal, e, span.from, span.to, minutesPerDay),
    }
  }

  const employees = input.employees.filter((e) => e.supervisorId !== null)
  const nameOf = new Map(input.employees.map((e) => [e.id, e.name]))
  const unitOfEmployee = new Map(input.employees.map((e) => [e.id, e.unitId]))
  const ages = input.pending.map((p) => ({ ...p, age: workDaysSince(cal, p.submitted, input.today) }))
  const tree = subtree(input.units, input.scopeUnitId)
  const unitName = new Map(input.units.map((u) => [u.id, u.name]))

  // grouped once: a city-wide scope has hundreds of units and thousands of people
  const membersOf = groupBy(employees, (e) => e.unitId)
  const pendingOf = groupBy(ages, (p) => unitOfEmployee.get(p.employeeId) ?? -1)
  const silent: DigestView['silent'] = []
  const units: DigestUnit[] = tree.map(({ unit, depth }) => {
    const members = membersOf.get(unit.id) ?? []
    let current = emptyWeek()
    let previous = emptyWeek()
    for (const e of members) {
      const w = weekOf(e, week)
      current = addWeek(current, w)
      previous = addWeek(previous, weekOf(e, prev))
      if (w.expectedDays > 0 && w.reportedDays === 0) silent.push({ name: e.name, unit: unit.name })
    }
    const pending = pendingOf.get(unit.id) ?? []
    return {
      code: unit.code,
      name: unit.name,
      depth,
      employees: members.length,
      week: current,
      previous,
      pending: pending.length,
      oldestPendingWorkDays: pending.length > 0 ? Math.max(...pending.map((p) => p.age)) : null,
    }
  })

  const total: DigestUnit = {
    code: tree[0]?.unit.code ?? '',
    name: tree[0]?.unit.name ?? '',
    depth: 0,
    employees: units.reduce((s, u) => s + u.employees, 0),
    week: units.reduce((s, u) => addWeek(s, u.week), emptyWeek()),
    previous: units.reduce((s, u) => addWeek(s, u.previous), emptyWeek()),
    pending: units.reduce((s, u) => s + u.pending, 0),
    oldestPendingWorkDays: units.reduce<number | null>((m, u) => (u.oldestPendingWorkDays === null ? m : Math.max(m ?? 0, u.oldestPendingWorkDays)), null),
  }

  // only supervisors inside the leader's units: a backlog above them is not theirs to act on
  const supervisorOf = new Map(input.employees.map((e) => [e.id, e.supervisorId]))
  const bySupervisor = new Map<number, number[]>()
  for (const p of ages) {
    const sup = supervisorOf.get(p.employeeId)
    if (sup == null || !unitOfEmployee.has(sup)) continue
    bySupervisor.set(sup, [...(bySupervisor.get(sup) ?? []), p.age])
  }
  const backlog = [...bySupervisor.entries()]
    .filter(([, list]) => Math.max(...list) >= input.backlogWorkDays)
    .map(([id, list]) => {
      const unitId = unitOfEmployee.get(id)
      return {
        name: nameOf.get(id) ?? `#${id}`,
        unit: unitId !== undefined ? (unitName.get(unitId) ?? '') : '',
        pending: list.length,
        oldestWorkDays: Math.max(...list),
      }
    })
    .sort((a, b) => b.oldestWorkDays - a.oldestWorkDays || b.pending - a.pending || a.name.localeCompare(b.name))

  const max = input.maxListed ?? 10
  return {
    scope: { code: total.code, name: total.name },
    from: week.from,
    to: week.to,
    units,
    total,
    backlogThreshold: input.backlogWorkDays,
    backlog: backlog.slice(0, max),
    silent: silent.slice(0, max),
    silentMore: Math.max(0, silent.length - max),
  }
}
