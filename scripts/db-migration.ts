// Creates migrations by diffing the schema the last migration was made from (a snapshot) against the
// current one, for SQLite and PostgreSQL alike (`prisma migrate dev` needs a shadow database, which the
// driver adapters cannot drive here), and checks that schema and migrations have not drifted apart.
//   npm run db:migration -- <name>   write prisma/migrations/{sqlite,postgresql}/<timestamp>_<name>/migration.sql
//   npm run db:check                 exit 1 if schema.prisma changed without a migration, the two providers'
//                                    migration lists differ, or the migrations applied to an empty database
//                                    do not build exactly the schema (PostgreSQL too when TEST_DATABASE_URL is set)
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { postgresTarget } from '../src/db/client.js'
import { MIGRATIONS_ROOT, migratePostgres, migrateSqlite, readMigrations } from '../src/db/migrate.js'
import { postgresVariant, root, sqliteSchema } from './db-schema.js'

const snapshot = path.join(MIGRATIONS_ROOT, 'schema.snapshot.prisma')
// Prisma 7's CLI diffs only with a native schema engine, which cannot be downloaded here; Prisma 6's
// (installed as `prisma-6`) runs its schema engine as WebAssembly through a driver adapter
// (prisma/diff.config.ts). It checks for native engine files it will not load: any existing file does.
// That engine cannot read a live database through the adapter (`--from-url`, `--from-migrations` fail),
// so the contents of the migrations are checked by comparing two databases ourselves (migrationDrift).
const prisma6 = path.join(root, 'node_modules', 'prisma-6', 'build', 'index.js')
const placeholder = path.join(root, 'package.json')
const cliEnv = { ...process.env, PRISMA_QUERY_ENGINE_LIBRARY: placeholder, PRISMA_SCHEMA_ENGINE_BINARY: placeholder }
const PROVIDERS = ['sqlite', 'postgresql'] as const
export type Provider = (typeof PROVIDERS)[number]

const diffs = new Map<string, string>()

/** The SQL that takes a database from the snapshot's schema (or from nothing) to schema.prisma. */
export function diff(provider: Provider, from: 'snapshot' | 'empty' = 'snapshot'): string {
  // the CLI takes seconds: a check of several migration folders against one schema asks once
  const key = JSON.stringify([provider, from, readFileSync(sqliteSchema, 'utf8'), existsSync(snapshot) && readFileSync(snapshot, 'utf8')])
  const known = diffs.get(key)
  if (known !== undefined) return known
  const sql = runDiff(provider, from)
  diffs.set(key, sql)
  return sql
}

function runDiff(provider: Provider, from: 'snapshot' | 'empty'): string {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kinerja-schema-'))
  try {
    // Prisma 6 wants a datasource url (Prisma 7 refuses one); older snapshots carry the SQLite one
    const url = provider === 'sqlite' ? 'file:./diff.db' : 'postgresql://localhost/diff'
    const withUrl = (text: string) => text.replace(/^\s*url\s*=.*\n/m, '').replace(/(datasource db \{[^}]*?provider\s*=\s*"[a-z]+")/, `$1\n  url      = "${url}"`)
    const variant = (text: string) => withUrl(provider === 'sqlite' ? text : postgresVariant(text))
    const to = path.join(tmp, 'to.prisma')
    writeFileSync(to, variant(readFileSync(sqliteSchema, 'utf8')))
    const args = ['--from-empty']
    if (from === 'snapshot' && existsSync(snapshot)) {
      writeFileSync(path.join(tmp, 'from.prisma'), variant(readFileSync(snapshot, 'utf8')))
      args.splice(0, 1, '--from-schema-datamodel', path.join(tmp, 'from.prisma'))
    }
    const config = path.join(root, 'prisma', 'diff.config.ts')
    return execFileSync(process.execPath, [prisma6, 'migrate', 'diff', '--config', config, ...args, '--to-schema-datamodel', to, '--script'], {
      cwd: root,
      env: cliEnv,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

/** Per table: each column, index and constraint (by name) described as a string, for comparing two databases. */
type Shape = Map<string, Map<string, string>>

const put = (shape: Shape, table: string, key: string, value: unknown) => {
  if (!shape.has(table)) shape.set(table, new Map())
  shape.get(table)!.set(key, JSON.stringify(value))
}

/** Columns are compared by name, not position: ADD COLUMN appends where a fresh CREATE TABLE puts it in schema order. */
function sqliteShape(file: string): Shape {
  const db = new Database(file, { readonly: true })
  try {
    const shape: Shape = new Map()
    const tables = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_kinerja_migrations'`).all() as { name: string; sql: string }[]
    for (const t of tables) {
      const q = (pragma: string, arg = t.name) => db.prepare(`SELECT * FROM pragma_${pragma}(?)`).all(arg) as Record<string, unknown>[]
      put(shape, t.name, 'table', { autoincrement: /AUTOINCREMENT/i.test(t.sql) })
      for (const c of q('table_xinfo')) put(shape, t.name, `column ${String(c.name)}`, { type: c.type, notnull: c.notnull, default: c.dflt_value, pk: c.pk, hidden: c.hidden })
      for (const i of q('index_list')) {
        const columns = q('index_xinfo', String(i.name)).filter((x) => x.key === 1).map((x) => [x.name, x.desc, x.coll])
        put(shape, t.name, `index ${String(i.name)}`, { unique: i.unique, origin: i.origin, partial: i.partial, columns })
      }
      const fks = new Map<number, Record<string, unknown>[]>()
      for (const f of q('foreign_key_list')) fks.set(Number(f.id), [...(fks.get(Number(f.id)) ?? []), f])
      for (const parts of fks.values()) {
        const [first] = parts
        put(shape, t.name, `foreign key (${parts.map((p) => p.from).join(', ')})`, { table: first?.table, to: parts.map((p) => p.to), onUpdate: first?.on_update, onDelete: first?.on_delete })
      }
    }
    return shape
  } finally {
    db.close()
  }
}

async function postgresShape(client: pg.Client, schema: string): Promise<Shape> {
  // relative to the search path, PostgreSQL prints names (sequences in defaults, FK targets) unqualified
  await client.query(`SET search_path TO "${schema}"`)
  const unqualify = (s: unknown) => (typeof s === 'string' ? s.replaceAll(`"${schema}".`, '').replaceAll(`${schema}.`, '') : s)
  const shape: Shape = new Map()
  const skip = '_kinerja_migrations'
  const columns = await client.query(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, numeric_precision, datetime_precision
       FROM information_schema.columns WHERE table_schema = $1 AND table_name <> $2`,
    [schema, skip],
  )
  for (const { table_name, column_name, column_default, ...rest } of columns.rows) put(shape, table_name, `column ${column_name}`, { ...rest, default: unqualify(column_default) })
  const indexes = await client.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename <> $2`, [schema, skip])
  for (const i of indexes.rows) put(shape, i.tablename, `index ${i.indexname}`, unqualify(i.indexdef))
  const constraints = await client.query(
    `SELECT cl.relname AS table, co.conname, pg_get_constraintdef(co.oid) AS def
       FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
      WHERE n.nspname = $1 AND cl.relname <> $2`,
    [schema, skip],
  )
  for (const c of constraints.rows) put(shape, c.table, `constraint ${c.conname}`, unqualify(c.def))
  return shape
}

function compare(fromMigrations: Shape, fromSchema: Shape): string[] {
  const out: string[] = []
  for (const table of new Set([...fromMigrations.keys(), ...fromSchema.keys()])) {
    const m = fromMigrations.get(table)
    const s = fromSchema.get(table)
    if (!m || !s) {
      out.push(`table ${table}: ${m ? 'only in the migrations' : 'missing from the migrations'}`)
      continue
    }
    for (const key of new Set([...m.keys(), ...s.keys()])) {
      if (m.get(key) !== s.get(key)) out.push(`${table} ${key}: migrations ${m.get(key) ?? '(none)'}, schema.prisma ${s.get(key) ?? '(none)'}`)
    }
  }
  return out
}

/** A migration that fails (a later one on a table a blanked one never made) is a finding, not a crash. */
const failure = (e: unknown) => `the migrations fail on an empty database: ${e instanceof Error ? e.message : String(e)}`

/**
 * Builds two empty databases, one with the committed migrations applied as the app applies them, one
 * with the script Prisma writes for schema.prisma from nothing, and lists every table, column, index and
 * constraint in which they differ. A migration edited by hand, blanked or left out shows up here even
 * when the snapshot and the folder names agree. PostgreSQL needs a server (`postgresUrl`): two schemas
 * of their own are created there and dropped.
 */
export async function migrationDrift(provider: Provider, opts: { migrationsRoot?: string; postgresUrl?: string } = {}): Promise<string[]> {
  const migrations = readMigrations(provider, opts.migrationsRoot)
  const expected = diff(provider, 'empty')
  if (provider === 'sqlite') {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'kinerja-drift-'))
    try {
      try {
        migrateSqlite(path.join(tmp, 'migrations.db'), migrations)
      } catch (e) {
        return [failure(e)]
      }
      const fresh = new Database(path.join(tmp, 'schema.db'))
      fresh.exec(expected)
      fresh.close()
      return compare(sqliteShape(path.join(tmp, 'migrations.db')), sqliteShape(path.join(tmp, 'schema.db')))
    } finally {
      rmSync(tmp, { recursive: true, force: true })
    }
  }
  if (!opts.postgresUrl) throw new Error('migrationDrift(postgresql) needs a PostgreSQL URL')
  const { connectionString } = postgresTarget(opts.postgresUrl)
  const tag = `drift_${process.pid}_${Date.now().toString(36)}`
  const [bySteps, bySchema] = [`${tag}_m`, `${tag}_s`]
  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    try {
      await migratePostgres(connectionString, bySteps, migrations)
    } catch (e) {
      return [failure(e)]
    }
    await client.query(`CREATE SCHEMA "${bySchema}"`)
    await client.query(`SET search_path TO "${bySchema}"`)
    await client.query(expected)
    return compare(await postgresShape(client, bySteps), await postgresShape(client, bySchema))
  } finally {
    for (const s of [bySteps, bySchema]) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`).catch(() => undefined)
    await client.end()
  }
}

const isEmpty = (sql: string) => sql.split('\n').every((l) => l.trim() === '' || l.startsWith('--'))
const names = (provider: Provider) => {
  const dir = path.join(MIGRATIONS_ROOT, provider)
  return existsSync(dir) ? readdirSync(dir).filter((n) => !n.startsWith('.')).sort() : []
}

function create(name: string | undefined): void {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error('usage: npm run db:migration -- <name_in_snake_case>')
    process.exit(2)
  }
  const scripts = PROVIDERS.map((p) => [p, diff(p)] as const)
  if (scripts.every(([, sql]) => isEmpty(sql))) {
    console.log('schema unchanged: no migration needed')
    return
  }
  const folder = `${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${name}`
  for (const [provider, sql] of scripts) {
    const dir = path.join(MIGRATIONS_ROOT, provider, folder)
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'migration.sql'), sql)
    console.log(`created ${path.relative(root, dir)}/migration.sql`)
  }
  copyFileSync(sqliteSchema, snapshot)
}

async function check(): Promise<void> {
  let ok = true
  for (const provider of PROVIDERS) {
    const sql = diff(provider)
    if (!isEmpty(sql)) {
      ok = false
      console.error(`prisma/schema.prisma has changes without a ${provider} migration. Run: npm run db:migration -- <name>\n${sql}`)
    }
  }
  if (names('sqlite').join() !== names('postgresql').join()) {
    ok = false
    console.error(`the SQLite and PostgreSQL migration lists differ:\n  sqlite:     ${names('sqlite').join(', ')}\n  postgresql: ${names('postgresql').join(', ')}`)
  }
  const postgresUrl = process.env.TEST_DATABASE_URL
  for (const provider of PROVIDERS) {
    if (provider === 'postgresql' && !postgresUrl) {
      console.log('postgresql migrations not applied to a database: set TEST_DATABASE_URL=postgresql://… to check them too')
      continue
    }
    const drift = await migrationDrift(provider, { postgresUrl })
    if (drift.length > 0) {
      ok = false
      console.error(`the ${provider} migrations, applied to an empty database, do not build prisma/schema.prisma:\n  ${drift.join('\n  ')}`)
    }
  }
  if (!ok) process.exit(1)
  console.log('schema and migrations agree')
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const [command, name] = process.argv.slice(2)
  if (command === 'create') create(name)
  else if (command === 'check') await check()
  else {
    console.error('usage: db-migration.ts create <name> | check')
    process.exit(2)
  }
}
