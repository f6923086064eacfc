import { describe, expect, it } from 'vitest'
import { createRateLimiter, DEFAULT_CATCH_UP_MS, DEFAULT_JITTER_MS, type PacingOptions } from '../../src/notify/rate-limit.js'

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** How late a timer or a busy pump takes the slot it woke for: mostly ~1 ms, sometimes 5–25 ms. */
function lateness(seed: number): () => number {
  const r = random(seed)
  return () => (r() < 0.05 ? 5 + 20 * r() : 2 * r())
}

/** Round trips of sends: 2–5 ms (the fastest, 2 ms, is 1 ms there and 1 ms back). */
function roundTrips(seed: number): () => number {
  const r = random(seed + 1000)
  return () => (r() < 0.2 ? 2 : 2 + 3 * r())
}

/**
 * Stalls of the event loop (GC, a synchronous query, the CPU busy elsewhere): about every 2 s, 20–150 ms
 * long. Nothing happens during one: answers and wake-ups that fall into it come at its end. Returns when
 * an event due at `t` really happens.
 */
function stalls(seed: number): (t: number) => number {
  const r = random(seed + 2000)
  const list: [number, number][] = []
  for (let t = 1_000_000; t < 1_000_000 + 600_000; ) {
    t += -2000 * Math.log(1 - r())
    const end = t + 20 + 130 * r()
    list.push([t, end])
    t = end
  }
  return (t) => list.find(([from, to]) => from <= t && t < to)?.[1] ?? t
}

/** The most times in any half-open window of `windowMs` (times sorted). */
function busiest(times: number[], windowMs: number): number {
  let most = 0
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= windowMs) j++
    most = Math.max(most, i - j + 1)
  }
  return most
}

/**
 * Drives the limiter as the dispatcher's pump does, on a fake clock: at most `held` messages in memory
 * (claimed in id order), one message per chat at a time, at most `concurrency` sends awaiting their answer,
 * every waiting chat offered a slot on each pump, a pump on every answer and on a timer for the soonest
 * slot, that timer firing late by `late()` ms, each send answered `roundTrip()` ms after it left, and
 * everything held up by `stall`. Returns when each message was taken and its round trip, in order.
 */
function drive(o: {
  rate: number
  chatIntervalMs?: number
  chats: string[]
  late: () => number
  roundTrip?: () => number
  stall?: (t: number) => number
  held?: number
  concurrency?: number
  opts?: PacingOptions
}) {
  let now = 1_000_000
  const limiter = createRateLimiter({ telegram: { ratePerSec: o.rate, chatIntervalMs: o.chatIntervalMs ?? 1000 } }, { ...o.opts, now: () => now })
  const pending = [...o.chats]
  const held: string[] = []
  const busy = new Set<string>()
  const answers: { at: number; chat: string }[] = [] // sorted by time
  let timerAt = now
  const taken: { at: number; chat: string; roundTrip: number }[] = []
  const pump = () => {
    while (held.length < (o.held ?? 100) && pending.length > 0) held.push(pending.shift()!)
    let next = Infinity
    const seen = new Set<string>()
    for (let i = 0; i < held.length && busy.size < (o.concurrency ?? 8); i++) {
      const chat = held[i]!
      if (seen.has(chat) || busy.has(chat)) continue // a chat's later message waits for its earlier one
      seen.add(chat)
      const wait = limiter.take('telegram', chat)
      if (wait > 0) {
        next = Math.min(next, wait)
        continue
      }
      const at = (o.stall ?? ((t: number) => t))(now + (o.roundTrip?.() ?? 3))
      taken.push({ at: now, chat, roundTrip: at - now })
      busy.add(chat)
      held.splice(i--, 1)
      answers.splice(answers.findIndex((a) => a.at > at) >>> 0, 0, { at, chat })
    }
    if (next < Infinity && now + next < timerAt) timerAt = now + next + o.late()
  }
  while (pending.length > 0 || held.length > 0 || answers.length > 0) {
    if (answers.length > 0 && answers[0]!.at <= timerAt) {
      const a = answers.shift()!
      now = Math.max(now, a.at)
      limiter.answered('telegram', a.chat)
      busy.delete(a.chat)
    } else {
      now = Math.max(now, (o.stall ?? ((t: number) => t))(timerAt))
      timerAt = Infinity
    }
    pump()
  }
  return taken
}

const distinctChats = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`)

describe('rate limiter: pacing over a long fan-out', () => {
  for (const rate of [30, 150]) {
    it(`at ${rate}/s: 0.9–1.0 of the limit on average although wake-ups are late and the event loop stalls, and never more than ${rate} in any second at the platform`, () => {
      const taken = drive({ rate, chats: distinctChats(rate * 60), late: lateness(rate), roundTrip: roundTrips(rate), stall: stalls(rate) })
      const at = taken.map((t) => t.at)
      const achieved = ((at.length - 1) / (at.at(-1)! - at[0]!)) * 1000
      expect(achieved / rate).toBeGreaterThanOrEqual(0.9)
      expect(achieved / rate).toBeLessThanOrEqual(1)
      // what we send: the limit holds over a second stretched by the jitter allowance
      expect(busiest(at, 1000 + DEFAULT_JITTER_MS)).toBeLessThanOrEqual(rate)
      // what the platform counts: somewhere between 1 ms after the send and 1 ms before its answer (a
      // stalled round trip may have been counted late)
      const counted = random(rate + 1)
      const counts = taken.map((t) => t.at + 1 + (t.roundTrip - 2) * counted()).sort((a, b) => a - b)
      expect(busiest(counts, 1000)).toBeLessThanOrEqual(rate)
      // and in the worst case: a send counted as late as it can have been, the (rate+1)-th after it as early
      for (let i = 0; i + rate < taken.length; i++) {
        const [first, last] = [taken[i]!, taken[i + rate]!]
        expect(last.at + 1 - (first.at + first.roundTrip - 1)).toBeGreaterThanOrEqual(1000 - 1e-9)
      }
    })
  }

  it('spaces sends evenly rather than in bursts once under way', () => {
    const rate = 30
    const spacing = (1000 + DEFAULT_JITTER_MS) / rate
    const taken = drive({ rate, chats: distinctChats(600), late: () => 0 })
    const gaps = taken.slice(1).map((t, i) => t.at - taken[i]!.at)
    // on time every time: every gap is exactly the spacing, from the first send on (no burst at the start)
    expect(gaps.filter((g) => Math.abs(g - spacing) > 1e-9)).toEqual([])
  })

  it('makes up a late wake-up by at most the catch-up allowance, and banks no more over an idle spell', () => {
    let now = 0
    const limiter = createRateLimiter({ telegram: { ratePerSec: 150, chatIntervalMs: 1000 } }, { now: () => now })
    const spacing = (1000 + DEFAULT_JITTER_MS) / 150
    const burst = (prefix: string) => {
      let n = 0
      while (limiter.take('telegram', `${prefix}${n}`) === 0) n++
      return n
    }
    expect(burst('a')).toBe(1) // idle: one now, the next one spacing later
    now += 200 // the next one was waiting, and the wake-up came 200 - spacing ms late: catch up 50 ms of it
    expect(burst('b')).toBe(1 + Math.floor(DEFAULT_CATCH_UP_MS / spacing))
    now += 60_000 // a minute idle banks no more than that
    expect(burst('c')).toBe(1 + Math.floor(DEFAULT_CATCH_UP_MS / spacing))
  })

  it('the window holds even when catching up is allowed to be large: never more than the limit in 1 s + jitter', () => {
    let now = 0
    const limiter = createRateLimiter({ telegram: { ratePerSec: 30, chatIntervalMs: 0 } }, { now: () => now, catchUpMs: 10_000 })
    expect(limiter.take('telegram', 'x')).toBe(0)
    limiter.answered('telegram', 'x')
    expect(limiter.take('telegram', 'x')).toBeGreaterThan(0) // waiting for the next slot
    now = 5000 // ... which the pump missed by seconds: it may catch up on all of them, but the window holds
    let taken = 0
    while (limiter.take('telegram', 'x') === 0) {
      limiter.answered('telegram', 'x')
      taken++
    }
    expect(taken).toBe(30)
    expect(limiter.take('telegram', 'x')).toBe(1000 + DEFAULT_JITTER_MS)
    now = 5000 + 1000 + DEFAULT_JITTER_MS
    expect(limiter.take('telegram', 'x')).toBe(0)
  })

  it('a send whose answer came late keeps its place in the window for as much longer; one unanswered holds the rest until its answer', () => {
    let now = 0
    const limiter = createRateLimiter({ telegram: { ratePerSec: 3, chatIntervalMs: 0 } }, { now: () => now, jitterMs: 50 })
    const sendAt = (at: number, chat: string) => {
      now = at
      expect(limiter.take('telegram', chat)).toBe(0)
    }
    sendAt(0, 'a')
    sendAt(350, 'b') // the pace: 1050 ms / 3
    now = 352
    limiter.answered('telegram', 'b') // 2 ms: the usual round trip
    now = 500
    limiter.answered('telegram', 'a') // 500 ms: it may have been counted up to 498 ms later than sent
    sendAt(700, 'c')
    now = 702
    limiter.answered('telegram', 'c')
    now = 1050
    expect(limiter.take('telegram', 'd')).toBe(448) // the fourth waits 1 s + 498 ms after 'a', not 1 s + 50 ms
    sendAt(1498, 'd')
    expect(limiter.take('telegram', 'e')).toBe(300) // then the pace again ('b' left the window at 1400)
  })

  it('a send still on its way holds the next one that needs its place until its answer, 500 ms at most', () => {
    let now = 0
    const limiter = createRateLimiter({ telegram: { ratePerSec: 1, chatIntervalMs: 0 } }, { now: () => now })
    expect(limiter.take('telegram', 'a')).toBe(0)
    now = 100
    expect(limiter.take('telegram', 'b')).toBe(1000) // until its answer, which wakes the dispatcher
    now = 120
    limiter.answered('telegram', 'a') // the only round trip known, so the usual one: 1 s + 50 ms after it left
    expect(limiter.take('telegram', 'b')).toBe(930)
    now = 1050
    expect(limiter.take('telegram', 'b')).toBe(0)
    // never answered (a hung request): taken as counted within 500 ms more than the usual round trip
    now = 1700
    expect(limiter.take('telegram', 'c')).toBe(1050 + 1000 + 500 - 1700)
    now = 2550
    expect(limiter.take('telegram', 'c')).toBe(0)
  })

  it('learns the usual round trip from answers only, not from sends that failed or never left', () => {
    let now = 0
    const limiter = createRateLimiter({ telegram: { ratePerSec: 1, chatIntervalMs: 0 } }, { now: () => now, jitterMs: 50 })
    expect(limiter.take('telegram', 'a')).toBe(0)
    now = 100
    limiter.answered('telegram', 'a') // the usual round trip: 100 ms
    now = 1050
    expect(limiter.take('telegram', 'b')).toBe(0)
    now = 1051
    limiter.answered('telegram', 'b', false) // never reached the platform: 1 ms says nothing about it
    now = 2100
    expect(limiter.take('telegram', 'c')).toBe(0)
    now = 2300
    limiter.answered('telegram', 'c') // 200 ms: 100 ms more than usual, so maybe counted 100 ms late
    expect(limiter.take('telegram', 'd')).toBe(2100 + 1000 + 100 - 2300)
  })
})

describe('rate limiter: chats, platforms and 429', () => {
  it('spaces sends on a platform evenly and to one chat by the chat interval; a 429 pauses the platform', () => {
    let now = 0
    const limiter = createRateLimiter(
      { telegram: { ratePerSec: 20, chatIntervalMs: 1000 }, slack: { ratePerSec: 1, chatIntervalMs: 1000 } },
      { now: () => now, jitterMs: 50, catchUpMs: 0 },
    )
    expect(limiter.take('telegram', 'a')).toBe(0)
    expect(limiter.take('telegram', 'b')).toBe(52.5) // the platform's next slot: 1050 ms / 20
    now = 52.5
    expect(limiter.take('telegram', 'a')).toBe(947.5) // the chat's next slot
    expect(limiter.take('telegram', 'b')).toBe(0)
    expect(limiter.take('slack', 'c')).toBe(0) // platforms are independent
    now = 100
    limiter.pause('telegram', 2000)
    expect(limiter.take('telegram', 'z')).toBe(2000)
    expect(limiter.platformWait('telegram')).toBe(2000)
    now = 2100
    expect(limiter.take('telegram', 'z')).toBe(0)
    expect(limiter.take('telegram', 'a')).toBe(52.5)
    now = 2152.5
    limiter.prune()
    expect(limiter.take('telegram', 'a')).toBe(0)
  })

  it('keeps one chat’s messages a chat interval apart while other chats fill the platform’s rate', () => {
    // 40 chats with 5 messages each, as a digest (chart + text) or a reminder day can leave them
    const chats = [0, 1, 2, 3, 4].flatMap(() => distinctChats(40))
    const taken = drive({ rate: 30, chatIntervalMs: 1000, chats, late: lateness(7) })
    const byChat = new Map<string, number[]>()
    for (const t of taken) byChat.set(t.chat, [...(byChat.get(t.chat) ?? []), t.at])
    for (const at of byChat.values()) {
      expect(at).toHaveLength(5)
      for (let k = 1; k < at.length; k++) expect(at[k]! - at[k - 1]!).toBeGreaterThanOrEqual(1000)
    }
    const at = taken.map((t) => t.at)
    expect(busiest(at, 1000 + DEFAULT_JITTER_MS)).toBeLessThanOrEqual(30)
    // 200 messages at ~28.6/s ≈ 7 s: the chat interval does not hold the others up
    expect(at.at(-1)! - at[0]!).toBeLessThan(7600)
  })

  it('after a 429 it resumes at the even pace, without a burst to make up for the pause', () => {
    let now = 0
    const limiter = createRateLimiter({ telegram: { ratePerSec: 150, chatIntervalMs: 0 } }, { now: () => now })
    const spacing = (1000 + DEFAULT_JITTER_MS) / 150
    for (let i = 0; i < 100; i++) for (let w = limiter.take('telegram', 'x'); w > 0; w = limiter.take('telegram', 'x')) now += w
    limiter.pause('telegram', 1000)
    now += 1000 + 30 // the pump wakes 30 ms after the pause ended
    expect(limiter.take('telegram', 'x')).toBe(0)
    // it may make up the 30 ms it was late, not the second it was paused
    let burst = 0
    while (limiter.take('telegram', 'x') === 0) burst++
    expect(burst).toBeLessThanOrEqual(Math.ceil(30 / spacing))
  })
})
