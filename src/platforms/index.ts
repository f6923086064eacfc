import { slackPlatform } from './slack/index.js'
import { telegramPlatform } from './telegram/index.js'
import { playgroundPlatform } from './playground/index.js'
import type { PlatformModule } from './types.js'
import { whatsappPlatform } from './whatsapp/index.js'

/**
 * Every chat platform the app knows, in the order they are built, started and stopped. A new platform
 * is one module on the seam (./types.ts) and one line here; the composition root needs no change.
 */
export const PLATFORMS: readonly PlatformModule[] = [telegramPlatform, slackPlatform, whatsappPlatform, playgroundPlatform]
