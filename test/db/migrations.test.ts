import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrationDrift } from '../../scripts/db-migration.js'
import { MIGRATIONS_ROOT, MigrationError, migrateSqlite, readMigrations } from '../../src/db/migrate.js'
import { tempDir } from '../helpers/db.js'

const root = path.resolve(import.meta.dirname, '../..')

describe('migrations', () => {
  it('the committed migrations match prisma/schema.prisma (npm run db:check)', () => {
    const out = execFileSync(path.join(root, 'node_modules/.bin/tsx'), ['scripts/db-migration.ts', 'check'], { cwd: root, encoding: 'utf8' })
    expect(out).toMatch(/schema and migrations agree/)
  }, 60_000) // three runs of the Prisma CLI

  it('the migrations applied to an empty database build exactly the schema; a blanked or edited migration.sql fails the check', async () => {
    expect(await migrationDrift('sqlite')).toEqual([])
    const names = readMigrations('sqlite').map((m) => m.name)
    // every migration that changes the tables schema.prisma describes (one that only moves data, or only adds
    // triggers, leaves no trace there; the audit trail's triggers have a test of their own)
    const ddl = readMigrations('sqlite').filter((m) => /^\s*(CREATE\s+(TABLE|INDEX|UNIQUE\s+INDEX)|ALTER|DROP)\b/im.test(m.sql))
    expect(ddl.length).toBeGreaterThan(0)
    for (const { name } of ddl) {
      const copy = tempDir()
      cpSync(MIGRATIONS_ROOT, copy, { recursive: true })
      writeFileSync(path.join(copy, 'sqlite', name, 'migration.sql'), '')
      expect(await migrationDrift('sqlite', { migrationsRoot: copy }), `${name} blanked`).not.toEqual([])
    }
    // a hand edit that still applies: an index schema.prisma does not have
    const copy = tempDir()
    cpSync(MIGRATIONS_ROOT, copy, { recursive: true })
    const latest = path.join(copy, 'sqlite', names.at(-1)!, 'migration.sql')
    writeFileSync(latest, `${readFileSync(latest, 'utf8')}\nCREATE INDEX "Outbox_kind_idx" ON "Outbox"("kind");\n`)
    expect(await migrationDrift('sqlite', { migrationsRoot: copy })).toEqual([expect.stringMatching(/^Outbox index Outbox_kind_idx: migrations .*, schema\.prisma \(none\)$/)])
  }, 60_000)

  it('applies each migration once, in WAL mode, and refuses a migration changed after it was applied', () => {
    const dir = tempDir()
    const file = path.join(dir, 'm.db')
    const all = readMigrations('sqlite')
    expect(all.length).toBeGreaterThan(0)
    expect(migrateSqlite(file, all)).toEqual(all.map((m) => m.name))
    expect(migrateSqlite(file, all)).toEqual([])
    const db = new Database(file)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.prepare('SELECT count(*) AS n FROM "Activity"').get()).toEqual({ n: 0 })
    db.close()
    const tampered = all.map((m, i) => (i === 0 ? { ...m, checksum: 'x' } : m))
    expect(() => migrateSqlite(file, tampered)).toThrow(MigrationError)
  })

  it('reads migrations in name order from a folder', () => {
    const dir = tempDir()
    for (const name of ['20260102_b', '20260101_a']) {
      mkdirSync(path.join(dir, 'sqlite', name), { recursive: true })
      writeFileSync(path.join(dir, 'sqlite', name, 'migration.sql'), `CREATE TABLE "${name}" (id INTEGER);`)
    }
    expect(readMigrations('sqlite', dir).map((m) => m.name)).toEqual(['20260101_a', '20260102_b'])
  })
})
