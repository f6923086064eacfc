import type { Db } from '../db/client.js'
import { audit } from '../domain/audit.js'
import type { IsoDate } from '../domain/dates.js'
import { readCsv } from './org-csv.js'
import { loadExisting } from './org-existing.js'
import type { FileKind, ImportResult, Report, RowError } from './org-types.js'
import { EMPLOYEE_COLUMNS, UNIT_COLUMNS, validateEmployees, validateUnits } from './org-validate.js'
import { writeEmployees, writeUnits } from './org-write.js'

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

/**
 * Imports the organisation (units, then employees) from two CSV files. Every row is validated and all
 * errors are returned before anything is written; a valid import runs in one transaction and leaves rows
 * that did not change untouched. Employees and units missing from the files are left as they are.
 */
export async function importOrg(
  db: Db,
  input: { unitsCsv: string; employeesCsv: string; today: IsoDate; at: Date },
): Promise<ImportResult> {
  const errors: RowError[] = []
  const reporter = (file: FileKind): Report => (line, message) => errors.push({ file, line, message })
  const unitsTable = readCsv(input.unitsCsv, UNIT_COLUMNS, reporter('units'))
  const employeesTable = readCsv(input.employeesCsv, EMPLOYEE_COLUMNS, reporter('employees'))

  return db.$transaction(
    async (tx): Promise<ImportResult> => {
      const existing = await loadExisting(tx)
      const units = unitsTable && validateUnits(unitsTable, existing, reporter('units'))
      const employees = employeesTable && validateEmployees(employeesTable, units, existing, input.today, reporter('employees'))
      if (errors.length > 0 || !units || !employees) {
        return { ok: false, errors: errors.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file === 'units' ? -1 : 1)) }
      }
      const unitResult = await writeUnits(tx, units, existing, input.at)
      const employeeCounts = await writeEmployees(tx, employees, unitResult.ids, existing, input.at)
      const counts = { units: unitResult.counts, employees: employeeCounts }
      await audit(tx, { action: 'org.import', entity: 'org', at: input.at, detail: { counts } })
      return { ok: true, ...counts }
    },
    { timeout: IMPORT_TIMEOUT_MS, maxWait: IMPORT_MAX_WAIT_MS },
  )
}
