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
    telegramUserId: e.telegramUserId,
    slackUserId: e.slackUserId,
    ...(e.email !== undefined && { email: e.email }),
    ...(e.timezone !== undefined && { timezone: e.timezone }),
  })
  const fresh = [...plan.keys()].filter((nip) => !existing.employees.has(nip))
  await insertByLevel(tx, 'Employee', 'nip', fresh, (nip) => plan.get(nip)!.supervisorNip, (nip) => columns(plan.get(nip)!), at, ids)
  const pairs = [...plan.values()].flatMap((e) => {
    const stored = existing.employees.get(e.nip)
    return stored ? [{ stored, next: columns(e) }] : []
  })
  const changed = await updateChanged(pairs, (chunk, data) =>
    tx.employee.updateMany({ where: { id: { in: chunk } }, data: { ...data, updatedAt: at } }),
  )
  return { created: fresh.length, ...changed }
}
