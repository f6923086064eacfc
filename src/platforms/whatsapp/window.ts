// WhatsApp's customer-service window: for 24 hours after a person's last message the business may send
// anything (text, media, interactive); outside it only an approved template. A free-form send into a
// closed window is accepted by the API and then fails in a status webhook (131047), so the bot decides
// before sending, from the last inbound time it keeps.

export const WINDOW_MS = 24 * 60 * 60 * 1000

/**
 * Is the window open at `now`? Closed when the person never wrote. The window is open strictly less than
 * 24 hours after the last message; a clock a little ahead of the platform's could still send at 23:59:59
 * into a window WhatsApp closed, so callers that plan ahead pass a `margin` to treat the last stretch as closed.
 */
export function isWindowOpen(lastInboundAt: Date | null | undefined, now: Date, marginMs = 0): boolean {
  if (!lastInboundAt) return false
  const age = now.getTime() - lastInboundAt.getTime()
  // a last message "in the future" (clocks apart) is a message just now
  return age < WINDOW_MS - marginMs
}

/** When the window closes, or null when it is closed already. */
export function windowClosesAt(lastInboundAt: Date | null | undefined, now: Date): Date | null {
  if (!isWindowOpen(lastInboundAt, now)) return null
  return new Date(lastInboundAt!.getTime() + WINDOW_MS)
}
