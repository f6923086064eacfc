// A dispatcher alone in its own process, for the crash test (test/notify/dispatcher.test.ts): it sends
// the outbox of DATABASE_URL to the fake Bot API at TELEGRAM_API_ROOT until it is killed.
import { Api } from 'grammy'
import { openDatabase } from '../../src/db/client.js'
import { systemClock } from '../../src/domain/clock.js'
import { createLogger } from '../../src/logger.js'
import { createDispatcher } from '../../src/notify/dispatcher.js'
import { createTelegramNotifier } from '../../src/platforms/telegram/notifier.js'

const env = process.env
const db = await openDatabase(env.DATABASE_URL!)
const api = new Api(env.TELEGRAM_BOT_TOKEN!, { apiRoot: env.TELEGRAM_API_ROOT! })
const dispatcher = createDispatcher({
  db: db.prisma,
  clock: systemClock,
  notifiers: [createTelegramNotifier(api)],
  log: createLogger({ LOG_LEVEL: 'warn', LOG_PRETTY: 'false' }),
  cfg: {
    pollMs: 50,
    maxAttempts: 5,
    batchSize: 20,
    concurrency: 4,
    leaseMs: Number(env.LEASE_MS ?? 60_000),
    limits: { telegram: { ratePerSec: Number(env.RATE_PER_SEC ?? 20), chatIntervalMs: 0 } },
  },
  instanceId: env.INSTANCE_ID!,
})
dispatcher.start()
process.stdout.write('ready\n')
