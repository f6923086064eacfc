import type { Db } from './client.js'
import { isUniqueViolation } from './client.js'

/**
 * Records that an update (Telegram update_id, Slack event_id) is being handled. Returns false when it
 * was already handled: a webhook retry, a poller restart or a second instance gets no second effect.
 */
export async function claimUpdate(db: Db, platform: string, updateKey: string, at: Date): Promise<boolean> {
  try {
    await db.processedUpdate.create({ data: { platform, updateKey, at } })
    return true
  } catch (e) {
    if (isUniqueViolation(e)) return false
    throw e
  }
}

/** Handling failed before it had an effect: let a redelivery try again. */
export async function releaseUpdate(db: Db, platform: string, updateKey: string): Promise<void> {
  await db.processedUpdate.deleteMany({ where: { platform, updateKey } })
}

/** Telegram keeps updates for 24 h, Slack retries within minutes: older records only take space. */
export async function pruneUpdates(db: Db, olderThan: Date): Promise<number> {
  const { count } = await db.processedUpdate.deleteMany({ where: { at: { lt: olderThan } } })
  return count
}
