// The schema exists once (prisma/schema.prisma, SQLite). The PostgreSQL variant is derived from it on
// every install and generate, so the two can never drift: only the datasource and the client's output
// folder differ.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export const root = path.resolve(import.meta.dirname, '..')
export const sqliteSchema = path.join(root, 'prisma', 'schema.prisma')
export const postgresSchema = path.join(root, 'prisma', 'postgresql', 'schema.prisma')

export function postgresVariant(schema: string): string {
  const out = schema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/src\/generated\/prisma"/, 'output          = "../../src/generated/prisma-pg"')
  if (!out.includes('"postgresql"') || !out.includes('prisma-pg')) throw new Error('schema.prisma no longer has the expected datasource/generator lines')
  return `// GENERATED from prisma/schema.prisma by scripts/db-schema.ts — do not edit.\n${out}`
}

export function writePostgresSchema(from = readFileSync(sqliteSchema, 'utf8'), to = postgresSchema): void {
  mkdirSync(path.dirname(to), { recursive: true })
  writeFileSync(to, postgresVariant(from))
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) writePostgresSchema()
