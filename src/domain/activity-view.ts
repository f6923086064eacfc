import type { Prisma } from '../generated/prisma/client.js'
import type { ActivityStatus, ActivityView, DecisionOutcome, Evidence } from './types.js'

/** The columns every activity view needs: one explicit select, used by every query that renders. */
export const activityViewSelect = {
  id: true,
  version: true,
  date: true,
  startMinute: true,
  endMinute: true,
  minutes: true,
  description: true,
  evidenceKind: true,
  evidenceRef: true,
  evidenceName: true,
  evidenceFileId: true,
  status: true,
  decidedAt: true,
  decisionNote: true,
  rhk: { select: { code: true, text: true } },
  realisasi: true,
  rencanaAksi: { select: { id: true, text: true, satuan: true } },
  employee: {
    select: { id: true, name: true, position: true, timezone: true, supervisorId: true, unit: { select: { name: true } } },
  },
  decisions: {
    orderBy: { id: 'desc' },
    take: 1,
    select: { outcome: true, note: true, feedback: true, at: true, decider: { select: { name: true } } },
  },
} satisfies Prisma.ActivitySelect

export type ActivityRow = Prisma.ActivityGetPayload<{ select: typeof activityViewSelect }>

export function toActivityView(row: ActivityRow, defaultTimezone: string): ActivityView {
  const evidence: Evidence | null =
    row.evidenceKind && row.evidenceRef
      ? {
          kind: row.evidenceKind as Evidence['kind'],
          ref: row.evidenceRef,
          ...(row.evidenceName ? { name: row.evidenceName } : {}),
          ...(row.evidenceFileId ? { fileId: row.evidenceFileId } : {}),
        }
      : null
  const last = row.decisions[0]
  const decided = row.status === 'DISETUJUI' || row.status === 'DITOLAK' || row.status === 'REVISI'
  return {
    id: row.id,
    version: row.version,
    employee: { id: row.employee.id, name: row.employee.name, position: row.employee.position, unit: row.employee.unit.name },
    date: row.date,
    startMinute: row.startMinute,
    endMinute: row.endMinute,
    minutes: row.minutes,
    description: row.description,
    evidence,
    status: row.status as ActivityStatus,
    timezone: row.employee.timezone ?? defaultTimezone,
    rhk: row.rhk ? { code: row.rhk.code, text: row.rhk.text } : null,
    rencanaAksi: row.rencanaAksi ? { id: row.rencanaAksi.id, text: row.rencanaAksi.text, satuan: row.rencanaAksi.satuan, realisasi: row.realisasi ?? 1 } : null,
    ...(decided && last
      ? {
          decision: {
            outcome: last.outcome as DecisionOutcome,
            by: last.decider.name,
            at: last.at.toISOString(),
            note: last.note,
            feedback: last.feedback,
          },
        }
      : {}),
  }
}
