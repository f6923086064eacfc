import { z } from 'zod'
import type { IsoDate } from '../domain/dates.js'
import { validateNip } from '../domain/nip.js'
import { normalizeIndonesianMobile } from '../domain/phone.js'
import { ROLES } from '../domain/types.js'
import type { ColumnSpec, CsvRow, CsvTable } from './org-csv.js'
import type { Existing } from './org-existing.js'
import { describeCycle, findCycles } from './org-graph.js'
import type { EmployeeRow, Report, UnitRow } from './org-types.js'

export const UNIT_KINDS = ['SEKRETARIAT', 'BADAN', 'DINAS', 'BIDANG', 'UPTD', 'KECAMATAN', 'KELURAHAN', 'BAGIAN', 'SUBBAGIAN', 'SEKSI', 'LAINNYA']
export const POSITION_TYPES = ['STRUKTURAL', 'FUNGSIONAL', 'PELAKSANA']
export const TIMEZONES = ['Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura']

export const UNIT_COLUMNS: ColumnSpec = { required: ['code', 'name', 'parent_code', 'kind'], optional: [] }
export const EMPLOYEE_COLUMNS: ColumnSpec = {
  required: ['nip', 'name', 'unit_code', 'position', 'position_type', 'grade', 'supervisor_nip', 'role', 'monthly_target_minutes', 'telegram_user_id', 'slack_user_id'],
  optional: ['email', 'timezone', 'whatsapp_phone', 'tpp_basic'],
}
const CODE_RE = /^[A-Z0-9][A-Z0-9-]{0,39}$/
/** PNS golongan/ruang I/a–III/d and IV/a–IV/e (only golongan IV has ruang e), or PPPK golongan I–XVII (roman numerals). */
const GRADE_RE = /^(?:(?:I|II|III)\/[a-d]|IV\/[a-e]|I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI|XVII)$/
const TELEGRAM_RE = /^\d{1,20}$/
const SLACK_RE = /^[UW][A-Z0-9]{2,}$/
const MAX_TEXT = 200
const MAX_TARGET_MINUTES = 20_000
/** A month's basic TPP in whole rupiah: far above any real one, below the database's 32-bit integer. */
const MAX_TPP_BASIC = 1_000_000_000
const ROLE_LIST: string[] = [...ROLES]
const isEmail = (s: string) => s.length <= 254 && z.email().safeParse(s).success

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

/** Checks every unit row, the parent references and the tree; returns the units by code. */
export function validateUnits(table: CsvTable, existing: Existing, report: Report): Map<string, UnitRow> {
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

/**
 * Checks every employee row, the unit and supervisor references, the chat accounts against the file and
 * the database, and the supervisor chain; returns the employees by NIP. `units` is null when the unit file
 * could not be read.
 */
export function validateEmployees(
  table: CsvTable,
  units: Map<string, UnitRow> | null,
  existing: Existing,
  today: IsoDate,
  report: Report,
): Map<string, EmployeeRow> {
  const plan = new Map<string, EmployeeRow>()
  const telegramLines = new Map<string, number>()
  const slackLines = new Map<string, number>()
  // by the normalised number: 0812… and +62 812… on two rows are the same account
  const whatsappLines = new Map<string, number>()
  const hasEmail = table.columns.has('email')
  const hasTimezone = table.columns.has('timezone')
  const hasWhatsapp = table.columns.has('whatsapp_phone')
  const hasTppBasic = table.columns.has('tpp_basic')
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
    if (!GRADE_RE.test(grade)) {
      bad(`grade "${grade}" tidak valid (golongan/ruang PNS seperti III/a: I–III dengan ruang a–d, IV dengan ruang a–e; atau golongan PPPK I–XVII seperti IX)`)
    }
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
    const phone = row.get('whatsapp_phone')
    let whatsapp: string | null = null
    if (phone !== '') {
      const checked = normalizeIndonesianMobile(phone)
      if (!checked.ok) bad(`whatsapp_phone "${phone}": ${checked.reason}`)
      else {
        whatsapp = checked.waId
        const first = whatsappLines.get(whatsapp)
        if (first) bad(`whatsapp_phone ${phone} sudah dipakai di baris ${first}`)
        else whatsappLines.set(whatsapp, row.line)
      }
    }
    const tpp = row.get('tpp_basic')
    const rupiah = /^\d{1,10}$/.test(tpp) ? Number(tpp) : NaN
    if (tpp !== '' && !(rupiah >= 0 && rupiah <= MAX_TPP_BASIC)) {
      bad(`tpp_basic "${tpp}" harus rupiah utuh 0–${MAX_TPP_BASIC} tanpa titik, koma atau "Rp" (misalnya 5250000), atau kosong`)
    }
    const employee: EmployeeRow = {
      line: row.line,
      nip,
      name: text(row, 'name', report),
      unitCode,
      position: text(row, 'position', report),
      positionType: oneOf(row, 'position_type', POSITION_TYPES, report),
      grade,
      role: oneOf(row, 'role', ROLE_LIST, report),
      supervisorNip: row.get('supervisor_nip') || null,
      monthlyTargetMinutes: target === '' ? null : minutes,
      telegramUserId: telegram || null,
      slackUserId: slack || null,
      // stored in lower case: platforms report addresses in lower case, and people type them either way
      ...(hasEmail && { email: email.toLowerCase() || null }),
      ...(hasTimezone && { timezone: oneOf(row, 'timezone', TIMEZONES, report, true) || null }),
      ...(hasWhatsapp && { whatsappPhone: whatsapp }),
      ...(hasTppBasic && { tppBasic: tpp === '' ? null : rupiah }),
    }
    const first = plan.get(nip)
    if (first) bad(`NIP ${nip} ganda (sudah ada di baris ${first.line})`)
    else if (nip !== '') plan.set(nip, employee)
  }

  // An account vouched for someone not in this file keeps its owner: the import must not give it away.
  for (const account of existing.accounts) {
    const nip = existing.nipById.get(account.employeeId)
    if (account.vouchedBy !== 'import' || !nip || plan.has(nip)) continue
    const column = { telegram: 'telegram_user_id', slack: 'slack_user_id', whatsapp: 'whatsapp_phone' }[account.platform]
    const line = { telegram: telegramLines, slack: slackLines, whatsapp: whatsappLines }[account.platform]?.get(account.externalId)
    if (column && line) report(line, `${column} ${account.externalId} sudah dipakai pegawai lain di database (NIP ${nip})`)
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
