import type { Platform } from '../domain/types.js'

export interface PlatformLimits {
  /** Messages per second over the whole bot (Telegram about 30). */
  ratePerSec: number
  /** Minimum time between two messages to one chat (Telegram and Slack about 1 s). */
  chatIntervalMs: number
}

const DEFAULT_LIMITS: PlatformLimits = { ratePerSec: 1, chatIntervalMs: 1000 }

/**
 * Paces sends in memory: sends on one platform are spaced 1/rate apart (no bursts), sends to one chat
 * `chatIntervalMs` apart, and a platform that answered 429 is paused as a whole: retry_after describes
 * our standing with the platform, not one message. Uses a monotonic clock, never the domain clock.
 */
export function createRateLimiter(limits: Partial<Record<Platform, PlatformLimits>>, now: () => number = () => performance.now()) {
  const nextOnPlatform = new Map<Platform, number>()
  const pausedUntil = new Map<Platform, number>()
  const nextInChat = new Map<string, number>()
  const limitsOf = (p: Platform) => limits[p] ?? DEFAULT_LIMITS

  /** How long the whole platform must wait (pause or global spacing); 0 when a send may start. */
  function platformWait(platform: Platform): number {
    return Math.max(0, Math.max(pausedUntil.get(platform) ?? 0, nextOnPlatform.get(platform) ?? 0) - now())
  }

  return {
    platformWait,
    /** Takes a send slot for this chat: 0 when taken (start the send now), else how many ms to wait. */
    take(platform: Platform, chatKey: string): number {
      const t = now()
      const wait = Math.max(platformWait(platform), (nextInChat.get(chatKey) ?? 0) - t)
      if (wait > 0) return wait
      const l = limitsOf(platform)
      nextOnPlatform.set(platform, t + 1000 / l.ratePerSec)
      nextInChat.set(chatKey, t + l.chatIntervalMs)
      return 0
    },
    /** The platform said 429: nobody sends there for `ms`. */
    pause(platform: Platform, ms: number): void {
      pausedUntil.set(platform, Math.max(pausedUntil.get(platform) ?? 0, now() + ms))
    },
    /** Forgets chats whose interval is over (keeps the map small during a long fan-out). */
    prune(): void {
      const t = now()
      for (const [k, v] of nextInChat) if (v <= t) nextInChat.delete(k)
    },
  }
}

export type RateLimiter = ReturnType<typeof createRateLimiter>
