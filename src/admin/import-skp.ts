import type { Db, Tx } from '../db/client.js'
import { audit } from '../domain/audit.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { RowProblem } from './import-calendar.js'
import { auditedBy, examples, type ImportedBy, type PreviewItem, type PreviewPart } from './import-preview.js'
import { type ReadTable, readTable } from './org-csv.js'
import { type RhkPlan, SKP_COLUMNS, validateSkp, type SkpPlan } from './skp-validate.js'

export { SKP_COLUMNS } from './skp-validate.js'

export interface SkpCounts {
  skp: { created: number; updated: number }
  rhk: { created: number; updated: number; unchanged: number; deactivated: number }
}
export type SkpImportResult = ({ ok: true } & SkpCounts) | { ok: false; errors: RowProblem[] }

const sameIndicators = (a: { aspect: string; indicator: string; target: number; unit: string }[], b: typeof a) =>
  a.length === b.length && a.every((x, i) => x.aspect === b[i]!.aspect && x.indicator === b[i]!.indicator && x.target === b[i]!.target && x.unit === b[i]!.unit)

const CURRENT_RHK = { id: true, code: true, text: true, kind: true, active: true, position: true, indicators: { orderBy: { position: 'asc' } } } as const
type CurrentRhk = Prisma.RhkGetPayload<{ select: typeof CURRENT_RHK }>

/**
 * What writing one SKP's plan over its stored RHKs does, by code: new ones, changed ones (text, kind,
 * indicators, order, or inactive until now), unchanged ones, and the active ones the file leaves out,
 * which are deactivated. The writer and the preview both go by this.
 */
function rhkChanges(current: CurrentRhk[], plan: SkpPlan) {
  const byCode = new Map(current.map((r) => [r.code.toUpperCase(), r]))
  const created: { rhk: RhkPlan; position: number }[] = []
  const updated: { rhk: RhkPlan; position: number; old: CurrentRhk }[] = []
  let unchanged = 0
  let position = 0
  for (const r of plan.rhks.values()) {
    const old = byCode.get(r.code.toUpperCase())
    byCode.delete(r.code.toUpperCase())
    if (!old) created.push({ rhk: r, position })
    else if (
      old.text !== r.text || old.kind !== r.kind || !old.active || old.position !== position || old.code !== r.code ||
      !sameIndicators(old.indicators, r.indicators)
    ) {
      updated.push({ rhk: r, position, old })
    } else unchanged++
    position++
  }
  // left out of the file: activities may point at them, so they stay, out of the plan
  const deactivated = [...byCode.values()].filter((r) => r.active)
  return { created, updated, unchanged, deactivated }
}

/** Writes one SKP: RHKs by code (new, changed, unchanged), the ones left out deactivated, not deleted. */
async function writeSkp(tx: Tx, plan: SkpPlan, at: Date, counts: SkpCounts): Promise<void> {
  const found = await tx.skp.findUnique({ where: { employeeId_year: { employeeId: plan.employeeId, year: plan.year } }, select: { id: true } })
  const skp = found ?? (await tx.skp.create({ data: { employeeId: plan.employeeId, year: plan.year, createdAt: at, updatedAt: at }, select: { id: true } }))
  if (found) counts.skp.updated++
  else counts.skp.created++
  const changes = rhkChanges(await tx.rhk.findMany({ where: { skpId: skp.id }, select: CURRENT_RHK }), plan)
  const withPositions = (r: RhkPlan) => r.indicators.map((i, n) => ({ ...i, position: n }))
  for (const { rhk: r, position } of changes.created) {
    await tx.rhk.create({
      data: { skpId: skp.id, code: r.code, text: r.text, kind: r.kind, position, createdAt: at, updatedAt: at, indicators: { create: withPositions(r) } },
    })
  }
  for (const { rhk: r, position, old } of changes.updated) {
    await tx.rhkIndicator.deleteMany({ where: { rhkId: old.id } })
    await tx.rhk.update({
      where: { id: old.id },
      data: { code: r.code, text: r.text, kind: r.kind, active: true, position, updatedAt: at, indicators: { create: withPositions(r) } },
    })
  }
  const gone = changes.deactivated.map((r) => r.id)
  if (gone.length > 0) await tx.rhk.updateMany({ where: { id: { in: gone } }, data: { active: false, updatedAt: at } })
  counts.rhk.created += changes.created.length
  counts.rhk.updated += changes.updated.length
  counts.rhk.unchanged += changes.unchanged
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

/** Reads an SKP file (before the import's transaction opens). */
export const readSkp = (csv: string): ReadTable => readTable(csv, SKP_COLUMNS)

/** Every row's rules against the stored employees and SKPs (`db` inside the import's transaction). */
async function checkSkp(db: Tx, read: ReadTable): Promise<{ ok: false; errors: RowProblem[] } | { ok: true; plans: Map<string, SkpPlan> }> {
  const errors: RowProblem[] = [...read.errors]
  const plans = read.table && (await validateSkp(db, read.table, (line, message) => errors.push({ line, message })))
  if (errors.length > 0 || !plans) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) }
  return { ok: true, plans }
}

/**
 * Imports SKPs (RHK, indicators, targets) inside a transaction the caller opened, all or nothing: every row
 * is checked first and every problem reported with its line. An (nip, tahun) in the file replaces that
 * SKP's plan; other employees and years are left alone.
 */
export async function importSkpIn(tx: Tx, read: ReadTable, at: Date, by?: ImportedBy): Promise<SkpImportResult> {
  const checked = await checkSkp(tx, read)
  if (!checked.ok) return checked
  const counts: SkpCounts = { skp: { created: 0, updated: 0 }, rhk: { created: 0, updated: 0, unchanged: 0, deactivated: 0 } }
  for (const plan of checked.plans.values()) await writeSkp(tx, plan, at, counts)
  await linkParents(tx, checked.plans)
  const { actorId, detail } = auditedBy(by)
  await audit(tx, { actorId, action: 'skp.import', entity: 'skp', at, detail: { ...counts, ...detail } })
  return { ok: true, ...counts }
}

/** {@link importSkpIn} in a transaction of its own. */
export async function importSkp(db: Db, csv: string, at: Date, by?: ImportedBy): Promise<SkpImportResult> {
  const read = readSkp(csv)
  return db.$transaction((tx) => importSkpIn(tx, read, at, by), { timeout: 10 * 60_000, maxWait: 10_000 })
}

/** An RHK's indicators as the preview shows a change of them: "Jumlah SKP yang diverifikasi (kuantitas): 300 SKP; …". */
const describeIndicators = (list: { aspect: string; indicator: string; target: number; unit: string }[]) =>
  list.map((i) => `${i.indicator} (${i.aspect.toLowerCase()}): ${i.target} ${i.unit}`).join('; ')

export type SkpPreview = { ok: true; parts: PreviewPart[] } | { ok: false; errors: RowProblem[] }

/**
 * What importSkp would do with this file now, without writing: SKPs added or replaced, and per RHK added,
 * changed, unchanged, and deactivated (an active RHK of an SKP in the file that the file leaves out).
 */
export async function previewSkp(db: Db, csv: string): Promise<SkpPreview> {
  const checked = await checkSkp(db, readSkp(csv))
  if (!checked.ok) return checked
  const skps = { created: [] as PreviewItem[], updated: [] as PreviewItem[] }
  const rhk = { created: [] as PreviewItem[], updated: [] as PreviewItem[], deactivated: [] as PreviewItem[], unchanged: 0 }
  for (const plan of checked.plans.values()) {
    const found = await db.skp.findUnique({ where: { employeeId_year: { employeeId: plan.employeeId, year: plan.year } }, select: { rhks: { select: CURRENT_RHK } } })
    const key = `${plan.nip} ${plan.year}`
    ;(found ? skps.updated : skps.created).push({ key, label: `${plan.rhks.size} RHK` })
    const changes = rhkChanges(found?.rhks ?? [], plan)
    rhk.created.push(...changes.created.map(({ rhk: r }) => ({ key: `${key} ${r.code}`, label: r.text })))
    rhk.updated.push(
      ...changes.updated.map(({ rhk: r, position, old }) => ({
        key: `${key} ${r.code}`,
        label: r.text,
        fields: [
          ...(old.code !== r.code ? [{ column: 'kode', from: old.code, to: r.code }] : []),
          ...(old.text !== r.text ? [{ column: 'rhk', from: old.text, to: r.text }] : []),
          ...(old.kind !== r.kind ? [{ column: 'jenis', from: old.kind.toLowerCase(), to: r.kind.toLowerCase() }] : []),
          ...(!old.active ? [{ column: 'status', from: 'nonaktif', to: 'aktif' }] : []),
          ...(!sameIndicators(old.indicators, r.indicators) ? [{ column: 'indikator', from: describeIndicators(old.indicators), to: describeIndicators(r.indicators) }] : []),
          ...(old.position !== position ? [{ column: 'urutan', from: String(old.position + 1), to: String(position + 1) }] : []),
        ],
      })),
    )
    rhk.deactivated.push(...changes.deactivated.map((r) => ({ key: `${key} ${r.code}`, label: r.text })))
    rhk.unchanged += changes.unchanged
  }
  const parts: PreviewPart[] = [
    {
      entity: 'skp',
      created: skps.created.length,
      updated: skps.updated.length,
      unchanged: 0,
      deactivated: null,
      examples: { created: examples(skps.created), updated: examples(skps.updated), deactivated: [] },
    },
    {
      entity: 'rhk',
      created: rhk.created.length,
      updated: rhk.updated.length,
      unchanged: rhk.unchanged,
      deactivated: rhk.deactivated.length,
      examples: { created: examples(rhk.created), updated: examples(rhk.updated), deactivated: examples(rhk.deactivated) },
    },
  ]
  return { ok: true, parts }
}
