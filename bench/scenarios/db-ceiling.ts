// Scenario 6: the same activity rows inserted one by one through Prisma (as the ingest path does, one
// statement per report), through Prisma's createMany, and through the driver directly. The ingest ratio
// can be no better than what one-row Prisma inserts allow.
import Database from 'better-sqlite3'
import pg from 'pg'
import { openDatabase, postgresTarget, sqliteFile } from '../../src/db/client.js'
import { freshDatabase, seedOrg, type DbKind } from '../lib/setup.js'
import { round } from '../lib/stats.js'

export interface CeilingResult {
  scenario: 'db-ceiling'
  database: DbKind
  rows: number
  prismaCreatePerSec: number
  prismaCreateConcurrentPerSec: number
  prismaCreateManyPerSec: number
  driverPerSec: number
  driverBatchedPerSec: number
}

const COLUMNS = ['employeeId', 'date', 'startMinute', 'endMinute', 'minutes', 'description', 'status', 'version', 'submittedAt', 'createdAt', 'updatedAt']

export async function dbCeiling(opts: { database: DbKind; rows: number }): Promise<CeilingResult> {
  const target = freshDatabase(opts.database, 'ceiling')
  const org = await seedOrg(target.url, 200)
  const ids = (await org.db.prisma.employee.findMany({ select: { id: true } })).map((e) => e.id)
  const row = (i: number) => ({
    employeeId: ids[i % ids.length]!,
    date: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`,
    startMinute: 480,
    endMinute: 540,
    minutes: 60,
    description: `Kegiatan ${i}`,
    status: 'DIAJUKAN',
  })
  const perSec = (n: number, ms: number) => round(n / (ms / 1000))
  const time = async (fn: () => Promise<void>) => {
    const t0 = performance.now()
    await fn()
    return performance.now() - t0
  }
  try {
    const prisma = org.db.prisma
    const n = opts.rows
    const create = await time(async () => {
      for (let i = 0; i < n; i++) await prisma.activity.create({ data: row(i), select: { id: true } })
    })
    const concurrent = await time(async () => {
      let next = 0
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          for (let i = next++; i < n; i = next++) await prisma.activity.create({ data: row(i), select: { id: true } })
        }),
      )
    })
    const createMany = await time(async () => {
      for (let i = 0; i < n; i += 500) await prisma.activity.createMany({ data: Array.from({ length: Math.min(500, n - i) }, (_, k) => row(i + k)) })
    })
    await org.db.close()

    let driver: number
    let batched: number
    const now = new Date()
    const values = (i: number) => {
      const r = row(i)
      return [r.employeeId, r.date, r.startMinute, r.endMinute, r.minutes, r.description, r.status, 1, now, now, now]
    }
    const cols = COLUMNS.map((c) => `"${c}"`).join(', ')
    if (opts.database === 'sqlite') {
      const db = new Database(sqliteFile(target.url))
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = NORMAL')
      const stmt = db.prepare(`INSERT INTO "Activity" (${cols}) VALUES (${COLUMNS.map(() => '?').join(', ')})`)
      const ms = (v: unknown) => (v instanceof Date ? v.getTime() : v)
      // one statement and one commit per row, as a request would do it
      driver = await time(async () => {
        for (let i = 0; i < n; i++) stmt.run(...values(i).map(ms))
      })
      batched = await time(async () => {
        db.transaction(() => {
          for (let i = 0; i < n; i++) stmt.run(...values(i).map(ms))
        })()
      })
      db.close()
    } else {
      const { connectionString, schema } = postgresTarget(target.url)
      const client = new pg.Client({ connectionString })
      await client.connect()
      await client.query(`SET search_path TO "${schema}"`)
      const sql = `INSERT INTO "Activity" (${cols}) VALUES (${COLUMNS.map((_, k) => `$${k + 1}`).join(', ')})`
      driver = await time(async () => {
        for (let i = 0; i < n; i++) await client.query(sql, values(i))
      })
      batched = await time(async () => {
        for (let i = 0; i < n; i += 500) {
          const chunk = Array.from({ length: Math.min(500, n - i) }, (_, k) => values(i + k))
          const placeholders = chunk.map((_, r) => `(${COLUMNS.map((__, c) => `$${r * COLUMNS.length + c + 1}`).join(', ')})`).join(', ')
          await client.query(`INSERT INTO "Activity" (${cols}) VALUES ${placeholders}`, chunk.flat())
        }
      })
      await client.end()
    }
    const check = await openDatabase(target.url)
    const total = await check.prisma.activity.count()
    await check.close()
    if (total !== n * 5) throw new Error(`expected ${n * 5} rows, found ${total}`)
    return {
      scenario: 'db-ceiling',
      database: opts.database,
      rows: n,
      prismaCreatePerSec: perSec(n, create),
      prismaCreateConcurrentPerSec: perSec(n, concurrent),
      prismaCreateManyPerSec: perSec(n, createMany),
      driverPerSec: perSec(n, driver),
      driverBatchedPerSec: perSec(n, batched),
    }
  } finally {
    await target.drop()
  }
}
