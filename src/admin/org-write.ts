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

/**
 * Writes only the columns that differ, so unchanged rows keep their updatedAt. Rows with the same change
 * share one updateMany: a bulk edit (a new target for everyone, a regraded unit) is a few queries, not
 * one per row.
 */
async function updateChanged<T extends Record<string, unknown>>(
  pairs: { stored: Stored; next: T }[],
  write: (ids: number[], data: Partial<T>) => Promise<unknown>,
): Promise<Omit<Counts, 'created'>> {
  const groups = new Map<string, { data: Partial<T>; ids: number[] }>()
  for (const { stored, next } of pairs) {
    const data = Object.fromEntries(Object.entries(next).filter(([k, v]) => stored[k] !== v)) as Partial<T>
    if (Object.keys(data).length === 0) continue
    const key = JSON.stringify(data)
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { data, ids: [] }))
    group.ids.push(stored.id)
  }
  let updated = 0
  for (const { data, ids } of groups.values()) {
    for (const chunk of chunks(ids)) await write(chunk, data)
    updated += ids.length
  }
  return { updated, unchanged: pairs.length - updated }
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

export async function writeUnits(tx: Tx, plan: Map<string, UnitRow>, existing: Existing, at: Date) {
  const ids = new Map([...existing.units.values()].map((u) => [u.code, u.id]))
  const columns = (u: UnitRow) => ({ name: u.name, kind: u.kind, parentId: u.parentCode ? ids.get(u.parentCode)! : null })
  const fresh = [...plan.keys()].filter((code) => !existing.units.has(code))
  await insertByLevel(tx, 'Unit', 'code', fresh, (code) => plan.get(code)!.parentCode, (code) => columns(plan.get(code)!), at, ids)
  const pairs = [...plan.values()].flatMap((u) => {
    const stored = existing.units.get(u.code)
    return stored ? [{ stored, next: columns(u) }] : []
  })
  const changed = await updateChanged(pairs, (chunk, data) =>
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
  const columns = (e: EmployeeRow) => ({
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
  const fresh = [...plan.keys()].filter((nip) => !existing.employees.has(nip))
  await insertByLevel(tx, 'Employee', 'nip', fresh, (nip) => plan.get(nip)!.supervisorNip, (nip) => columns(plan.get(nip)!), at, ids)
  const accounts = planAccounts(plan, existing)
  // a changed vouched account counts as a change of the employee (it was a column of Employee once)
  const pairs = [...plan.values()].flatMap((e) => {
    const stored = existing.employees.get(e.nip)
    return stored ? [{ stored: { ...stored, accounts: false }, next: { ...columns(e), accounts: accounts.changed.has(e.nip) } }] : []
  })
  const changed = await updateChanged(pairs, (chunk, { accounts: _, ...data }) =>
    tx.employee.updateMany({ where: { id: { in: chunk } }, data: { ...data, updatedAt: at } }),
  )
  await writeAccounts(tx, accounts, ids)
  return { created: fresh.length, ...changed }
}

const PLATFORM_COLUMNS = [
  ['telegram', 'telegramUserId'],
  ['slack', 'slackUserId'],
  ['whatsapp', 'whatsappPhone'],
] as const

type AccountPlan = { remove: number[]; add: { nip: string; platform: string; externalId: string }[]; changed: Set<string> }

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
  const out: AccountPlan = { remove: [], add: [], changed: new Set() }
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
      if (current || (want && movable)) out.changed.add(e.nip)
    }
  }
  return out
}

async function writeAccounts(tx: Tx, accounts: AccountPlan, ids: Map<string, number>): Promise<void> {
  for (const chunk of chunks([...new Set(accounts.remove)])) await tx.chatAccount.deleteMany({ where: { id: { in: chunk } } })
  const rows = accounts.add.map((a) => ({ employeeId: ids.get(a.nip)!, platform: a.platform, externalId: a.externalId, vouchedBy: 'import' }))
  for (const chunk of chunks(rows)) await tx.chatAccount.createMany({ data: chunk })
}
