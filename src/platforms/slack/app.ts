import type { IncomingMessage, ServerResponse } from 'node:http'
import { App, HTTPReceiver, SocketModeReceiver, webApi, type Receiver } from '@slack/bolt'
import type { Db } from '../../db/client.js'
import type { Services } from '../../services.js'
import { sendJson, type Route } from '../../http/server.js'
import type { Metrics } from '../../http/metrics.js'
import type { Logger } from '../../logger.js'
import type { PlatformLimits } from '../../notify/rate-limit.js'
import { createUpdateClaims, type UpdateClaims } from '../../conversation/update-claim.js'
import type { ChatPlatform } from '../types.js'
import { boltLogger } from './bolt-logger.js'
import { createActorResolver } from './context.js'
import { createDmChannels } from './dm-channels.js'
import { slackEvidenceFetcher } from './evidence.js'
import { registerListeners } from './listeners/index.js'
import { dedupeEvents, trackInFlight } from './middleware.js'
import { SLACK_CAPABILITIES } from './message.js'
import { createSlackNotifier } from './notifier.js'
import { createResponder } from './response-url.js'

/** Events, slash commands and interactivity all arrive here (the manifest sets all three URLs to it). */
export const SLACK_EVENTS_PATH = '/slack/events'

export interface SlackConfig {
  botToken: string
  /** HTTP mode: every request's signature is checked with it. */
  signingSecret?: string
  /** Socket Mode when set: no public URL, the app connects out to Slack. */
  appToken?: string
  apiUrl: string
  /** Bounds each Web API call of a delivery; SEND_TIMEOUT_MS unless told. */
  sendTimeoutMs?: number
}

/** Slack on the platform seam; `routes` is the HTTP mode's request URL (none in Socket Mode). */
export interface SlackPlatform extends ChatPlatform {
  mode: 'http' | 'socket'
  /** What was registered, e.g. "command:/kinerja": the same in both modes. */
  listeners: string[]
  bolt: App
}

// a person is waiting (and a trigger_id expires in 3 s): one quick retry, never bolt's 30-minute default
const INTERACTIVE_RETRY = { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 200 }
const STOP_WAIT_MS = 5000
/** Slack's pace for chat.postMessage: about one message a second per channel (the config's defaults). */
const DEFAULT_LIMITS: PlatformLimits = { ratePerSec: 10, chatIntervalMs: 1000 }
/**
 * A delivery's Web API call gives up after this (web-api's own default is never): the outbox lease must
 * outlive the send, or a row still on its way could be taken over and sent a second time.
 */
export const SEND_TIMEOUT_MS = 10_000

export async function createSlackPlatform(deps: {
  cfg: SlackConfig
  services: Services
  db: Db
  log: Logger
  /** The update claim (the composition root's); one over `db` and the services' clock unless given. */
  claims?: UpdateClaims
  /** The dispatcher's pacing (SLACK_RATE_PER_SEC, SLACK_CHANNEL_INTERVAL_MS); Slack's documented pace unless given. */
  limits?: PlatformLimits
  receiver?: Receiver
  metrics?: Pick<Metrics, 'updates' | 'handlerSeconds'>
}): Promise<SlackPlatform> {
  const { cfg, services, db } = deps
  const log = deps.log.child({ platform: 'slack' })
  const logger = boltLogger(log)
  const mode = cfg.appToken ? 'socket' : 'http'
  // the socket client takes its Web API options from installerOptions: without them apps.connections.open
  // would go to slack.com whatever SLACK_API_URL says
  const receiver =
    deps.receiver ??
    (cfg.appToken
      ? new SocketModeReceiver({ appToken: cfg.appToken, logger, installerOptions: { clientOptions: { slackApiUrl: cfg.apiUrl } } })
      : new HTTPReceiver({ signingSecret: cfg.signingSecret ?? '', endpoints: SLACK_EVENTS_PATH, logger }))
  const bolt = new App({
    token: cfg.botToken,
    receiver,
    logger,
    convoStore: false,
    // init() below instead of a floating auth.test in the constructor: a wrong token fails the start
    deferInitialization: true,
    clientOptions: { slackApiUrl: cfg.apiUrl, retryConfig: INTERACTIVE_RETRY },
  })
  await bolt.init()
  bolt.error(async (err) => {
    log.error({ err: { message: err.message, code: err.code } }, 'slack listener failed')
  })

  const dm = createDmChannels(bolt.client)
  const inflight = new Set<Promise<unknown>>()
  bolt.use(trackInFlight(inflight, deps.metrics))
  const claims = deps.claims ?? createUpdateClaims({ db, clock: services.clock, leaseMs: services.config.updateClaimLeaseMs })
  bolt.use(dedupeEvents(claims, log))
  const actorFor = createActorResolver(services, dm, log)
  services.evidence.register(['file'], slackEvidenceFetcher(bolt.client, { token: cfg.botToken, maxBytes: services.config.evidenceMaxBytes, timeoutMs: cfg.sendTimeoutMs ?? SEND_TIMEOUT_MS, log }))
  const listeners = registerListeners(bolt, { services, db, log, dm, actorFor, respondAt: createResponder(cfg.apiUrl) })

  // the dispatcher owns retries and backoff: the notifier's client fails fast, 429 included
  const notifierClient = new webApi.WebClient(cfg.botToken, {
    slackApiUrl: cfg.apiUrl,
    logger,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: cfg.sendTimeoutMs ?? SEND_TIMEOUT_MS,
  })
  // DM channels of its own: a conversations.open on the way to a send is bounded by the same timeout
  const notifier = createSlackNotifier(notifierClient, createDmChannels(notifierClient))

  let stopping = false
  const routes: Route[] = []
  if (receiver instanceof HTTPReceiver) {
    const handle = receiver.requestListener
    routes.push({
      method: 'POST',
      path: SLACK_EVENTS_PATH,
      handler: (req: IncomingMessage, res: ServerResponse) => (stopping ? sendJson(res, 503, { error: 'stopping' }) : handle(req, res)),
    })
  }

  return {
    platform: 'slack',
    capabilities: SLACK_CAPABILITIES,
    mode,
    notifier,
    limits: deps.limits ?? DEFAULT_LIMITS,
    routes,
    duties: [],
    listeners,
    bolt,
    async start() {
      log.info({ mode, listeners: listeners.length }, 'slack ready')
      if (mode !== 'socket') return
      // a refused app token (or no way to reach Slack) stops the start, like a wrong bot token does:
      // running on without Slack would leave its users unanswered with nothing but a log line
      try {
        await (bolt.start() as Promise<unknown>)
      } catch (err) {
        throw new Error(`Slack Socket Mode could not connect (check SLACK_APP_TOKEN): ${(err as Error).message}`)
      }
      log.info('slack socket mode connected')
    },
    async stop() {
      stopping = true
      if (mode === 'socket') await (bolt.stop() as Promise<unknown>).catch(() => undefined)
      // let what was acknowledged finish: the person was told it is being handled
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)))
      await Promise.race([Promise.allSettled([...inflight]), timeout]).finally(() => clearTimeout(timer))
    },
  }
}
