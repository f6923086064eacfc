import type { Db } from '../db/client.js'
import type { ActivityInput, Actor } from './types.js'

/** How long a report waiting for "Kirim lagi" is kept: after that the button no longer works. */
export const HELD_REPORT_TTL_MS = 60 * 60_000

// one held report per person, in the key/value table the chat sessions use
const keyOf = (employeeId: number) => `held-report:${employeeId}`

/** Keeps a report that waits for the person's confirmation, replacing an older one. */
export async function holdReport(db: Db, actor: Actor, input: ActivityInput, now: Date): Promise<void> {
  const value = JSON.stringify({ input, at: now.toISOString() })
  await db.session.upsert({ where: { key: keyOf(actor.employeeId) }, create: { key: keyOf(actor.employeeId), value }, update: { value } })
}

/** Takes the held report out (once: a double click stores it once); null when none or expired. */
export async function takeHeldReport(db: Db, actor: Actor, now: Date): Promise<ActivityInput | null> {
  const key = keyOf(actor.employeeId)
  const row = await db.session.findUnique({ where: { key }, select: { value: true } })
  if (!row) return null
  const { count } = await db.session.deleteMany({ where: { key, value: row.value } })
  if (count === 0) return null
  const held = JSON.parse(row.value) as { input: ActivityInput; at: string }
  return now.getTime() - Date.parse(held.at) > HELD_REPORT_TTL_MS ? null : held.input
}
