// Scenario 5: the Monday weekly digest over organisations of two sizes with four weeks of activities
// (~20 per employee per work week). The activities are written with the database driver directly in big
// transactions (timed separately); the digest is the real `run-job weekly-digest` in a process of its
// own, whose time and peak RSS (VmHWM) are measured. The growth factor between sizes should follow the
// size factor (linear).
import Database from 'better-sqlite3'
import pg from 'pg'
import { postgresTarget, sqliteFile } from '../../src/db/client.js'
import { generateActivities } from '../../scripts/lib/synthetic-org.js'
import { startChild } from '../lib/child.js'
import { freshDatabase, seedOrg, type DbKind } from '../lib/setup.js'
import { round } from '../lib/stats.js'

// the four work weeks Mon 2 – Fri 27 November 2026; the digest runs Monday 30 November 07:30 WITA
const WORK_DAYS = Array.from({ length: 26 }, (_, k) => `2026-11-${String(2 + k).padStart(2, '0')}`).filter((d) => {
  const day = new Date(`${d}T00:00:00Z`).getUTCDay()
  return day !== 0 && day !== 6
})
const AT = '2026-11-30T07:30'
const COLUMNS = ['employeeId', 'date', 'startMinute', 'endMinute', 'minutes', 'description', 'status', 'version', 'submittedAt', 'createdAt', 'updatedAt']

export interface DigestSize {
  employees: number
  activities: number
  orgSeedSeconds: number
  activitySeedSeconds: number
  activitiesPerSecond: number
  digestSeconds: number
  peakMiB: number
  leaders: number
}

export interface DigestResult {
  scenario: 'digest-scale'
  database: DbKind
  sizes: DigestSize[]
  /** digest time of the larger ÷ the smaller, and the size factor it is to be compared with. */
  sizeFactor: number
  timeFactor: number
  memoryFactor: number
}

async function seedActivities(kind: DbKind, url: string, rows: Iterable<unknown[]>): Promise<number> {
  let n = 0
  if (kind === 'sqlite') {
    const db = new Database(sqliteFile(url))
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    const stmt = db.prepare(`INSERT INTO "Activity" (${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`)
    const ms = (v: unknown) => (v instanceof Date ? v.getTime() : v)
    let batch: unknown[][] = []
    const flush = db.transaction((b: unknown[][]) => {
      for (const r of b) stmt.run(...r.map(ms))
    })
    for (const r of rows) {
      batch.push(r)
      if (batch.length >= 200_000) {
        flush(batch)
        n += batch.length
        batch = []
      }
    }
    flush(batch)
    n += batch.length
    db.close()
    return n
  }
  const { connectionString, schema } = postgresTarget(url)
  const client = new pg.Client({ connectionString })
  await client.connect()
  await client.query(`SET search_path TO "${schema}"`)
  const types = ['int', 'text', 'int', 'int', 'int', 'text', 'text', 'int', 'timestamp(3)', 'timestamp(3)', 'timestamp(3)']
  // column arrays through unnest: one statement per 20,000 rows, one transaction per 200,000
  const sql = `INSERT INTO "Activity" (${COLUMNS.map((c) => `"${c}"`).join(', ')}) SELECT * FROM unnest(${types.map((t, k) => `$${k + 1}::${t}[]`).join(', ')})`
  let cols: unknown[][] = COLUMNS.map(() => [])
  let inBatch = 0
  let inTx = 0
  await client.query('BEGIN')
  const flush = async () => {
    if (inBatch === 0) return
    await client.query(sql, cols)
    n += inBatch
    inTx += inBatch
    cols = COLUMNS.map(() => [])
    inBatch = 0
    if (inTx >= 200_000) {
      await client.query('COMMIT')
      await client.query('BEGIN')
      inTx = 0
    }
  }
  for (const r of rows) {
    r.forEach((v, k) => cols[k]!.push(v instanceof Date ? v.toISOString() : v))
    if (++inBatch >= 20_000) await flush()
  }
  await flush()
  await client.query('COMMIT')
  await client.query('ANALYZE "Activity"')
  await client.end()
  return n
}

async function oneSize(database: DbKind, employees: number): Promise<DigestSize> {
  const target = freshDatabase(database, `digest${employees}`)
  try {
    let t0 = performance.now()
    const org = await seedOrg(target.url, employees)
    const ids = new Map((await org.db.prisma.employee.findMany({ select: { id: true, nip: true } })).map((e) => [e.nip, e.id]))
    const leaders = org.employees.filter((e) => e.role === 'LEADER').length
    await org.db.close()
    const orgSeedSeconds = (performance.now() - t0) / 1000
    const now = new Date('2026-11-27T10:00:00Z')
    function* rows() {
      for (const a of generateActivities({ seed: 7, employees: org.employees, workDays: WORK_DAYS, perWeek: 20 })) {
        const at = new Date(`${a.date}T09:00:00Z`)
        yield [ids.get(a.nip)!, a.date, a.startMinute, a.endMinute, a.endMinute - a.startMinute, a.description, a.status, 1, at, at, now]
      }
    }
    t0 = performance.now()
    const activities = await seedActivities(database, target.url, rows())
    const activitySeedSeconds = (performance.now() - t0) / 1000
    const run = await startChild('bench/servers/run-cli.ts', { DATABASE_URL: target.url, TELEGRAM_BOT_TOKEN: '777000:BENCH-kinerja-token-abcdefghijklmnop', LOG_LEVEL: 'warn' }, ['run-job', 'weekly-digest', '--at', AT])
    await run.stop()
    const r = run.ready as { code: number; ms: number; peakMiB: number; out: string; err: string }
    if (r.code !== 0) throw new Error(`weekly-digest failed (${r.code}): ${r.err}${r.out}`)
    return {
      employees,
      activities,
      orgSeedSeconds: round(orgSeedSeconds, 2),
      activitySeedSeconds: round(activitySeedSeconds, 2),
      activitiesPerSecond: Math.round(activities / activitySeedSeconds),
      digestSeconds: round(r.ms / 1000, 2),
      peakMiB: r.peakMiB,
      leaders,
    }
  } finally {
    await target.drop()
  }
}

export async function digestScale(opts: { database: DbKind; sizes: [number, number] }): Promise<DigestResult> {
  const small = await oneSize(opts.database, opts.sizes[0])
  const large = await oneSize(opts.database, opts.sizes[1])
  return {
    scenario: 'digest-scale',
    database: opts.database,
    sizes: [small, large],
    sizeFactor: round(large.employees / small.employees, 1),
    timeFactor: round(large.digestSeconds / small.digestSeconds, 1),
    memoryFactor: round(large.peakMiB / small.peakMiB, 1),
  }
}
