import { describe, expect, it } from 'vitest'
import { createRateLimiter } from '../../src/notify/rate-limit.js'

describe('rate limiter', () => {
  it('spaces sends on a platform by 1/rate and to one chat by the chat interval; a 429 pauses the platform', () => {
    let now = 0
    const limiter = createRateLimiter({ telegram: { ratePerSec: 20, chatIntervalMs: 1000 }, slack: { ratePerSec: 1, chatIntervalMs: 1000 } }, () => now)
    expect(limiter.take('telegram', 'a')).toBe(0)
    expect(limiter.take('telegram', 'b')).toBe(50) // the platform's next slot
    now = 50
    expect(limiter.take('telegram', 'a')).toBe(950) // the chat's next slot
    expect(limiter.take('telegram', 'b')).toBe(0)
    expect(limiter.take('slack', 'c')).toBe(0) // platforms are independent
    now = 100
    limiter.pause('telegram', 2000)
    expect(limiter.take('telegram', 'z')).toBe(2000)
    expect(limiter.platformWait('telegram')).toBe(2000)
    now = 2100
    expect(limiter.take('telegram', 'z')).toBe(0)
    expect(limiter.take('telegram', 'a')).toBe(50)
    now = 2150
    limiter.prune()
    expect(limiter.take('telegram', 'a')).toBe(0)
  })
})
