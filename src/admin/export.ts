import type { Db } from '../db/client.js'
import { audit } from '../domain/audit.js'
import type { IsoDate } from '../domain/dates.js'
import { subtree } from '../domain/digest.js'
import { activitiesTable } from './export-activities.js'
import { evaluationTable } from './export-evaluation.js'
import { minutesTable } from './export-minutes.js'
import type { Table } from './export-write.js'

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

/** The unit (by code) and its subtree; null when the code is unknown. */
export async function exportScope(db: Db, unitCode: string, from: IsoDate, to: IsoDate): Promise<ExportScope | null> {
  const units = await db.unit.findMany({ select: { id: true, code: true, name: true, parentId: true } })
  const unit = units.find((u) => u.code.toUpperCase() === unitCode.toUpperCase())
  if (!unit) return null
  return { unit, unitIds: subtree(units, unit.id).map((t) => t.unit.id), from, to }
}

/**
 * Builds one export as a table (rows are personal data: the export is written to the audit trail with
 * its scope, by whom it is not known here: the operator's shell is).
 */
export async function buildExport(deps: ExportDeps, kind: ExportKind, scope: ExportScope, at: Date): Promise<Table> {
  const table =
    kind === 'aktivitas' ? await activitiesTable(deps, scope) : kind === 'menit' ? await minutesTable(deps, scope) : await evaluationTable(deps, scope, at)
  await audit(deps.db, {
    action: 'export',
    entity: 'export',
    entityId: kind,
    at,
    detail: { unit: scope.unit.code, from: scope.from, to: scope.to, rows: table.rows.length },
  })
  return table
}
