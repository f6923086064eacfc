import type { BerakhlakValue, Predikat, Rating } from '../domain/evaluation-config.js'
import { BERAKHLAK } from '../domain/evaluation-config.js'
import { isFinal } from '../domain/evaluation-view.js'
import { periodLabel, predikatLabel, ratingLabel, valueLabel } from '../messages/index.js'
import type { ExportDeps, ExportScope } from './export.js'
import type { Cell, Table, TableRow } from './export-write.js'

const MAX_BUKTI = 20
const ASPEK: Record<string, string> = { KUANTITAS: 'Kuantitas', KUALITAS: 'Kualitas', WAKTU: 'Waktu' }
const JENIS: Record<string, string> = { UTAMA: 'Utama', TAMBAHAN: 'Tambahan' }

interface Approved {
  id: number
  date: string
  minutes: number
  rhkId: number | null
  evidenceKind: string | null
  evidenceRef: string | null
  evidenceName: string | null
}

const realisasi = (list: Approved[]) => `${list.length} kegiatan disetujui, ${list.reduce((n, a) => n + a.minutes, 0)} menit`

/** Evidence of the approved activities: links in full, files by name (they live in the chat platform). */
function bukti(list: Approved[]): string {
  const items = list
    .filter((a) => a.evidenceKind && a.evidenceRef)
    .map((a) => `#${a.id} ${a.date}: ${a.evidenceKind === 'link' ? a.evidenceRef : `${a.evidenceKind}${a.evidenceName ? ` ${a.evidenceName}` : ''}`}`)
  if (items.length === 0) return ''
  return items.length <= MAX_BUKTI ? items.join('; ') : `${items.slice(0, MAX_BUKTI).join('; ')}; …(+${items.length - MAX_BUKTI})`
}

function status(e: { status: string; keberatanUntil: Date | null; keberatan: { status: string } | null }, at: Date): string {
  if (e.status === 'MENUNGGU') return 'Belum dinilai'
  if (e.status === 'KEBERATAN') return 'Keberatan diajukan'
  return isFinal(e, at) ? 'Final' : 'Dinilai (masa keberatan)'
}

function notesText(json: string | null): string {
  const notes = (json ? JSON.parse(json) : {}) as Partial<Record<BerakhlakValue, string>>
  return BERAKHLAK.filter((v) => notes[v]).map((v) => `${valueLabel(v)}: ${notes[v]}`).join('; ')
}

/**
 * Periodic evaluations of the scope whose period lies inside the range, shaped for entry into BKN
 * e-Kinerja: per employee each RHK and indicator (with the supervisor's RHK it supports), then its
 * realisasi and bukti dukung from approved activities, then the ratings and the predikat.
 */
export async function evaluationTable(deps: ExportDeps, scope: ExportScope, at: Date): Promise<Table> {
  const { db } = deps
  const evaluations = await db.evaluation.findMany({
    where: { from: { gte: scope.from }, to: { lte: scope.to }, employee: { unitId: { in: scope.unitIds } } },
    orderBy: [{ from: 'asc' }, { employee: { unit: { code: 'asc' } } }, { employee: { name: 'asc' } }],
    select: {
      employeeId: true, period: true, from: true, to: true, status: true, hasilKerja: true, perilakuKerja: true, predikat: true,
      notes: true, keberatanUntil: true, keberatan: { select: { status: true } },
      employee: { select: { nip: true, name: true, position: true, unit: { select: { name: true } } } },
    },
  })
  const rows: TableRow[] = []
  for (const e of evaluations) {
    const [rhks, approved] = await Promise.all([
      db.rhk.findMany({
        where: { skp: { employeeId: e.employeeId, year: Number(e.from.slice(0, 4)) } },
        orderBy: [{ position: 'asc' }, { id: 'asc' }],
        select: {
          id: true, code: true, text: true, kind: true, active: true,
          parent: { select: { code: true, text: true } },
          indicators: { orderBy: { position: 'asc' }, select: { aspect: true, indicator: true, target: true, unit: true } },
        },
      }),
      db.activity.findMany({
        where: { employeeId: e.employeeId, status: 'DISETUJUI', date: { gte: e.from, lte: e.to } },
        orderBy: [{ date: 'asc' }, { id: 'asc' }],
        select: { id: true, date: true, minutes: true, rhkId: true, evidenceKind: true, evidenceRef: true, evidenceName: true },
      }),
    ])
    const tail: Cell[] = [
      ratingLabel(e.hasilKerja as Rating | null),
      ratingLabel(e.perilakuKerja as Rating | null),
      predikatLabel(e.predikat as Predikat | null),
      notesText(e.notes),
      status(e, at),
    ]
    const head: Cell[] = [periodLabel(e.period), e.employee.nip, e.employee.name, e.employee.position, e.employee.unit.name]
    const push = (rhk: Cell[], ind: Cell[], list: Approved[]) => rows.push({ cells: [...head, ...rhk, ...ind, realisasi(list), bukti(list), ...tail] })
    for (const r of rhks) {
      const list = approved.filter((a) => a.rhkId === r.id)
      if (!r.active && list.length === 0) continue
      const rhk: Cell[] = [JENIS[r.kind] ?? r.kind, r.parent ? `${r.parent.code} — ${r.parent.text}` : null, r.code, r.text]
      if (r.indicators.length === 0) push(rhk, [null, null, null, null], list)
      for (const i of r.indicators) push(rhk, [ASPEK[i.aspect] ?? i.aspect, i.indicator, i.target, i.unit], list)
    }
    const without = approved.filter((a) => a.rhkId === null || !rhks.some((r) => r.id === a.rhkId))
    if (without.length > 0 || rhks.length === 0) push([null, null, null, 'Kegiatan tanpa RHK'], [null, null, null, null], without)
  }
  return {
    sheet: 'Evaluasi e-Kinerja',
    columns: [
      { header: 'Periode', width: 16 },
      { header: 'NIP', width: 20 },
      { header: 'Nama', width: 28 },
      { header: 'Jabatan', width: 36 },
      { header: 'Unit', width: 36 },
      { header: 'Jenis RHK', width: 10 },
      { header: 'RHK atasan yang diintervensi', width: 40 },
      { header: 'Kode RHK', width: 10 },
      { header: 'Rencana hasil kerja', width: 48 },
      { header: 'Aspek', width: 10 },
      { header: 'Indikator kinerja individu', width: 40 },
      { header: 'Target', width: 8 },
      { header: 'Satuan', width: 12 },
      { header: 'Realisasi', width: 30 },
      { header: 'Bukti dukung', width: 50 },
      { header: 'Rating hasil kerja', width: 20 },
      { header: 'Rating perilaku kerja', width: 20 },
      { header: 'Predikat kinerja', width: 16 },
      { header: 'Catatan perilaku (BerAKHLAK)', width: 40 },
      { header: 'Status penilaian', width: 22 },
    ],
    rows,
  }
}
