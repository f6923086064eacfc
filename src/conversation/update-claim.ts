import type { Db } from '../db/client.js'
import { abandonOpenClaims, claimUpdate, finishUpdate, releaseUpdate } from '../db/processed-updates.js'
import type { Clock } from '../domain/clock.js'
import type { Platform } from '../domain/types.js'

/** What became of an update: handled here, or dropped as one handled already (a redelivery, another instance). */
export type ClaimOutcome = 'handled' | 'duplicate'

/**
 * Exactly-once handling of inbound updates, the same for every platform. Each adapter names an update by
 * a key of its own (Telegram `<botId>:<update_id>`, Slack's event_id, a WhatsApp message id) and runs its
 * handler through `once`; the claim lives in the database every instance shares (`db/processed-updates.ts`).
 */
export interface UpdateClaims {
  /**
   * Claims the update, runs `handle`, and marks it done. A redelivery of a finished update is not run
   * ('duplicate'); one whose handler is still running waits for it, and one whose handler died half-way
   * (its claim never finished) runs again once the claim's lease is over, so a crash loses nothing. When
   * `handle` throws, the claim is released (a redelivery may try again) and the error goes on to the caller.
   */
  once(platform: Platform, key: string, handle: () => Promise<unknown>): Promise<ClaimOutcome>
  /**
   * The platform's open claims belong to a handler that is gone (the poller that held the role before
   * this instance): their redeliveries run at once instead of after the lease. Returns how many.
   */
  abandonOpen(platform: Platform): Promise<number>
}

export function createUpdateClaims(deps: { db: Db; clock: Clock; leaseMs?: number | undefined }): UpdateClaims {
  const { db, clock } = deps
  return {
    async once(platform, key, handle) {
      if ((await claimUpdate(db, platform, key, () => clock.now(), { leaseMs: deps.leaseMs })) === 'duplicate') return 'duplicate'
      try {
        await handle()
        await finishUpdate(db, platform, key, clock.now())
      } catch (err) {
        // failed before it had an effect: a redelivery may try again
        await releaseUpdate(db, platform, key).catch(() => undefined)
        throw err
      }
      return 'handled'
    },
    abandonOpen: (platform) => abandonOpenClaims(db, platform),
  }
}
