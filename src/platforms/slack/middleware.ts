import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt'
import type { UpdateClaims } from '../../conversation/update-claim.js'
import type { Metrics } from '../../http/metrics.js'
import type { Logger } from '../../logger.js'

/**
 * Slack retries an event (x-slack-retry-num) when it did not see the ack in time, and may deliver one
 * twice: an event_id is handled once, through the update claim every platform shares
 * (conversation/update-claim.ts). bolt acks events before any middleware, so this database write never
 * delays an ack; commands and clicks (never retried) pass straight through.
 */
export function dedupeEvents(claims: UpdateClaims, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next, context }) => {
    const b = body as { type?: string; event_id?: string }
    if (b.type !== 'event_callback' || !b.event_id) return next()
    const key = b.event_id
    if ((await claims.once('slack', key, next)) === 'duplicate') {
      context.outcome = 'duplicate' // counted by trackInFlight
      log.info({ eventId: key, retryNum: context.retryNum, retryReason: context.retryReason }, 'duplicate slack event ignored')
    }
  }
}

/**
 * Remembers what is being handled, so stopping waits for it instead of closing the database under it;
 * also counts each request and its handling time for /metrics.
 */
export function trackInFlight(inflight: Set<Promise<unknown>>, metrics?: Pick<Metrics, 'updates' | 'handlerSeconds'>): Middleware<AnyMiddlewareArgs> {
  return async ({ next, context }) => {
    const started = performance.now()
    const running = next()
    inflight.add(running)
    let outcome = 'handled'
    try {
      await running
    } catch (err) {
      outcome = 'failed'
      throw err
    } finally {
      inflight.delete(running)
      metrics?.handlerSeconds.observe({ platform: 'slack' }, (performance.now() - started) / 1000)
      metrics?.updates.inc({ platform: 'slack', outcome: outcome === 'failed' ? outcome : (context.outcome ?? outcome) })
    }
  }
}
