import { isDomainError } from '../../domain/errors.js'
import { tStored } from '../../messages/index.js'
import type { BotContext } from './context.js'

/**
 * The one place a refusal becomes Telegram text: a callback gets an alert on the button (a message when
 * it was answered already), a message a reply. Anything that is not a refusal is a bug or an outage and goes to the error boundary.
 */
export async function replyError(ctx: BotContext, err: unknown): Promise<void> {
  if (!isDomainError(err)) throw err
  const text = tStored(err)
  // a callback already answered (the spinner stopped before the work) can take no alert any more
  if (ctx.callbackQuery && !ctx.callbackAnswered) {
    await ctx.answerCallbackQuery({ text: text.slice(0, 200), show_alert: true })
  } else {
    await ctx.reply(text)
  }
}

/** Runs a use case and turns its refusals into a reply; returns undefined when refused. */
export async function attempt<T>(ctx: BotContext, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn()
  } catch (err) {
    await replyError(ctx, err)
    return undefined
  }
}
