import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import type { Logger } from 'pino'
import { PrismaClient } from '../generated/prisma/client.js'
import { migrateSqlite } from './migrate.js'

export type Db = PrismaClient
/** What a transaction callback receives. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]

export interface Database {
  prisma: Db
  provider: 'sqlite' | 'postgresql'
  ping(): Promise<void>
  close(): Promise<void>
}

export function sqliteFile(url: string): string {
  const file = url.replace(/^file:/, '').replace(/\?.*$/, '')
  return path.resolve(file)
}

/** Opens the database named by DATABASE_URL and brings its schema up to date first. */
export async function openDatabase(url: string, log?: Logger): Promise<Database> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('PostgreSQL is not supported yet: use a file: DATABASE_URL')
  }
  const file = sqliteFile(url)
  mkdirSync(path.dirname(file), { recursive: true })
  const applied = migrateSqlite(file)
  if (applied.length > 0) log?.info({ applied }, 'database migrations applied')
  // timeout = SQLite busy timeout: wait for the writer instead of failing with SQLITE_BUSY
  const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: 10_000 }) })
  // WAL is already set on the file; NORMAL is crash-safe in WAL mode and much faster than FULL
  await prisma.$queryRawUnsafe('PRAGMA synchronous = NORMAL')
  await prisma.$queryRawUnsafe('PRAGMA foreign_keys = ON')
  return {
    prisma,
    provider: 'sqlite',
    ping: async () => {
      await prisma.$queryRawUnsafe('SELECT 1')
    },
    close: () => prisma.$disconnect(),
  }
}

/** Prisma's code for a unique-constraint violation: the idempotency signal. */
export const isUniqueViolation = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: string }).code === 'P2002'
