import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, telegramWebhookUrl } from '../src/config.js'

const token = '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345'

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const cfg = loadConfig({ TELEGRAM_BOT_TOKEN: token })
    expect(cfg).toMatchObject({
      DATABASE_URL: 'file:./data/kinerja.db',
      TELEGRAM_API_ROOT: 'https://api.telegram.org',
      TELEGRAM_MODE: 'polling',
      PORT: 3000,
      TZ_DEFAULT: 'Asia/Makassar',
      LINK_CODE_TTL_HOURS: 72,
      REPORT_BACKDATE_DAYS: 3,
      REPORT_MAX_DAY_MINUTES: 720,
    })
  })

  it('lists every bad or missing variable at once', () => {
    let error: unknown
    try {
      loadConfig({
        TELEGRAM_BOT_TOKEN: 'not-a-token',
        PORT: 'eighty',
        TZ_DEFAULT: 'Asia/Kendari',
        TELEGRAM_API_ROOT: 'http://127.0.0.1:9/',
        DATABASE_URL: 'mysql://x',
      })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    const problems = (error as ConfigError).problems.join('\n')
    for (const name of ['TELEGRAM_BOT_TOKEN', 'PORT', 'TZ_DEFAULT', 'TELEGRAM_API_ROOT', 'DATABASE_URL']) expect(problems).toContain(name)
  })

  it('requires the webhook secret and public URL in webhook mode, and a platform for the bot', () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_MODE: 'webhook' })).toThrow(/TELEGRAM_WEBHOOK_SECRET[\s\S]*PUBLIC_URL/)
    // nothing configured: the practice playground is the platform; with it refused, a real one is required
    expect(loadConfig({}).PLAYGROUND).toBeUndefined()
    expect(() => loadConfig({ PLAYGROUND: 'false' })).toThrow(/TELEGRAM_BOT_TOKEN/)
    expect(() => loadConfig({ PLAYGROUND: 'yes' })).toThrow(/PLAYGROUND: must be one of true, false/)
    // CLI commands need no chat platform
    expect(loadConfig({}, { requirePlatform: false }).DATABASE_URL).toBe('file:./data/kinerja.db')
  })

  it('checks the rules between variables even when a single variable is already wrong', () => {
    const problemsOf = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env)
        return []
      } catch (e) {
        return (e as ConfigError).problems
      }
    }
    const problems = problemsOf({ PORT: 'x', TELEGRAM_BOT_TOKEN: token, TELEGRAM_MODE: 'webhook' }).join('\n')
    for (const name of ['PORT', 'TELEGRAM_WEBHOOK_SECRET', 'PUBLIC_URL']) expect(problems).toContain(name)
    // a bad value is named once, under its own name, not again by a rule that reads it
    const badUrl = problemsOf({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: 'secret_0123456789abc', PUBLIC_URL: 'not a url' })
    expect(badUrl.filter((p) => p.startsWith('PUBLIC_URL'))).toHaveLength(1)
  })

  it('requires an https PUBLIC_URL for webhooks and keeps its path prefix', () => {
    const webhook = { TELEGRAM_BOT_TOKEN: token, TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: 'secret_0123456789abc' }
    expect(() => loadConfig({ ...webhook, PUBLIC_URL: 'http://kinerja.kendarikota.go.id' })).toThrow(/PUBLIC_URL: must start with https/)
    expect(loadConfig({ ...webhook, PUBLIC_URL: 'https://gw.kendarikota.go.id/kinerja/' }).PUBLIC_URL).toBe('https://gw.kendarikota.go.id/kinerja/')
    expect(telegramWebhookUrl('https://gw.kendarikota.go.id/kinerja/')).toBe('https://gw.kendarikota.go.id/kinerja/telegram/webhook')
    expect(telegramWebhookUrl('https://kinerja.kendarikota.go.id')).toBe('https://kinerja.kendarikota.go.id/telegram/webhook')
  })

  it('says what each setting must be, once per setting, and takes an empty number as its default', () => {
    const problemsOf = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig({ TELEGRAM_BOT_TOKEN: token, ...env })
      } catch (e) {
        return (e as ConfigError).problems
      }
      throw new Error('expected a ConfigError')
    }
    expect(problemsOf({ PORT: '70000', OUTBOX_MAX_ATTEMPTS: '0' })).toEqual([
      'PORT: must be a whole number from 0 to 65535, not "70000"',
      'OUTBOX_MAX_ATTEMPTS: must be a whole number from 1 to 100, not "0"',
    ])
    expect(problemsOf({ SLACK_API_URL: 'slack.com/api', INSTANCE_ID: 'x'.repeat(65) })).toEqual([
      'INSTANCE_ID: must be at most 64 characters long',
      'SLACK_API_URL: must be a full URL such as https://host/path',
    ])
    // `PORT=` in a settings file: the default, not port 0 (a random port)
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token, PORT: '', OUTBOX_MAX_ATTEMPTS: '' })).toMatchObject({ PORT: 3000, OUTBOX_MAX_ATTEMPTS: 8 })
  })

  it('never echoes a secret value in its messages', () => {
    try {
      loadConfig({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: 'short$', PUBLIC_URL: 'https://x.id' })
    } catch (e) {
      expect(String((e as Error).message)).not.toContain('short$')
      return
    }
    throw new Error('expected a ConfigError')
  })
})

describe('.env.example', () => {
  it('documents every variable the configuration reads', () => {
    const root = path.resolve(import.meta.dirname, '..')
    const schema = readFileSync(path.join(root, 'src/config.ts'), 'utf8')
    const example = readFileSync(path.join(root, '.env.example'), 'utf8')
    const names = [...schema.matchAll(/^ {4}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!)
    expect(names.length).toBeGreaterThan(20)
    expect(names.filter((n) => !new RegExp(`^${n}=`, 'm').test(example))).toEqual([])
  })
})
