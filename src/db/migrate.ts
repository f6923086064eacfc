import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

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
