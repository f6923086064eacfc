import type { Db } from '../db/client.js'
import { subtree } from './digest.js'
import { PREDIKAT, type DistributionConfig, type DistributionRule, type OrgPredikat, type Predikat } from './evaluation-config.js'
import type { DistributionView } from './evaluation-types.js'
import { isFinal } from './evaluation-view.js'
import { periodYear, type Period } from './periods.js'

interface UnitRow {
  id: number
  code: string
  name: string
  parentId: number | null
}

/**
 * Organisations are the units a leader (Kepala Dinas/Badan, Camat, Sekda) heads; every unit belongs to
 * the nearest organisation at or above it. Units above every leader belong to none.
 */
export function organisationOf(units: UnitRow[], headed: Set<number>): Map<number, number | null> {
  const byId = new Map(units.map((u) => [u.id, u]))
  const out = new Map<number, number | null>()
  for (const u of units) {
    let cur: UnitRow | undefined = u
    const seen = new Set<number>()
    while (cur && !headed.has(cur.id) && !seen.has(cur.id)) {
      seen.add(cur.id)
      cur = cur.parentId === null ? undefined : byId.get(cur.parentId)
    }
    out.set(u.id, cur && headed.has(cur.id) ? cur.id : null)
  }
  return out
}

const emptyCounts = (): Record<Predikat, number> => Object.fromEntries(PREDIKAT.map((p) => [p, 0])) as Record<Predikat, number>

/** Each configured cap or floor against the counts: shares are of the employees rated so far. */
export function checkDistribution(counts: Record<Predikat, number>, rules: DistributionRule[]): DistributionView['checks'] {
  const rated = PREDIKAT.reduce((n, p) => n + counts[p], 0)
  return rules.map((r) => {
    const n = r.predikat.reduce((sum, p) => sum + counts[p], 0)
    const percent = rated > 0 ? Math.round((n / rated) * 1000) / 10 : 0
    const bound = r.atMost !== undefined ? 'atMost' : 'atLeast'
    const limit = (r.atMost ?? r.atLeast)!
    // a floor cannot be missed before anyone is rated
    const ok = bound === 'atMost' ? percent <= limit : rated === 0 || percent >= limit
    return { predikat: r.predikat, bound, limit, percent, ok }
  })
}

type EvaluationRow = { status: string; predikat: string | null; keberatanUntil: Date | null; keberatan: { status: string } | null }

/** What every distribution of one period is computed from, read once (a job serves every leader from it). */
export interface DistributionData {
  units: UnitRow[]
  orgOf: Map<number, number | null>
  predikatOf: Map<number, OrgPredikat>
  /** The period's evaluations by organisation. */
  byOrg: Map<number, EvaluationRow[]>
}

export async function loadDistribution(db: Db, period: Period): Promise<DistributionData> {
  const [units, leaders, evaluations, recorded] = await Promise.all([
    db.unit.findMany({ select: { id: true, code: true, name: true, parentId: true } }),
    db.employee.findMany({ where: { role: 'LEADER', active: true }, select: { unitId: true } }),
    db.evaluation.findMany({
      where: { period: period.key },
      select: { status: true, predikat: true, keberatanUntil: true, keberatan: { select: { status: true } }, employee: { select: { unitId: true } } },
    }),
    db.orgPredikat.findMany({ where: { year: periodYear(period) }, select: { unitId: true, predikat: true } }),
  ])
  const orgOf = organisationOf(units, new Set(leaders.map((l) => l.unitId)))
  const byOrg = new Map<number, EvaluationRow[]>()
  for (const { employee, ...e } of evaluations) {
    const org = orgOf.get(employee.unitId)
    if (org == null) continue
    const list = byOrg.get(org)
    if (list) list.push(e)
    else byOrg.set(org, [e])
  }
  return { units, orgOf, predikatOf: new Map(recorded.map((r) => [r.unitId, r.predikat as OrgPredikat])), byOrg }
}

/**
 * The predikat distribution of each organisation within `scopeUnitId`'s subtree (or the organisation that
 * contains it) for one period, against the pola distribusi of that organisation's own predikat.
 */
export function distributionIn(data: DistributionData, cfg: DistributionConfig, period: Period, scopeUnitId: number, now: Date): DistributionView[] {
  const { units, orgOf, predikatOf } = data
  const inScope = subtree(units, scopeUnitId).map((t) => t.unit.id)
  let orgs = inScope.filter((id) => orgOf.get(id) === id)
  if (orgs.length === 0) {
    const enclosing = orgOf.get(scopeUnitId)
    orgs = enclosing == null ? [] : [enclosing]
  }
  const unit = new Map(units.map((u) => [u.id, u]))
  return orgs.map((orgId) => {
    const mine = data.byOrg.get(orgId) ?? []
    const counts = emptyCounts()
    for (const e of mine) if (e.predikat) counts[e.predikat as Predikat]++
    const orgPredikat = predikatOf.get(orgId) ?? cfg.default
    const u = unit.get(orgId)!
    return {
      unit: { code: u.code, name: u.name },
      orgPredikat,
      assumed: !predikatOf.has(orgId),
      period: period.key,
      employees: mine.length,
      rated: PREDIKAT.reduce((n, p) => n + counts[p], 0),
      counts,
      checks: checkDistribution(counts, cfg.rules[orgPredikat] ?? []),
      final: mine.length > 0 && mine.every((e) => isFinal(e, now)),
    }
  })
}

/** {@link distributionIn} for one scope, reading what it needs. */
export async function distributionFor(db: Db, cfg: DistributionConfig, period: Period, scopeUnitId: number, now: Date): Promise<DistributionView[]> {
  return distributionIn(await loadDistribution(db, period), cfg, period, scopeUnitId, now)
}
