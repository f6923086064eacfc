import { webhookCallback } from 'grammy'
import { telegramWebhookUrl } from '../../config.js'
import { scrubSecrets } from '../../logger.js'
import type { Route } from '../../http/server.js'
import type { ChatPlatform, PlatformDeps, PlatformDuty, PlatformModule } from '../types.js'
import { createTelegramBot } from './bot.js'
import { setDefaultCommands } from './commands.js'
import { telegramEvidenceFetcher } from './evidence.js'
import { TELEGRAM_CAPABILITIES } from './message.js'
import { createTelegramNotifier } from './notifier.js'

/** Pause before long polling starts again after it stopped on an error. */
const POLL_RESTART_MS = 3_000
/** Where Telegram posts updates in webhook mode (PUBLIC_URL + this path). */
export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook'

/**
 * Telegram: the grammY bot, its notifier and evidence fetcher, and either the webhook route (registered
 * with setWebhook at start) or the long poller, a singleton duty (one getUpdates per token).
 */
export async function createTelegramPlatform(deps: PlatformDeps): Promise<ChatPlatform> {
  const { config, services, log, claims } = deps
  const token = config.TELEGRAM_BOT_TOKEN
  if (!token) throw new Error('TELEGRAM_BOT_TOKEN is not set')
  const scrub = (err: unknown) => ({ message: scrubSecrets((err as Error).message, [token]) })

  const bot = createTelegramBot({ token, apiRoot: config.TELEGRAM_API_ROOT, services, claims, log, metrics: deps.metrics })
  const notifier = createTelegramNotifier(bot.api, { timeoutMs: deps.sendTimeoutMs })
  services.evidence.register(
    ['photo', 'document'],
    telegramEvidenceFetcher(bot.api, { token, apiRoot: config.TELEGRAM_API_ROOT, maxBytes: config.EVIDENCE_MAX_BYTES, timeoutMs: deps.sendTimeoutMs, log }),
  )
  // grammY retries getMe with backoff while the network is down: say so instead of hanging silently
  const waiting = setInterval(() => log.warn({ apiRoot: config.TELEGRAM_API_ROOT }, 'still waiting for the Telegram Bot API (getMe): check the network and the token'), 10_000)
  try {
    // a wrong token stops the start here
    await bot.init()
  } finally {
    clearInterval(waiting)
  }
  // the menu is a convenience: a refusal must not keep the bot from starting
  await setDefaultCommands(bot.api).catch((err: unknown) => log.warn({ err: scrub(err) }, 'could not set the command menu (setMyCommands): starting without it'))

  const routes: Route[] = []
  const duties: PlatformDuty[] = []
  let start = async () => {}
  if (config.TELEGRAM_MODE === 'webhook') {
    const handle = webhookCallback(bot, 'http', { secretToken: config.TELEGRAM_WEBHOOK_SECRET, onTimeout: 'return' })
    routes.push({ method: 'POST', path: TELEGRAM_WEBHOOK_PATH, handler: (req, res) => handle(req, res) })
    start = async () => {
      const url = telegramWebhookUrl(config.PUBLIC_URL!)
      // never drop pending updates: they are reports people already sent
      await bot.api.setWebhook(url, { secret_token: config.TELEGRAM_WEBHOOK_SECRET, drop_pending_updates: false })
      log.info({ url }, 'telegram webhook set')
    }
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
          log.error({ err: scrub(err) }, `telegram polling stopped: starting again in ${POLL_RESTART_MS / 1000} s`)
          await new Promise<void>((r) => {
            wake = r
            setTimeout(r, POLL_RESTART_MS).unref()
          })
        }
      }
    }
    duties.push({
      role: 'telegram-poller',
      acquire: async () => {
        // only the poller handles updates in this mode: what the previous one left open is handled again now
        const open = await claims.abandonOpen('telegram')
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

  return {
    platform: 'telegram',
    capabilities: TELEGRAM_CAPABILITIES,
    notifier,
    limits: { ratePerSec: config.TELEGRAM_RATE_PER_SEC, chatIntervalMs: config.TELEGRAM_CHAT_INTERVAL_MS },
    routes,
    duties,
    // t.me/<bot>?start=<code> opens the bot and sends "/start <code>" (letters, digits, _ and - only)
    linkUrl: (code) => `https://t.me/${bot.botInfo.username}?start=${encodeURIComponent(code.replace(/[^\w-]/g, ''))}`,
    start,
    // polling stops with its role (the registry stops it after every platform's stop); a webhook
    // request still being answered is waited for by the HTTP server's close
    stop: async () => {},
  }
}

export const telegramPlatform: PlatformModule = {
  platform: 'telegram',
  enabled: (config) => Boolean(config.TELEGRAM_BOT_TOKEN),
  create: createTelegramPlatform,
}
