import { Composer } from 'grammy'
import type { Services } from '../../../services.js'
import type { LinkedEmployee } from '../../../domain/linking.js'
import { welcomeText } from '../../../messages/index.js'
import type { BotContext } from '../context.js'
import { converseHere } from '../conversation.js'
import { resetCommands, setLinkedCommands } from '../commands.js'

/** /start [code], or /start then the code: links this Telegram account to an employee. */
export function startFeature(services: Services) {
  const feature = new Composer<BotContext>()
  const chat = feature.chatType('private')

  // the code, now or as the next message: the core's link flow; a link greets here
  const link = (ctx: BotContext, code: string) => converseHere(ctx, services, { type: 'command', command: 'link', text: code }, greet)

  async function greet(ctx: BotContext, e: LinkedEmployee) {
    await setLinkedCommands(ctx.api, ctx.chat!.id, e.supervises)
    // the account this one replaces is no longer linked: its chat goes back to the menu for the unlinked
    for (const chat of e.replacedChats ?? []) {
      await resetCommands(ctx.api, Number(chat)).catch((err: unknown) => ctx.log.warn({ err: { message: (err as Error).message } }, 'could not reset the old menu'))
    }
    await ctx.reply(welcomeText(e))
    // what waited for this person (approval cards) comes after the welcome
    services.linking.deliverWaiting()
  }

  chat.command('start', async (ctx) => {
    const code = ctx.match.trim()
    if (!code && ctx.actor) {
      const me = await services.linking.describe(ctx.actor.employeeId)
      return greet(ctx, me)
    }
    await link(ctx, code)
  })

  // not linked yet: the code typed after /start (linked people's messages go to the core in the report feature)
  chat.on('message:text', async (ctx, next) => {
    if (ctx.actor || !(await converseHere(ctx, services, { type: 'text', text: ctx.message.text }, greet))) return next()
  })

  return feature
}
