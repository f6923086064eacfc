import { hostname } from 'node:os'
import type { Server } from 'node:http'
import { webhookCallback } from 'grammy'
import type pino from 'pino'
import { loadConfig, type Config } from './config.js'
import { openDatabase, type Database } from './db/client.js'
import { systemClock, type Clock } from './domain/clock.js'
import { createServices, type Services } from './domain/services.js'
import { createHttpServer, listen, sendJson, type Route } from './http/server.js'
import { createLogger, type Logger } from './logger.js'
import { createDispatcher, type Dispatcher } from './notify/dispatcher.js'
import type { Notifier } from './notify/types.js'
import { createTelegramBot } from './platforms/telegram/bot.js'
import { setDefaultCommands } from './platforms/telegram/commands.js'
import { createTelegramNotifier } from './platforms/telegram/notifier.js'

export interface App {
  config: Config
  db: Database
  services: Services
  dispatcher: Dispatcher
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
  const db = await openDatabase(config.DATABASE_URL, log)

  // the dispatcher needs the platforms, which need the services: wire the wake-up call afterwards
  const wake = { kick: () => {} }
  const services = createServices({ db: db.prisma, clock, cfg: config, afterCommit: () => wake.kick() })

  const notifiers: Notifier[] = []
  const routes: Route[] = [
    { method: 'GET', path: '/healthz', handler: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
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
    const bot = createTelegramBot({ token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT, db: db.prisma, services, log })
    notifiers.push(createTelegramNotifier(bot.api))
    await bot.init()
    await setDefaultCommands(bot.api)
    if (config.TELEGRAM_MODE === 'webhook') {
      const handle = webhookCallback(bot, 'http', { secretToken: config.TELEGRAM_WEBHOOK_SECRET, onTimeout: 'return' })
      routes.push({ method: 'POST', path: '/telegram/webhook', handler: (req, res) => handle(req, res) })
      starts.push(async () => {
        const url = new URL('/telegram/webhook', config.PUBLIC_URL).toString()
        // never drop pending updates: they are reports people already sent
        await bot.api.setWebhook(url, { secret_token: config.TELEGRAM_WEBHOOK_SECRET, drop_pending_updates: false })
        log.info({ url }, 'telegram webhook set')
      })
    } else {
      starts.push(async () => {
        void bot.start({ drop_pending_updates: false, onStart: (me) => log.info({ bot: me.username }, 'telegram polling started') }).catch((err) => {
          log.fatal({ err: { message: (err as Error).message } }, 'telegram polling stopped')
        })
      })
      // stopping confirms the offset of what was handled, so a restart does not replay it
      stops.push(() => bot.stop())
    }
  }

  const dispatcher = createDispatcher({
    db: db.prisma,
    clock,
    notifiers,
    log: log.child({ component: 'dispatcher' }),
    cfg: { pollMs: config.OUTBOX_POLL_MS, maxAttempts: config.OUTBOX_MAX_ATTEMPTS },
    instanceId,
  })
  wake.kick = () => dispatcher.kick()

  const server = createHttpServer(routes, log)
  const port = await listen(server, config.PORT, config.HOST)
  log.info({ port, platforms: notifiers.map((n) => n.platform), instanceId }, 'kinerja-bot started')
  for (const start of starts) await start()
  dispatcher.start()

  let stopping: Promise<void> | undefined
  const stop = () =>
    (stopping ??= (async () => {
      for (const s of stops) await s().catch((err) => log.warn({ err }, 'stop step failed'))
      await dispatcher.stop()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      await closed
      await db.close()
      log.info('kinerja-bot stopped')
    })())

  return { config, db, services, dispatcher, log, server, port, stop }
}
