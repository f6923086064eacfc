import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Writable } from 'node:stream'
import pg from 'pg'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { migrationDrift } from '../../scripts/db-migration.js'
import { openDatabase, postgresTarget, type Database } from '../../src/db/client.js'
import { MIGRATIONS_ROOT, readMigrations } from '../../src/db/migrate.js'
import { onPostgres, tempDatabaseUrl, tempDir } from '../helpers/db.js'

// PostgreSQL only (the `postgresql` project sets TEST_DATABASE_URL); the SQLite side is in migrations.test.ts.
describe.skipIf(!onPostgres())('PostgreSQL migrations', () => {
  it('applied to an empty schema, build exactly the schema; a blanked or edited migration.sql fails the check', async () => {
    const postgresUrl = process.env.TEST_DATABASE_URL!
    expect(await migrationDrift('postgresql', { postgresUrl })).toEqual([])
    const names = readMigrations('postgresql').map((m) => m.name)
    // every migration that changes the tables schema.prisma describes (one that only moves data, or only adds
    // triggers, leaves no trace there; the audit trail's triggers have a test of their own)
    const ddl = readMigrations('postgresql').filter((m) => /^\s*(CREATE\s+(TABLE|INDEX|UNIQUE\s+INDEX)|ALTER|DROP)\b/im.test(m.sql))
    expect(ddl.length).toBeGreaterThan(0)
    for (const { name } of ddl) {
      const copy = tempDir()
      cpSync(MIGRATIONS_ROOT, copy, { recursive: true })
      writeFileSync(path.join(copy, 'postgresql', name, 'migration.sql'), '')
      expect(await migrationDrift('postgresql', { postgresUrl, migrationsRoot: copy }), `${name} blanked`).not.toEqual([])
    }
    // a hand edit that still applies: a column type schema.prisma does not say
    const copy = tempDir()
    cpSync(MIGRATIONS_ROOT, copy, { recursive: true })
    const latest = path.join(copy, 'postgresql', names.at(-1)!, 'migration.sql')
    writeFileSync(latest, `${readFileSync(latest, 'utf8')}\nALTER TABLE "Outbox" ALTER COLUMN "kind" TYPE VARCHAR(40);\n`)
    expect(await migrationDrift('postgresql', { postgresUrl, migrationsRoot: copy })).toEqual([expect.stringMatching(/^Outbox column kind: migrations .*varchar.*, schema\.prisma .*text/)])
  }, 60_000)

  it('several instances opening one fresh schema at once apply each migration exactly once, without errors', async () => {
    const url = tempDatabaseUrl()
    const lines: string[] = []
    const log = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) }))
    const opened: Database[] = []
    try {
      const results = await Promise.allSettled(Array.from({ length: 5 }, () => openDatabase(url, log, { poolSize: 2 })))
      for (const r of results) if (r.status === 'fulfilled') opened.push(r.value)
      expect(results.filter((r) => r.status === 'rejected')).toEqual([])

      const all = readMigrations('postgresql').map((m) => m.name)
      const applied = lines.map((l) => JSON.parse(l) as { msg: string; applied?: string[] }).filter((l) => l.msg === 'database migrations applied').flatMap((l) => l.applied ?? [])
      expect(applied).toEqual(all)
      const { connectionString, schema } = postgresTarget(url)
      const client = new pg.Client({ connectionString })
      await client.connect()
      try {
        const rows = await client.query<{ name: string }>(`SELECT name FROM "${schema}"."_kinerja_migrations" ORDER BY name`)
        expect(rows.rows.map((r) => r.name)).toEqual(all)
      } finally {
        await client.end()
      }
      for (const db of opened) await db.ping()
      expect(await opened[0]!.prisma.activity.count()).toBe(0)
    } finally {
      await Promise.all(opened.map((db) => db.close()))
    }
  })
})
