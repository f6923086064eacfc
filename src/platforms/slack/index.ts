import type { ChatPlatform, PlatformDeps, PlatformModule } from '../types.js'
import { createSlackPlatform } from './app.js'

/** Slack from the app's configuration: HTTP mode (signed requests on SLACK_EVENTS_PATH) or Socket Mode. */
export async function createSlackFromConfig(deps: PlatformDeps): Promise<ChatPlatform> {
  const { config } = deps
  if (!config.SLACK_BOT_TOKEN) throw new Error('SLACK_BOT_TOKEN is not set')
  return createSlackPlatform({
    cfg: {
      botToken: config.SLACK_BOT_TOKEN,
      signingSecret: config.SLACK_SIGNING_SECRET,
      appToken: config.SLACK_APP_TOKEN,
      apiUrl: config.SLACK_API_URL,
      sendTimeoutMs: deps.sendTimeoutMs,
    },
    services: deps.services,
    db: deps.db,
    log: deps.log,
    claims: deps.claims,
    limits: { ratePerSec: config.SLACK_RATE_PER_SEC, chatIntervalMs: config.SLACK_CHANNEL_INTERVAL_MS },
    metrics: deps.metrics,
  })
}

export const slackPlatform: PlatformModule = {
  platform: 'slack',
  enabled: (config) => Boolean(config.SLACK_BOT_TOKEN),
  create: createSlackFromConfig,
}
