import type { Db, Tx } from '../db/client.js'
import type { Clock } from './clock.js'
import { localDate, monthRange, type IsoDate } from './dates.js'
import { DomainError } from './errors.js'
import type { RhkTally } from './evaluation-types.js'
import type { ActivityInput, Actor } from './types.js'

export interface RhkOption {
  id: number
  code: string
  text: string
  kind: string
}

type Reader = Pick<Tx, 'rhk' | 'activity'>

const yearOf = (date: IsoDate) => Number(date.slice(0, 4))
// as reports.ts counts a day's time: rejected and withdrawn reports are no evidence (no import: a cycle)
const COUNTED_STATUSES = ['DIAJUKAN', 'DISETUJUI', 'REVISI']

/** The RHKs an employee may link activities of `year` to: the active ones of that year's SKP, in plan order. */
export async function rhkOptions(db: Reader, employeeId: number, year: number): Promise<RhkOption[]> {
  return db.rhk.findMany({
    where: { active: true, skp: { employeeId, year } },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    select: { id: true, code: true, text: true, kind: true },
  })
}

/**
 * The RHK an activity dated `date` names: by id (a button) or by code (`#code`, case-insensitive), only
 * from the author's own SKP of that year. undefined: the input names none (an edit keeps what it had).
 */
export async function resolveRhk(
  tx: Reader,
  employeeId: number,
  date: IsoDate,
  input: Pick<ActivityInput, 'rhkId' | 'rhkCode'>,
): Promise<RhkOption | null | undefined> {
  if (input.rhkCode === undefined && input.rhkId === undefined) return undefined
  if (input.rhkId === null) return null
  const year = yearOf(date)
  const options = await rhkOptions(tx, employeeId, year)
  if (input.rhkCode !== undefined) {
    const wanted = input.rhkCode.toUpperCase()
    const found = options.find((o) => o.code.toUpperCase() === wanted)
    if (found) return found
    if (options.length === 0) throw new DomainError('INVALID_INPUT', 'rhk.noSkp', { year })
    throw new DomainError('INVALID_INPUT', 'rhk.unknown', { code: input.rhkCode, year, codes: options.map((o) => o.code) })
  }
  const found = options.find((o) => o.id === input.rhkId)
  if (!found) throw new DomainError('INVALID_INPUT', 'rhk.notYours')
  return found
}

/**
 * Activities (submitted, approved or returned for revision) and approved minutes per RHK and employee
 * over [from, to]: every RHK of the year's SKP (also those with nothing yet), then RHKs no longer in the
 * plan that still have activities, then "Tanpa RHK" when there is any.
 */
export async function rhkTallies(db: Reader, employeeIds: number[], from: IsoDate, to: IsoDate): Promise<Map<number, RhkTally[]>> {
  const [groups, planned] = await Promise.all([
    db.activity.groupBy({
      by: ['employeeId', 'rhkId', 'status'],
      where: { employeeId: { in: employeeIds }, date: { gte: from, lte: to }, status: { in: COUNTED_STATUSES } },
      _count: { _all: true },
      _sum: { minutes: true },
    }),
    db.rhk.findMany({
      where: { skp: { employeeId: { in: employeeIds }, year: { gte: yearOf(from), lte: yearOf(to) } } },
      orderBy: [{ skp: { year: 'asc' } }, { position: 'asc' }, { id: 'asc' }],
      select: { id: true, code: true, text: true, kind: true, active: true, skp: { select: { employeeId: true } } },
    }),
  ])
  const tallies = new Map<string, RhkTally>()
  const key = (employeeId: number, rhkId: number | null) => `${employeeId}:${rhkId ?? '-'}`
  for (const g of groups) {
    const t = tallies.get(key(g.employeeId, g.rhkId)) ?? { code: null, text: '', kind: null, activities: 0, approvedMinutes: 0 }
    t.activities += g._count._all
    if (g.status === 'DISETUJUI') t.approvedMinutes += g._sum.minutes ?? 0
    tallies.set(key(g.employeeId, g.rhkId), t)
  }
  const out = new Map<number, RhkTally[]>(employeeIds.map((id) => [id, []]))
  for (const r of planned) {
    const t = tallies.get(key(r.skp.employeeId, r.id))
    if (!r.active && !t) continue
    out.get(r.skp.employeeId)!.push({ code: r.code, text: r.text, kind: r.kind, activities: t?.activities ?? 0, approvedMinutes: t?.approvedMinutes ?? 0 })
  }
  for (const id of employeeIds) {
    const none = tallies.get(key(id, null))
    if (none) out.get(id)!.push({ ...none, text: '' })
  }
  return out
}

export function createSkpService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps
  return {
    /** What the guided report offers for an activity on `date`. */
    options: (actor: Pick<Actor, 'employeeId'>, date: IsoDate) => rhkOptions(db, actor.employeeId, yearOf(date)),
    /** This month per RHK, for /rekap; empty when the person has no SKP and linked nothing. */
    async rekap(actor: Pick<Actor, 'employeeId' | 'timezone'>): Promise<RhkTally[]> {
      const { from, to } = monthRange(localDate(clock.now(), actor.timezone))
      return (await rhkTallies(db, [actor.employeeId], from, to)).get(actor.employeeId) ?? []
    },
  }
}

export type SkpService = ReturnType<typeof createSkpService>
