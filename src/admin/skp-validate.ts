import type { Tx } from '../db/client.js'
import { RHK_CODE } from '../domain/report-line.js'
import type { CsvTable } from './org-csv.js'
import type { Report } from './org-types.js'

// Row rules of skp.csv: one row per indicator of an RHK; the RHK's own columns repeat on each of its rows.

export const SKP_COLUMNS = {
  required: ['nip', 'tahun', 'kode', 'jenis', 'rhk', 'aspek', 'indikator', 'target', 'satuan'],
  optional: ['rhk_atasan'],
}

const KINDS: Record<string, 'UTAMA' | 'TAMBAHAN'> = { utama: 'UTAMA', tambahan: 'TAMBAHAN' }
const ASPECTS: Record<string, 'KUANTITAS' | 'KUALITAS' | 'WAKTU'> = { kuantitas: 'KUANTITAS', kualitas: 'KUALITAS', waktu: 'WAKTU' }
const CODE_RE = new RegExp(`^${RHK_CODE}$`)
const MAX_TEXT = 500

export interface IndicatorPlan {
  aspect: string
  indicator: string
  target: number
  unit: string
}

export interface RhkPlan {
  line: number
  code: string
  kind: 'UTAMA' | 'TAMBAHAN'
  text: string
  parentCode: string | null
  indicators: IndicatorPlan[]
}

/** One employee's SKP for one year, as the file describes it (RHKs in file order). */
export interface SkpPlan {
  employeeId: number
  supervisorId: number | null
  nip: string
  year: number
  rhks: Map<string, RhkPlan>
}

/** What a supervisor's RHK codes are for a year: from the file when it has that SKP, else the database. */
async function supervisorCodes(tx: Tx, plans: Map<string, SkpPlan>, supervisorId: number, year: number, cache: Map<string, Set<string> | null>) {
  const key = `${supervisorId}:${year}`
  if (cache.has(key)) return cache.get(key)!
  const fromFile = [...plans.values()].find((p) => p.employeeId === supervisorId && p.year === year)
  let codes: Set<string> | null = null
  if (fromFile) codes = new Set([...fromFile.rhks.keys()].map((c) => c.toUpperCase()))
  else {
    const skp = await tx.skp.findUnique({
      where: { employeeId_year: { employeeId: supervisorId, year } },
      select: { rhks: { where: { active: true }, select: { code: true } } },
    })
    if (skp) codes = new Set(skp.rhks.map((r) => r.code.toUpperCase()))
  }
  cache.set(key, codes)
  return codes
}

/** Checks every row; returns the plans when there was nothing to report. */
export async function validateSkp(tx: Tx, table: CsvTable, report: Report): Promise<Map<string, SkpPlan> | null> {
  const nips = [...new Set(table.rows.map((r) => r.get('nip')))]
  const employees = new Map(
    (await tx.employee.findMany({ where: { nip: { in: nips } }, select: { id: true, nip: true, active: true, supervisorId: true } })).map((e) => [e.nip, e]),
  )
  const plans = new Map<string, SkpPlan>()
  let bad = false
  const fail = (line: number, message: string) => {
    bad = true
    report(line, message)
  }
  for (const row of table.rows) {
    const line = row.line
    const nip = row.get('nip')
    const employee = employees.get(nip)
    if (!employee) fail(line, `nip ${nip || '(kosong)'} tidak ada di data pegawai (impor organisasi dulu: import-org)`)
    else if (!employee.active) fail(line, `pegawai dengan nip ${nip} tidak aktif`)
    const year = Number(row.get('tahun'))
    if (!/^\d{4}$/.test(row.get('tahun')) || year < 2000 || year > 2100) fail(line, `tahun "${row.get('tahun')}" tidak valid (misalnya 2026)`)
    const code = row.get('kode')
    if (!CODE_RE.test(code)) fail(line, `kode "${code}" tidak valid: diawali huruf, lalu huruf, angka, titik, garis bawah atau tanda hubung, maksimal 30 karakter`)
    const kind = KINDS[row.get('jenis').toLowerCase()]
    if (!kind) fail(line, `jenis "${row.get('jenis')}" tidak dikenal (pilih utama atau tambahan)`)
    const text = row.get('rhk')
    if (!text) fail(line, 'rhk (uraian rencana hasil kerja) wajib diisi')
    else if (text.length > MAX_TEXT) fail(line, `rhk terlalu panjang (maksimal ${MAX_TEXT} karakter)`)
    const aspect = ASPECTS[row.get('aspek').toLowerCase()]
    if (!aspect) fail(line, `aspek "${row.get('aspek')}" tidak dikenal (pilih kuantitas, kualitas, atau waktu)`)
    const indicator = row.get('indikator')
    if (!indicator) fail(line, 'indikator wajib diisi')
    else if (indicator.length > MAX_TEXT) fail(line, `indikator terlalu panjang (maksimal ${MAX_TEXT} karakter)`)
    const targetText = row.get('target').replace(',', '.')
    const target = Number(targetText)
    if (!/^\d+(\.\d+)?$/.test(targetText) || !Number.isFinite(target)) fail(line, `target "${row.get('target')}" harus angka, misalnya 12 atau 99,5`)
    const unit = row.get('satuan')
    if (!unit) fail(line, 'satuan target wajib diisi (misalnya dokumen, laporan, %, bulan)')
    const parentCode = row.get('rhk_atasan') || null
    if (!employee || !kind || !aspect || !CODE_RE.test(code) || Number.isNaN(year)) continue

    const key = `${nip}:${year}`
    const plan: SkpPlan = plans.get(key) ?? { employeeId: employee.id, supervisorId: employee.supervisorId, nip, year, rhks: new Map<string, RhkPlan>() }
    plans.set(key, plan)
    const existing = [...plan.rhks.values()].find((r) => r.code.toUpperCase() === code.toUpperCase())
    const ind = { aspect, indicator, target, unit }
    if (!existing) {
      plan.rhks.set(code, { line, code, kind, text, parentCode, indicators: [ind] })
      continue
    }
    if (existing.code !== code || existing.kind !== kind || existing.text !== text || existing.parentCode !== parentCode) {
      fail(line, `RHK ${code} sudah ada di baris ${existing.line} dengan jenis, uraian atau rhk_atasan yang berbeda; setiap baris RHK yang sama harus sama persis`)
    } else if (existing.indicators.some((i) => i.aspect === aspect && i.indicator === indicator)) {
      fail(line, `indikator "${indicator}" (${row.get('aspek')}) untuk RHK ${code} ganda`)
    } else existing.indicators.push(ind)
  }

  // references to the supervisor's RHK, and at least one RHK utama per SKP
  const cache = new Map<string, Set<string> | null>()
  for (const plan of plans.values()) {
    const rhks = [...plan.rhks.values()]
    if (!rhks.some((r) => r.kind === 'UTAMA')) fail(rhks[0]!.line, `SKP ${plan.nip} tahun ${plan.year} tidak memiliki RHK utama`)
    const codes = plan.supervisorId === null ? null : await supervisorCodes(tx, plans, plan.supervisorId, plan.year, cache)
    for (const r of rhks) {
      if (r.parentCode) {
        if (plan.supervisorId === null) fail(r.line, `rhk_atasan ${r.parentCode}: pegawai ${plan.nip} tidak memiliki atasan langsung`)
        else if (!codes) fail(r.line, `rhk_atasan ${r.parentCode}: atasan langsung belum memiliki SKP tahun ${plan.year} (di file ini atau yang sudah diimpor)`)
        else if (!codes.has(r.parentCode.toUpperCase())) {
          fail(r.line, `rhk_atasan ${r.parentCode} tidak ada di SKP atasan langsung tahun ${plan.year} (kode yang ada: ${[...codes].join(', ')})`)
        }
      } else if (r.kind === 'UTAMA' && codes) {
        fail(r.line, `RHK utama ${r.code} wajib mengisi rhk_atasan: RHK atasan langsung yang diintervensi (kode yang ada: ${[...codes].join(', ')})`)
      }
    }
  }
  return bad ? null : plans
}
