import path from 'node:path'

// For `prisma migrate diff` only (scripts/db-migration.ts), run with the Prisma 6 CLI: Prisma 7's CLI
// needs a native schema engine downloaded from the internet, Prisma 6's runs as WebAssembly through a
// driver adapter. Diffing two schema files touches no database; the in-memory one only satisfies the CLI.
export default {
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  async adapter() {
    const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3')
    return new PrismaBetterSqlite3({ url: ':memory:' })
  },
}
