import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config.js'

const bot = 'xoxb-0000000001-kinerja-test-token'
const secret = '8f14e45fceea167a5a36dedd4bea2543'

describe('Slack configuration', () => {
  it('enables Slack alone, in HTTP mode with a signing secret or in Socket Mode with an app token', () => {
    const http = loadConfig({ SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: secret })
    expect(http.SLACK_API_URL).toBe('https://slack.com/api/')
    expect(http.TELEGRAM_BOT_TOKEN).toBeUndefined()
    expect(loadConfig({ SLACK_BOT_TOKEN: bot, SLACK_APP_TOKEN: 'xapp-1-A0KINERJA-0000-abcdef' }).SLACK_SIGNING_SECRET).toBeUndefined()
  })

  it('names what is missing or malformed, and still needs one platform', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: bot })).toThrow(/SLACK_SIGNING_SECRET: required for Slack in HTTP mode/)
    expect(() => loadConfig({ SLACK_APP_TOKEN: 'xapp-1-A0KINERJA-0000-abcdef' })).toThrow(/SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN is set/)
    expect(() => loadConfig({ PLAYGROUND: 'false' })).toThrow(/TELEGRAM_BOT_TOKEN, SLACK_BOT_TOKEN or the WHATSAPP_\* settings/)
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxp-user-token-0000', SLACK_SIGNING_SECRET: secret })).toThrow(/SLACK_BOT_TOKEN: must look like xoxb-/)
    expect(() => loadConfig({ SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: secret, SLACK_API_URL: 'http://127.0.0.1:9/api' })).toThrow(/SLACK_API_URL: must end with a slash/)
    // secrets never appear in the messages
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-short', SLACK_SIGNING_SECRET: 'tiny' })
    } catch (e) {
      expect(String(e)).not.toMatch(/xoxb-short|tiny/)
    }
  })
})
