// Creates migrations by diffing the schema the last migration was made from (a snapshot) against the
// current one, for SQLite and PostgreSQL alike (`prisma migrate dev` needs a shadow database, which the
// driver adapters cannot drive here), and checks that schema and migrations have not drifted apart.
//   npm run db:migration -- <name>   write prisma/migrations/{sqlite,postgresql}/<timestamp>_<name>/migration.sql
//   npm run db:check                 exit 1 if schema.prisma changed without a migration, or the two
//                                    providers' migration lists differ
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { postgresVariant, root, sqliteSchema } from './db-schema.js'

const migrations = path.join(root, 'prisma', 'migrations')
const snapshot = path.join(migrations, 'schema.snapshot.prisma')
// Prisma 7's CLI diffs only with a native schema engine, which cannot be downloaded here; Prisma 6's
// (installed as `prisma-6`) runs its schema engine as WebAssembly through a driver adapter
// (prisma/diff.config.ts). It checks for native engine files it will not load: any existing file does.
const prisma6 = path.join(root, 'node_modules', 'prisma-6', 'build', 'index.js')
const placeholder = path.join(root, 'package.json')
const cliEnv = { ...process.env, PRISMA_QUERY_ENGINE_LIBRARY: placeholder, PRISMA_SCHEMA_ENGINE_BINARY: placeholder }
const PROVIDERS = ['sqlite', 'postgresql'] as const
type Provider = (typeof PROVIDERS)[number]

function diff(provider: Provider): string {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kinerja-schema-'))
  try {
    // Prisma 6 wants a datasource url (Prisma 7 refuses one); older snapshots carry the SQLite one
    const url = provider === 'sqlite' ? 'file:./diff.db' : 'postgresql://localhost/diff'
    const withUrl = (text: string) => text.replace(/^\s*url\s*=.*\n/m, '').replace(/(datasource db \{[^}]*?provider\s*=\s*"[a-z]+")/, `$1\n  url      = "${url}"`)
    const variant = (text: string) => withUrl(provider === 'sqlite' ? text : postgresVariant(text))
    const to = path.join(tmp, 'to.prisma')
    writeFileSync(to, variant(readFileSync(sqliteSchema, 'utf8')))
    const from = ['--from-empty']
    if (existsSync(snapshot)) {
      writeFileSync(path.join(tmp, 'from.prisma'), variant(readFileSync(snapshot, 'utf8')))
      from.splice(0, 1, '--from-schema-datamodel', path.join(tmp, 'from.prisma'))
    }
    const config = path.join(root, 'prisma', 'diff.config.ts')
    return execFileSync(process.execPath, [prisma6, 'migrate', 'diff', '--config', config, ...from, '--to-schema-datamodel', to, '--script'], {
      cwd: root,
      env: cliEnv,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

const isEmpty = (sql: string) => sql.split('\n').every((l) => l.trim() === '' || l.startsWith('--'))
const names = (provider: Provider) => {
  const dir = path.join(migrations, provider)
  return existsSync(dir) ? readdirSync(dir).filter((n) => !n.startsWith('.')).sort() : []
}

const [command, name] = process.argv.slice(2)
if (command === 'create') {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error('usage: npm run db:migration -- <name_in_snake_case>')
    process.exit(2)
  }
  const scripts = PROVIDERS.map((p) => [p, diff(p)] as const)
  if (scripts.every(([, sql]) => isEmpty(sql))) {
    console.log('schema unchanged: no migration needed')
    process.exit(0)
  }
  const folder = `${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${name}`
  for (const [provider, sql] of scripts) {
    const dir = path.join(migrations, provider, folder)
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'migration.sql'), sql)
    console.log(`created ${path.relative(root, dir)}/migration.sql`)
  }
  copyFileSync(sqliteSchema, snapshot)
} else if (command === 'check') {
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
  if (!ok) process.exit(1)
  console.log('schema and migrations agree')
} else {
  console.error('usage: db-migration.ts create <name> | check')
  process.exit(2)
}
