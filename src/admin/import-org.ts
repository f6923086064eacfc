import { CsvError, type Info, parse } from 'csv-parse/sync'
import { z } from 'zod'
import type { Db, Tx } from '../db/client.js'
import { audit } from '../domain/audit.js'
import type { IsoDate } from '../domain/dates.js'
import { validateNip } from '../domain/nip.js'
import { ROLES } from '../domain/types.js'

export interface Counts {
  created: number
  updated: number
  unchanged: number
}
export interface RowError {
  file: 'units' | 'employees'
  /** Physical line in the CSV file; the header is line 1. */
  line: number
  message: string
}
export type ImportResult = { ok: true; units: Counts; employees: Counts } | { ok: false; errors: RowError[] }

export const UNIT_KINDS = ['SEKRETARIAT', 'BADAN', 'DINAS', 'BIDANG', 'UPTD', 'KECAMATAN', 'KELURAHAN', 'BAGIAN', 'SUBBAGIAN', 'SEKSI', 'LAINNYA']
export const POSITION_TYPES = ['STRUKTURAL', 'FUNGSIONAL', 'PELAKSANA']
export const TIMEZONES = ['Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura']

const UNIT_COLUMNS = { required: ['code', 'name', 'parent_code', 'kind'], optional: [] as string[] }
const EMPLOYEE_COLUMNS = {
  required: ['nip', 'name', 'unit_code', 'position', 'position_type', 'grade', 'supervisor_nip', 'role', 'monthly_target_minutes', 'telegram_user_id', 'slack_user_id'],
  optional: ['email', 'timezone'],
}
const CODE_RE = /^[A-Z0-9][A-Z0-9-]{0,39}$/
const GRADE_RE = /^(I|II|III|IV)\/[a-e]$/
const TELEGRAM_RE = /^\d{1,20}$/
const SLACK_RE = /^[UW][A-Z0-9]{2,}$/
const MAX_TEXT = 200
const MAX_TARGET_MINUTES = 20_000
// rows per createMany / ids per `in` list: far below SQLite's and PostgreSQL's bind-parameter limits
const BATCH = 500
const isEmail = (s: string) => s.length <= 254 && z.email().safeParse(s).success

type FileKind = RowError['file']
interface CsvRow {
  line: number
  get(column: string): string
}
interface CsvTable {
  columns: Set<string>
  rows: CsvRow[]
}
type Report = (line: number, message: string) => void

interface UnitRow {
  line: number
  code: string
  name: string
  kind: string
  parentCode: string | null
}
interface EmployeeRow {
  line: number
  nip: string
  name: string
  unitCode: string
  position: string
  positionType: string
  grade: string
  role: string
  supervisorNip: string | null
  monthlyTargetMinutes: number | null
  telegramUserId: string | null
  slackUserId: string | null
  /** undefined: the optional column is absent from the file, so the stored value is kept. */
  email?: string | null
  timezone?: string | null
}

const UNIT_SELECT = { id: true, code: true, name: true, kind: true, parentId: true } as const
const EMPLOYEE_SELECT = {
  id: true,
  nip: true,
  name: true,
  unitId: true,
  position: true,
  positionType: true,
  grade: true,
  role: true,
  supervisorId: true,
  monthlyTargetMinutes: true,
  email: true,
  timezone: true,
  telegramUserId: true,
  slackUserId: true,
} as const
type Existing = Awaited<ReturnType<typeof loadExisting>>

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
    { timeout: 60_000, maxWait: 10_000 },
  )
}

/** Parses one file and checks its header; null when the rows cannot be read by column name. */
function readCsv(text: string, spec: { required: string[]; optional: string[] }, report: Report): CsvTable | null {
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    report(1, `file kosong: baris pertama harus judul kolom (${spec.required.join(',')})`)
    return null
  }
  let header: string[] = []
  let records: { record: Record<string, string | undefined>; info: Info & { error?: CsvError } }[]
  try {
    records = parse(text, {
      columns: (names: string[]) => (header = names.map((n) => n.toLowerCase())),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
      relax_column_count: true, // a short or long row becomes an error of that row, not of the whole file
      record_delimiter: ['\r\n', '\n', '\r'], // not auto-detected: rows appended in another editor mix them
    })
  } catch (e) {
    if (!(e instanceof CsvError)) throw e
    report(typeof e.lines === 'number' ? e.lines : 1, `format CSV rusak: ${e.message}`)
    return null
  }
  const locate = lineLocator(Buffer.from(text, 'utf8'))
  const headerLine = locate.next(0)
  const known = [...spec.required, ...spec.optional]
  const duplicates = header.filter((c, i) => header.indexOf(c) !== i)
  const unknown = header.filter((c) => !known.includes(c))
  const missing = spec.required.filter((c) => !header.includes(c))
  if (duplicates.length > 0) report(headerLine, `kolom ganda: ${[...new Set(duplicates)].join(', ')}`)
  if (unknown.length > 0) {
    // spreadsheets export trailing empty columns: name them by position
    const names = unknown.map((c) => (c === '' ? `(tanpa judul, kolom ke-${header.indexOf(c) + 1})` : c))
    report(headerLine, `kolom tidak dikenal: ${[...new Set(names)].join(', ')} (yang dikenal: ${known.join(', ')})`)
  }
  if (missing.length > 0) report(headerLine, `kolom wajib tidak ada: ${missing.join(', ')}`)
  if (duplicates.length > 0 || missing.length > 0) return null

  const rows: CsvRow[] = []
  let end = locate.headerEnd()
  for (const { record, info } of records) {
    const line = locate.next(end)
    end = info.bytes
    if (info.error) {
      report(line, `jumlah kolom tidak sama dengan judul (seharusnya ${header.length}); periksa tanda koma dan tanda petik`)
      continue
    }
    rows.push({ line, get: (column) => record[column] ?? '' })
  }
  return { columns: new Set(header), rows }
}

/**
 * Physical line numbers from byte offsets (csv-parse reports where a record ends, and counts a CRLF inside
 * a quoted field twice). `next(offset)` is the line where the first record after `offset` starts.
 */
function lineLocator(buf: Buffer) {
  let pos = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0
  let line = 1
  // a line ends with LF, CRLF or a lone CR (Excel's "CSV (Macintosh)")
  const breaksAt = (i: number) => buf[i] === 0x0a || (buf[i] === 0x0d && buf[i + 1] !== 0x0a)
  const blank = (i: number) => breaksAt(i) || buf[i] === 0x0d || buf[i] === 0x20 || buf[i] === 0x09
  return {
    next(offset: number): number {
      for (; pos < offset; pos++) if (breaksAt(pos)) line++
      for (; pos < buf.length && blank(pos); pos++) if (breaksAt(pos)) line++
      return line
    },
    /** Where the header line ends (a header is one line). */
    headerEnd(): number {
      let i = pos
      while (i < buf.length && !breaksAt(i)) i++
      return i + 1
    },
  }
}

async function loadExisting(tx: Tx) {
  const units = await tx.unit.findMany({ select: UNIT_SELECT })
  const employees = await tx.employee.findMany({ select: EMPLOYEE_SELECT })
  return {
    units: new Map(units.map((u) => [u.code, u])),
    unitCodeById: new Map(units.map((u) => [u.id, u.code])),
    employees: new Map(employees.map((e) => [e.nip, e])),
    nipById: new Map(employees.map((e) => [e.id, e.nip])),
  }
}

function text(row: CsvRow, column: string, report: Report): string {
  const value = row.get(column)
  if (value === '') report(row.line, `${column} wajib diisi`)
  else if (value.length > MAX_TEXT) report(row.line, `${column} terlalu panjang (${value.length} karakter, maksimal ${MAX_TEXT})`)
  return value
}

function oneOf(row: CsvRow, column: string, allowed: string[], report: Report, optional = false): string {
  const value = row.get(column)
  if (value === '' && optional) return value
  if (!allowed.includes(value)) {
    report(row.line, `${value === '' ? `${column} wajib diisi` : `${column} "${value}" tidak dikenal`} (pilih ${allowed.join(', ')})`)
  }
  return value
}

function validateUnits(table: CsvTable, existing: Existing, report: Report): Map<string, UnitRow> {
  const plan = new Map<string, UnitRow>()
  for (const row of table.rows) {
    const code = row.get('code')
    if (code === '') report(row.line, 'code wajib diisi')
    else if (!CODE_RE.test(code)) report(row.line, `code "${code}" tidak valid (huruf besar A-Z, angka dan tanda -, maksimal 40 karakter)`)
    const unit: UnitRow = {
      line: row.line,
      code,
      name: text(row, 'name', report),
      kind: oneOf(row, 'kind', UNIT_KINDS, report),
      parentCode: row.get('parent_code') || null,
    }
    const first = plan.get(code)
    if (first) report(row.line, `code "${code}" ganda (sudah ada di baris ${first.line})`)
    else if (code !== '') plan.set(code, unit)
  }
  for (const unit of plan.values()) {
    const parent = unit.parentCode
    if (parent === unit.code) report(unit.line, 'parent_code tidak boleh sama dengan code')
    else if (parent && !plan.has(parent) && !existing.units.has(parent)) {
      report(unit.line, `parent_code "${parent}" tidak dikenal (tidak ada di file unit maupun database)`)
    }
  }
  const parentOf = (code: string): string | null => {
    const unit = plan.get(code)
    if (unit) return unit.parentCode === code ? null : unit.parentCode
    const id = existing.units.get(code)?.parentId
    return id == null ? null : (existing.unitCodeById.get(id) ?? null)
  }
  for (const cycle of findCycles(plan.keys(), parentOf)) {
    const chain = describeCycle(cycle)
    for (const code of cycle) {
      const unit = plan.get(code)
      if (unit) report(unit.line, `parent_code membentuk siklus: ${chain}`)
    }
  }
  return plan
}

function validateEmployees(
  table: CsvTable,
  units: Map<string, UnitRow> | null,
  existing: Existing,
  today: IsoDate,
  report: Report,
): Map<string, EmployeeRow> {
  const plan = new Map<string, EmployeeRow>()
  const telegramLines = new Map<string, number>()
  const slackLines = new Map<string, number>()
  const hasEmail = table.columns.has('email')
  const hasTimezone = table.columns.has('timezone')
  for (const row of table.rows) {
    const bad = (message: string) => report(row.line, message)
    const nip = row.get('nip')
    if (nip === '') bad('nip wajib diisi')
    else {
      const why = validateNip(nip, today)
      if (why) bad(`nip "${nip}": ${why}`)
    }
    const unitCode = text(row, 'unit_code', report)
    // when the unit file itself could not be read, its errors already say so: no guessing here
    if (unitCode && units && !units.has(unitCode) && !existing.units.has(unitCode)) {
      bad(`unit_code "${unitCode}" tidak dikenal (tidak ada di file unit maupun database)`)
    }
    const grade = row.get('grade')
    if (!GRADE_RE.test(grade)) bad(`grade "${grade}" tidak valid (golongan/ruang seperti III/a: I–IV, a–e)`)
    const target = row.get('monthly_target_minutes')
    const minutes = /^\d{1,6}$/.test(target) ? Number(target) : NaN
    if (target !== '' && !(minutes >= 1 && minutes <= MAX_TARGET_MINUTES)) {
      bad(`monthly_target_minutes "${target}" harus bilangan bulat 1–${MAX_TARGET_MINUTES} atau kosong`)
    }
    const telegram = row.get('telegram_user_id')
    if (telegram !== '') {
      if (!TELEGRAM_RE.test(telegram)) bad(`telegram_user_id "${telegram}" harus angka (1–20 digit) atau kosong`)
      const first = telegramLines.get(telegram)
      if (first) bad(`telegram_user_id ${telegram} sudah dipakai di baris ${first}`)
      else telegramLines.set(telegram, row.line)
    }
    const slack = row.get('slack_user_id')
    if (slack !== '') {
      if (!SLACK_RE.test(slack)) bad(`slack_user_id "${slack}" tidak valid (seperti U01AB2CD3E)`)
      const first = slackLines.get(slack)
      if (first) bad(`slack_user_id ${slack} sudah dipakai di baris ${first}`)
      else slackLines.set(slack, row.line)
    }
    const email = row.get('email')
    if (email !== '' && !isEmail(email)) bad(`email "${email}" tidak valid`)
    const employee: EmployeeRow = {
      line: row.line,
      nip,
      name: text(row, 'name', report),
      unitCode,
      position: text(row, 'position', report),
      positionType: oneOf(row, 'position_type', POSITION_TYPES, report),
      grade,
      role: oneOf(row, 'role', [...ROLES], report),
      supervisorNip: row.get('supervisor_nip') || null,
      monthlyTargetMinutes: target === '' ? null : minutes,
      telegramUserId: telegram || null,
      slackUserId: slack || null,
      ...(hasEmail && { email: email || null }),
      ...(hasTimezone && { timezone: oneOf(row, 'timezone', TIMEZONES, report, true) || null }),
    }
    const first = plan.get(nip)
    if (first) bad(`NIP ${nip} ganda (sudah ada di baris ${first.line})`)
    else if (nip !== '') plan.set(nip, employee)
  }

  // An account vouched for someone not in this file keeps its owner: the import must not give it away.
  for (const other of existing.employees.values()) {
    if (plan.has(other.nip)) continue
    const tg = other.telegramUserId && telegramLines.get(other.telegramUserId)
    if (tg) report(tg, `telegram_user_id ${other.telegramUserId} sudah dipakai pegawai lain di database (NIP ${other.nip})`)
    const sl = other.slackUserId && slackLines.get(other.slackUserId)
    if (sl) report(sl, `slack_user_id ${other.slackUserId} sudah dipakai pegawai lain di database (NIP ${other.nip})`)
  }
  for (const e of plan.values()) {
    const boss = e.supervisorNip
    if (boss === e.nip) report(e.line, 'supervisor_nip tidak boleh NIP pegawai itu sendiri')
    else if (boss && !plan.has(boss) && !existing.employees.has(boss)) {
      report(e.line, `supervisor_nip "${boss}" tidak dikenal (tidak ada di file pegawai maupun database)`)
    }
  }
  const supervisorOf = (nip: string): string | null => {
    const e = plan.get(nip)
    if (e) return e.supervisorNip === nip ? null : e.supervisorNip
    const id = existing.employees.get(nip)?.supervisorId
    return id == null ? null : (existing.nipById.get(id) ?? null)
  }
  for (const cycle of findCycles(plan.keys(), supervisorOf)) {
    const chain = describeCycle(cycle)
    for (const nip of cycle) {
      const e = plan.get(nip)
      if (e) report(e.line, `rantai atasan (supervisor_nip) membentuk siklus: ${chain}`)
    }
  }
  return plan
}

/** Every cycle reachable from `starts` in a graph where each node has at most one successor. */
function findCycles(starts: Iterable<string>, next: (key: string) => string | null): string[][] {
  const state = new Map<string, 'walking' | 'done'>()
  const cycles: string[][] = []
  for (const start of starts) {
    const path: string[] = []
    let key: string | null = start
    while (key !== null && !state.has(key)) {
      state.set(key, 'walking')
      path.push(key)
      key = next(key)
    }
    if (key !== null && state.get(key) === 'walking') cycles.push(path.slice(path.indexOf(key)))
    for (const k of path) state.set(k, 'done')
  }
  return cycles
}

const describeCycle = (cycle: string[]) =>
  cycle.length > 12 ? `${cycle.slice(0, 12).join(' → ')} → … (${cycle.length} entri)` : [...cycle, cycle[0]].join(' → ')

/**
 * Orders new keys into groups so that each key's parent is in an earlier group or already stored: each
 * group can then be written with one createMany, parent ids known. Requires an acyclic parent relation.
 */
function levels(keys: string[], parentOf: (key: string) => string | null, isNew: (key: string) => boolean): string[][] {
  const depth = new Map<string, number>()
  for (const key of keys) {
    const path: string[] = []
    let cur: string | null = key
    while (cur !== null && isNew(cur) && !depth.has(cur)) {
      path.push(cur)
      cur = parentOf(cur)
    }
    let d = cur !== null && depth.has(cur) ? depth.get(cur)! + 1 : 0
    for (let i = path.length - 1; i >= 0; i--) depth.set(path[i]!, d++)
  }
  const groups: string[][] = []
  for (const [key, d] of depth) (groups[d] ??= []).push(key)
  return groups
}

function chunks<T>(items: T[], size = BATCH): T[][] {
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

async function writeUnits(tx: Tx, plan: Map<string, UnitRow>, existing: Existing, at: Date) {
  const ids = new Map([...existing.units.values()].map((u) => [u.code, u.id]))
  const columns = (u: UnitRow) => ({ name: u.name, kind: u.kind, parentId: u.parentCode ? ids.get(u.parentCode)! : null })
  const fresh = [...plan.keys()].filter((code) => !existing.units.has(code))
  const groups = levels(fresh, (code) => plan.get(code)?.parentCode ?? null, (code) => plan.has(code) && !existing.units.has(code))
  for (const group of groups) {
    for (const chunk of chunks(group)) {
      await tx.unit.createMany({ data: chunk.map((code) => ({ code, ...columns(plan.get(code)!), createdAt: at, updatedAt: at })) })
      const created = await tx.unit.findMany({ where: { code: { in: chunk } }, select: { id: true, code: true } })
      for (const u of created) ids.set(u.code, u.id)
    }
  }
  const pairs = [...plan.values()].flatMap((u) => {
    const stored = existing.units.get(u.code)
    return stored ? [{ stored, next: columns(u) }] : []
  })
  const changed = await updateChanged(pairs, (chunk, data) =>
    tx.unit.updateMany({ where: { id: { in: chunk } }, data: { ...data, updatedAt: at } }),
  )
  return { counts: { created: fresh.length, ...changed }, ids }
}

async function writeEmployees(
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
  const groups = levels(fresh, (nip) => plan.get(nip)?.supervisorNip ?? null, (nip) => plan.has(nip) && !existing.employees.has(nip))
  for (const group of groups) {
    for (const chunk of chunks(group)) {
      await tx.employee.createMany({ data: chunk.map((nip) => ({ nip, ...columns(plan.get(nip)!), createdAt: at, updatedAt: at })) })
      const created = await tx.employee.findMany({ where: { nip: { in: chunk } }, select: { id: true, nip: true } })
      for (const e of created) ids.set(e.nip, e.id)
    }
  }
  const pairs = [...plan.values()].flatMap((e) => {
    const stored = existing.employees.get(e.nip)
    return stored ? [{ stored, next: columns(e) }] : []
  })
  const changed = await updateChanged(pairs, (chunk, data) =>
    tx.employee.updateMany({ where: { id: { in: chunk } }, data: { ...data, updatedAt: at } }),
  )
  return { created: fresh.length, ...changed }
}
