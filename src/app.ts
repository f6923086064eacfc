import { hostname } from 'node:os'
import type { Server } from 'node:http'
import type pino from 'pino'
import { loadConfig, type Config } from './config.js'
import { openDatabase, type Database } from './db/client.js'
import { createUpdateClaims } from './conversation/update-claim.js'
import { systemClock, type Clock } from './domain/clock.js'
import { createServices, type Services } from './services.js'
import { createHttpServer, listen, sendJson, type Route } from './http/server.js'
import { createLogger, type Logger } from './logger.js'
import { createDispatcher, type Dispatcher } from './notify/dispatcher.js'
import { createScheduler, type Scheduler } from './scheduler/index.js'
import { PLATFORMS } from './platforms/index.js'
import type { ChatPlatform, PlatformModule } from './platforms/types.js'
import { createRoles } from './cluster/roles.js'
import { createMetrics, metricsAllowed, refreshOutboxGauges, type Metrics } from './http/metrics.js'
import { createConsoleAuth } from './console/auth.js'
import { consoleRoutes } from './console/index.js'
import { buktiRoute } from './http/bukti.js'

export interface App {
  config: Config
  db: Database
  services: Services
  dispatcher: Dispatcher
  scheduler: Scheduler
  metrics: Metrics
  /** The enabled chat platforms, as the seam (platforms/types.ts) built them, in start order. */
  platforms: readonly ChatPlatform[]
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
  /** The platforms the app knows (PLATFORMS unless told): those the configuration enables are built. */
  platforms?: readonly PlatformModule[]
}

/**
 * The composition root: config → logger → db → services → platforms → dispatcher → http. Every platform
 * is wired alike through the seam (platforms/types.ts): nothing here names one.
 */
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
  // every enabled platform through the same seam, in order; one that fails to build (a wrong token) stops
  // the start, closing what was built before it
  const claims = createUpdateClaims({ db: db.prisma, clock, leaseMs: services.config.updateClaimLeaseMs })
  const platforms: ChatPlatform[] = []
  for (const m of (opts.platforms ?? PLATFORMS).filter((m) => m.enabled(config))) {
    try {
      platforms.push(await m.create({ config, services, db: db.prisma, clock, log, metrics, claims, sendTimeoutMs }))
    } catch (err) {
      for (const p of [...platforms].reverse()) await p.stop().catch(() => undefined)
      await db.close()
      throw err
    }
  }
  for (const p of platforms) routes.push(...p.routes)
  // the Bukti Dukung links of the progres harian export: open to whoever holds a signed link (docs/evaluation.md)
  routes.push(buktiRoute({ db: db.prisma, secret: config.EVIDENCE_LINK_SECRET, log }))
  // the web console at /console, on the same port (docs/console.md)
  const consoleDeps = { db: db.prisma, clock, config, log: log.child({ component: 'console' }), platforms: platforms.map((p) => p.platform) }
  routes.push(
    ...consoleRoutes({
      ...consoleDeps,
      auth: createConsoleAuth({ ...consoleDeps, cfg: consoleAuthConfig(config, consoleDeps.platforms), afterCommit: () => wake.kick() }),
      linkUrls: (code) => platforms.flatMap((p) => (p.linkUrl ? [{ platform: p.platform, url: p.linkUrl(code) }] : [])),
      afterCommit: () => wake.kick(),
    }),
  )
  for (const d of platforms.flatMap((p) => p.duties)) roles.add(d.role, d)
  // first: each waits for acknowledged work before the dispatcher and the database go away
  const stops = platforms.map((p) => () => p.stop())

  const dispatcher = createDispatcher({
    db: db.prisma,
    clock,
    notifiers: platforms.map((p) => p.notifier),
    log: log.child({ component: 'dispatcher' }),
    cfg: {
      pollMs: config.OUTBOX_POLL_MS,
      maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
      maxRateLimits: config.OUTBOX_MAX_RATE_LIMITS,
      batchSize: config.OUTBOX_BATCH_SIZE,
      concurrency: config.OUTBOX_CONCURRENCY,
      leaseMs: config.OUTBOX_LEASE_SECONDS * 1000,
      limits: Object.fromEntries(platforms.map((p) => [p.platform, p.limits])),
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
    for (const p of platforms) await p.start()
  } catch (err) {
    // a platform refused to start: leave nothing open behind the error
    for (const s of stops) await s().catch(() => undefined)
    server.close()
    server.closeAllConnections()
    await db.close()
    throw err
  }
  log.info({ port, platforms: platforms.map((p) => p.platform), instanceId }, 'kinerja-bot started')
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

  return { config, db, services, dispatcher, scheduler, metrics, platforms, roles: roles.held, log, server, port, stop }
}

function consoleAuthConfig(config: Config, platforms: ChatPlatform['platform'][]) {
  return {
    signInMinutes: config.CONSOLE_SIGN_IN_MINUTES,
    idleMinutes: config.CONSOLE_IDLE_MINUTES,
    sessionHours: config.CONSOLE_SESSION_HOURS,
    perNip: config.CONSOLE_SIGN_IN_PER_NIP,
    perAddress: config.CONSOLE_SIGN_IN_PER_ADDRESS,
    platforms,
  }
}
