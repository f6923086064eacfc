import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MigrationError, migrateSqlite, readMigrations } from '../../src/db/migrate.js'
import { tempDir } from '../helpers/db.js'

const root = path.resolve(import.meta.dirname, '../..')

describe('migrations', () => {
  it('the committed migrations match prisma/schema.prisma (npm run db:check)', () => {
    const out = execFileSync(path.join(root, 'node_modules/.bin/tsx'), ['scripts/db-migration.ts', 'check'], { cwd: root, encoding: 'utf8' })
    expect(out).toMatch(/schema and migrations agree/)
  })

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
