import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import type { Logger } from 'pino'
import pg from 'pg'
import { PrismaClient } from '../generated/prisma/client.js'
import { PrismaClient as PgPrismaClient } from '../generated/prisma-pg/client.js'
import { migratePostgres, migrateSqlite } from './migrate.js'

export type Db = PrismaClient

// Prisma's defaults (wait 2 s for a connection, 5 s per transaction) fail requests under a burst on a
// small pool; a report waiting a little longer beats one refused with an error.
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 }
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

/**
 * Prisma's SQLite adapter opens transactions with a deferred BEGIN: one that reads and then writes fails
 * with SQLITE_BUSY_SNAPSHOT when another process (the CLI next to the running app) wrote in between,
 * instead of waiting. Each transaction here takes the write lock first, as BEGIN IMMEDIATE would, so
 * it waits for the other writer (busy timeout) and then reads what that one wrote. Within one process
 * the adapter already runs transactions one at a time, so this costs nothing there.
 */
class ImmediateSqlite extends PrismaBetterSqlite3 {
  override async connect(): ReturnType<PrismaBetterSqlite3['connect']> {
    const adapter = await super.connect()
    const begin = adapter.startTransaction.bind(adapter)
    adapter.startTransaction = async (isolationLevel) => {
      const tx = await begin(isolationLevel)
      try {
        // a write that matches no row still takes the write lock
        await tx.executeRaw({ sql: 'UPDATE "JobRun" SET "id" = "id" WHERE 1 = 0', args: [], argTypes: [] })
      } catch (err) {
        await tx.executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] }).catch(() => undefined)
        await tx.rollback()
        throw err
      }
      return tx
    }
    return adapter
  }
}

/** Opens the database named by DATABASE_URL and brings its schema up to date first. */
export async function openDatabase(url: string, log?: Logger, opts: { poolSize?: number } = {}): Promise<Database> {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, log, opts.poolSize ?? 10)
  const file = sqliteFile(url)
  mkdirSync(path.dirname(file), { recursive: true })
  const applied = migrateSqlite(file)
  if (applied.length > 0) log?.info({ applied }, 'database migrations applied')
  // timeout = SQLite busy timeout: wait for the writer instead of failing with SQLITE_BUSY
  const prisma = new PrismaClient({ adapter: new ImmediateSqlite({ url: file, timeout: 10_000 }), transactionOptions: TRANSACTION_OPTIONS })
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

/** `?schema=x` selects the PostgreSQL schema (default public); it is not a libpq parameter. */
export function postgresTarget(url: string): { connectionString: string; schema: string } {
  const u = new URL(url)
  const schema = u.searchParams.get('schema') ?? 'public'
  u.searchParams.delete('schema')
  return { connectionString: u.toString(), schema }
}

async function openPostgres(url: string, log: Logger | undefined, poolSize: number): Promise<Database> {
  const { connectionString, schema } = postgresTarget(url)
  const applied = await migratePostgres(connectionString, schema)
  if (applied.length > 0) log?.info({ applied }, 'database migrations applied')
  const adapter = new PrismaPg(
    { connectionString, max: poolSize, options: `-c search_path="${schema.replace(/"/g, '""')}"` },
    { schema },
  )
  // Both generated clients come from the same models, so their types agree; only the SQL dialect differs.
  const prisma = new PgPrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS }) as unknown as PrismaClient
  return {
    prisma,
    provider: 'postgresql',
    ping: async () => {
      await prisma.$queryRawUnsafe('SELECT 1')
    },
    close: () => prisma.$disconnect(),
  }
}

/**
 * SQLite refuses a deferred transaction that read before another process wrote (SQLITE_BUSY_SNAPSHOT),
 * without waiting: the whole transaction can simply run again.
 */
export const isSqliteBusy = (e: unknown): boolean => /SQLITE_BUSY|database is locked/i.test(e instanceof Error ? e.message : String(e))

/** A database URL without its password, for messages. */
export function describeDatabase(url: string): string {
  if (!/^postgres(ql)?:\/\//.test(url)) return sqliteFile(url)
  const u = new URL(url)
  return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ''}/${u.pathname.slice(1)} (skema ${u.searchParams.get('schema') ?? 'public'})`
}

/**
 * Why the database the URL names is not there yet (a SQLite file that does not exist, a PostgreSQL
 * database or schema without this project's tables), or null when it is.
 */
export async function missingDatabase(url: string): Promise<string | null> {
  if (!/^postgres(ql)?:\/\//.test(url)) return existsSync(sqliteFile(url)) ? null : `Basis data belum ada: ${sqliteFile(url)}`
  const { connectionString, schema } = postgresTarget(url)
  const client = new pg.Client({ connectionString })
  try {
    await client.connect()
    const r = await client.query('SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2', [schema, '_kinerja_migrations'])
    return r.rowCount === 0 ? `Basis data belum ada: ${describeDatabase(url)} belum berisi tabel kinerja-bot` : null
  } catch (err) {
    throw new Error(databaseProblem(url, err))
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** A database failure in one line a person can act on, without the password. */
export function databaseProblem(url: string, err: unknown): string {
  const e = err as { code?: string; message?: string }
  const where = describeDatabase(url)
  switch (e?.code) {
    case '3D000':
      return `Basis data tidak ada: ${where}. Buat dulu (createdb) atau periksa DATABASE_URL.`
    case 'ECONNREFUSED':
      return `Tidak bisa terhubung ke ${where}: koneksi ditolak. Apakah PostgreSQL berjalan?`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Host basis data tidak dikenal: ${where}`
    case '28P01':
    case '28000':
      return `Login ke ${where} ditolak: periksa nama pengguna dan kata sandi di DATABASE_URL.`
    // EEXIST, ENOTDIR: the SQLite file's folder cannot be created, part of its path is a file
    case 'SQLITE_CANTOPEN':
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
    case 'EEXIST':
    case 'ENOTDIR':
      return `Berkas basis data tidak bisa dibuka: ${where} (periksa folder dan izinnya).`
    default:
      return `Basis data ${where} tidak bisa dibuka: ${(e?.message ?? String(err)).replace(/postgres(ql)?:\/\/[^\s]*/g, '<DATABASE_URL>')}`
  }
}
