import pino, { type Logger } from 'pino'
import type { Config } from './config.js'

export type { Logger }

/** Paths that may hold secrets: replaced before a line is written. Activity texts and link codes are never logged. */
const REDACT = [
  'token',
  '*.token',
  'botToken',
  'secret',
  '*.secret',
  'headers.authorization',
  'headers["x-telegram-bot-api-secret-token"]',
  'req.headers.authorization',
]

export function createLogger(cfg: Pick<Config, 'LOG_LEVEL' | 'LOG_PRETTY'>, destination?: pino.DestinationStream): Logger {
  const pretty = cfg.LOG_PRETTY ? cfg.LOG_PRETTY === 'true' : process.stdout.isTTY && !destination
  const options: pino.LoggerOptions = {
    level: cfg.LOG_LEVEL,
    base: { app: 'kinerja-bot' },
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: { err: pino.stdSerializers.err },
  }
  if (pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:standard' } } })
  }
  return destination ? pino(options, destination) : pino(options)
}

/** Removes a bot token that an HTTP library put into an error message or URL. */
export function scrubSecrets(text: string, secrets: (string | undefined)[]): string {
  let out = text
  for (const s of secrets) if (s) out = out.split(s).join('[redacted]')
  return out.replace(/bot\d+:[\w-]{20,}/g, 'bot[redacted]')
}
