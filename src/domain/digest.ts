import { type Calendar, dayOfWeek, workDays, workDaysSince } from './calendar.js'
import { addDays, daysBetween, type IsoDate } from './dates.js'
import type { DigestUnit, DigestView, DigestWeek } from './scheduled-messages.js'
import { proratedTarget } from './targets.js'

/** Statuses that count as "reported" that day: a rejected or withdrawn report does not. */
export const REPORTED_STATUSES = ['DIAJUKAN', 'DISETUJUI', 'REVISI']

type UnitRow = { id: number; code: string; name: string; parentId: number | null }
type EmployeeRow = { id: number; name: string; unitId: number; supervisorId: number | null; monthlyTargetMinutes: number | null }

export interface DigestInput {
  scopeUnitId: number
  units: UnitRow[]
  /** Active employees of the scope's units. */
  employees: EmployeeRow[]
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

export type SubtreeEntry<U extends UnitRow = UnitRow> = { unit: U; depth: number }

/**
 * The unit tree built once (children by parent, sorted by code), so the subtrees of many roots (one per
 * leader) cost only their own size.
 */
export function unitForest<U extends UnitRow>(units: readonly U[]): (rootId: number) => SubtreeEntry<U>[] {
  const children = new Map<number, U[]>()
  for (const u of units) {
    if (u.parentId === null) continue
    const list = children.get(u.parentId) ?? []
    list.push(u)
    children.set(u.parentId, list)
  }
  for (const list of children.values()) list.sort((a, b) => a.code.localeCompare(b.code))
  const byId = new Map(units.map((u) => [u.id, u]))
  return (rootId) => {
    const out: SubtreeEntry<U>[] = []
    const seen = new Set<number>()
    const visit = (unit: U, depth: number) => {
      if (seen.has(unit.id)) return // a cycle cannot come through the import, but never loop forever
      seen.add(unit.id)
      out.push({ unit, depth })
      for (const c of children.get(unit.id) ?? []) visit(c, depth + 1)
    }
    const root = byId.get(rootId)
    if (root) visit(root, 0)
    return out
  }
}

/** The scope unit and its whole subtree, depth-first (a parent before its children, by code). */
export function subtree<U extends UnitRow>(units: readonly U[], rootId: number): SubtreeEntry<U>[] {
  return unitForest(units)(rootId)
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

/** Days a digest looks at: the previous week's Monday (day 0) to the week's Sunday (day 13). */
export const DIGEST_DAYS = 14

/** One person's two weeks as the database aggregates them (GROUP BY employee). */
export interface EmployeeTwoWeeks {
  /** Bit i set: at least one report (REPORTED_STATUSES) dated on day i (0 = the previous week's Monday). */
  reportedDays: number
  /** Approved (DISETUJUI) minutes dated in the week, and in the week before (any day, work day or not). */
  approvedWeek: number
  approvedPrevious: number
}

/** One person's items waiting for a decision: how many, and the date the oldest was submitted. */
export interface EmployeePending {
  count: number
  oldest: IsoDate
}

/** Everything the digests of one week need, for the whole organisation: bounded by people, not activities. */
export interface DigestData {
  units: UnitRow[]
  /** Active employees in name order (the order silent people are listed in). */
  employees: EmployeeRow[]
  /** By employee id; a person without an entry reported nothing. Entries of inactive people are ignored. */
  twoWeeks: ReadonlyMap<number, EmployeeTwoWeeks>
  /** By employee id; entries of inactive people are ignored. */
  pending: ReadonlyMap<number, EmployeePending>
  /** Holidays and leave covering both weeks' months, holidays back to the oldest pending item. */
  calendar: Calendar
  week: { from: IsoDate; to: IsoDate }
  today: IsoDate
  minutesPerDay: number
  /**
   * The month whose TPP validation deadline comes before the next digest, and per employee its items
   * (by the activity's date) still waiting for the supervisor; absent when no deadline is near.
   */
  tppRisk?: { month: string; deadline: IsoDate; pending: ReadonlyMap<number, number> }
}

/** One unit's own figures (not its subtree's): the same for every leader whose scope contains it. */
export interface UnitFigures {
  /** People expected to report (active, with a supervisor). */
  employees: number
  week: DigestWeek
  previous: DigestWeek
  pending: number
  oldestPendingWorkDays: number | null
  /** Names of the people expected to report on some day of the week who reported on none, in name order. */
  silent: string[]
  /** This unit's waiting items by the submitter's supervisor (an active employee, of any unit). */
  bySupervisor: Map<number, { pending: number; oldestWorkDays: number }>
  /** This unit's items of the TPP month at risk still waiting, by the submitter's supervisor: items and people. */
  tppAtRisk: Map<number, { pending: number; people: number }>
}

/** The organisation's figures per unit, computed once for all leaders. */
export interface OrganisationDigest {
  week: { from: IsoDate; to: IsoDate }
  figures: ReadonlyMap<number, UnitFigures>
  subtree: (rootId: number) => SubtreeEntry[]
  unitName: ReadonlyMap<number, string>
  /** Active employees: their unit and name (for the backlog's supervisors). */
  unitOf: ReadonlyMap<number, number>
  nameOf: ReadonlyMap<number, string>
  /** The TPP month at risk, when a validation deadline comes before the next digest. */
  tppRisk?: { month: string; deadline: IsoDate }
}

const popcount = (n: number): number => {
  let c = 0
  for (let v = n; v !== 0; v &= v - 1) c++
  return c
}
const PREVIOUS_DAYS = 0b0000000_1111111
const WEEK_DAYS = 0b1111111_0000000

/**
 * Every unit's figures, once: compliance (days with a report / expected work days, leave and holidays
 * taken out), approved minutes against the prorated target, pending items and their age, silent people.
 * Only people who can report (active, with a supervisor to validate their reports) are expected to.
 */
export function organisationDigest(data: DigestData): OrganisationDigest {
  const { calendar: cal, week, minutesPerDay } = data
  const prev = { from: addDays(week.from, -7), to: addDays(week.to, -7) }
  // work days and targets depend on the person only through their leave and fixed target: people without
  // leave in the window share them (a city has thousands of people and a handful on leave)
  const shared = new Map<string, { mask: number; weekTarget: number; previousTarget: number }>()
  const calendarOf = (e: EmployeeRow) => {
    const own = cal.leave.get(e.id)
    const key = own && own.length > 0 ? null : String(e.monthlyTargetMinutes)
    const hit = key === null ? undefined : shared.get(key)
    if (hit) return hit
    let mask = 0
    for (const d of workDays(cal, prev.from, week.to, e.id)) mask |= 1 << daysBetween(prev.from, d)
    const value = {
      mask,
      weekTarget: proratedTarget(cal, e, week.from, week.to, minutesPerDay),
      previousTarget: proratedTarget(cal, e, prev.from, prev.to, minutesPerDay),
    }
    if (key !== null) shared.set(key, value)
    return value
  }
  const ageCache = new Map<IsoDate, number>()
  const ageOf = (submitted: IsoDate) => {
    let age = ageCache.get(submitted)
    if (age === undefined) ageCache.set(submitted, (age = workDaysSince(cal, submitted, data.today)))
    return age
  }

  const unitOf = new Map(data.employees.map((e) => [e.id, e.unitId]))
  const nameOf = new Map(data.employees.map((e) => [e.id, e.name]))
  const figures = new Map<number, UnitFigures>()
  const figuresOf = (unitId: number) => {
    let f = figures.get(unitId)
    if (!f) {
      f = { employees: 0, week: emptyWeek(), previous: emptyWeek(), pending: 0, oldestPendingWorkDays: null, silent: [], bySupervisor: new Map(), tppAtRisk: new Map() }
      figures.set(unitId, f)
    }
    return f
  }
  const oldestOf = new Map<number, IsoDate>()
  const oldestBySupervisor = new Map<number, Map<number, IsoDate>>()
  for (const e of data.employees) {
    const waiting = data.pending.get(e.id)
    if (waiting && waiting.count > 0) {
      const f = figuresOf(e.unitId)
      f.pending += waiting.count
      const oldest = oldestOf.get(e.unitId)
      if (oldest === undefined || waiting.oldest < oldest) oldestOf.set(e.unitId, waiting.oldest)
      if (e.supervisorId !== null && unitOf.has(e.supervisorId)) {
        const bySupervisor = oldestBySupervisor.get(e.unitId) ?? new Map<number, IsoDate>()
        oldestBySupervisor.set(e.unitId, bySupervisor)
        const entry = f.bySupervisor.get(e.supervisorId) ?? { pending: 0, oldestWorkDays: 0 }
        entry.pending += waiting.count
        f.bySupervisor.set(e.supervisorId, entry)
        const o = bySupervisor.get(e.supervisorId)
        if (o === undefined || waiting.oldest < o) bySupervisor.set(e.supervisorId, waiting.oldest)
      }
    }
    const atRisk = data.tppRisk?.pending.get(e.id) ?? 0
    if (atRisk > 0 && e.supervisorId !== null && unitOf.has(e.supervisorId)) {
      const risk = figuresOf(e.unitId).tppAtRisk
      const entry = risk.get(e.supervisorId) ?? { pending: 0, people: 0 }
      entry.pending += atRisk
      entry.people++
      risk.set(e.supervisorId, entry)
    }
    if (e.supervisorId === null) continue
    const f = figuresOf(e.unitId)
    const c = calendarOf(e)
    const r = data.twoWeeks.get(e.id)
    const reported = (r?.reportedDays ?? 0) & c.mask
    const w: DigestWeek = {
      expectedDays: popcount(c.mask & WEEK_DAYS),
      reportedDays: popcount(reported & WEEK_DAYS),
      approvedMinutes: r?.approvedWeek ?? 0,
      targetMinutes: c.weekTarget,
    }
    const p: DigestWeek = {
      expectedDays: popcount(c.mask & PREVIOUS_DAYS),
      reportedDays: popcount(reported & PREVIOUS_DAYS),
      approvedMinutes: r?.approvedPrevious ?? 0,
      targetMinutes: c.previousTarget,
    }
    f.employees++
    f.week = addWeek(f.week, w)
    f.previous = addWeek(f.previous, p)
    if (w.expectedDays > 0 && w.reportedDays === 0) f.silent.push(e.name)
  }
  for (const [unitId, oldest] of oldestOf) figuresOf(unitId).oldestPendingWorkDays = ageOf(oldest)
  for (const [unitId, bySupervisor] of oldestBySupervisor) {
    const f = figuresOf(unitId)
    for (const [supervisorId, oldest] of bySupervisor) f.bySupervisor.get(supervisorId)!.oldestWorkDays = ageOf(oldest)
  }
  return {
    week,
    figures,
    subtree: unitForest(data.units),
    unitName: new Map(data.units.map((u) => [u.id, u.name])),
    unitOf,
    nameOf,
    ...(data.tppRisk ? { tppRisk: { month: data.tppRisk.month, deadline: data.tppRisk.deadline } } : {}),
  }
}

const NO_FIGURES: UnitFigures = {
  employees: 0,
  week: emptyWeek(),
  previous: emptyWeek(),
  pending: 0,
  oldestPendingWorkDays: null,
  silent: [],
  bySupervisor: new Map(),
  tppAtRisk: new Map(),
}

/**
 * The weekly digest of one leader's units: the shared unit figures of the scope unit's subtree, their
 * total, the supervisors inside the scope with a backlog, and the first silent people.
 */
export function leaderDigest(org: OrganisationDigest, scopeUnitId: number, opts: { backlogWorkDays: number; maxListed?: number }): DigestView {
  const max = opts.maxListed ?? 10
  const tree = org.subtree(scopeUnitId)
  const inScope = new Set(tree.map((t) => t.unit.id))
  const silent: DigestView['silent'] = []
  let silentCount = 0
  // only supervisors inside the leader's units: a backlog above them is not theirs to act on
  const bySupervisor = new Map<number, { pending: number; oldestWorkDays: number }>()
  const tppBySupervisor = new Map<number, { pending: number; people: number }>()
  const units: DigestUnit[] = tree.map(({ unit, depth }) => {
    const f = org.figures.get(unit.id) ?? NO_FIGURES
    for (const name of f.silent) {
      if (silent.length >= max) break
      silent.push({ name, unit: unit.name })
    }
    silentCount += f.silent.length
    for (const [supervisorId, b] of f.bySupervisor) {
      if (!inScope.has(org.unitOf.get(supervisorId) ?? -1)) continue
      const sum = bySupervisor.get(supervisorId)
      if (sum) {
        sum.pending += b.pending
        sum.oldestWorkDays = Math.max(sum.oldestWorkDays, b.oldestWorkDays)
      } else bySupervisor.set(supervisorId, { ...b })
    }
    for (const [supervisorId, r] of f.tppAtRisk) {
      if (!inScope.has(org.unitOf.get(supervisorId) ?? -1)) continue
      const sum = tppBySupervisor.get(supervisorId) ?? { pending: 0, people: 0 }
      sum.pending += r.pending
      sum.people += r.people
      tppBySupervisor.set(supervisorId, sum)
    }
    return {
      code: unit.code,
      name: unit.name,
      depth,
      employees: f.employees,
      week: f.week,
      previous: f.previous,
      pending: f.pending,
      oldestPendingWorkDays: f.oldestPendingWorkDays,
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

  const backlog = [...bySupervisor.entries()]
    .filter(([, b]) => b.oldestWorkDays >= opts.backlogWorkDays)
    .map(([id, b]) => {
      const unitId = org.unitOf.get(id)
      return {
        id,
        name: org.nameOf.get(id) ?? `#${id}`,
        unit: unitId !== undefined ? (org.unitName.get(unitId) ?? '') : '',
        pending: b.pending,
        oldestWorkDays: b.oldestWorkDays,
      }
    })
    .sort((a, b) => b.oldestWorkDays - a.oldestWorkDays || b.pending - a.pending || a.name.localeCompare(b.name) || a.id - b.id)
    .slice(0, max)
    .map(({ name, unit, pending, oldestWorkDays }) => ({ name, unit, pending, oldestWorkDays }))

  const atRisk = [...tppBySupervisor.entries()]
    .map(([id, r]) => {
      const unitId = org.unitOf.get(id)
      return { id, name: org.nameOf.get(id) ?? `#${id}`, unit: unitId !== undefined ? (org.unitName.get(unitId) ?? '') : '', pending: r.pending, people: r.people }
    })
    .sort((a, b) => b.pending - a.pending || b.people - a.people || a.name.localeCompare(b.name) || a.id - b.id)

  return {
    scope: { code: total.code, name: total.name },
    from: org.week.from,
    to: org.week.to,
    units,
    total,
    backlogThreshold: opts.backlogWorkDays,
    backlog,
    silent,
    silentMore: Math.max(0, silentCount - max),
    ...(org.tppRisk && atRisk.length > 0
      ? {
          tppAtRisk: {
            month: org.tppRisk.month,
            deadline: org.tppRisk.deadline,
            supervisors: atRisk.slice(0, max).map(({ name, unit, pending, people }) => ({ name, unit, pending, people })),
            more: Math.max(0, atRisk.length - max),
          },
        }
      : {}),
  }
}

/**
 * The aggregates {@link organisationDigest} reads, from plain rows: what the weekly-digest job has the
 * database compute (GROUP BY employee) instead of loading the rows.
 */
export function aggregateRows(
  activities: DigestInput['activities'],
  pending: DigestInput['pending'],
  week: { from: IsoDate; to: IsoDate },
): { twoWeeks: Map<number, EmployeeTwoWeeks>; pending: Map<number, EmployeePending> } {
  const from = addDays(week.from, -7)
  const twoWeeks = new Map<number, EmployeeTwoWeeks>()
  for (const a of activities) {
    const day = daysBetween(from, a.date)
    if (day < 0 || day >= DIGEST_DAYS) continue
    const t = twoWeeks.get(a.employeeId) ?? { reportedDays: 0, approvedWeek: 0, approvedPrevious: 0 }
    twoWeeks.set(a.employeeId, t)
    if (REPORTED_STATUSES.includes(a.status)) t.reportedDays |= 1 << day
    if (a.status === 'DISETUJUI') {
      if (day >= 7) t.approvedWeek += a.minutes
      else t.approvedPrevious += a.minutes
    }
  }
  const waiting = new Map<number, EmployeePending>()
  for (const p of pending) {
    const w = waiting.get(p.employeeId)
    if (!w) waiting.set(p.employeeId, { count: 1, oldest: p.submitted })
    else {
      w.count++
      if (p.submitted < w.oldest) w.oldest = p.submitted
    }
  }
  return { twoWeeks, pending: waiting }
}

/** The weekly digest of one leader's units, from plain rows (one scope; the job shares the figures). */
export function computeDigest(input: DigestInput): DigestView {
  const { twoWeeks, pending } = aggregateRows(input.activities, input.pending, input.week)
  const org = organisationDigest({
    units: input.units,
    employees: input.employees,
    twoWeeks,
    pending,
    calendar: input.calendar,
    week: input.week,
    today: input.today,
    minutesPerDay: input.minutesPerDay,
  })
  return leaderDigest(org, input.scopeUnitId, { backlogWorkDays: input.backlogWorkDays, maxListed: input.maxListed })
}
