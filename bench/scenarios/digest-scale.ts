// Scenario 5: the Monday weekly digest over organisations of two sizes with four weeks of activities
// (~20 per employee per work week). Seeding is setup, not the measurement: the organisation is written with
// the driver and the activities are generated inside the database (bench/lib/bulk-seed.ts), both timed
// separately. The digest is the real `run-job weekly-digest` in a process of its own, whose time and peak
// RSS (VmHWM) are measured; then the outbox it wrote is checked (one chart and one digest per linked
// LEADER). The growth factor between sizes should follow the size factor (linear).
import { openDatabase } from '../../src/db/client.js'
import type { DigestView } from '../../src/domain/scheduled-messages.js'
import { bulkSeed } from '../lib/bulk-seed.js'
import { startChild } from '../lib/child.js'
import { freshDatabase, type DbKind } from '../lib/setup.js'
import { round } from '../lib/stats.js'

// the four work weeks Mon 2 – Fri 27 November 2026; the digest runs Monday 30 November 07:30 WITA
const WORK_DAYS = Array.from({ length: 26 }, (_, k) => `2026-11-${String(2 + k).padStart(2, '0')}`).filter((d) => {
  const day = new Date(`${d}T00:00:00Z`).getUTCDay()
  return day !== 0 && day !== 6
})
const AT = '2026-11-30T07:30'
const PER_DAY = 4 // 20 per work week

export interface DigestSize {
  employees: number
  activities: number
  orgSeedSeconds: number
  activitySeedSeconds: number
  /** Of activitySeedSeconds: creating the Activity indexes after the load (and VACUUM ANALYZE on PostgreSQL). */
  indexSeconds: number
  activitiesPerSecond: number
  digestSeconds: number
  peakMiB: number
  leaders: number
  /** What the job wrote: must be one chart and one digest per leader. */
  outbox: { digests: number; charts: number; attachments: number; ok: boolean; largestPayloadKiB: number }
}

export interface DigestResult {
  scenario: 'digest-scale'
  database: DbKind
  sizes: DigestSize[]
  /** digest time of the larger ÷ the smaller, and the size factor it is to be compared with. */
  sizeFactor: number
  timeFactor: number
  memoryFactor: number
  /** Wall time of the whole scenario (both sizes, seeding included). */
  seconds: number
}

/** The digest rows the job enqueued, checked against the linked leaders and the organisation. */
async function checkOutbox(url: string, employees: number): Promise<DigestSize['outbox'] & { leaders: number }> {
  const db = await openDatabase(url)
  try {
    const p = db.prisma
    const leaders = await p.employee.findMany({ where: { role: 'LEADER', active: true, accounts: { some: {} } }, select: { id: true, unitId: true, unit: { select: { parentId: true } } } })
    const [charts, attachments, digests] = await Promise.all([
      p.outbox.findMany({ where: { kind: 'digest_chart' }, select: { recipientId: true } }),
      p.attachment.count(),
      p.outbox.findMany({ where: { kind: 'leader_digest' }, select: { recipientId: true, payload: true } }),
    ])
    const ids = new Set(leaders.map((l) => l.id))
    const once = (rows: { recipientId: number }[]) => rows.length === ids.size && new Set(rows.map((r) => r.recipientId)).size === ids.size && rows.every((r) => ids.has(r.recipientId))
    // the top leader's digest covers everyone who reports (all but the top leader, who has no supervisor)
    const top = leaders.find((l) => l.unit.parentId === null)
    const topDigest = digests.find((d) => d.recipientId === top?.id)
    const total = topDigest ? (JSON.parse(topDigest.payload) as { digest: DigestView }).digest.total : undefined
    const ok = once(charts) && once(digests) && attachments === ids.size && total?.employees === employees - 1
    return { leaders: ids.size, digests: digests.length, charts: charts.length, attachments, ok, largestPayloadKiB: Math.round(Math.max(0, ...digests.map((d) => d.payload.length)) / 1024) }
  } finally {
    await db.close()
  }
}

async function oneSize(database: DbKind, employees: number): Promise<DigestSize> {
  const target = freshDatabase(database, `digest${employees}`)
  try {
    const seed = await bulkSeed(database, target.url, { employees, workDays: WORK_DAYS, perDay: PER_DAY, at: new Date('2026-11-27T10:00:00Z') })
    const run = await startChild('bench/servers/run-cli.ts', { DATABASE_URL: target.url, TELEGRAM_BOT_TOKEN: '777000:BENCH-kinerja-token-abcdefghijklmnop', LOG_LEVEL: 'warn' }, ['run-job', 'weekly-digest', '--at', AT])
    await run.stop()
    const r = run.ready as { code: number; ms: number; peakMiB: number; out: string; err: string }
    if (r.code !== 0) throw new Error(`weekly-digest failed (${r.code}): ${r.err}${r.out}`)
    const { leaders, ...outbox } = await checkOutbox(target.url, employees)
    return {
      employees,
      activities: seed.activities,
      orgSeedSeconds: round(seed.orgSeconds, 2),
      activitySeedSeconds: round(seed.activitySeconds, 2),
      indexSeconds: round(seed.indexSeconds, 2),
      activitiesPerSecond: Math.round(seed.activities / seed.activitySeconds),
      digestSeconds: round(r.ms / 1000, 2),
      peakMiB: r.peakMiB,
      leaders,
      outbox,
    }
  } finally {
    await target.drop()
  }
}

export async function digestScale(opts: { database: DbKind; sizes: [number, number] }): Promise<DigestResult> {
  const t0 = performance.now()
  const small = await oneSize(opts.database, opts.sizes[0])
  const large = await oneSize(opts.database, opts.sizes[1])
  return {
    scenario: 'digest-scale',
    database: opts.database,
    sizes: [small, large],
    sizeFactor: round(large.employees / small.employees, 1),
    timeFactor: round(large.digestSeconds / small.digestSeconds, 1),
    memoryFactor: round(large.peakMiB / small.peakMiB, 1),
    seconds: round((performance.now() - t0) / 1000, 1),
  }
}
