import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parseEnv } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'

const token = '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345'

describe('scheduler and dispatcher configuration', () => {
  it('has the documented defaults, the same as .env.example', () => {
    const cfg = loadConfig({ TELEGRAM_BOT_TOKEN: token })
    const example = parseEnv(readFileSync(path.resolve(import.meta.dirname, '../../.env.example'), 'utf8'))
    const keys = [
      'SCHEDULER_ENABLED', 'CRON_ACTIVITY_REMINDER', 'CRON_ACTIVITY_NUDGE', 'CRON_APPROVAL_REMINDER', 'CRON_ESCALATION',
      'CRON_WEEKLY_DIGEST', 'CRON_MONTHLY_SUMMARY', 'CATCHUP_HORIZON_HOURS', 'ESCALATION_WORK_DAYS', 'MINUTES_PER_DAY',
      'OUTBOX_BATCH_SIZE', 'OUTBOX_CONCURRENCY', 'OUTBOX_LEASE_SECONDS', 'TELEGRAM_RATE_PER_SEC', 'TELEGRAM_CHAT_INTERVAL_MS',
      'SLACK_RATE_PER_SEC', 'SLACK_CHANNEL_INTERVAL_MS',
    ] as const
    for (const k of keys) expect(String(cfg[k]), k).toBe(example[k])
    expect(cfg.CRON_ACTIVITY_REMINDER).toBe('30 15 * * 1-5')
    expect(cfg.SCHEDULER_ENABLED).toBe(true)
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token, SCHEDULER_ENABLED: 'false' }).SCHEDULER_ENABLED).toBe(false)
  })

  it('refuses a cron expression node-cron cannot read, naming the variable', () => {
    let error: unknown
    try {
      loadConfig({ TELEGRAM_BOT_TOKEN: token, CRON_WEEKLY_DIGEST: '30 7 * * Senin', CRON_ESCALATION: '61 8 * * *', SCHEDULER_ENABLED: 'ya' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    const problems = (error as ConfigError).problems.join('\n')
    for (const name of ['CRON_WEEKLY_DIGEST', 'CRON_ESCALATION', 'SCHEDULER_ENABLED']) expect(problems).toContain(name)
  })
})
