import type { Db, Tx } from '../db/client.js'
import { audit } from '../domain/audit.js'
import type { IsoDate } from '../domain/dates.js'
import { auditedBy, examples, type FieldChange, type ImportedBy, type PreviewPart, shown } from './import-preview.js'
import { type CsvTable, readCsv } from './org-csv.js'
import { type Existing, loadExisting } from './org-existing.js'
import type { EmployeeRow, FileKind, ImportResult, Report, RowError, UnitRow } from './org-types.js'
import { EMPLOYEE_COLUMNS, UNIT_COLUMNS, validateEmployees, validateUnits } from './org-validate.js'
import { planOrgChanges, writeEmployees, writeUnits } from './org-write.js'

// The organisation import: units.csv and employees.csv, all or nothing. The steps live next door:
// org-csv (reading, line numbers), org-validate (row rules, references, cycles), org-write (the writes).
export type { Counts, ImportResult, RowError } from './org-types.js'
export { POSITION_TYPES, TIMEZONES, UNIT_KINDS } from './org-validate.js'

/**
 * How long the import's transaction may run before Prisma rolls it back. A safety net against a stuck
 * import, not a budget: a first import of 100,000 employees takes seconds, and a re-import that changes
 * many rows in many different ways (one update per distinct change) can take longer. Generous because a
 * timeout throws the whole import away. While it runs, other writers wait: on SQLite the bot's writes
 * wait up to the busy timeout (10 s) and then fail, so import a large organisation outside busy hours.
 */
export const IMPORT_TIMEOUT_MS = 10 * 60_000
/** How long to wait for a connection to start the transaction (PostgreSQL pool, SQLite single connection). */
const IMPORT_MAX_WAIT_MS = 10_000
/** The options of an import's transaction (every import, and the console's that claims an upload first). */
export const IMPORT_TRANSACTION = { timeout: IMPORT_TIMEOUT_MS, maxWait: IMPORT_MAX_WAIT_MS }

export interface OrgInput {
  unitsCsv: string
  employeesCsv: string
  today: IsoDate
  at: Date
}

/** Both files read (parsed, header checked), with the problems found so far; parsed before any transaction opens. */
export interface OrgFiles {
  units: CsvTable | null
  employees: CsvTable | null
  errors: RowError[]
}

export function readOrgFiles(input: { unitsCsv: string; employeesCsv: string }): OrgFiles {
  const errors: RowError[] = []
  return {
    units: readCsv(input.unitsCsv, UNIT_COLUMNS, (line, message) => errors.push({ file: 'units', line, message })),
    employees: readCsv(input.employeesCsv, EMPLOYEE_COLUMNS, (line, message) => errors.push({ file: 'employees', line, message })),
    errors,
  }
}

type Checked = { ok: false; errors: RowError[] } | { ok: true; existing: Existing; units: Map<string, UnitRow>; employees: Map<string, EmployeeRow> }

/** Checks every row of the files against them and the stored organisation (`db` inside the import's transaction). */
async function checkOrg(db: Tx, files: OrgFiles, today: IsoDate): Promise<Checked> {
  const errors = [...files.errors]
  const reporter = (file: FileKind): Report => (line, message) => errors.push({ file, line, message })
  const existing = await loadExisting(db)
  const units = files.units && validateUnits(files.units, existing, reporter('units'))
  const employees = files.employees && validateEmployees(files.employees, units, existing, today, reporter('employees'))
  if (errors.length > 0 || !units || !employees) {
    return { ok: false, errors: errors.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file === 'units' ? -1 : 1)) }
  }
  return { ok: true, existing, units, employees }
}

/**
 * Imports the organisation inside a transaction the caller opened: every row is validated and all errors
 * are returned before anything is written; rows that did not change are left untouched. Employees and
 * units missing from the files are left as they are.
 */
export async function importOrgIn(tx: Tx, files: OrgFiles, input: { today: IsoDate; at: Date }, by?: ImportedBy): Promise<ImportResult> {
  const checked = await checkOrg(tx, files, input.today)
  if (!checked.ok) return checked
  const { existing, units, employees } = checked
  const unitResult = await writeUnits(tx, units, existing, input.at)
  const employeeCounts = await writeEmployees(tx, employees, unitResult.ids, existing, input.at)
  const counts = { units: unitResult.counts, employees: employeeCounts }
  const { actorId, detail } = auditedBy(by)
  await audit(tx, { actorId, action: 'org.import', entity: 'org', at: input.at, detail: { counts, ...detail } })
  return { ok: true, ...counts }
}

/** Imports the organisation (units, then employees) from two CSV files, all or nothing, in one transaction. */
export async function importOrg(db: Db, input: OrgInput, by?: ImportedBy): Promise<ImportResult> {
  const files = readOrgFiles(input)
  return db.$transaction((tx) => importOrgIn(tx, files, input, by), IMPORT_TRANSACTION)
}

export type OrgPreview = { ok: true; parts: PreviewPart[] } | { ok: false; errors: RowError[] }

const UNIT_FIELDS: Record<string, string> = { name: 'name', kind: 'kind', parentId: 'parent_code' }
const EMPLOYEE_FIELDS: Record<string, string> = {
  name: 'name',
  unitId: 'unit_code',
  position: 'position',
  positionType: 'position_type',
  grade: 'grade',
  role: 'role',
  supervisorId: 'supervisor_nip',
  monthlyTargetMinutes: 'monthly_target_minutes',
  email: 'email',
  timezone: 'timezone',
}

/**
 * What importOrg would do with these files now, without writing: the same checks, then the same
 * comparison as its writer. The organisation import deactivates nothing: stored units and employees the
 * files leave out stay as they are, and so does an inactive employee the file names.
 */
export async function previewOrg(db: Db, input: Omit<OrgInput, 'at'>): Promise<OrgPreview> {
  const checked = await checkOrg(db, readOrgFiles(input), input.today)
  if (!checked.ok) return checked
  const { existing, units, employees } = checked
  const plan = planOrgChanges(units, employees, existing)
  const unitCode = (id: unknown) => (typeof id === 'number' ? (plan.unitCodeById.get(id) ?? '') : '')
  const nip = (id: unknown) => (typeof id === 'number' ? (plan.nipById.get(id) ?? '') : '')
  const unitFields = (stored: Record<string, unknown>, data: Record<string, unknown>): FieldChange[] =>
    Object.keys(data).map((k) =>
      k === 'parentId' ? { column: UNIT_FIELDS[k]!, from: unitCode(stored[k]), to: unitCode(data[k]) } : { column: UNIT_FIELDS[k] ?? k, from: shown(stored[k]), to: shown(data[k]) },
    )
  const employeeFields = (key: string, stored: Record<string, unknown>, data: Record<string, unknown>): FieldChange[] =>
    Object.keys(data).flatMap((k): FieldChange[] => {
      if (k === 'accounts') return plan.accounts.get(key) ?? []
      if (k === 'unitId') return [{ column: 'unit_code', from: unitCode(stored[k]), to: unitCode(data[k]) }]
      if (k === 'supervisorId') return [{ column: 'supervisor_nip', from: nip(stored[k]), to: nip(data[k]) }]
      return [{ column: EMPLOYEE_FIELDS[k] ?? k, from: shown(stored[k]), to: shown(data[k]) }]
    })
  const named = new Set(employees.keys())
  const unitParts: PreviewPart = {
    entity: 'units',
    created: plan.units.fresh.length,
    updated: plan.units.changes.length,
    unchanged: plan.units.unchanged,
    deactivated: null,
    examples: {
      created: examples(plan.units.fresh.map((code) => ({ key: code, label: units.get(code)!.name }))),
      updated: examples(plan.units.changes.map((c) => ({ key: c.key, label: units.get(c.key)!.name, fields: unitFields(c.stored, c.data) }))),
      deactivated: [],
    },
    notInFile: [...existing.units.keys()].filter((code) => !units.has(code)).length,
  }
  const employeeParts: PreviewPart = {
    entity: 'employees',
    created: plan.employees.fresh.length,
    updated: plan.employees.changes.length,
    unchanged: plan.employees.unchanged,
    deactivated: null,
    examples: {
      created: examples(plan.employees.fresh.map((n) => ({ key: n, label: employees.get(n)!.name }))),
      updated: examples(plan.employees.changes.map((c) => ({ key: c.key, label: employees.get(c.key)!.name, fields: employeeFields(c.key, c.stored, c.data) }))),
      deactivated: [],
    },
    notInFile: [...existing.employees.keys()].filter((n) => !named.has(n)).length,
    inactive: [...existing.employees.values()].filter((e) => !e.active && named.has(e.nip)).length,
  }
  return { ok: true, parts: [unitParts, employeeParts] }
}
