import type { Db } from '../db/client.js'
import { audit } from '../domain/audit.js'
import { LEAVE_KINDS, type HolidayKind, type LeaveKind } from '../domain/calendar.js'
import { daysBetween, isValidDate, type IsoDate } from '../domain/dates.js'
import { readCsv } from './org-csv.js'

export interface RowProblem {
  /** Physical line in the file; the header is line 1. */
  line: number
  message: string
}

export type CalendarImportResult =
  | { ok: true; created: number; updated: number; unchanged: number }
  | { ok: false; errors: RowProblem[] }

const MAX_NAME = 200
const MAX_LEAVE_DAYS = 366

function date(value: string, column: string, line: number, bad: (p: RowProblem) => void): IsoDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m || !isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    bad({ line, message: `${column} "${value}" bukan tanggal yang valid (format YYYY-MM-DD, misalnya 2026-12-25)` })
    return null
  }
  return value
}

const HOLIDAY_KIND: Record<string, HolidayKind> = { libur: 'libur', cuti_bersama: 'cuti_bersama', 'cuti bersama': 'cuti_bersama' }

/**
 * Holidays and cuti bersama from `date,name[,kind]` (kind libur | cuti_bersama; when absent, a name that
 * starts with "Cuti Bersama" is cuti bersama). All rows are checked first; nothing is written when one is
 * wrong. Dates already known are updated, others added; holidays not in the file are kept (other years).
 */
export async function importHolidays(db: Db, csv: string, at: Date): Promise<CalendarImportResult> {
  const errors: RowProblem[] = []
  const bad = (p: RowProblem) => errors.push(p)
  const table = readCsv(csv, { required: ['date', 'name'], optional: ['kind'] }, (line, message) => bad({ line, message }))
  const plan = new Map<IsoDate, { line: number; name: string; kind: HolidayKind }>()
  for (const row of table?.rows ?? []) {
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
  if (errors.length > 0 || !table) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) }

  return db.$transaction(async (tx) => {
    const existing = new Map((await tx.holiday.findMany({ where: { date: { in: [...plan.keys()] } } })).map((h) => [h.date, h]))
    let created = 0
    let updated = 0
    for (const [d, h] of plan) {
      const old = existing.get(d)
      if (!old) {
        await tx.holiday.create({ data: { date: d, name: h.name, kind: h.kind, createdAt: at, updatedAt: at } })
        created++
      } else if (old.name !== h.name || old.kind !== h.kind) {
        await tx.holiday.update({ where: { id: old.id }, data: { name: h.name, kind: h.kind, updatedAt: at } })
        updated++
      }
    }
    await audit(tx, { action: 'calendar.import_holidays', entity: 'holiday', at, detail: { created, updated } })
    return { ok: true as const, created, updated, unchanged: plan.size - created - updated }
  }, { timeout: 60_000 })
}

const LEAVE_KIND: Record<string, LeaveKind> = {
  ...Object.fromEntries(LEAVE_KINDS.map((k) => [k, k])),
  'dinas luar': 'dinas_luar',
  'perjalanan dinas': 'dinas_luar',
}

/**
 * Employees' leave from `nip,from,to,kind` (inclusive dates; kind cuti | izin | sakit | dinas luar).
 * All-or-nothing like the other imports; a row already imported is left as it is, so the same file can
 * be imported again.
 */
export async function importLeave(db: Db, csv: string, at: Date): Promise<CalendarImportResult> {
  const errors: RowProblem[] = []
  const bad = (p: RowProblem) => errors.push(p)
  const table = readCsv(csv, { required: ['nip', 'from', 'to', 'kind'], optional: [] }, (line, message) => bad({ line, message }))
  const nips = [...new Set((table?.rows ?? []).map((r) => r.get('nip')))]
  const employees = new Map(
    (await db.employee.findMany({ where: { nip: { in: nips }, active: true }, select: { id: true, nip: true } })).map((e) => [e.nip, e.id]),
  )
  const plan = new Map<string, { line: number; employeeId: number; from: IsoDate; to: IsoDate; kind: LeaveKind }>()
  for (const row of table?.rows ?? []) {
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
    else plan.set(key, { line: row.line, employeeId, from, to, kind })
  }
  if (errors.length > 0 || !table) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) }

  return db.$transaction(async (tx) => {
    const known = await tx.leave.findMany({
      where: { employeeId: { in: [...new Set([...plan.values()].map((l) => l.employeeId))] } },
      select: { employeeId: true, from: true, to: true, kind: true },
    })
    const seen = new Set(known.map((l) => `${l.employeeId}|${l.from}|${l.to}|${l.kind}`))
    const fresh = [...plan.entries()].filter(([k]) => !seen.has(k)).map(([, l]) => l)
    if (fresh.length > 0) {
      await tx.leave.createMany({ data: fresh.map((l) => ({ employeeId: l.employeeId, from: l.from, to: l.to, kind: l.kind, createdAt: at })) })
    }
    await audit(tx, { action: 'calendar.import_leave', entity: 'leave', at, detail: { created: fresh.length } })
    return { ok: true as const, created: fresh.length, updated: 0, unchanged: plan.size - fresh.length }
  }, { timeout: 60_000 })
}
