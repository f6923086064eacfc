import type { Db, Tx } from '../db/client.js'
import { audit } from '../domain/audit.js'
import { RENCANA_AKSI_TARGET_MAX, SATUAN_MAX, SATUAN_RE, sameRencanaAksiText } from '../domain/rencana-aksi.js'
import { RHK_CODE } from '../domain/report-line.js'
import type { RowProblem } from './import-calendar.js'
import { auditedBy, examples, type ImportedBy, type PreviewItem, type PreviewPart } from './import-preview.js'
import { type CsvTable, type ReadTable, readTable } from './org-csv.js'
import type { Report } from './org-types.js'

// rencana-aksi.csv: what each employee plans per RHK of the SKP and per month (BKN e-Kinerja's "Rencana
// Aksi", chosen for every progres harian entry), with a target in a satuan. One row per rencana aksi.

export const RENCANA_AKSI_COLUMNS = {
  required: ['nip', 'tahun', 'kode', 'bulan', 'rencana_aksi', 'target', 'satuan'],
  optional: [],
}

const CODE_RE = new RegExp(`^${RHK_CODE}$`)
const MAX_TEXT = 500
const MONTH_RE = /^(0?[1-9]|1[0-2])$/
const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/

export interface RencanaAksiCounts {
  /** The (RHK, month) plans the file gives, each replacing what that month of that RHK had. */
  plans: number
  rencanaAksi: { created: number; updated: number; unchanged: number; deactivated: number }
}
export type RencanaAksiImportResult = ({ ok: true } & RencanaAksiCounts) | { ok: false; errors: RowProblem[] }

interface ActionPlan {
  line: number
  text: string
  target: number
  satuan: string
}

/** One RHK's rencana aksi for one month, as the file gives them (file order). */
interface MonthPlan {
  rhkId: number
  period: string
  actions: ActionPlan[]
}

/** The month of a `bulan` cell: 1–12 (also 01), or YYYY-MM of the row's year. */
function periodOf(bulan: string, year: number): string | null {
  if (MONTH_RE.test(bulan)) return `${year}-${bulan.padStart(2, '0')}`
  const m = PERIOD_RE.exec(bulan)
  return m && Number(m[1]) === year ? bulan : null
}

const normalized = (text: string) => text.replace(/\s+/g, ' ').trim()

/** Checks every row; returns the month plans when there was nothing to report. */
async function validate(tx: Tx, table: CsvTable, report: Report): Promise<Map<string, MonthPlan> | null> {
  const nips = [...new Set(table.rows.map((r) => r.get('nip')))]
  const employees = new Map(
    (await tx.employee.findMany({ where: { nip: { in: nips } }, select: { id: true, nip: true, active: true } })).map((e) => [e.nip, e]),
  )
  const ids = [...employees.values()].map((e) => e.id)
  const skps = await tx.skp.findMany({
    where: { employeeId: { in: ids } },
    select: { employeeId: true, year: true, rhks: { where: { active: true }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true, code: true } } },
  })
  const skpOf = new Map(skps.map((s) => [`${s.employeeId}:${s.year}`, s.rhks]))

  const plans = new Map<string, MonthPlan>()
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
    const yearText = row.get('tahun')
    const year = Number(yearText)
    const yearOk = /^\d{4}$/.test(yearText) && year >= 2000 && year <= 2100
    if (!yearOk) fail(line, `tahun "${yearText}" tidak valid (misalnya 2026)`)
    const code = row.get('kode')
    const codeOk = CODE_RE.test(code)
    if (!codeOk) fail(line, `kode "${code}" tidak valid: kode RHK dari SKP, misalnya RHK-1`)
    const period = yearOk ? periodOf(row.get('bulan'), year) : null
    if (yearOk && !period) fail(line, `bulan "${row.get('bulan')}" tidak valid: tulis 1 sampai 12, atau ${year}-11 (tahun yang sama dengan kolom tahun)`)
    const text = normalized(row.get('rencana_aksi'))
    if (!text) fail(line, 'rencana_aksi (uraian rencana aksi) wajib diisi')
    else if (text.length > MAX_TEXT) fail(line, `rencana_aksi terlalu panjang (${text.length} karakter, maksimal ${MAX_TEXT})`)
    const targetText = row.get('target')
    const target = Number(targetText)
    const targetOk = /^\d+$/.test(targetText) && target >= 1 && target <= RENCANA_AKSI_TARGET_MAX
    if (!targetOk) {
      fail(line, `target "${targetText}" harus bilangan bulat positif, misalnya 5 (paling besar ${RENCANA_AKSI_TARGET_MAX.toLocaleString('id-ID')}): realisasi dilaporkan dalam bilangan bulat`)
    }
    const satuan = normalized(row.get('satuan'))
    if (!satuan) fail(line, 'satuan wajib diisi (misalnya dokumen, laporan, kegiatan)')
    else if (satuan.length > SATUAN_MAX) fail(line, `satuan terlalu panjang (maksimal ${SATUAN_MAX} karakter)`)
    else if (!SATUAN_RE.test(satuan)) fail(line, `satuan "${satuan}" harus diawali huruf atau %, tanpa # dan + (pegawai mengetiknya setelah jumlah, misalnya +2 dokumen)`)

    if (!employee || !yearOk || !codeOk) continue
    const rhks = skpOf.get(`${employee.id}:${year}`)
    if (!rhks) {
      fail(line, `pegawai ${nip} belum memiliki SKP tahun ${year} (impor SKP dulu: import-skp)`)
      continue
    }
    const rhk = rhks.find((r) => r.code.toUpperCase() === code.toUpperCase())
    if (!rhk) {
      fail(line, `RHK ${code} tidak ada di SKP ${nip} tahun ${year} (kode yang ada: ${rhks.map((r) => r.code).join(', ') || 'tidak ada RHK aktif'})`)
      continue
    }
    if (!period || !text || !targetOk || !satuan) continue
    const key = `${rhk.id}:${period}`
    const plan = plans.get(key) ?? { rhkId: rhk.id, period, actions: [] }
    plans.set(key, plan)
    const twin = plan.actions.find((a) => sameRencanaAksiText(a.text, text))
    if (twin) fail(line, `rencana aksi "${text}" untuk RHK ${rhk.code} bulan ${period} ganda: sudah ada di baris ${twin.line}`)
    else plan.actions.push({ line, text, target, satuan })
  }
  return bad ? null : plans
}

type CurrentAction = { id: number; text: string; target: number; satuan: string; position: number; active: boolean }
const CURRENT_ACTION = { id: true, text: true, target: true, satuan: true, position: true, active: true } as const

/**
 * What writing one RHK's month over its stored rencana aksi does, matched by their text: new ones, changed
 * ones (text, target, satuan, order, or inactive until now), unchanged ones, and the active ones the file
 * leaves out, which are deactivated. The writer and the preview both go by this.
 */
function monthChanges(current: CurrentAction[], plan: MonthPlan) {
  const left = new Set(current)
  const created: { action: ActionPlan; position: number }[] = []
  const updated: { action: ActionPlan; position: number; old: CurrentAction }[] = []
  let unchanged = 0
  let position = 0
  for (const a of plan.actions) {
    const old = current.find((c) => left.has(c) && sameRencanaAksiText(c.text, a.text))
    if (!old) created.push({ action: a, position })
    else {
      left.delete(old)
      if (old.text !== a.text || old.target !== a.target || old.satuan !== a.satuan || old.position !== position || !old.active) updated.push({ action: a, position, old })
      else unchanged++
    }
    position++
  }
  // left out of the file: activities may point at them, so they stay, out of the plan
  const deactivated = [...left].filter((c) => c.active)
  return { created, updated, unchanged, deactivated }
}

/** Writes one RHK's month: rencana aksi matched by their text, the ones left out deactivated, not deleted. */
async function writeMonth(tx: Tx, plan: MonthPlan, at: Date, counts: RencanaAksiCounts): Promise<void> {
  const changes = monthChanges(await tx.rencanaAksi.findMany({ where: { rhkId: plan.rhkId, period: plan.period }, select: CURRENT_ACTION }), plan)
  for (const { action: a, position } of changes.created) {
    await tx.rencanaAksi.create({ data: { rhkId: plan.rhkId, period: plan.period, text: a.text, target: a.target, satuan: a.satuan, position, createdAt: at, updatedAt: at } })
  }
  for (const { action: a, position, old } of changes.updated) {
    await tx.rencanaAksi.update({ where: { id: old.id }, data: { text: a.text, target: a.target, satuan: a.satuan, position, active: true, updatedAt: at } })
  }
  const gone = changes.deactivated.map((c) => c.id)
  if (gone.length > 0) await tx.rencanaAksi.updateMany({ where: { id: { in: gone } }, data: { active: false, updatedAt: at } })
  counts.rencanaAksi.created += changes.created.length
  counts.rencanaAksi.updated += changes.updated.length
  counts.rencanaAksi.unchanged += changes.unchanged
  counts.rencanaAksi.deactivated += gone.length
}

/** Reads a rencana aksi file (before the import's transaction opens). */
export const readRencanaAksi = (csv: string): ReadTable => readTable(csv, RENCANA_AKSI_COLUMNS)

/** Every row's rules against the stored employees and SKPs (`db` inside the import's transaction). */
async function checkRencanaAksi(db: Tx, read: ReadTable): Promise<{ ok: false; errors: RowProblem[] } | { ok: true; plans: Map<string, MonthPlan> }> {
  const errors: RowProblem[] = [...read.errors]
  const plans = read.table && (await validate(db, read.table, (line, message) => errors.push({ line, message })))
  if (errors.length > 0 || !plans) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) }
  return { ok: true, plans }
}

/**
 * Imports rencana aksi inside a transaction the caller opened, all or nothing: every row is checked first
 * and every problem reported with its line. An (nip, tahun, kode, bulan) in the file replaces that month's
 * plan of that RHK; other RHKs and months are left alone.
 */
export async function importRencanaAksiIn(tx: Tx, read: ReadTable, at: Date, by?: ImportedBy): Promise<RencanaAksiImportResult> {
  const checked = await checkRencanaAksi(tx, read)
  if (!checked.ok) return checked
  const counts: RencanaAksiCounts = { plans: checked.plans.size, rencanaAksi: { created: 0, updated: 0, unchanged: 0, deactivated: 0 } }
  for (const plan of checked.plans.values()) await writeMonth(tx, plan, at, counts)
  const { actorId, detail } = auditedBy(by)
  await audit(tx, { actorId, action: 'rencana-aksi.import', entity: 'rencana_aksi', at, detail: { ...counts, ...detail } })
  return { ok: true, ...counts }
}

/** {@link importRencanaAksiIn} in a transaction of its own: the CLI's import. */
export async function importRencanaAksi(db: Db, csv: string, at: Date, by?: ImportedBy): Promise<RencanaAksiImportResult> {
  const read = readRencanaAksi(csv)
  return db.$transaction((tx) => importRencanaAksiIn(tx, read, at, by), { timeout: 10 * 60_000, maxWait: 10_000 })
}

export type RencanaAksiPreview = { ok: true; parts: PreviewPart[] } | { ok: false; errors: RowProblem[] }

/**
 * What importRencanaAksi would do with this file now, without writing: per rencana aksi added, changed,
 * unchanged, and deactivated (an active one of a month in the file that the file leaves out).
 */
export async function previewRencanaAksi(db: Db, csv: string): Promise<RencanaAksiPreview> {
  const checked = await checkRencanaAksi(db, readRencanaAksi(csv))
  if (!checked.ok) return checked
  const rhks = new Map(
    (
      await db.rhk.findMany({
        where: { id: { in: [...new Set([...checked.plans.values()].map((p) => p.rhkId))] } },
        select: { id: true, code: true, skp: { select: { employee: { select: { nip: true } } } } },
      })
    ).map((r) => [r.id, `${r.skp.employee.nip} ${r.code}`]),
  )
  const created: PreviewItem[] = []
  const updated: PreviewItem[] = []
  const deactivated: PreviewItem[] = []
  let unchanged = 0
  for (const plan of checked.plans.values()) {
    const current = await db.rencanaAksi.findMany({ where: { rhkId: plan.rhkId, period: plan.period }, select: CURRENT_ACTION })
    const changes = monthChanges(current, plan)
    const key = `${rhks.get(plan.rhkId)} ${plan.period}`
    created.push(...changes.created.map(({ action: a }) => ({ key, label: `${a.text} (${a.target} ${a.satuan})` })))
    updated.push(
      ...changes.updated.map(({ action: a, position, old }) => ({
        key,
        label: a.text,
        fields: [
          ...(old.text !== a.text ? [{ column: 'rencana_aksi', from: old.text, to: a.text }] : []),
          ...(old.target !== a.target ? [{ column: 'target', from: String(old.target), to: String(a.target) }] : []),
          ...(old.satuan !== a.satuan ? [{ column: 'satuan', from: old.satuan, to: a.satuan }] : []),
          ...(!old.active ? [{ column: 'status', from: 'nonaktif', to: 'aktif' }] : []),
          ...(old.position !== position ? [{ column: 'urutan', from: String(old.position + 1), to: String(position + 1) }] : []),
        ],
      })),
    )
    deactivated.push(...changes.deactivated.map((c) => ({ key, label: c.text })))
    unchanged += changes.unchanged
  }
  const part: PreviewPart = {
    entity: 'rencana_aksi',
    created: created.length,
    updated: updated.length,
    unchanged,
    deactivated: deactivated.length,
    examples: { created: examples(created), updated: examples(updated), deactivated: examples(deactivated) },
  }
  return { ok: true, parts: [part] }
}
