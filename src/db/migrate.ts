import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'

export interface Migration {
  name: string
  sql: string
  checksum: string
}

export const MIGRATIONS_ROOT = path.resolve(import.meta.dirname, '../../prisma/migrations')

/** The committed migrations for a provider, in the order they were created. */
export function readMigrations(provider: 'sqlite' | 'postgresql', root = MIGRATIONS_ROOT): Migration[] {
  const dir = path.join(root, provider)
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    })
}

export class MigrationError extends Error {}

/**
 * Applies pending SQLite migrations, each in its own transaction, under the database's write lock
 * (BEGIN IMMEDIATE), so two processes starting at once apply each migration once. Also switches the file
 * to WAL, which is persistent. Uses better-sqlite3 directly because a migration has many statements.
 */
export function migrateSqlite(file: string, migrations = readMigrations('sqlite')): string[] {
  const db = new Database(file, { timeout: 15_000 })
  try {
    db.pragma('journal_mode = WAL')
    db.exec(`CREATE TABLE IF NOT EXISTS "_kinerja_migrations" (
      "name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)`)
    const applied: string[] = []
    const known = db.prepare('SELECT name, checksum FROM "_kinerja_migrations"')
    const record = db.prepare('INSERT INTO "_kinerja_migrations" (name, checksum, appliedAt) VALUES (?, ?, ?)')
    for (const m of migrations) {
      const step = db.transaction(() => {
        const done = new Map((known.all() as { name: string; checksum: string }[]).map((r) => [r.name, r.checksum]))
        const prior = done.get(m.name)
        if (prior !== undefined) {
          if (prior !== m.checksum) throw new MigrationError(`migration ${m.name} was changed after it was applied`)
          return
        }
        db.exec(m.sql)
        record.run(m.name, m.checksum, new Date().toISOString())
        applied.push(m.name)
      })
      step.immediate()
    }
    return applied
  } finally {
    db.close()
  }
}

// any constant: the key of the advisory lock that serialises migrations across instances
const MIGRATION_LOCK = 4_242_001

/**
 * Applies pending PostgreSQL migrations in `schema`. Several instances starting at once queue on an
 * advisory lock, so each migration runs once; each runs in its own transaction (PostgreSQL DDL is
 * transactional, so a failed migration leaves nothing half-done).
 */
export async function migratePostgres(connectionString: string, schema: string, migrations = readMigrations('postgresql')): Promise<string[]> {
  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    const ident = `"${schema.replace(/"/g, '""')}"`
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident}`)
    await client.query(`SET search_path TO ${ident}`)
    await client.query(`CREATE TABLE IF NOT EXISTS "_kinerja_migrations" (
      "name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())`)
    const done = new Map(
      (await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM "_kinerja_migrations"')).rows.map((r) => [r.name, r.checksum]),
    )
    const applied: string[] = []
    for (const m of migrations) {
      const prior = done.get(m.name)
      if (prior !== undefined) {
        if (prior !== m.checksum) throw new MigrationError(`migration ${m.name} was changed after it was applied`)
        continue
      }
      await client.query('BEGIN')
      try {
        await client.query(m.sql)
        await client.query('INSERT INTO "_kinerja_migrations" (name, checksum) VALUES ($1, $2)', [m.name, m.checksum])
        await client.query('COMMIT')
      } catch (e) {
        await client.query('ROLLBACK')
        throw e
      }
      applied.push(m.name)
    }
    return applied
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined)
    await client.end()
  }
}
