// Seeding for the large benchmarks (100,000 employees, millions of activities) in seconds rather than
// minutes: the synthetic organisation is written with the driver in column batches (not through the
// import, which validates every row and took 20–35 s at 100,000), and the activities are generated inside
// the database by one INSERT … SELECT per work day (scripts/lib/synthetic-org.ts, the same rows on both
// databases, generated two days at a time on PostgreSQL). The Activity table's secondary indexes and
// foreign keys are dropped for the load and created again afterwards (one sort per index instead of
// millions of index insertions). At 100,000 employees and 8 M activities: ~26 s on SQLite, ~40 s on
// PostgreSQL, about half of it building the indexes.
import Database from 'better-sqlite3'
import pg from 'pg'
import { dateTimeParam } from '../../src/admin/bulk-insert.js'
import { openDatabase, postgresTarget, sqliteFile } from '../../src/db/client.js'
import { activityInsertSql, generateOrg } from '../../scripts/lib/synthetic-org.js'
import { TELEGRAM_ID_BASE, type DbKind } from './setup.js'

type Cell = string | number | null

interface Column {
  name: string
  /** PostgreSQL array element type for unnest. */
  pg: string
}

/** A raw connection of either database: the few operations seeding needs. */
interface Conn {
  kind: DbKind
  exec(sql: string): Promise<void>
  /** Runs independent statements, on PostgreSQL two at a time (one connection each; 2 cores). */
  execAll(sqls: string[]): Promise<void>
  all<T>(sql: string, params?: Cell[]): Promise<T[]>
  insert(table: string, columns: Column[], rows: Cell[][]): Promise<void>
  close(): Promise<void>
}

function sqliteConn(url: string): Conn {
  const db = new Database(sqliteFile(url))
  // a scratch database that is thrown away: no rollback journal while loading, WAL again afterwards
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -262144') // 256 MiB
  return {
    kind: 'sqlite',
    exec: async (sql) => void db.exec(sql),
    execAll: async (sqls) => {
      for (const sql of sqls) db.exec(sql)
    },
    all: async <T>(sql: string, params: Cell[] = []) => db.prepare(sql).all(...params) as T[],
    insert: async (table, columns, rows) => {
      const stmt = db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c.name}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
      db.transaction((rs: Cell[][]) => {
        for (const r of rs) stmt.run(...r)
      })(rows)
    },
    close: async () => {
      db.pragma('journal_mode = WAL')
      db.close()
    },
  }
}

async function postgresConn(url: string): Promise<Conn> {
  const { connectionString, schema } = postgresTarget(url)
  const clients = [new pg.Client({ connectionString }), new pg.Client({ connectionString })]
  for (const c of clients) {
    await c.connect()
    await c.query(`SET search_path TO "${schema.replace(/"/g, '""')}"`)
    await c.query(`SET maintenance_work_mem = '256MB'`)
    await c.query('SET synchronous_commit = off')
  }
  const client = clients[0]!
  return {
    kind: 'postgresql',
    exec: async (sql) => void (await client.query(sql)),
    execAll: async (sqls) => {
      let next = 0
      await Promise.all(
        clients.map(async (c) => {
          while (next < sqls.length) await c.query(sqls[next++]!)
        }),
      )
    },
    all: async <T>(sql: string, params: Cell[] = []) => (await client.query(sql, params)).rows as T[],
    insert: async (table, columns, rows) => {
      // column arrays through unnest: one statement per 20,000 rows
      const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c.name}"`).join(', ')}) SELECT * FROM unnest(${columns.map((c, k) => `$${k + 1}::${c.pg}[]`).join(', ')})`
      for (let i = 0; i < rows.length; i += 20_000) {
        const part = rows.slice(i, i + 20_000)
        await client.query(sql, columns.map((_, k) => part.map((r) => r[k])))
      }
    },
    close: async () => {
      for (const c of clients) await c.end()
    },
  }
}

const col = (name: string, pgType = 'text'): Column => ({ name, pg: pgType })

/**
 * Writes the synthetic organisation of `employees` people (the same as `generateOrg({ seed, employees })`,
 * ids in generation order from 1) and links everyone to a Telegram id (TELEGRAM_ID_BASE + index), as
 * `seedOrg` does through the import. The database must be empty; its schema is created first.
 */
async function writeOrg(conn: Conn, org: ReturnType<typeof generateOrg>, at: Date): Promise<void> {
  const stamp = dateTimeParam(at)
  const unitId = new Map(org.units.map((u, i) => [u.code, i + 1]))
  const employeeId = new Map(org.employees.map((e, i) => [e.nip, i + 1]))
  await conn.insert(
    'Unit',
    [col('id', 'int'), col('code'), col('name'), col('kind'), col('parentId', 'int'), col('createdAt', 'timestamp(3)'), col('updatedAt', 'timestamp(3)')],
    org.units.map((u, i) => [i + 1, u.code, u.name, u.kind, u.parentCode ? unitId.get(u.parentCode)! : null, stamp, stamp]),
  )
  await conn.insert(
    'Employee',
    [
      col('id', 'int'), col('nip'), col('name'), col('unitId', 'int'), col('position'), col('positionType'), col('grade'), col('role'),
      col('supervisorId', 'int'), col('monthlyTargetMinutes', 'int'), col('createdAt', 'timestamp(3)'), col('updatedAt', 'timestamp(3)'),
    ],
    org.employees.map((e, i) => [
      i + 1, e.nip, e.name, unitId.get(e.unitCode)!, e.position, e.positionType, e.grade, e.role,
      e.supervisorNip ? employeeId.get(e.supervisorNip)! : null, e.monthlyTargetMinutes, stamp, stamp,
    ]),
  )
  await conn.insert(
    'ChatAccount',
    [col('employeeId', 'int'), col('platform'), col('externalId'), col('vouchedBy'), col('chatId'), col('linkedAt', 'timestamp(3)'), col('lastSeenAt', 'timestamp(3)')],
    org.employees.map((_, i) => [i + 1, 'telegram', String(TELEGRAM_ID_BASE + i), 'code', String(TELEGRAM_ID_BASE + i), stamp, stamp]),
  )
  if (conn.kind === 'postgresql') {
    // ids were given explicitly: move the sequences past them (SQLite's AUTOINCREMENT follows by itself)
    for (const table of ['Unit', 'Employee']) {
      await conn.exec(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max("id") FROM "${table}"))`)
    }
  }
}

/** Drops the secondary indexes and foreign keys of a table; returns the statements that create them again. */
async function dropIndexes(conn: Conn, table: string): Promise<string[]> {
  if (conn.kind === 'sqlite') {
    const indexes = await conn.all<{ name: string; sql: string }>(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`, [table])
    for (const i of indexes) await conn.exec(`DROP INDEX "${i.name}"`)
    return indexes.map((i) => i.sql)
  }
  const fks = await conn.all<{ name: string; def: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = to_regclass($1) AND contype = 'f'`,
    [`"${table}"`],
  )
  const indexes = await conn.all<{ name: string; def: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = to_regclass($1) AND NOT x.indisprimary`,
    [`"${table}"`],
  )
  for (const f of fks) await conn.exec(`ALTER TABLE "${table}" DROP CONSTRAINT "${f.name}"`)
  for (const i of indexes) await conn.exec(`DROP INDEX "${i.name}"`)
  return [...indexes.map((i) => i.def), ...fks.map((f) => `ALTER TABLE "${table}" ADD CONSTRAINT "${f.name}" ${f.def}`)]
}

export interface BulkSeed {
  org: ReturnType<typeof generateOrg>
  activities: number
  orgSeconds: number
  /** Generating the activities, creating the indexes again and (PostgreSQL) VACUUM ANALYZE. */
  activitySeconds: number
  insertSeconds: number
  indexSeconds: number
  vacuumSeconds: number
}

/**
 * A fresh database (`url`, empty) with the synthetic organisation of `employees` people and
 * `perDay` activities per person on every date of `workDays`.
 */
export async function bulkSeed(
  kind: DbKind,
  url: string,
  opts: { employees: number; workDays: readonly string[]; perDay: number; seed?: number; orgSeed?: number; at: Date },
): Promise<BulkSeed> {
  let t0 = performance.now()
  const migrated = await openDatabase(url) // creates the schema
  await migrated.close()
  const org = generateOrg({ seed: opts.orgSeed ?? 1, employees: opts.employees })
  const conn = kind === 'sqlite' ? sqliteConn(url) : await postgresConn(url)
  try {
    await writeOrg(conn, org, opts.at)
    const orgSeconds = (performance.now() - t0) / 1000
    t0 = performance.now()
    const recreate = await dropIndexes(conn, 'Activity')
    const rowsPerDay = org.employees.length * opts.perDay
    await conn.execAll(
      opts.workDays.map((date, dayIndex) =>
        activityInsertSql({
          dialect: kind,
          seed: opts.seed ?? 7,
          date,
          dayIndex,
          perDay: opts.perDay,
          firstId: dayIndex * rowsPerDay + 1,
          submittedAt: new Date(`${date}T01:00:00Z`), // 09:00 WITA
          updatedAt: opts.at,
        }),
      ),
    )
    if (kind === 'postgresql') await conn.exec(`SELECT setval(pg_get_serial_sequence('"Activity"', 'id'), (SELECT max("id") FROM "Activity"))`)
    const t1 = performance.now()
    // indexes two at a time on PostgreSQL, then the foreign keys (which use them)
    await conn.execAll(recreate.filter((sql) => !sql.startsWith('ALTER TABLE')))
    for (const sql of recreate.filter((sql) => sql.startsWith('ALTER TABLE'))) await conn.exec(sql)
    const t2 = performance.now()
    // PostgreSQL: what autovacuum does to older rows in production (hint bits, visibility map, statistics),
    // so the measured job does not pay for the first visit to freshly loaded pages
    if (kind === 'postgresql') await conn.exec('VACUUM ANALYZE')
    const t3 = performance.now()
    const [row] = await conn.all<{ n: number | string }>('SELECT count(*) AS "n" FROM "Activity"')
    return {
      org,
      activities: Number(row!.n),
      orgSeconds,
      activitySeconds: (t3 - t0) / 1000,
      insertSeconds: (t1 - t0) / 1000,
      indexSeconds: (t2 - t1) / 1000,
      vacuumSeconds: (t3 - t2) / 1000,
    }
  } finally {
    await conn.close()
  }
}
