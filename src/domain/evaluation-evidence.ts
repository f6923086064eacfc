import type { Db } from '../db/client.js'
import type { IsoDate } from './dates.js'
import type { BerakhlakValue } from './evaluation-config.js'
import type { EvidenceSummary } from './evaluation-types.js'
import { rhkTallies } from './skp.js'

/** How many feedback notes a card quotes (the count says how many there were). */
const QUOTED_FEEDBACK = 5

/**
 * What built up for each employee over [from, to]: activities and approved minutes per RHK, the outcome of
 * their reports, and the feedback they received. Read in a few queries for a whole round.
 */
export async function evidenceFor(db: Db, employeeIds: number[], from: IsoDate, to: IsoDate): Promise<Map<number, EvidenceSummary>> {
  const [tallies, statuses, feedback] = await Promise.all([
    rhkTallies(db, employeeIds, from, to),
    db.activity.groupBy({
      by: ['employeeId', 'status'],
      where: { employeeId: { in: employeeIds }, date: { gte: from, lte: to }, status: { not: 'DITARIK' } },
      _count: { _all: true },
      _sum: { minutes: true },
    }),
    db.feedback.findMany({
      where: { employeeId: { in: employeeIds }, date: { gte: from, lte: to } },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      select: { employeeId: true, value: true, note: true, date: true, author: { select: { name: true } } },
    }),
  ])
  const out = new Map<number, EvidenceSummary>()
  for (const id of employeeIds) {
    const mine = statuses.filter((s) => s.employeeId === id)
    const count = (status: string) => mine.find((s) => s.status === status)?._count._all ?? 0
    const total = mine.reduce((n, s) => n + s._count._all, 0)
    const approved = count('DISETUJUI')
    const received = feedback.filter((f) => f.employeeId === id)
    out.set(id, {
      rhk: tallies.get(id) ?? [],
      counts: { total, approved, rejected: count('DITOLAK'), revision: count('REVISI'), pending: count('DIAJUKAN') },
      approvedMinutes: mine.find((s) => s.status === 'DISETUJUI')?._sum.minutes ?? 0,
      approvalPercent: total > 0 ? Math.round((approved / total) * 1000) / 10 : null,
      feedback: received
        .slice(0, QUOTED_FEEDBACK)
        .map((f) => ({ value: f.value as BerakhlakValue | null, note: f.note, by: f.author.name, date: f.date })),
      feedbackCount: received.length,
    })
  }
  return out
}
