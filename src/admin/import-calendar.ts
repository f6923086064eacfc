import type { Db, Tx } from '../db/client.js'
import { audit } from '../domain/audit.js'
import { LEAVE_KINDS, type HolidayKind, type LeaveKind } from '../domain/calendar.js'
import { daysBetween, isValidDate, type IsoDate } from '../domain/dates.js'
import { auditedBy, examples, type ImportedBy, type PreviewPart } from './import-preview.js'
import { type ColumnSpec, type ReadTable, readTable } from './org-csv.js'

export interface RowProblem {
  /** Physical line in the file; the header is line 1. */
  line: number
  message: string
}

export type CalendarImportResult =
  | { ok: true; created: number; updated: number; unchanged: number }
  | { ok: false; errors: RowProblem[] }

export type CalendarPreview = { ok: true; parts: PreviewPart[] } | { ok: false; errors: RowProblem[] }

export const HOLIDAY_COLUMNS: ColumnSpec = { required: ['date', 'name'], optional: ['kind'] }
export const LEAVE_COLUMNS: ColumnSpec = { required: ['nip', 'from', 'to', 'kind'], optional: [] }

const MAX_NAME = 200
const MAX_LEAVE_DAYS = 366
const TRANSACTION = { timeout: 60_000 }

function date(value: string, column: string, line: number, bad: (p: RowProblem) => void): IsoDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m || !isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    bad({ line, message: `${column} "${value}" bukan tanggal yang valid (format YYYY-MM-DD, misalnya 2026-12-25)` })
    return null
  }
  return value
}

const HOLIDAY_KIND: Record<string, HolidayKind> = { libur: 'libur', cuti_bersama: 'cuti_bersama', 'cuti bersama': 'cuti_bersama' }

type HolidayPlan = Map<IsoDate, { line: number; name: string; kind: HolidayKind }>

/** Reads a holidays file (before the import's transaction opens). */
export const readHolidays = (csv: string): ReadTable => readTable(csv, HOLIDAY_COLUMNS)

/** Every row's rules; the holidays by date when there was nothing to report. */
function checkHolidays(read: ReadTable): { ok: false; errors: RowProblem[] } | { ok: true; plan: HolidayPlan } {
  const errors: RowProblem[] = [...read.errors]
  const bad = (p: RowProblem) => errors.push(p)
  const plan: HolidayPlan = new Map()
  for (const row of read.table?.rows ?? []) {
    const d = date(row.get('date'), 'date', row.line, bad)
    const name = row.get('name')
    if (name === '') bad({ line: row.line, message: 'name wajib diisi' })
    else if (name.length > MAX_NAME) bad({ line: row.line, message: `name terlalu panjang (maksimal ${MAX_NAME} karakter)` })
    const given = row.get('kind').toLowerCase()
    const kind = given === '' ? (/^cuti bersama/i.test(name) ? 'cuti_bersama' : 'libur') : HOLIDAY_KIND[given]
    if (!kind) bad({ line: row.line, message: `kind "${row.get('kind')}" tidak dikenal (pilih libur atau cuti_bersama)` })
    if (!d) continue
    const first = plan.get(d)
    if (first) bad({ line: row.line, message: `tanggal ${d} ganda (sudah ada di baris ${first.line})` })
    else if (kind) plan.set(d, { line: row.line, name, kind })
  }
  if (errors.length > 0 || !read.table) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) }
  return { ok: true, plan }
}

/** The dates the file adds, and the stored holidays it renames or re-kinds (what the writer writes, the preview shows). */
async function holidayChanges(db: Tx, plan: HolidayPlan) {
  const existing = new Map((await db.holiday.findMany({ where: { date: { in: [...plan.keys()] } } })).map((h) => [h.date, h]))
  const created: [IsoDate, { name: string; kind: HolidayKind }][] = []
  const updated: { date: IsoDate; id: number; old: { name: string; kind: string }; name: string; kind: HolidayKind }[] = []
  for (const [d, h] of plan) {
    const old = existing.get(d)
    if (!old) created.push([d, h])
    else if (old.name !== h.name || old.kind !== h.kind) updated.push({ date: d, id: old.id, old, name: h.name, kind: h.kind })
  }
  return { created, updated, unchanged: plan.size - created.length - updated.length }
}

/**
 * Holidays and cuti bersama from `date,name[,kind]` (kind libur | cuti_bersama; when absent, a name that
 * starts with "Cuti Bersama" is cuti bersama), inside a transaction the caller opened. All rows are checked
 * first; nothing is written when one is wrong. Dates already known are updated, others added; holidays not
 * in the file are kept (other years).
 */
export async function importHolidaysIn(tx: Tx, read: ReadTable, at: Date, by?: ImportedBy): Promise<CalendarImportResult> {
  const checked = checkHolidays(read)
  if (!checked.ok) return checked
  const { created, updated, unchanged } = await holidayChanges(tx, checked.plan)
  for (const [d, h] of created) await tx.holiday.create({ data: { date: d, name: h.name, kind: h.kind, createdAt: at, updatedAt: at } })
  for (const h of updated) await tx.holiday.update({ where: { id: h.id }, data: { name: h.name, kind: h.kind, updatedAt: at } })
  const counts = { created: created.length, updated: updated.length }
  const { actorId, detail } = auditedBy(by)
  await audit(tx, { actorId, action: 'calendar.import_holidays', entity: 'holiday', at, detail: { ...counts, ...detail } })
  return { ok: true, ...counts, unchanged }
}

/** {@link importHolidaysIn} in a transaction of its own. */
export async function importHolidays(db: Db, csv: string, at: Date, by?: ImportedBy): Promise<CalendarImportResult> {
  const read = readHolidays(csv)
  const checked = checkHolidays(read)
  // wrong rows need no transaction to be reported
  if (!checked.ok) return checked
  return db.$transaction((tx) => importHolidaysIn(tx, read, at, by), TRANSACTION)
}

/** What importHolidays would do with this file now, without writing. It deactivates nothing: holidays not in the file are kept. */
export async function previewHolidays(db: Db, csv: string): Promise<CalendarPreview> {
  const checked = checkHolidays(readHolidays(csv))
  if (!checked.ok) return checked
  const { created, updated, unchanged } = await holidayChanges(db, checked.plan)
  const part: PreviewPart = {
    entity: 'holidays',
    created: created.length,
    updated: updated.length,
    unchanged,
    deactivated: null,
    examples: {
      created: examples(created.map(([d, h]) => ({ key: d, label: `${h.name} (${h.kind})` }))),
      updated: examples(
        updated.map((h) => ({
          key: h.date,
          label: h.name,
          fields: [
            ...(h.old.name !== h.name ? [{ column: 'name', from: h.old.name, to: h.name }] : []),
            ...(h.old.kind !== h.kind ? [{ column: 'kind', from: h.old.kind, to: h.kind }] : []),
          ],
        })),
      ),
      deactivated: [],
    },
    notInFile: await db.holiday.count({ where: { date: { notIn: [...checked.plan.keys()] } } }),
  }
  return { ok: true, parts: [part] }
}

const LEAVE_KIND: Record<string, LeaveKind> = {
  ...Object.fromEntries(LEAVE_KINDS.map((k) => [k, k])),
  'dinas luar': 'dinas_luar',
  'perjalanan dinas': 'dinas_luar',
}

type LeavePlan = Map<string, { line: number; employeeId: number; nip: string; from: IsoDate; to: IsoDate; kind: LeaveKind }>

/** Reads a leave file (before the import's transaction opens). */
export const readLeave = (csv: string): ReadTable => readTable(csv, LEAVE_COLUMNS)

/** Every row's rules, against the active employees now; the leave by its key when there was nothing to report. */
async function checkLeave(db: Tx, read: ReadTable): Promise<{ ok: false; errors: RowProblem[] } | { ok: true; plan: LeavePlan }> {
  const errors: RowProblem[] = [...read.errors]
  const bad = (p: RowProblem) => errors.push(p)
  const rows = read.table?.rows ?? []
  const nips = [...new Set(rows.map((r) => r.get('nip')))]
  const employees = new Map(
    (await db.employee.findMany({ where: { nip: { in: nips }, active: true }, select: { id: true, nip: true } })).map((e) => [e.nip, e.id]),
  )
  const plan: LeavePlan = new Map()
  for (const row of rows) {
    const nip = row.get('nip')
    const employeeId = employees.get(nip)
    if (!/^\d{18}$/.test(nip)) bad({ line: row.line, message: `nip "${nip}" harus 18 digit angka` })
    else if (employeeId === undefined) bad({ line: row.line, message: `tidak ada pegawai aktif dengan nip ${nip}` })
    const from = date(row.get('from'), 'from', row.line, bad)
    const to = date(row.get('to'), 'to', row.line, bad)
    if (from && to && to < from) bad({ line: row.line, message: `to (${to}) sebelum from (${from})` })
    else if (from && to && daysBetween(from, to) >= MAX_LEAVE_DAYS) bad({ line: row.line, message: `rentang lebih dari ${MAX_LEAVE_DAYS} hari; pecah per tahun` })
    const kind = LEAVE_KIND[row.get('kind').toLowerCase().replace(/\s+/g, ' ')]
    if (!kind) bad({ line: row.line, message: `kind "${row.get('kind')}" tidak dikenal (pilih cuti, izin, sakit, dinas luar)` })
    if (employeeId === undefined || !from || !to || !kind) continue
    const key = `${employeeId}|${from}|${to}|${kind}`
    const first = plan.get(key)
    if (first) bad({ line: row.line, message: `baris ganda (sama dengan baris ${first.line})` })
    else plan.set(key, { line: row.line, employeeId, nip, from, to, kind })
  }
  if (errors.length > 0 || !read.table) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) }
  return { ok: true, plan }
}

/** The rows not imported before (a row already stored is left as it is). */
async function freshLeave(db: Tx, plan: LeavePlan) {
  const known = await db.leave.findMany({
    where: { employeeId: { in: [...new Set([...plan.values()].map((l) => l.employeeId))] } },
    select: { employeeId: true, from: true, to: true, kind: true },
  })
  const seen = new Set(known.map((l) => `${l.employeeId}|${l.from}|${l.to}|${l.kind}`))
  return [...plan.entries()].filter(([k]) => !seen.has(k)).map(([, l]) => l)
}

/**
 * Employees' leave from `nip,from,to,kind` (inclusive dates; kind cuti | izin | sakit | dinas luar), inside
 * a transaction the caller opened. All-or-nothing like the other imports; a row already imported is left as
 * it is, so the same file can be imported again.
 */
export async function importLeaveIn(tx: Tx, read: ReadTable, at: Date, by?: ImportedBy): Promise<CalendarImportResult> {
  const checked = await checkLeave(tx, read)
  if (!checked.ok) return checked
  const fresh = await freshLeave(tx, checked.plan)
  if (fresh.length > 0) {
    await tx.leave.createMany({ data: fresh.map((l) => ({ employeeId: l.employeeId, from: l.from, to: l.to, kind: l.kind, createdAt: at })) })
  }
  const { actorId, detail } = auditedBy(by)
  await audit(tx, { actorId, action: 'calendar.import_leave', entity: 'leave', at, detail: { created: fresh.length, ...detail } })
  return { ok: true, created: fresh.length, updated: 0, unchanged: checked.plan.size - fresh.length }
}

/** {@link importLeaveIn} in a transaction of its own. */
export async function importLeave(db: Db, csv: string, at: Date, by?: ImportedBy): Promise<CalendarImportResult> {
  const read = readLeave(csv)
  return db.$transaction((tx) => importLeaveIn(tx, read, at, by), TRANSACTION)
}

/** What importLeave would do with this file now, without writing: it only adds; stored leave is never changed or removed. */
export async function previewLeave(db: Db, csv: string): Promise<CalendarPreview> {
  const checked = await checkLeave(db, readLeave(csv))
  if (!checked.ok) return checked
  const fresh = await freshLeave(db, checked.plan)
  const part: PreviewPart = {
    entity: 'leave',
    created: fresh.length,
    updated: 0,
    unchanged: checked.plan.size - fresh.length,
    deactivated: null,
    examples: { created: examples(fresh.map((l) => ({ key: l.nip, label: `${l.kind} ${l.from} s.d. ${l.to}` }))), updated: [], deactivated: [] },
  }
  return { ok: true, parts: [part] }
}
