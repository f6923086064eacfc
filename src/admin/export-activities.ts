import { evidenceText, formatClock, formatDateTimeId, t } from '../messages/index.js'
import type { ExportDeps, ExportScope } from './export.js'
import type { Evidence } from '../domain/types.js'
import type { Table } from './export-write.js'

/** Every activity of the scope's employees dated in the range, one row each, in unit, name and time order. */
export async function activitiesTable(deps: ExportDeps, scope: ExportScope): Promise<Table> {
  const rows = await deps.db.activity.findMany({
    where: { date: { gte: scope.from, lte: scope.to }, employee: { unitId: { in: scope.unitIds } } },
    orderBy: [{ employee: { unit: { code: 'asc' } } }, { employee: { name: 'asc' } }, { date: 'asc' }, { startMinute: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      date: true,
      startMinute: true,
      endMinute: true,
      minutes: true,
      description: true,
      status: true,
      evidenceKind: true,
      evidenceRef: true,
      evidenceName: true,
      decidedAt: true,
      decisionNote: true,
      rhk: { select: { code: true, text: true } },
      employee: { select: { nip: true, name: true, unit: { select: { code: true, name: true } } } },
      decisions: { orderBy: { id: 'desc' }, take: 1, select: { decider: { select: { name: true } } } },
    },
  })
  return {
    sheet: 'Aktivitas',
    columns: [
      { header: 'ID', width: 8 },
      { header: 'NIP', width: 20 },
      { header: 'Nama', width: 28 },
      { header: 'Kode unit', width: 14 },
      { header: 'Unit', width: 36 },
      { header: 'Tanggal', width: 12 },
      { header: 'Mulai', width: 8 },
      { header: 'Selesai', width: 8 },
      { header: 'Menit', width: 8 },
      { header: 'Uraian', width: 60 },
      { header: 'Kode RHK', width: 12 },
      { header: 'RHK', width: 40 },
      { header: 'Status', width: 14 },
      { header: 'Bukti dukung', width: 30 },
      { header: 'Diputuskan oleh', width: 28 },
      { header: 'Waktu keputusan', width: 22 },
      { header: 'Catatan keputusan', width: 40 },
    ],
    rows: rows.map((a) => {
      const evidence: Evidence | null = a.evidenceKind && a.evidenceRef ? { kind: a.evidenceKind as Evidence['kind'], ref: a.evidenceRef, ...(a.evidenceName ? { name: a.evidenceName } : {}) } : null
      const decided = a.status === 'DISETUJUI' || a.status === 'DITOLAK' || a.status === 'REVISI'
      return {
        cells: [
          a.id,
          a.employee.nip,
          a.employee.name,
          a.employee.unit.code,
          a.employee.unit.name,
          a.date,
          a.startMinute === null ? null : formatClock(a.startMinute),
          a.endMinute === null ? null : formatClock(a.endMinute),
          a.minutes,
          a.description,
          a.rhk?.code ?? null,
          a.rhk?.text ?? null,
          t(`status.${a.status}` as 'status.DIAJUKAN'),
          evidence ? evidenceText(evidence) : null,
          decided ? (a.decisions[0]?.decider.name ?? null) : null,
          decided && a.decidedAt ? formatDateTimeId(a.decidedAt, deps.tz) : null,
          decided ? a.decisionNote : null,
        ],
      }
    }),
  }
}
