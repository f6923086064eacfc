import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { importOrg } from '../../src/admin/import-org.js'
import { openDatabase, type Database } from '../../src/db/client.js'
import { generateOrg, toCsv } from '../../scripts/lib/synthetic-org.js'

export type DbKind = 'sqlite' | 'postgresql'
export const PG_URL = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test'

export interface BenchDb {
  url: string
  kind: DbKind
  drop(): Promise<void>
}

/** An empty database of its own: a SQLite file in a temp folder or a fresh PostgreSQL schema. */
export function freshDatabase(kind: DbKind, label: string): BenchDb {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), `kinerja-bench-${label}-`))
    return { kind, url: `file:${path.join(dir, 'bench.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const schema = `bench_${label.replace(/\W/g, '_')}_${process.pid}_${Date.now().toString(36)}`
  const u = new URL(PG_URL)
  u.searchParams.set('schema', schema)
  return {
    kind,
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL })
      await c.connect()
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      await c.end()
    },
  }
}

export const TELEGRAM_ID_BASE = 900_000_000

/**
 * Imports a synthetic organisation of `employees` people and links each to a Telegram id
 * (TELEGRAM_ID_BASE + index in the generated list). Returns the generated org.
 */
export async function seedOrg(url: string, employees: number, seed = 1): Promise<ReturnType<typeof generateOrg> & { db: Database }> {
  const org = generateOrg({ seed, employees })
  const csv = toCsv(org)
  const db = await openDatabase(url)
  const r = await importOrg(db.prisma, { unitsCsv: csv.units, employeesCsv: csv.employees, today: '2026-11-27', at: new Date() })
  if (!r.ok) throw new Error(`synthetic import failed: ${JSON.stringify(r.errors.slice(0, 3))}`)
  const at = new Date()
  const ids = new Map((await db.prisma.employee.findMany({ select: { id: true, nip: true } })).map((e) => [e.nip, e.id]))
  const rows = org.employees.map((e, i) => ({
    employeeId: ids.get(e.nip)!,
    platform: 'telegram',
    externalId: String(TELEGRAM_ID_BASE + i),
    vouchedBy: 'code',
    chatId: String(TELEGRAM_ID_BASE + i),
    // linked and seen before: identify() treats an account without lastSeenAt as the import's first contact
    linkedAt: at,
    lastSeenAt: at,
  }))
  for (let i = 0; i < rows.length; i += 5000) await db.prisma.chatAccount.createMany({ data: rows.slice(i, i + 5000) })
  return { ...org, db }
}
