import type { Config } from '../config.js'
import type { Db } from '../db/client.js'
import type { Capabilities } from '../conversation/message.js'
import type { UpdateClaims } from '../conversation/update-claim.js'
import type { Clock } from '../domain/clock.js'
import type { Platform } from '../domain/types.js'
import type { Route } from '../http/server.js'
import type { Metrics } from '../http/metrics.js'
import type { Logger } from '../logger.js'
import type { PlatformLimits } from '../notify/rate-limit.js'
import type { Notifier } from '../notify/types.js'
import type { Services } from '../services.js'

// The platform seam: every chat platform is one ChatPlatform, built by its module's factory from the same
// deps, and the composition root (src/app.ts) does the same with each: its notifier to the dispatcher, its
// routes to the HTTP server, its singleton duties to the role registry, start and stop in order.

/** What the composition root hands every platform's factory. */
export interface PlatformDeps {
  config: Config
  /** The use cases; `services.evidence` is where a platform registers its evidence fetcher. */
  services: Services
  db: Db
  clock: Clock
  log: Logger
  metrics: Pick<Metrics, 'updates' | 'handlerSeconds'>
  /** Exactly-once handling of inbound updates: every handler runs through `claims.once`. */
  claims: UpdateClaims
  /** Bounds each API call of a delivery: well inside the outbox lease, so a send never outlives its claim. */
  sendTimeoutMs: number
}

/**
 * A duty that must run on one instance of the cluster at a time (Telegram's poller: one getUpdates per
 * token). The composition root registers it with the role registry (cluster/roles.ts): `acquire` when
 * this instance gets the role, `lose` when it loses it or stops.
 */
export interface PlatformDuty {
  role: `${Platform}-${string}`
  acquire(): Promise<void> | void
  lose(): Promise<void> | void
}

export interface ChatPlatform {
  readonly platform: Platform
  /** What it can do (editing, buttons, text sizes): the renderer decides from these. */
  readonly capabilities: Capabilities
  /** Delivers outbox messages: handed to the dispatcher. */
  readonly notifier: Notifier
  /** Its rate limits, which the dispatcher keeps for the whole cluster. */
  readonly limits: PlatformLimits
  /** Its webhooks, served by the app's HTTP server (none when it connects out: polling, Socket Mode). */
  readonly routes: readonly Route[]
  /** Singleton duties, if it has any. */
  readonly duties: readonly PlatformDuty[]
  /**
   * A link that opens a chat with the bot with this link code already given (Telegram's deep link, WhatsApp's
   * wa.me link), for the console's printed code sheets; absent where the platform has none.
   */
  linkUrl?(code: string): string

  /** After the HTTP server listens: register a webhook, open a socket. A throw stops the app's start. */
  start(): Promise<void>
  /** Before the roles and the database go: finish what was acknowledged. */
  stop(): Promise<void>
}

/** One platform: whether the configuration enables it, and the factory that builds it. */
export interface PlatformModule {
  readonly platform: Platform
  enabled(config: Config): boolean
  create(deps: PlatformDeps): Promise<ChatPlatform>
}
