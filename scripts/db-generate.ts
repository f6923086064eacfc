// `npm run db:generate` (also run after every install): derives the PostgreSQL schema from
// prisma/schema.prisma, then generates both clients. Offline, the Prisma CLI would try to download a
// native schema engine it does not need for `generate` (the client is TypeScript plus a WebAssembly
// query compiler): pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies that check.
// Only this CLI invocation sees the variable, never the app.
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { postgresSchema, root, sqliteSchema, writePostgresSchema } from './db-schema.js'

writePostgresSchema()
const cli = path.join(root, 'node_modules', 'prisma', 'build', 'index.js')
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? path.join(root, 'package.json') }
for (const schema of [sqliteSchema, postgresSchema]) {
  execFileSync(process.execPath, [cli, 'generate', '--no-hints', '--schema', schema], { cwd: root, env, stdio: 'inherit' })
}
