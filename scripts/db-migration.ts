// Creates migrations by diffing the schema the last migration was made from against the current one
// (`prisma migrate dev` needs a shadow database, which the SQLite adapter cannot drive here), and checks
// that the schema and the committed migrations have not drifted apart.
//   npm run db:migration -- <name>    write prisma/migrations/sqlite/<timestamp>_<name>/migration.sql
//   npm run db:check                  exit 1 if schema.prisma changed without a migration
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const schema = path.join(root, 'prisma', 'schema.prisma')
const migrations = path.join(root, 'prisma', 'migrations')
const snapshot = path.join(migrations, 'schema.snapshot.prisma')
const prisma = path.join(root, 'node_modules', '.bin', 'prisma')

function diff(): string {
  const from = existsSync(snapshot) ? ['--from-schema-datamodel', snapshot] : ['--from-empty']
  return execFileSync(prisma, ['migrate', 'diff', ...from, '--to-schema-datamodel', schema, '--script'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

const isEmpty = (sql: string) => sql.split('\n').every((l) => l.trim() === '' || l.startsWith('--'))

const [command, name] = process.argv.slice(2)
if (command === 'create') {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error('usage: npm run db:migration -- <name_in_snake_case>')
    process.exit(2)
  }
  const sql = diff()
  if (isEmpty(sql)) {
    console.log('schema unchanged: no migration needed')
    process.exit(0)
  }
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
  const dir = path.join(migrations, 'sqlite', `${stamp}_${name}`)
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'migration.sql'), sql)
  copyFileSync(schema, snapshot)
  console.log(`created ${path.relative(root, dir)}/migration.sql`)
} else if (command === 'check') {
  const sql = diff()
  if (!isEmpty(sql)) {
    console.error('prisma/schema.prisma has changes without a migration. Run: npm run db:migration -- <name>\n')
    console.error(sql)
    process.exit(1)
  }
  console.log('schema and migrations agree')
} else {
  console.error('usage: db-migration.ts create <name> | check')
  process.exit(2)
}
