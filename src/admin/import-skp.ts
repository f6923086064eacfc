import type { Db, Tx } from '../db/client.js'
import { audit } from '../domain/audit.js'
import { readCsv } from './org-csv.js'
import type { RowProblem } from './import-calendar.js'
import { SKP_COLUMNS, validateSkp, type SkpPlan } from './skp-validate.js'

export { SKP_COLUMNS } from './skp-validate.js'

export interface SkpCounts {
  skp: { created: number; updated: number }
  rhk: { created: number; updated: number; unchanged: number; deactivated: number }
}
export type SkpImportResult = ({ ok: true } & SkpCounts) | { ok: false; errors: RowProblem[] }

const sameIndicators = (a: { aspect: string; indicator: string; target: number; unit: string }[], b: typeof a) =>
  a.length === b.length && a.every((x, i) => x.aspect === b[i]!.aspect && x.indicator === b[i]!.indicator && x.target === b[i]!.target && x.unit === b[i]!.unit)

/** Writes one SKP: RHKs by code (new, changed, unchanged), the ones left out deactivated, not deleted. */
async function writeSkp(tx: Tx, plan: SkpPlan, at: Date, counts: SkpCounts): Promise<void> {
  const found = await tx.skp.findUnique({ where: { employeeId_year: { employeeId: plan.employeeId, year: plan.year } }, select: { id: true } })
  const skp = found ?? (await tx.skp.create({ data: { employeeId: plan.employeeId, year: plan.year, createdAt: at, updatedAt: at }, select: { id: true } }))
  if (found) counts.skp.updated++
  else counts.skp.created++
  const current = await tx.rhk.findMany({
    where: { skpId: skp.id },
    select: { id: true, code: true, text: true, kind: true, active: true, position: true, indicators: { orderBy: { position: 'asc' } } },
  })
  const byCode = new Map(current.map((r) => [r.code.toUpperCase(), r]))
  let position = 0
  for (const r of plan.rhks.values()) {
    const old = byCode.get(r.code.toUpperCase())
    byCode.delete(r.code.toUpperCase())
    const indicators = r.indicators.map((i, n) => ({ ...i, position: n }))
    if (!old) {
      await tx.rhk.create({
        data: { skpId: skp.id, code: r.code, text: r.text, kind: r.kind, position, createdAt: at, updatedAt: at, indicators: { create: indicators } },
      })
      counts.rhk.created++
    } else if (
      old.text !== r.text || old.kind !== r.kind || !old.active || old.position !== position || old.code !== r.code ||
      !sameIndicators(old.indicators, r.indicators)
    ) {
      await tx.rhkIndicator.deleteMany({ where: { rhkId: old.id } })
      await tx.rhk.update({
        where: { id: old.id },
        data: { code: r.code, text: r.text, kind: r.kind, active: true, position, updatedAt: at, indicators: { create: indicators } },
      })
      counts.rhk.updated++
    } else counts.rhk.unchanged++
    position++
  }
  // left out of the file: activities may point at them, so they stay, out of the plan
  const gone = [...byCode.values()].filter((r) => r.active).map((r) => r.id)
  if (gone.length > 0) await tx.rhk.updateMany({ where: { id: { in: gone } }, data: { active: false, updatedAt: at } })
  counts.rhk.deactivated += gone.length
}

/** Links each RHK to the supervisor's RHK it supports; run after every SKP of the file is written. */
async function linkParents(tx: Tx, plans: Map<string, SkpPlan>): Promise<void> {
  for (const plan of plans.values()) {
    const parents =
      plan.supervisorId === null
        ? []
        : await tx.rhk.findMany({ where: { active: true, skp: { employeeId: plan.supervisorId, year: plan.year } }, select: { id: true, code: true } })
    const parentOf = new Map(parents.map((p) => [p.code.toUpperCase(), p.id]))
    const own = await tx.rhk.findMany({ where: { active: true, skp: { employeeId: plan.employeeId, year: plan.year } }, select: { id: true, code: true, parentId: true } })
    for (const r of own) {
      const wanted = plan.rhks.get(r.code)?.parentCode
      const parentId = wanted ? (parentOf.get(wanted.toUpperCase()) ?? null) : null
      if (r.parentId !== parentId) await tx.rhk.update({ where: { id: r.id }, data: { parentId } })
    }
  }
}

/**
 * Imports SKPs (RHK, indicators, targets) from one CSV, all or nothing: every row is checked first and
 * every problem reported with its line. An (nip, tahun) in the file replaces that SKP's plan; other
 * employees and years are left alone.
 */
export async function importSkp(db: Db, csv: string, at: Date): Promise<SkpImportResult> {
  const errors: RowProblem[] = []
  const report = (line: number, message: string) => errors.push({ line, message })
  const table = readCsv(csv, SKP_COLUMNS, report)
  return db.$transaction(
    async (tx): Promise<SkpImportResult> => {
      const plans = table && (await validateSkp(tx, table, report))
      if (errors.length > 0 || !plans) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) }
      const counts: SkpCounts = { skp: { created: 0, updated: 0 }, rhk: { created: 0, updated: 0, unchanged: 0, deactivated: 0 } }
      for (const plan of plans.values()) await writeSkp(tx, plan, at, counts)
      await linkParents(tx, plans)
      await audit(tx, { action: 'skp.import', entity: 'skp', at, detail: { ...counts } })
      return { ok: true, ...counts }
    },
    { timeout: 10 * 60_000, maxWait: 10_000 },
  )
}
