import type { Platform } from '../domain/types.js'

export interface PlatformLimits {
  /** Messages per second over the whole bot (Telegram about 30): never more than this in any second. */
  ratePerSec: number
  /** Minimum time between two messages to one chat (Telegram and Slack about 1 s). */
  chatIntervalMs: number
}

export interface PacingOptions {
  /** Monotonic clock in ms (tests pass a fake one). */
  now?: () => number
  /**
   * The least uncertainty (ms) about when the platform counted a send, whatever its round trip showed:
   * each send is counted over a window this much longer than a second. It costs that fraction of the
   * rate (50 ms → 1000/1050 ≈ 95 %) and is what absorbs what we cannot see (how the platform counts).
   */
  jitterMs?: number
  /**
   * How far sends that were waiting may catch up with slots they missed (ms): a timer that fires late,
   * a pump that was busy or a window that held them up do not cost the slots for good.
   */
  catchUpMs?: number
}

const DEFAULT_LIMITS: PlatformLimits = { ratePerSec: 1, chatIntervalMs: 1000 }
export const DEFAULT_JITTER_MS = 50
export const DEFAULT_CATCH_UP_MS = 50
/**
 * The most a round trip longer than usual widens a send's window (ms), and how long an unanswered send
 * holds the others up past the usual round trip: a hung request does not stop the platform for longer.
 */
const MAX_UNCERTAINTY_MS = 500
/** The usual round trip is the fastest of this many recent answers. */
const ROUND_TRIPS_KEPT = 100

interface Sent {
  chatKey: string
  at: number
  /** When the platform answered (accepted or refused); undefined while in flight. */
  answeredAt?: number
}

interface PlatformState {
  /** The next send's slot on the even pace: one spacing after the previous slot. */
  slot: number
  /** Whether sends are waiting for the platform's slots (then lateness is made up) or it was idle. */
  demand: boolean
  /** The last `ratePerSec` sends, oldest at `head` (a ring of that size). */
  recent: Sent[]
  head: number
  /** Sends not answered yet, by chat (the dispatcher has at most one per chat in flight). */
  inFlight: Map<string, Sent>
  /** The last answers' round trips (a ring) and the fastest of them. */
  roundTrips: number[]
  roundTripAt: number
  fastest: number
  pausedUntil: number
}

/**
 * Paces sends in memory, per platform and per chat. Uses a monotonic clock, never the domain clock.
 *
 * - Platform: never more than `ratePerSec` sends in any second *as the platform counts them*, taking the
 *   platform to count over a sliding second (the strictest reading of "n per second": a token bucket or a
 *   counter per clock second lets through at least as much). We know when a send left and when its answer
 *   came: the platform counted it somewhere in between. So a send keeps its place in our window for 1 s
 *   plus `jitterMs`, or plus by how much its round trip exceeded the fastest recent one if that is more (an
 *   event loop that stalled, a busy network: it may have reached the platform that much later than the
 *   next one will); one still unanswered keeps it until it is answered (`MAX_UNCERTAINTY_MS` at most).
 * - Within that, sends are spaced evenly, `(1000 + jitterMs) / ratePerSec` apart, each slot following the
 *   previous slot rather than the moment it was taken, so lateness is made up instead of lost, by up to
 *   `catchUpMs` and only while sends were waiting: an idle platform banks nothing, no burst after it.
 * - Chat: `chatIntervalMs` between two sends to one chat, from the moment the previous one was taken.
 * - A 429 pauses the platform as a whole (retry_after describes our standing with the platform, not one
 *   message); sending resumes at the even pace when it is over.
 *
 * Only one dispatcher per cluster sends (the `dispatcher` role), so these limits are the cluster's.
 */
export function createRateLimiter(limits: Partial<Record<Platform, PlatformLimits>>, opts: PacingOptions = {}) {
  const now = opts.now ?? (() => performance.now())
  const jitterMs = opts.jitterMs ?? DEFAULT_JITTER_MS
  const catchUpMs = opts.catchUpMs ?? DEFAULT_CATCH_UP_MS
  const platforms = new Map<Platform, PlatformState>()
  const nextInChat = new Map<string, number>()
  const limitsOf = (p: Platform) => limits[p] ?? DEFAULT_LIMITS
  const capOf = (p: Platform) => Math.max(1, Math.floor(limitsOf(p).ratePerSec))
  const spacingOf = (p: Platform) => (1000 + jitterMs) / limitsOf(p).ratePerSec

  function stateOf(p: Platform): PlatformState {
    let s = platforms.get(p)
    if (!s) {
      s = { slot: -Infinity, demand: false, recent: [], head: 0, inFlight: new Map(), roundTrips: [], roundTripAt: 0, fastest: Infinity, pausedUntil: -Infinity }
      platforms.set(p, s)
    }
    return s
  }

  /** From when on `e` can no longer be in the same platform second as a send starting then. */
  function leavesWindow(s: PlatformState, e: Sent, t: number): number {
    const fastest = s.fastest === Infinity ? 0 : s.fastest
    // how much later than with the fastest round trip it may have been counted
    const late = Math.min(MAX_UNCERTAINTY_MS, (e.answeredAt ?? t) - e.at - fastest)
    // still unanswered: it may be counted any moment, so wait for the answer (or the limit of waiting)
    if (e.answeredAt === undefined && late < MAX_UNCERTAINTY_MS) return t + 1000
    return e.at + 1000 + Math.max(jitterMs, late)
  }

  /** The earliest time the platform's next send may start: its slot, the pause, and the window. */
  function earliest(s: PlatformState, platform: Platform, t: number): number {
    // the send `cap` sends ago must have left the window
    const windowFree = s.recent.length < capOf(platform) ? -Infinity : leavesWindow(s, s.recent[s.head]!, t)
    return Math.max(s.pausedUntil, s.slot, windowFree)
  }

  function keep(s: PlatformState, roundTrip: number) {
    if (s.roundTrips.length < ROUND_TRIPS_KEPT) s.roundTrips.push(roundTrip)
    else {
      const gone = s.roundTrips[s.roundTripAt]!
      s.roundTrips[s.roundTripAt] = roundTrip
      s.roundTripAt = (s.roundTripAt + 1) % ROUND_TRIPS_KEPT
      if (gone <= s.fastest) s.fastest = Math.min(...s.roundTrips)
    }
    s.fastest = Math.min(s.fastest, roundTrip)
  }

  return {
    /** How long the whole platform must wait (pause, pace or window); 0 when a send may start. */
    platformWait(platform: Platform): number {
      const t = now()
      return Math.max(0, earliest(stateOf(platform), platform, t) - t)
    },
    /**
     * Takes a send slot for this chat: 0 when taken (start the send now and report its answer with
     * `answered`), else how many ms to wait.
     */
    take(platform: Platform, chatKey: string): number {
      const t = now()
      const s = stateOf(platform)
      const platformWait = earliest(s, platform, t) - t
      if (platformWait > 0) {
        s.demand = true
        return platformWait
      }
      const chatWait = (nextInChat.get(chatKey) ?? 0) - t
      if (chatWait > 0) return chatWait
      // the previous slot, or how far we may catch up with it; after an idle spell, now
      const from = s.demand ? Math.max(s.slot, s.pausedUntil, t - catchUpMs) : t
      s.slot = from + spacingOf(platform)
      s.demand = s.slot <= t // still behind: the next send continues the catch-up
      const sent: Sent = { chatKey, at: t }
      if (s.recent.length < capOf(platform)) s.recent.push(sent)
      else {
        const gone = s.recent[s.head]!
        s.recent[s.head] = sent
        s.head = (s.head + 1) % s.recent.length
        if (s.inFlight.get(gone.chatKey) === gone) s.inFlight.delete(gone.chatKey)
      }
      s.inFlight.set(chatKey, sent)
      nextInChat.set(chatKey, t + limitsOf(platform).chatIntervalMs)
      return 0
    },
    /**
     * The send taken for this chat is over: the platform answered (`roundTrip`: the time since `take` was
     * the request's round trip, whatever the answer), or it failed or never left (`roundTrip` false: it
     * is not a sample of the usual round trip).
     */
    answered(platform: Platform, chatKey: string, roundTrip = true): void {
      const s = stateOf(platform)
      const sent = s.inFlight.get(chatKey)
      if (!sent) return
      s.inFlight.delete(chatKey)
      sent.answeredAt = now()
      if (roundTrip) keep(s, sent.answeredAt - sent.at)
    },
    /** The platform said 429: nobody sends there for `ms`. */
    pause(platform: Platform, ms: number): void {
      const s = stateOf(platform)
      s.pausedUntil = Math.max(s.pausedUntil, now() + ms)
    },
    /** Forgets chats whose interval is over (keeps the map small during a long fan-out). */
    prune(): void {
      const t = now()
      for (const [k, v] of nextInChat) if (v <= t) nextInChat.delete(k)
    },
  }
}

export type RateLimiter = ReturnType<typeof createRateLimiter>
