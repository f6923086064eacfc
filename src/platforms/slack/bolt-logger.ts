import { LogLevel, type Logger as BoltLogger } from '@slack/bolt'
import type { Logger } from '../../logger.js'

/**
 * bolt and the Web API client write through our pino logger. Their debug lines include request bodies
 * (activity texts, personal data), so they go to `trace`, below anything a deployment normally enables.
 */
export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO
  const write = (at: 'trace' | 'info' | 'warn' | 'error') => (...msg: unknown[]) =>
    log[at](msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' '))
  return {
    debug: write('trace'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (l) => {
      level = l
    },
    getLevel: () => level,
    setName: () => undefined,
  }
}
