import type { Db } from '../db/client.js'
import { audit } from '../domain/audit.js'
import { daysBetween, isValidDate, type IsoDate } from '../domain/dates.js'
import { subtree } from '../domain/digest.js'
import { activitiesTable } from './export-activities.js'
import { evaluationTable } from './export-evaluation.js'
import { minutesTable } from './export-minutes.js'
import type { ExportFormat, Table } from './export-write.js'

export type ExportKind = 'aktivitas' | 'menit' | 'evaluasi'

/** Kind names as typed on the command line (Indonesian, with English aliases). */
export const EXPORT_KINDS: Record<string, ExportKind> = {
  aktivitas: 'aktivitas',
  activities: 'aktivitas',
  menit: 'menit',
  'menit-bulanan': 'menit',
  minutes: 'menit',
  tpp: 'menit',
  evaluasi: 'evaluasi',
  evaluation: 'evaluasi',
  'e-kinerja': 'evaluasi',
}

export interface ExportScope {
  /** The unit the export is of, or ORGANISATION for every unit. */
  unit: { id: number; code: string; name: string }
  /** The unit and every unit below it. */
  unitIds: number[]
  from: IsoDate
  to: IsoDate
}

export interface ExportDeps {
  db: Db
  tz: string
  minutesPerDay: number
}

/** The scope of an export of every unit (several top-level units included). */
export const ORGANISATION = { id: 0, code: 'SEMUA', name: 'Seluruh organisasi' } as const

/** The longest range one export covers, in days (a year, a leap year's too). */
export const EXPORT_MAX_DAYS = 366

const isDate = (s: string | undefined): s is IsoDate => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s ?? '')
  return m !== null && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))
}

/**
 * What is wrong with an export's range, in words naming the fields as the caller shows them (the CLI's
 * options, the console's labels); null when it can be used.
 */
export function exportRangeProblem(from: string | undefined, to: string | undefined, names: { from: string; to: string } = { from: '--from', to: '--to' }): string | null {
  for (const [name, value] of [
    [names.from, from],
    [names.to, to],
  ] as const) {
    if (!isDate(value)) return `${name} "${value ?? ''}" bukan tanggal yang valid: tulis YYYY-MM-DD, misalnya 2026-11-01`
  }
  if (from! > to!) return `${names.from} ${from} jatuh setelah ${names.to} ${to}: tukar keduanya`
  const days = daysBetween(from!, to!) + 1
  if (days > EXPORT_MAX_DAYS) return `Rentang ${from} s.d. ${to} mencakup ${days} hari: satu ekspor paling banyak ${EXPORT_MAX_DAYS} hari, bagi menjadi beberapa ekspor`
  return null
}

/** The unit (by code) and its subtree, or every unit when the code is null; null when the code is unknown. */
export async function exportScope(db: Db, unitCode: string | null, from: IsoDate, to: IsoDate): Promise<ExportScope | null> {
  const units = await db.unit.findMany({ select: { id: true, code: true, name: true, parentId: true } })
  if (unitCode === null) return { unit: { ...ORGANISATION }, unitIds: units.map((u) => u.id), from, to }
  const unit = units.find((u) => u.code.toUpperCase() === unitCode.toUpperCase())
  if (!unit) return null
  return { unit: { id: unit.id, code: unit.code, name: unit.name }, unitIds: subtree(units, unit.id).map((t) => t.unit.id), from, to }
}

/** The file name an export is saved under: <jenis>-<unit>-<dari>-<sampai>.<format>. */
export function exportFileName(kind: ExportKind, scope: ExportScope, format: ExportFormat): string {
  return `${kind}-${scope.unit.code.replace(/[^\w.-]+/g, '_')}-${scope.from}-${scope.to}.${format}`
}

/** Who asked for an export, when it is known (the console's signed-in person; the CLI's operator is not). */
export interface ExportRequester {
  actorId: number
  via: string
}

/**
 * Builds one export as a table. Its rows are personal data: the export is written to the audit trail with
 * its scope, and by whom when that is known (from the CLI it is not: the operator's shell is).
 */
export async function buildExport(deps: ExportDeps, kind: ExportKind, scope: ExportScope, at: Date, by?: ExportRequester): Promise<Table> {
  const table =
    kind === 'aktivitas' ? await activitiesTable(deps, scope) : kind === 'menit' ? await minutesTable(deps, scope) : await evaluationTable(deps, scope, at)
  const where = { unit: scope.unit.code, from: scope.from, to: scope.to, rows: table.rows.length }
  await audit(deps.db, {
    actorId: by?.actorId ?? null,
    action: 'export',
    entity: 'export',
    entityId: kind,
    at,
    detail: by ? { via: by.via, kind, ...where } : where,
  })
  return table
}
