import path from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { postgresTarget } from '../../src/db/client.js'
import { migratePostgres, migrateSqlite, readMigrations } from '../../src/db/migrate.js'
import { onPostgres, tempDatabaseUrl, tempDir } from '../helpers/db.js'

const MIGRATION = '20261207175340_chat_accounts'

// The organisation before the migration: vouched columns on Employee, linked accounts in ChatIdentity.
const BEFORE = `
INSERT INTO "Unit" ("id", "code", "name", "kind", "updatedAt") VALUES (1, 'U', 'Unit', 'BADAN', CURRENT_TIMESTAMP);
INSERT INTO "Employee" ("id", "nip", "name", "unitId", "position", "positionType", "grade", "role", "updatedAt", "telegramUserId", "slackUserId") VALUES
  (1, '1', 'Andi', 1, 'Staf', 'PELAKSANA', 'III/a', 'EMPLOYEE', CURRENT_TIMESTAMP, '7001', 'U0ANDI'),
  (2, '2', 'Budi', 1, 'Staf', 'PELAKSANA', 'III/a', 'EMPLOYEE', CURRENT_TIMESTAMP, '7002', NULL),
  (3, '3', 'Citra', 1, 'Staf', 'PELAKSANA', 'III/a', 'EMPLOYEE', CURRENT_TIMESTAMP, '7003', NULL),
  (4, '4', 'Dewi', 1, 'Staf', 'PELAKSANA', 'III/a', 'EMPLOYEE', CURRENT_TIMESTAMP, NULL, NULL),
  (5, '5', 'Eko', 1, 'Staf', 'PELAKSANA', 'III/a', 'EMPLOYEE', CURRENT_TIMESTAMP, '7004', NULL);
-- Budi wrote from the vouched account; Citra linked another one with a code; Dewi by e-mail on Slack;
-- Eko is vouched for an account someone else (Dewi) linked with a code
INSERT INTO "ChatIdentity" ("employeeId", "platform", "externalId", "chatId") VALUES
  (2, 'telegram', '7002', '7002'), (3, 'telegram', '7999', '7999'), (4, 'slack', 'U0DEWI', 'D0DEWI'), (4, 'telegram', '7004', '7004');
INSERT INTO "AuditLog" ("action", "entity", "entityId", "actorPlatform", "actorExternal", "detail") VALUES
  ('link', 'employee', '2', 'telegram', '7002', '{"via":"import","replaced":[]}'),
  ('link', 'employee', '4', 'slack', 'U0DEWI', '{"via":"email","replaced":[]}');
INSERT INTO "LinkCode" ("employeeId", "codeHash", "expiresAt") VALUES (1, 'h', CURRENT_TIMESTAMP);
`

type Account = { employeeId: number; platform: string; externalId: string; vouchedBy: string; chatId: string | null; linked: boolean }

async function migrateWithData(): Promise<{ accounts: Account[]; columns: string[]; linkCodes: number }> {
  const all = readMigrations(onPostgres() ? 'postgresql' : 'sqlite')
  const at = all.findIndex((m) => m.name === MIGRATION)
  expect(at).toBeGreaterThan(0)
  const [before, rest] = [all.slice(0, at), all.slice(at)]
  const read = `SELECT "employeeId", "platform", "externalId", "vouchedBy", "chatId", "linkedAt" IS NOT NULL AS "linked" FROM "ChatAccount" ORDER BY "employeeId", "platform"`
  if (!onPostgres()) {
    const file = path.join(tempDir(), 'm.db')
    migrateSqlite(file, before)
    const db = new Database(file)
    db.exec(BEFORE)
    db.close()
    migrateSqlite(file, rest)
    const after = new Database(file)
    try {
      const accounts = (after.prepare(read).all() as Account[]).map((a) => ({ ...a, linked: Boolean(a.linked) }))
      const columns = (after.prepare(`SELECT name FROM pragma_table_info('Employee')`).all() as { name: string }[]).map((c) => c.name)
      const { n } = after.prepare('SELECT count(*) AS n FROM "LinkCode"').get() as { n: number }
      return { accounts, columns, linkCodes: n }
    } finally {
      after.close()
    }
  }
  const { connectionString, schema } = postgresTarget(tempDatabaseUrl())
  await migratePostgres(connectionString, schema, before)
  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    await client.query(`SET search_path TO "${schema}"`)
    await client.query(BEFORE)
    await migratePostgres(connectionString, schema, rest)
    const accounts = (await client.query<Account>(read)).rows
    const columns = (await client.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'Employee'`, [schema])).rows.map((r) => r.column_name)
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM "LinkCode"')
    return { accounts, columns, linkCodes: Number(rows[0]!.n) }
  } finally {
    await client.end()
  }
}

describe('migration chat_accounts', () => {
  it('carries linked accounts and vouched ids over into ChatAccount, and drops the columns without touching other rows', async () => {
    const { accounts, columns, linkCodes } = await migrateWithData()
    expect(accounts).toEqual([
      // vouched, never wrote: no chat yet
      { employeeId: 1, platform: 'slack', externalId: 'U0ANDI', vouchedBy: 'import', chatId: null, linked: false },
      { employeeId: 1, platform: 'telegram', externalId: '7001', vouchedBy: 'import', chatId: null, linked: false },
      { employeeId: 2, platform: 'telegram', externalId: '7002', vouchedBy: 'import', chatId: '7002', linked: true },
      // the code link wins over the vouched 7003, which could not be used
      { employeeId: 3, platform: 'telegram', externalId: '7999', vouchedBy: 'code', chatId: '7999', linked: true },
      { employeeId: 4, platform: 'slack', externalId: 'U0DEWI', vouchedBy: 'email', chatId: 'D0DEWI', linked: true },
      { employeeId: 4, platform: 'telegram', externalId: '7004', vouchedBy: 'code', chatId: '7004', linked: true },
    ])
    expect(columns).not.toContain('telegramUserId')
    expect(columns).not.toContain('slackUserId')
    expect(linkCodes).toBe(1)
  })
})
