// Database templates: migrating and importing the fixture organisation costs more than most tests, so
// it is done once per run and key, and each test gets a copy of the result (its own, as before).
// test/global-setup.ts makes a folder and a run id for this run (handed over with provide/inject) and
// removes everything made here when the run ends. Without it (no globalSetup) tests build as before.
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { inject } from 'vitest'
import { runCli } from '../../src/cli/index.js'
import { migratePostgres, migrateSqlite, MIGRATIONS_ROOT } from '../../src/db/migrate.js'
import { fixedClock } from '../../src/domain/clock.js'

export interface TemplateRun {
  /** Folder of this run's SQLite templates. */
  dir: string
  /** Part of every PostgreSQL database name this run makes: `kt_<runId>_…`. */
  runId: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    kinerjaTemplates: TemplateRun
  }
}

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures')
export const ORG_FILES = [path.join(FIXTURES, 'kendari-units.csv'), path.join(FIXTURES, 'kendari-employees.csv')] as const

/** What a template holds: the migrated schema only, or also the fixture organisation imported at `at` (in TZ_DEFAULT `tz`). */
export type TemplateKind = { org: false } | { org: true; at: string; tz?: string }

const run = (): TemplateRun | undefined => {
  try {
    return inject('kinerjaTemplates')
  } catch {
    return undefined
  }
}

export const templatesEnabled = (): boolean => run() !== undefined

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name))
    .sort()

let digest: string | undefined
/** Changes with any migration or fixture file, so an edited one never meets a stale template. */
function fingerprint(): string {
  if (digest) return digest
  const h = createHash('sha256')
  for (const f of [...files(MIGRATIONS_ROOT), ...ORG_FILES]) h.update(f).update('\0').update(readFileSync(f)).update('\0')
  digest = h.digest('hex').slice(0, 10)
  return digest
}

const keyOf = (kind: TemplateKind) =>
  `${fingerprint()}_${createHash('sha256').update(JSON.stringify(kind.org ? [kind.at, kind.tz ?? ''] : 'schema')).digest('hex').slice(0, 10)}`

/** The fixture import exactly as the harness ran it per test: the CLI, at the harness clock's time. */
async function importOrg(databaseUrl: string, kind: TemplateKind & { org: true }) {
  let err = ''
  const env = { DATABASE_URL: databaseUrl, ...(kind.tz !== undefined ? { TZ_DEFAULT: kind.tz } : {}) }
  const code = await runCli(['import-org', '--create', ...ORG_FILES], { env, clock: fixedClock(kind.at), stdout: () => {}, stderr: (s) => (err += s) })
  if (code !== 0) throw new Error(`fixture import failed: ${err}`)
}

let unique = 0
const uniqueName = () => `${process.pid}_${Date.now().toString(36)}_${(unique++).toString(36)}`

/**
 * A SQLite file made from the template of `kind` at `file`. The template is built at most once per run
 * and key (workers racing to build it each publish a complete file with an atomic rename; the last wins,
 * all are equal); it is a plain file with no WAL beside it, so a byte copy is the whole database.
 */
export async function copySqliteTemplate(kind: TemplateKind, file: string): Promise<void> {
  const { dir } = run()!
  const template = path.join(dir, `${keyOf(kind)}.db`)
  if (!existsSync(template)) {
    const build = path.join(dir, `build-${uniqueName()}`)
    mkdirSync(build)
    try {
      const db = path.join(build, 't.db')
      migrateSqlite(db)
      if (kind.org) await importOrg(`file:${db}`, kind)
      // everything into the main file; closing the last connection removes the WAL
      const conn = new Database(db)
      conn.pragma('wal_checkpoint(TRUNCATE)')
      conn.close()
      if (existsSync(`${db}-wal`)) throw new Error(`template ${db}: WAL left after checkpoint`)
      renameSync(db, template)
    } finally {
      rmSync(build, { recursive: true, force: true })
    }
  }
  copyFileSync(template, file)
}

/** The connection URL of database `name` on the server of TEST_DATABASE_URL (schema public). */
export function postgresDatabaseUrl(name: string, base = process.env.TEST_DATABASE_URL!): string {
  const u = new URL(base)
  u.pathname = `/${name}`
  u.searchParams.delete('schema')
  return u.toString()
}

async function withAdmin<T>(use: (c: pg.Client) => Promise<T>): Promise<T> {
  const u = new URL(process.env.TEST_DATABASE_URL!)
  u.searchParams.delete('schema')
  const client = new pg.Client({ connectionString: u.toString() })
  await client.connect()
  try {
    return await use(client)
  } finally {
    await client.end()
  }
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`

/**
 * A new PostgreSQL database copied from the template of `kind` (CREATE DATABASE … TEMPLATE, which
 * copies a whole database in one statement); returns its name. The template is built once per run and
 * key, under an advisory lock, and nothing stays connected to it (PostgreSQL refuses to copy a database
 * in use, after waiting 5 s for its sessions to end).
 */
export async function createPostgresFromTemplate(kind: TemplateKind): Promise<string> {
  const { runId } = run()!
  const template = `kt_${runId}_tpl_${keyOf(kind)}`
  const name = `kt_${runId}_${uniqueName()}`
  await withAdmin(async (c) => {
    const exists = async () => ((await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rowCount ?? 0) > 0
    if (!(await exists())) {
      await c.query('SELECT pg_advisory_lock(hashtext($1))', [template])
      try {
        if (!(await exists())) {
          // built under another name and renamed when complete: a failed build leaves no half template
          const build = `kt_${runId}_build_${uniqueName()}`
          await c.query(`CREATE DATABASE ${ident(build)}`)
          try {
            await migratePostgres(postgresDatabaseUrl(build), 'public')
            if (kind.org) await importOrg(postgresDatabaseUrl(build), kind)
            await c.query(`ALTER DATABASE ${ident(build)} RENAME TO ${ident(template)}`)
          } catch (err) {
            await c.query(`DROP DATABASE IF EXISTS ${ident(build)} WITH (FORCE)`)
            throw err
          }
        }
      } finally {
        await c.query('SELECT pg_advisory_unlock(hashtext($1))', [template])
      }
    }
    await c.query(`CREATE DATABASE ${ident(name)} TEMPLATE ${ident(template)}`)
  })
  return name
}

/** Drops databases made by createPostgresFromTemplate (any session still on them is ended). */
export async function dropPostgresDatabases(names: string[]): Promise<void> {
  if (names.length === 0) return
  await withAdmin(async (c) => {
    for (const name of names) await c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`)
  })
}
