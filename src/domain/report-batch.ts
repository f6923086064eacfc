import type { Db, Tx } from '../db/client.js'
import { Prisma } from '../generated/prisma/client.js'
export { dateTimeParam, groupCommit } from '../db/group-commit.js'

// Group commit of /lapor (issue #17; src/db/group-commit.ts): the set-based statements that write a
// batch of reports. Plain SQL through Prisma's tagged templates, written once for both databases:
// identifiers double-quoted, values bound (`?` on SQLite, `$n` on PostgreSQL), DateTime values bound as
// the text Prisma's SQLite adapter stores (dateTimeParam).

type Cell = string | number | null

const isPostgres = (db: Db | Tx) => (db as unknown as { _activeProvider?: string })._activeProvider === 'postgresql'

export interface LockedEmployee {
  id: number
  supervisorId: number | null
  name: string
  position: string
  timezone: string | null
  unitName: string
}

/**
 * Takes the write lock of every author in the batch (the lockVersion bump every report write starts
 * with) and reads what a new activity's view needs, in one statement. PostgreSQL locks the rows in id
 * order, so two batches (two instances) never wait on each other in a cycle.
 */
export async function lockEmployees(tx: Tx, ids: number[]): Promise<Map<number, LockedEmployee>> {
  const which = isPostgres(tx)
    ? Prisma.sql`SELECT "id" FROM "Employee" WHERE "id" IN (${Prisma.join(ids)}) ORDER BY "id" FOR UPDATE`
    : Prisma.sql`${Prisma.join(ids)}`
  const rows = await tx.$queryRaw<{ id: number | bigint; supervisorId: number | bigint | null; name: string; position: string; timezone: string | null; unitName: string }[]>(Prisma.sql`
    UPDATE "Employee" SET "lockVersion" = "lockVersion" + 1 WHERE "id" IN (${which})
    RETURNING "id", "supervisorId", "name", "position", "timezone", (SELECT "name" FROM "Unit" WHERE "Unit"."id" = "Employee"."unitId") AS "unitName"`)
  return new Map(
    rows.map((r) => [Number(r.id), { id: Number(r.id), supervisorId: r.supervisorId === null ? null : Number(r.supervisorId), name: r.name, position: r.position, timezone: r.timezone, unitName: r.unitName }]),
  )
}

/** The authors of the activities already stored under these source keys (redelivered updates). */
export async function storedSourceKeys(tx: Tx, keys: string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map()
  const rows = await tx.$queryRaw<{ sourceKey: string; employeeId: number | bigint }[]>(Prisma.sql`
    SELECT "sourceKey", "employeeId" FROM "Activity" WHERE "sourceKey" IN (${Prisma.join(keys)})`)
  return new Map(rows.map((r) => [r.sourceKey, Number(r.employeeId)]))
}

export type SameDayRow = { id: number; startMinute: number | null; endMinute: number | null; minutes: number; description: string }

const num = (v: number | bigint | null): number | null => (v === null ? null : Number(v))

/** The activities occupying the given people's given days, by `employeeId|date`, oldest first. */
export async function sameDayOf(tx: Tx, employeeIds: number[], dates: string[], statuses: string[]): Promise<Map<string, SameDayRow[]>> {
  const rows = await tx.$queryRaw<{ id: number | bigint; employeeId: number | bigint; date: string; startMinute: number | bigint | null; endMinute: number | bigint | null; minutes: number | bigint; description: string }[]>(Prisma.sql`
    SELECT "id", "employeeId", "date", "startMinute", "endMinute", "minutes", "description" FROM "Activity"
    WHERE "employeeId" IN (${Prisma.join(employeeIds)}) AND "date" IN (${Prisma.join(dates)}) AND "status" IN (${Prisma.join(statuses)})
    ORDER BY "id"`)
  const byDay = new Map<string, SameDayRow[]>()
  for (const r of rows) {
    const k = `${Number(r.employeeId)}|${r.date}`
    const list = byDay.get(k) ?? []
    list.push({ id: Number(r.id), startMinute: num(r.startMinute), endMinute: num(r.endMinute), minutes: Number(r.minutes), description: r.description })
    byDay.set(k, list)
  }
  return byDay
}

const ACTIVITY_COLUMNS = [
  'employeeId', 'date', 'startMinute', 'endMinute', 'minutes', 'description', 'evidenceKind', 'evidenceRef', 'evidenceName', 'evidenceFileId',
  'rhkId', 'rencanaAksiId', 'realisasi', 'status', 'version', 'submittedAt', 'createdAt', 'updatedAt', 'sourceKey',
] as const
export type NewActivity = { [K in (typeof ACTIVITY_COLUMNS)[number]]: Cell }

const columns = (names: readonly string[]) => Prisma.raw(names.map((n) => `"${n}"`).join(', '))
const values = (rows: Cell[][]) => Prisma.join(rows.map((r) => Prisma.sql`(${Prisma.join(r)})`))

/** Inserts the batch's activities (at most one per author) in one statement; their ids by author. */
export async function insertActivities(tx: Tx, rows: NewActivity[]): Promise<Map<number, number>> {
  const created = await tx.$queryRaw<{ id: number | bigint; employeeId: number | bigint }[]>(Prisma.sql`
    INSERT INTO "Activity" (${columns(ACTIVITY_COLUMNS)}) VALUES ${values(rows.map((r) => ACTIVITY_COLUMNS.map((c) => r[c])))}
    RETURNING "id", "employeeId"`)
  return new Map(created.map((r) => [Number(r.employeeId), Number(r.id)]))
}

const AUDIT_COLUMNS = ['at', 'actorId', 'actorPlatform', 'actorExternal', 'action', 'entity', 'entityId', 'beforeStatus', 'afterStatus', 'detail'] as const
export type NewAudit = { [K in (typeof AUDIT_COLUMNS)[number]]: Cell }

export async function insertAudits(tx: Tx, rows: NewAudit[]): Promise<void> {
  await tx.$executeRaw(Prisma.sql`INSERT INTO "AuditLog" (${columns(AUDIT_COLUMNS)}) VALUES ${values(rows.map((r) => AUDIT_COLUMNS.map((c) => r[c])))}`)
}

const OUTBOX_COLUMNS = ['recipientId', 'kind', 'payload', 'topic', 'status', 'attempts', 'rateLimits', 'createdAt', 'nextAttemptAt'] as const
export type NewOutbox = { [K in (typeof OUTBOX_COLUMNS)[number]]: Cell }

export async function insertOutbox(tx: Tx, rows: NewOutbox[]): Promise<void> {
  await tx.$executeRaw(Prisma.sql`INSERT INTO "Outbox" (${columns(OUTBOX_COLUMNS)}) VALUES ${values(rows.map((r) => OUTBOX_COLUMNS.map((c) => r[c])))}`)
}

/** Of these people, those with an account messages can reach now (see accounts.ts, reachableAccount). */
export async function reachableOf(tx: Tx, employeeIds: number[], opensChats: readonly string[]): Promise<Set<number>> {
  const opens = opensChats.length > 0 ? Prisma.sql` OR "platform" IN (${Prisma.join([...opensChats])})` : Prisma.empty
  const rows = await tx.$queryRaw<{ employeeId: number | bigint }[]>(Prisma.sql`
    SELECT DISTINCT "employeeId" FROM "ChatAccount" WHERE "employeeId" IN (${Prisma.join(employeeIds)}) AND ("chatId" IS NOT NULL${opens})`)
  return new Set(rows.map((r) => Number(r.employeeId)))
}

const RECEIPT_COLUMNS = ['recipientId', 'kind', 'payload', 'topic', 'status', 'attempts', 'rateLimits', 'platform', 'chatId', 'platformMessageId', 'createdAt', 'nextAttemptAt', 'sentAt'] as const
export type NewReceipt = { [K in (typeof RECEIPT_COLUMNS)[number]]: Cell }

/** Records the receipts sent together (see outbox.ts, recordReceipt) in one statement. */
export async function insertReceipts(db: Pick<Db, '$executeRaw'>, rows: NewReceipt[]): Promise<void> {
  await db.$executeRaw(Prisma.sql`INSERT INTO "Outbox" (${columns(RECEIPT_COLUMNS)}) VALUES ${values(rows.map((r) => RECEIPT_COLUMNS.map((c) => r[c])))}`)
}
