import type { Tx } from '../db/client.js'
import { Prisma } from '../generated/prisma/client.js'

/**
 * Bound parameters per statement. SQLite allows 32,766 (SQLITE_MAX_VARIABLE_NUMBER since 3.32) and
 * PostgreSQL 65,535 (the wire protocol's 16-bit count): staying under the lower one fits both.
 */
export const MAX_PARAMS = 32_766
/**
 * Rows per statement. Larger statements gain little (about 10% on SQLite at 2,500 rows, nothing on
 * PostgreSQL), and better-sqlite3 is synchronous: each statement holds the event loop while it runs
 * (tens of milliseconds at this size), so statements are kept short and the loop is released between them.
 */
export const MAX_ROWS = 1_000

/** A value to bind. DateTime columns take the text of {@link dateTimeParam}. */
export type Cell = string | number | null

/**
 * A DateTime value as Prisma's SQLite adapter stores it: ISO-8601 UTC with `+00:00` rather than `Z`
 * (`2026-11-28T02:00:00.000+00:00`; PrismaBetterSqlite3's default `timestampFormat: 'iso8601'`). Rows must
 * hold exactly this text: SQLite compares dates as text, so a `Z` row would not match Prisma's filters.
 * PostgreSQL reads the same text into a timestamp(3) column as the same UTC instant (the offset is +00:00),
 * so one representation serves both. Bound as text it also skips Prisma's per-value Date conversion, which
 * is a quarter of the insert time on SQLite.
 */
export const dateTimeParam = (d: Date): string => d.toISOString().replace('Z', '+00:00')

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`
/** Lets timers (the transaction timeout among them) and I/O run between synchronous SQLite statements. */
const releaseEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Inserts `rows` (values in the order of `columns`) with multi-row `INSERT … VALUES (…), (…) RETURNING`
 * statements, sized under both databases' parameter limits, and returns the new ids by the value of the
 * `key` column (a unique column such as `nip`). Prisma.sql binds every value and writes the placeholders
 * of the database in use (`?` on SQLite, `$n` on PostgreSQL); identifiers are double-quoted, which both
 * read as case-sensitive names. DateTime values are passed as {@link dateTimeParam} text.
 *
 * Columns this leaves out get the database's own default; a Prisma-side default (`@default(cuid())`,
 * `@updatedAt`) is not applied here and must be passed explicitly.
 */
export async function insertReturningIds(
  tx: Tx,
  table: string,
  columns: readonly string[],
  key: string,
  rows: readonly Cell[][],
): Promise<Map<string, number>> {
  if (!columns.includes(key)) throw new Error(`insertReturningIds: ${key} is not one of the inserted columns`)
  const ids = new Map<string, number>()
  const head = Prisma.raw(`INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES `)
  const tail = Prisma.raw(` RETURNING ${quote('id')} AS "id", ${quote(key)} AS "key"`)
  const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns.length)))
  for (let i = 0; i < rows.length; i += perStatement) {
    const values = rows.slice(i, i + perStatement).map((row) => {
      if (row.length !== columns.length) throw new Error(`insertReturningIds: a row has ${row.length} values for ${columns.length} columns`)
      return Prisma.sql`(${Prisma.join(row)})`
    })
    const created = await tx.$queryRaw<{ id: number | bigint; key: string }[]>(Prisma.sql`${head}${Prisma.join(values)}${tail}`)
    for (const r of created) ids.set(r.key, Number(r.id))
    await releaseEventLoop()
  }
  return ids
}
