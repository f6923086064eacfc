import { hostname } from 'node:os'
import type { Server } from 'node:http'
import { webhookCallback } from 'grammy'
import type pino from 'pino'
import { loadConfig, telegramWebhookUrl, type Config } from './config.js'
import { openDatabase, type Database } from './db/client.js'
import { abandonOpenClaims } from './db/processed-updates.js'
import { systemClock, type Clock } from './domain/clock.js'
import { createServices, type Services } from './services.js'
import { createHttpServer, listen, sendJson, type Route } from './http/server.js'
import { createLogger, scrubSecrets, type Logger } from './logger.js'
import { createDispatcher, type Dispatcher } from './notify/dispatcher.js'
import type { Notifier } from './notify/types.js'
import { createScheduler, type Scheduler } from './scheduler/index.js'
import { createTelegramBot } from './platforms/telegram/bot.js'
import { setDefaultCommands } from './platforms/telegram/commands.js'
import { createTelegramNotifier } from './platforms/telegram/notifier.js'
import { telegramEvidenceFetcher } from './platforms/telegram/evidence.js'
import { createSlackPlatform } from './platforms/slack/app.js'
import { createRoles } from './cluster/roles.js'
import { createMetrics, metricsAllowed, refreshOutboxGauges, type Metrics } from './http/metrics.js'

/** Pause before long polling starts again after it stopped on an error. */
const POLL_RESTART_MS = 3_000

export interface App {
  config: Config
  db: Database
  services: Services
  dispatcher: Dispatcher
  scheduler: Scheduler
  metrics: Metrics
  /** The singleton duties this instance holds right now (telegram-poller, dispatcher, scheduler). */
  roles(): string[]
  log: Logger
  server: Server
  port: number
  stop(): Promise<void>
}

export interface AppOptions {
  clock?: Clock
  logDestination?: pino.DestinationStream
}

/** The composition root: config → logger → db → services → platforms → dispatcher → http. */
export async function startApp(env: NodeJS.ProcessEnv, opts: AppOptions = {}): Promise<App> {
  const config = loadConfig(env)
  const log = createLogger(config, opts.logDestination)
  const clock = opts.clock ?? systemClock
  const instanceId = config.INSTANCE_ID ?? `${hostname()}:${process.pid}`
  // a send must end well inside the outbox lease, or its row could be taken over and sent twice
  const sendTimeoutMs = Math.floor(Math.min(30_000, (config.OUTBOX_LEASE_SECONDS * 1000) / 3))
  const db = await openDatabase(config.DATABASE_URL, log, { poolSize: config.DATABASE_POOL_SIZE })

  // the dispatcher needs the platforms, which need the services: wire the wake-up call afterwards
  const wake = { kick: () => {} }
  const services = createServices({ db: db.prisma, clock, cfg: config, afterCommit: () => wake.kick() })

  const metrics = createMetrics({ instance: instanceId })
  const roles = createRoles({
    db,
    databaseUrl: config.DATABASE_URL,
    log,
    retryMs: config.LEADER_RETRY_MS,
    onChange: (role, held) => metrics.leader.set({ role }, held ? 1 : 0),
  })
  const notifiers: Notifier[] = []
  const routes: Route[] = [
    { method: 'GET', path: '/healthz', handler: (_req, res) => sendJson(res, 200, { status: 'ok', instance: instanceId, roles: roles.held() }) },
    {
      method: 'GET',
      path: '/metrics',
      handler: async (req, res) => {
        if (!metricsAllowed(req, config.METRICS_TOKEN)) {
          res.writeHead(config.METRICS_TOKEN ? 401 : 403, config.METRICS_TOKEN ? { 'www-authenticate': 'Bearer realm="metrics"' } : {})
          res.end(config.METRICS_TOKEN ? 'metrics need Authorization: Bearer <METRICS_TOKEN>\n' : 'metrics are served to this machine only (set METRICS_TOKEN for a remote scraper)\n')
          return
        }
        await refreshOutboxGauges(db, metrics, clock).catch((err) => log.warn({ err }, 'outbox metrics unavailable'))
        const body = await metrics.registry.metrics()
        res.writeHead(200, { 'content-type': metrics.registry.contentType })
        res.end(body)
      },
    },
    {
      method: 'GET',
      path: '/readyz',
      handler: async (_req, res) => {
        try {
          await db.ping()
          sendJson(res, 200, { status: 'ready' })
        } catch {
          sendJson(res, 503, { status: 'database unreachable' })
        }
      },
    },
  ]
  const stops: (() => Promise<void>)[] = []
  const starts: (() => Promise<void>)[] = []

  if (config.TELEGRAM_BOT_TOKEN) {
    const bot = createTelegramBot({ token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT, db: db.prisma, services, log, metrics })
    notifiers.push(createTelegramNotifier(bot.api, { timeoutMs: sendTimeoutMs }))
    services.evidence.register(
      ['photo', 'document'],
      telegramEvidenceFetcher(bot.api, { token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT, maxBytes: config.EVIDENCE_MAX_BYTES, timeoutMs: sendTimeoutMs, log }),
    )
    // grammY retries getMe with backoff while the network is down: say so instead of hanging silently
    const waiting = setInterval(() => log.warn({ apiRoot: config.TELEGRAM_API_ROOT }, 'still waiting for the Telegram Bot API (getMe): check the network and the token'), 10_000)
    try {
      await bot.init()
    } catch (err) {
      // a wrong token: nothing else has started yet
      await db.close()
      throw err
    } finally {
      clearInterval(waiting)
    }
    // the menu is a convenience: a refusal must not keep the bot from starting
    await setDefaultCommands(bot.api).catch((err: unknown) =>
      log.warn({ err: { message: scrubSecrets((err as Error).message, [config.TELEGRAM_BOT_TOKEN]) } }, 'could not set the command menu (setMyCommands): starting without it'),
    )
    if (config.TELEGRAM_MODE === 'webhook') {
      const handle = webhookCallback(bot, 'http', { secretToken: config.TELEGRAM_WEBHOOK_SECRET, onTimeout: 'return' })
      routes.push({ method: 'POST', path: '/telegram/webhook', handler: (req, res) => handle(req, res) })
      starts.push(async () => {
        const url = telegramWebhookUrl(config.PUBLIC_URL!)
        // never drop pending updates: they are reports people already sent
        await bot.api.setWebhook(url, { secret_token: config.TELEGRAM_WEBHOOK_SECRET, drop_pending_updates: false })
        log.info({ url }, 'telegram webhook set')
      })
    } else {
      // Telegram allows one poller per token: across instances only the holder of this role polls;
      // stopping confirms the offset of what was handled, so the next poller does not replay it
      // while this instance holds the role, polling that stops on an error (409 Conflict while another
      // poller's request is still open, a long network outage) starts again after a pause
      let polling: Promise<void> | undefined
      let holding = false
      let wake: (() => void) | undefined
      const poll = async () => {
        while (holding) {
          try {
            await bot.start({ drop_pending_updates: false, onStart: (me) => log.info({ bot: me.username }, 'telegram polling started') })
            return
          } catch (err) {
            // stopped while polling was starting (bot.stop() aborts its setup calls): nothing to start again
            if (!holding) return
            log.error({ err: { message: scrubSecrets((err as Error).message, [config.TELEGRAM_BOT_TOKEN!]) } }, `telegram polling stopped: starting again in ${POLL_RESTART_MS / 1000} s`)
            await new Promise<void>((r) => {
              wake = r
              setTimeout(r, POLL_RESTART_MS).unref()
            })
          }
        }
      }
      roles.add('telegram-poller', {
        acquire: async () => {
          // only the poller handles updates in this mode: what the previous one left open is handled again now
          const open = await abandonOpenClaims(db.prisma, 'telegram')
          if (open > 0) log.warn({ updates: open }, 'updates the previous poller left unfinished: handling them again')
          holding = true
          polling = poll()
        },
        lose: async () => {
          holding = false
          wake?.()
          await bot.stop()
          await polling
        },
      })
    }
  }

  if (config.SLACK_BOT_TOKEN) {
    const slack = await createSlackPlatform({
      cfg: {
        botToken: config.SLACK_BOT_TOKEN,
        signingSecret: config.SLACK_SIGNING_SECRET,
        appToken: config.SLACK_APP_TOKEN,
        apiUrl: config.SLACK_API_URL,
        sendTimeoutMs,
      },
      services,
      db: db.prisma,
      log,
      metrics,
    })
    notifiers.push(slack.notifier)
    routes.push(...slack.routes)
    starts.push(() => slack.start())
    // first: waits for acknowledged work before the dispatcher and the database go away
    stops.push(() => slack.stop())
  }

  const dispatcher = createDispatcher({
    db: db.prisma,
    clock,
    notifiers,
    log: log.child({ component: 'dispatcher' }),
    cfg: {
      pollMs: config.OUTBOX_POLL_MS,
      maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
      maxRateLimits: config.OUTBOX_MAX_RATE_LIMITS,
      batchSize: config.OUTBOX_BATCH_SIZE,
      concurrency: config.OUTBOX_CONCURRENCY,
      leaseMs: config.OUTBOX_LEASE_SECONDS * 1000,
      limits: {
        telegram: { ratePerSec: config.TELEGRAM_RATE_PER_SEC, chatIntervalMs: config.TELEGRAM_CHAT_INTERVAL_MS },
        slack: { ratePerSec: config.SLACK_RATE_PER_SEC, chatIntervalMs: config.SLACK_CHANNEL_INTERVAL_MS },
      },
    },
    instanceId,
    onOutcome: (platform, outcome) => metrics.sends.inc({ platform, outcome }),
  })
  wake.kick = () => dispatcher.kick()
  const scheduler = createScheduler({
    db: db.prisma,
    clock,
    log,
    cfg: config,
    instanceId,
    afterCommit: () => dispatcher.kick(),
    onRun: (job, outcome) => metrics.jobRuns.inc({ job, outcome }),
  })

  const server = createHttpServer(routes, log)
  const port = await listen(server, config.PORT, config.HOST).catch(async (err: unknown) => {
    // a taken port: close what is open behind the error
    for (const s of stops) await s().catch(() => undefined)
    await db.close()
    throw err
  })
  try {
    for (const start of starts) await start()
  } catch (err) {
    // a platform refused to start: leave nothing open behind the error
    for (const s of stops) await s().catch(() => undefined)
    server.close()
    server.closeAllConnections()
    await db.close()
    throw err
  }
  log.info({ port, platforms: notifiers.map((n) => n.platform), instanceId }, 'kinerja-bot started')
  // one sender per cluster keeps the platforms' rate limits cluster-wide; one scheduler fires each job
  roles.add('dispatcher', { acquire: () => dispatcher.start(), lose: () => dispatcher.stop() })
  if (config.SCHEDULER_ENABLED) roles.add('scheduler', { acquire: () => scheduler.start(), lose: () => scheduler.stop() })
  await roles.start()

  let stopping: Promise<void> | undefined
  const stop = () =>
    (stopping ??= (async () => {
      for (const s of stops) await s().catch((err) => log.warn({ err }, 'stop step failed'))
      await roles.stop()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      await closed
      await db.close()
      log.info('kinerja-bot stopped')
    })())

  return { config, db, services, dispatcher, scheduler, metrics, roles: roles.held, log, server, port, stop }
}
