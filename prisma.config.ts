import path from 'node:path'
import type { PrismaConfig } from 'prisma'

// Used by the Prisma CLI only (generate, migrate diff). The app applies migrations itself at start-up.
export default {
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  async adapter() {
    const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3')
    return new PrismaBetterSQLite3({ url: process.env.PRISMA_CLI_DB ?? ':memory:' })
  },
} satisfies PrismaConfig
