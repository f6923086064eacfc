import { describe, expect, it } from 'vitest'
import { isWindowOpen, WINDOW_MS, windowClosesAt } from '../../../src/platforms/whatsapp/window.js'

const at = (iso: string) => new Date(iso)
const LAST = at('2026-12-01T08:00:00Z')

describe('the 24-hour customer-service window', () => {
  it('is open for 24 hours after the last inbound message, closed from then on', () => {
    expect(isWindowOpen(LAST, LAST)).toBe(true)
    expect(isWindowOpen(LAST, at('2026-12-02T07:59:59.999Z'))).toBe(true)
    expect(isWindowOpen(LAST, at('2026-12-02T08:00:00Z'))).toBe(false)
    expect(isWindowOpen(LAST, at('2026-12-09T08:00:00Z'))).toBe(false)
  })

  it('is closed for someone who never wrote', () => {
    expect(isWindowOpen(null, LAST)).toBe(false)
    expect(isWindowOpen(undefined, LAST)).toBe(false)
    expect(windowClosesAt(null, LAST)).toBeNull()
  })

  it('counts a last message stamped a little ahead of our clock as just now', () => {
    expect(isWindowOpen(at('2026-12-01T08:00:05Z'), LAST)).toBe(true)
  })

  it('treats the last stretch as closed when given a margin', () => {
    const almost = new Date(LAST.getTime() + WINDOW_MS - 30_000)
    expect(isWindowOpen(LAST, almost)).toBe(true)
    expect(isWindowOpen(LAST, almost, 60_000)).toBe(false)
  })

  it('says when it closes', () => {
    expect(windowClosesAt(LAST, at('2026-12-01T20:00:00Z'))).toEqual(at('2026-12-02T08:00:00Z'))
    expect(windowClosesAt(LAST, at('2026-12-02T09:00:00Z'))).toBeNull()
  })
})
