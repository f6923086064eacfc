import type { Db } from '../db/client.js'
import { dayOfWeek, type Calendar, workDaysSince } from '../domain/calendar.js'
import type { Clock } from '../domain/clock.js'
import { addDays, type IsoDate } from '../domain/dates.js'
import { leaderDigest, organisationDigest, previousWeek, subtree, type DigestData, type OrganisationDigest, type UnitFigures } from '../domain/digest.js'
import type { DigestView } from '../domain/scheduled-messages.js'
import type { TrendPoint } from '../scheduler/chart.js'
import { zonedInstant } from '../scheduler/cron-time.js'
import { loadDigestData, type DigestPart } from '../scheduler/jobs/digest-data.js'
import { isoWeek } from '../scheduler/jobs/weekly-digest.js'

// The dashboard's numbers are the weekly digest's: the same reads (loadDigestData, for the part of the
// organisation on screen), the same unit figures (organisationDigest) and the same subtree sums
// (leaderDigest). Nothing here counts on its own except the pending items past the escalation age.

export type UnitRow = { id: number; code: string; name: string; parentId: number | null }

/** The id of the whole organisation when it has more than one top unit (unit ids start at 1). */
export const CITY_ID = 0

export type Week = { from: IsoDate; to: IsoDate }

/** Monday of ISO week `week` of `year` ("2026-W48"), or null when the year has no such week. */
export function isoWeekMonday(year: number, week: number): IsoDate | null {
  if (week < 1 || week > 53) return null
  const jan4 = `${String(year).padStart(4, '0')}-01-04`
  const monday = addDays(addDays(jan4, -((dayOfWeek(jan4) + 6) % 7)), 7 * (week - 1))
  return isoWeek(monday) === `${year}-W${String(week).padStart(2, '0')}` ? monday : null
}

/** The Monday of the week a picker value names: "2026-W48" (a week input) or any date of the week. */
export function parseWeekParam(text: string): IsoDate | null {
  const w = /^(\d{4})-?W(\d{1,2})$/i.exec(text.trim())
  if (w) return isoWeekMonday(Number(w[1]), Number(w[2]))
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim())
  if (!d) return null
  const date = `${d[1]}-${d[2]}-${d[3]}`
  if (Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) return null
  return addDays(date, -((dayOfWeek(date) + 6) % 7))
}

/** The earliest week the picker goes back to (the digest looks at a week and the one before). */
const FIRST_MONDAY = '2000-01-03'

/**
 * The week to show: the one asked for, when it is a whole week that has ended; otherwise the digest's
 * (the last full week before today), with a word about why.
 */
export function chooseWeek(param: string | undefined, today: IsoDate): { week: Week; notice?: string } {
  const last = previousWeek(today)
  if (param === undefined || param.trim() === '') return { week: last }
  const monday = parseWeekParam(param)
  if (!monday || monday < FIRST_MONDAY) return { week: last, notice: 'Minggu yang diminta tidak dikenali; ditampilkan minggu lengkap terakhir.' }
  if (monday > last.from) return { week: last, notice: 'Minggu itu belum selesai; ditampilkan minggu lengkap terakhir, seperti ringkasan mingguan.' }
  return { week: { from: monday, to: addDays(monday, 6) } }
}

/** The organisation's top: its one top unit, or the whole organisation as a unit of its own. */
export function cityOf(units: readonly UnitRow[]): { id: number; units: UnitRow[] } {
  const tops = units.filter((u) => u.parentId === null)
  if (tops.length === 1) return { id: tops[0]!.id, units: [...units] }
  const city: UnitRow = { id: CITY_ID, code: '', name: 'Seluruh organisasi', parentId: null }
  return { id: CITY_ID, units: [city, ...units.map((u) => (u.parentId === null ? { ...u, parentId: CITY_ID } : u))] }
}

/** The units from the top down to `unitId` (breadcrumbs), within the tree `units`. */
export function pathTo(units: readonly UnitRow[], unitId: number): UnitRow[] {
  const byId = new Map(units.map((u) => [u.id, u]))
  const out: UnitRow[] = []
  const seen = new Set<number>()
  for (let u = byId.get(unitId); u && !seen.has(u.id); u = u.parentId === null ? undefined : byId.get(u.parentId)) {
    seen.add(u.id)
    out.unshift(u)
  }
  return out
}

export interface DasborConfig {
  tz: string
  minutesPerDay: number
  /** ESCALATION_WORK_DAYS: the digest's backlog threshold, and the age the dashboard counts items past. */
  backlogWorkDays: number
}

export interface WeekFigures {
  /** The reads behind it (the people of the part, their aggregates, the calendar). */
  data: DigestData
  org: OrganisationDigest
}

/** The part of the organisation a view of `rootId` reads: nothing narrower than everyone for the top. */
function partOf(tree: readonly UnitRow[], cityId: number, rootId: number): DigestPart | undefined {
  return rootId === cityId ? undefined : { unitIds: subtree(tree, rootId).map((e) => e.unit.id) }
}

/** One week's digest figures of a unit's subtree, read as the weekly digest job reads them. */
export async function weekFigures(db: Db, cfg: DasborConfig, opts: { units: readonly UnitRow[]; rootId: number; week: Week; today: IsoDate }): Promise<WeekFigures> {
  const city = cityOf(opts.units)
  const part = partOf(city.units, city.id, opts.rootId)
  const data = await loadDigestData(db, { tz: cfg.tz, week: opts.week, today: opts.today, minutesPerDay: cfg.minutesPerDay, ...(part ? { part } : {}) })
  const org = organisationDigest({ ...data, units: city.units })
  return { data, org }
}

/** The digest a leader of `rootId` would get for the week (its total is the unit's subtree). */
export const viewOf = (org: OrganisationDigest, rootId: number, cfg: DasborConfig, maxListed = 10): DigestView =>
  leaderDigest(org, rootId, { backlogWorkDays: cfg.backlogWorkDays, maxListed })

/** One person's figures for the week, by the digest's own rules (the person alone in their unit). */
export function personFigures(data: DigestData, person: DigestData['employees'][number]): UnitFigures | undefined {
  const unit = data.units.find((u) => u.id === person.unitId) ?? { id: person.unitId, code: '', name: '', parentId: null }
  return organisationDigest({ ...data, units: [{ ...unit, parentId: null }], employees: [person] }).figures.get(person.unitId)
}

/**
 * The instant before which an item was submitted if it has waited at least `workDays` organisation work
 * days today (the digest's age: work days since the submission date, in TZ_DEFAULT).
 */
export function waitedSince(cal: Calendar, today: IsoDate, workDays: number, tz: string): Date {
  let day = today
  for (let i = 0; i < 800 && workDaysSince(cal, day, today) < workDays; i++) day = addDays(day, -1)
  return zonedInstant(addDays(day, 1), 0, tz)
}

/** The part of the organisation a view of `rootId` reads (undefined: everyone). */
export function partFor(units: readonly UnitRow[], rootId: number): DigestPart | undefined {
  const city = cityOf(units)
  return partOf(city.units, city.id, rootId)
}

/** Waiting items of the active people of a part submitted before `before`. */
export async function countWaitingBefore(db: Db, part: DigestPart | undefined, before: Date): Promise<number> {
  const people = !part ? {} : 'unitIds' in part ? { unitId: { in: [...part.unitIds] } } : { id: { in: [...part.employeeIds] } }
  return db.activity.count({ where: { status: 'DIAJUKAN', submittedAt: { lt: before }, employee: { active: true, ...people } } })
}

export const TREND_WEEKS = 8
const TREND_TTL_MS = 10 * 60_000
const TREND_ENTRIES = 64

/**
 * Weeks before the one on screen, for the trend: each read gives two weeks (a digest holds the week and
 * the one before). The week on screen and the one before come from its own fresh read; earlier pairs are
 * kept for a few minutes, per day and per part read, and a view of a unit uses a kept read of any unit
 * above it (its figures are inside). A late approval of an old week shows within TREND_TTL_MS.
 */
export function createTrend(db: Db, clock: Clock, cfg: DasborConfig) {
  const kept = new Map<string, { at: number; org: OrganisationDigest }>()
  const keyOf = (today: IsoDate, from: IsoDate, rootId: number) => `${today}|${from}|${rootId}`

  function find(today: IsoDate, from: IsoDate, path: readonly UnitRow[]): OrganisationDigest | undefined {
    const now = clock.now().getTime()
    for (const u of path) {
      const hit = kept.get(keyOf(today, from, u.id))
      if (hit && now - hit.at < TREND_TTL_MS) return hit.org
    }
    return undefined
  }

  function keep(today: IsoDate, from: IsoDate, rootId: number, org: OrganisationDigest) {
    // the per-unit sums are all a trend needs: names (of silent people, of everyone) and backlogs are not kept
    const figures = new Map([...org.figures].map(([id, f]) => [id, { ...f, silent: [], bySupervisor: new Map() }]))
    kept.delete(keyOf(today, from, rootId))
    kept.set(keyOf(today, from, rootId), { at: clock.now().getTime(), org: { ...org, figures, unitOf: new Map(), nameOf: new Map() } })
    while (kept.size > TREND_ENTRIES) kept.delete(kept.keys().next().value!)
  }

  /** The unit's subtree totals for `weeks` weeks ending with the one on screen, oldest first. */
  async function points(opts: { units: readonly UnitRow[]; rootId: number; current: WeekFigures; today: IsoDate; weeks?: number }): Promise<TrendPoint[]> {
    const weeks = opts.weeks ?? TREND_WEEKS
    const city = cityOf(opts.units)
    const path = pathTo(city.units, opts.rootId).reverse()
    const newest = opts.current.org.week.from
    const out: TrendPoint[] = []
    for (let k = 0; k < weeks; k += 2) {
      const from = addDays(newest, -7 * k)
      let org = k === 0 ? opts.current.org : find(opts.today, from, path)
      if (!org) {
        org = (await weekFigures(db, cfg, { units: opts.units, rootId: opts.rootId, week: { from, to: addDays(from, 6) }, today: opts.today })).org
        keep(opts.today, from, opts.rootId, org)
      }
      const total = viewOf(org, opts.rootId, cfg, 0).total
      out.push({ from, week: total.week })
      if (k + 1 < weeks) out.push({ from: addDays(from, -7), week: total.previous })
    }
    return out.reverse()
  }

  return { points }
}

export type Trend = ReturnType<typeof createTrend>
