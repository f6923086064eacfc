import type { Tx } from '../db/client.js'
import { type Cell, dateTimeParam, insertReturningIds } from './bulk-insert.js'
import type { Existing } from './org-existing.js'
import { levels } from './org-graph.js'
import type { Counts, EmployeeRow, UnitRow } from './org-types.js'

// Writes a validated plan inside the import's transaction: new rows in bulk, parents before children;
// changed rows with grouped updates; unchanged rows not at all (their updatedAt stays).

/** ids per `in` list of an updateMany: far below SQLite's and PostgreSQL's bind-parameter limits. */
const UPDATE_BATCH = 500

function chunks<T>(items: T[], size = UPDATE_BATCH): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

type Stored = { id: number } & Record<string, unknown>

/** A stored row the plan changes: the columns that differ, with their new values. */
export interface RowChange<T> {
  key: string
  stored: Stored
  data: Partial<T>
}

/**
 * The stored rows whose columns differ from what the plan wants, with only those columns; the rest are
 * unchanged. What the writer writes and what a preview shows are this same comparison.
 */
export function diffRows<T extends Record<string, unknown>>(pairs: { key: string; stored: Stored; next: T }[]): { changes: RowChange<T>[]; unchanged: number } {
  const changes: RowChange<T>[] = []
  for (const { key, stored, next } of pairs) {
    const data = Object.fromEntries(Object.entries(next).filter(([k, v]) => stored[k] !== v)) as Partial<T>
    if (Object.keys(data).length > 0) changes.push({ key, stored, data })
  }
  return { changes, unchanged: pairs.length - changes.length }
}

/**
 * Writes only the columns that differ, so unchanged rows keep their updatedAt. Rows with the same change
 * share one updateMany: a bulk edit (a new target for everyone, a regraded unit) is a few queries, not
 * one per row.
 */
async function updateChanged<T extends Record<string, unknown>>(
  pairs: { key: string; stored: Stored; next: T }[],
  write: (ids: number[], data: Partial<T>) => Promise<unknown>,
): Promise<Omit<Counts, 'created'>> {
  const { changes, unchanged } = diffRows(pairs)
  const groups = new Map<string, { data: Partial<T>; ids: number[] }>()
  for (const { stored, data } of changes) {
    const key = JSON.stringify(data)
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { data, ids: [] }))
    group.ids.push(stored.id)
  }
  for (const { data, ids } of groups.values()) {
    for (const chunk of chunks(ids)) await write(chunk, data)
  }
  return { updated: changes.length, unchanged }
}

/**
 * Inserts the new keys level by level (a parent in an earlier statement than its children), so every
 * parent id is known, from `ids`, when a row is built. The new ids come back from the inserts themselves
 * (RETURNING) and are added to `ids`.
 */
async function insertByLevel(
  tx: Tx,
  table: 'Unit' | 'Employee',
  key: 'code' | 'nip',
  fresh: string[],
  parentOf: (key: string) => string | null,
  row: (key: string) => Record<string, Cell>,
  at: Date,
  ids: Map<string, number>,
): Promise<void> {
  const isNew = new Set(fresh)
  const stamp = dateTimeParam(at)
  for (const group of levels(fresh, parentOf, (k) => isNew.has(k))) {
    // every row of a file has the same columns (an optional column is in the file or not)
    const columns = Object.keys(row(group[0]!))
    const values = group.map((k) => {
      const r = row(k)
      if (Object.keys(r).length !== columns.length) throw new Error(`${table} ${k}: columns differ from the first row's`)
      return [k, ...columns.map((c) => r[c]!), stamp, stamp]
    })
    const created = await insertReturningIds(tx, table, [key, ...columns, 'createdAt', 'updatedAt'], key, values)
    for (const [k, id] of created) ids.set(k, id)
  }
}

/** The columns of a unit row as stored; `ids` gives the id of every unit code (new ones once inserted). */
const unitColumns = (u: UnitRow, ids: Map<string, number>) => ({ name: u.name, kind: u.kind, parentId: u.parentCode ? ids.get(u.parentCode)! : null })

/** The columns of an employee row as stored; `unitIds` and `ids` give the ids of unit codes and NIPs. */
const employeeColumns = (e: EmployeeRow, unitIds: Map<string, number>, ids: Map<string, number>) => ({
  name: e.name,
  unitId: unitIds.get(e.unitCode)!,
  position: e.position,
  positionType: e.positionType,
  grade: e.grade,
  role: e.role,
  supervisorId: e.supervisorNip ? ids.get(e.supervisorNip)! : null,
  monthlyTargetMinutes: e.monthlyTargetMinutes,
  ...(e.email !== undefined && { email: e.email }),
  ...(e.timezone !== undefined && { timezone: e.timezone }),
  ...(e.tppBasic !== undefined && { tppBasic: e.tppBasic }),
})

const unitPairs = (plan: Map<string, UnitRow>, existing: Existing, ids: Map<string, number>) =>
  [...plan.values()].flatMap((u) => {
    const stored = existing.units.get(u.code)
    return stored ? [{ key: u.code, stored, next: unitColumns(u, ids) }] : []
  })

// a changed vouched account counts as a change of the employee (it was a column of Employee once)
const employeePairs = (plan: Map<string, EmployeeRow>, existing: Existing, accounts: AccountPlan, unitIds: Map<string, number>, ids: Map<string, number>) =>
  [...plan.values()].flatMap((e) => {
    const stored = existing.employees.get(e.nip)
    return stored ? [{ key: e.nip, stored: { ...stored, accounts: false }, next: { ...employeeColumns(e, unitIds, ids), accounts: accounts.changed.has(e.nip) } }] : []
  })

export async function writeUnits(tx: Tx, plan: Map<string, UnitRow>, existing: Existing, at: Date) {
  const ids = new Map([...existing.units.values()].map((u) => [u.code, u.id]))
  const fresh = [...plan.keys()].filter((code) => !existing.units.has(code))
  await insertByLevel(tx, 'Unit', 'code', fresh, (code) => plan.get(code)!.parentCode, (code) => unitColumns(plan.get(code)!, ids), at, ids)
  const changed = await updateChanged(unitPairs(plan, existing, ids), (chunk, data) =>
    tx.unit.updateMany({ where: { id: { in: chunk } }, data: { ...data, updatedAt: at } }),
  )
  return { counts: { created: fresh.length, ...changed }, ids }
}

export async function writeEmployees(
  tx: Tx,
  plan: Map<string, EmployeeRow>,
  unitIds: Map<string, number>,
  existing: Existing,
  at: Date,
): Promise<Counts> {
  const ids = new Map([...existing.employees.values()].map((e) => [e.nip, e.id]))
  const fresh = [...plan.keys()].filter((nip) => !existing.employees.has(nip))
  await insertByLevel(tx, 'Employee', 'nip', fresh, (nip) => plan.get(nip)!.supervisorNip, (nip) => employeeColumns(plan.get(nip)!, unitIds, ids), at, ids)
  const accounts = planAccounts(plan, existing)
  const changed = await updateChanged(employeePairs(plan, existing, accounts, unitIds, ids), (chunk, { accounts: _, ...data }) =>
    tx.employee.updateMany({ where: { id: { in: chunk } }, data: { ...data, updatedAt: at } }),
  )
  await writeAccounts(tx, accounts, ids)
  return { created: fresh.length, ...changed }
}

/** A chat account column of a row the import changes: the account before and after ('' for none). */
export interface AccountChange {
  column: 'telegram_user_id' | 'slack_user_id' | 'whatsapp_phone'
  from: string
  to: string
}

/**
 * What writeUnits and writeEmployees would do, without writing: the new codes and NIPs, and the columns
 * each stored row would change. New rows get stand-in ids (negative, never a stored one), so a reference
 * to a new unit or supervisor differs from any stored reference, as it will once written.
 */
export function planOrgChanges(units: Map<string, UnitRow>, employees: Map<string, EmployeeRow>, existing: Existing) {
  let next = 0
  const standIn = <K>(stored: Map<K, number>, fresh: K[]) => {
    const ids = new Map(stored)
    for (const k of fresh) ids.set(k, --next)
    return ids
  }
  const freshUnits = [...units.keys()].filter((code) => !existing.units.has(code))
  const unitIds = standIn(new Map([...existing.units.values()].map((u) => [u.code, u.id])), freshUnits)
  const freshEmployees = [...employees.keys()].filter((nip) => !existing.employees.has(nip))
  const ids = standIn(new Map([...existing.employees.values()].map((e) => [e.nip, e.id])), freshEmployees)
  const accounts = planAccounts(employees, existing)
  return {
    units: { fresh: freshUnits, ...diffRows(unitPairs(units, existing, unitIds)) },
    employees: { fresh: freshEmployees, ...diffRows(employeePairs(employees, existing, accounts, unitIds, ids)) },
    /** The chat accounts each changed employee gains or loses, by NIP. */
    accounts: accounts.changed,
    /** Unit code and NIP by id, the stand-ins included. */
    unitCodeById: new Map([...unitIds].map(([code, id]) => [id, code])),
    nipById: new Map([...ids].map(([nip, id]) => [id, nip])),
  }
}

const PLATFORM_COLUMNS = [
  ['telegram', 'telegramUserId'],
  ['slack', 'slackUserId'],
  ['whatsapp', 'whatsappPhone'],
] as const
const COLUMN_NAMES = { telegram: 'telegram_user_id', slack: 'slack_user_id', whatsapp: 'whatsapp_phone' } as const

type AccountPlan = { remove: number[]; add: { nip: string; platform: string; externalId: string }[]; changed: Map<string, AccountChange[]> }

/**
 * The chat accounts the import vouches for (vouchedBy `import`), made to match the file. An account that
 * has written to the app already is never touched: neither its own employee's row without it, nor another
 * employee's row naming it, undoes a link (the same rule as before the first contact: a link wins). An
 * account vouched for someone not in the file is refused by the validation; one linked with a code or by
 * e-mail to someone else is left to them, and the row naming it vouches for nothing new.
 */
function planAccounts(plan: Map<string, EmployeeRow>, existing: Existing): AccountPlan {
  const byEmployee = new Map(existing.accounts.map((a) => [`${a.platform}:${a.employeeId}`, a]))
  const byAccount = new Map(existing.accounts.map((a) => [`${a.platform}:${a.externalId}`, a]))
  const out: AccountPlan = { remove: [], add: [], changed: new Map() }
  for (const e of plan.values()) {
    const id = existing.employees.get(e.nip)?.id
    for (const [platform, column] of PLATFORM_COLUMNS) {
      // an optional column absent from the file (whatsapp_phone) leaves the stored account as it is
      if (e[column] === undefined) continue
      const want = e[column]
      const current = id === undefined ? undefined : byEmployee.get(`${platform}:${id}`)
      if (current?.chatId != null || (current?.externalId ?? null) === want) continue
      if (current) out.remove.push(current.id)
      const holder = want ? byAccount.get(`${platform}:${want}`) : undefined
      // held by another employee: only an import's vouch that never wrote moves (that employee's row in
      // this file names another account, or the validation would have refused the file)
      const movable = !holder || (holder.chatId === null && holder.vouchedBy === 'import')
      if (want && movable) {
        if (holder) out.remove.push(holder.id)
        out.add.push({ nip: e.nip, platform, externalId: want })
      }
      if (current || (want && movable)) {
        const change = { column: COLUMN_NAMES[platform], from: current?.externalId ?? '', to: want && movable ? want : '' }
        out.changed.set(e.nip, [...(out.changed.get(e.nip) ?? []), change])
      }
    }
  }
  return out
}

async function writeAccounts(tx: Tx, accounts: AccountPlan, ids: Map<string, number>): Promise<void> {
  for (const chunk of chunks([...new Set(accounts.remove)])) await tx.chatAccount.deleteMany({ where: { id: { in: chunk } } })
  const rows = accounts.add.map((a) => ({ employeeId: ids.get(a.nip)!, platform: a.platform, externalId: a.externalId, vouchedBy: 'import' }))
  for (const chunk of chunks(rows)) await tx.chatAccount.createMany({ data: chunk })
}
