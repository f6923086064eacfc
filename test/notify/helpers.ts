import type { Db } from '../../src/db/client.js'
import { enqueue } from '../../src/domain/outbox.js'

/** A numbered text for `recipientId`: "Laporan #n ditarik. …" on every platform. */
export async function enqueueNumbered(db: Db, rows: { recipientId: number; n: number }[], at: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const r of rows) await enqueue(tx, { recipientId: r.recipientId, message: { kind: 'text', key: 'withdraw.done', params: { id: r.n } }, at })
  })
}

/** The numbers of the numbered texts, in the order the chat received them. */
export const numbersIn = (texts: string[]): number[] =>
  texts.map((t) => /^Laporan #(\d+) ditarik/.exec(t)?.[1]).filter((n): n is string => n !== undefined).map(Number)

/**
 * Gives `count` fixture employees a Telegram chat (ids from `firstChat`) without going through /start,
 * for tests about delivery only. Returns [employeeId, chatId] pairs.
 */
export async function giveChats(db: Db, count: number, firstChat: number): Promise<{ employeeId: number; chat: number }[]> {
  const employees = await db.employee.findMany({ where: notLinked, orderBy: { id: 'asc' }, take: count, select: { id: true } })
  if (employees.length < count) throw new Error(`only ${employees.length} employees without a chat`)
  const out = employees.map((e, i) => ({ employeeId: e.id, chat: firstChat + i }))
  // the account the import vouched for (never used) makes way for the linked one
  await db.chatAccount.deleteMany({ where: { platform: 'telegram', employeeId: { in: out.map((o) => o.employeeId) } } })
  const now = new Date()
  await db.chatAccount.createMany({
    data: out.map((o) => ({ employeeId: o.employeeId, platform: 'telegram', externalId: String(o.chat), vouchedBy: 'code', chatId: String(o.chat), linkedAt: now, lastSeenAt: now })),
  })
  return out
}

/** Employees none of whose chat accounts has written to the app yet. */
export const notLinked = { accounts: { none: { chatId: { not: null } } } }

/** Links a chat account to an employee as a link code would, replacing what either had on that platform. */
export async function linkAccount(db: Db, employeeId: number, platform: 'telegram' | 'slack', externalId: string, chatId: string): Promise<void> {
  await db.chatAccount.deleteMany({ where: { platform, OR: [{ employeeId }, { externalId }] } })
  const now = new Date()
  await db.chatAccount.create({ data: { employeeId, platform, externalId, vouchedBy: 'code', chatId, linkedAt: now, lastSeenAt: now } })
}
