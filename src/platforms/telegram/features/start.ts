import { Composer } from 'grammy'
import type { Services } from '../../../services.js'
import type { LinkedEmployee } from '../../../domain/linking.js'
import { t, type MessageKey } from '../../../messages/index.js'

/** The welcome of a linked account; a supervisor hears about /persetujuan too. */
export const welcomeText = (e: LinkedEmployee) =>
  `${t('link.welcome', { name: e.name, role: t(`role.${e.role}` as MessageKey), position: e.position, unit: e.unit })}${e.supervises ? `\n${t('link.welcomeSupervisor')}` : ''}`
import type { BotContext } from '../context.js'
import { attempt } from '../reply-error.js'
import { resetCommands, setLinkedCommands } from '../commands.js'

/** /start [code], or /start then the code: links this Telegram account to an employee. */
export function startFeature(services: Services) {
  const feature = new Composer<BotContext>()
  const chat = feature.chatType('private')

  async function link(ctx: BotContext, code: string) {
    const account = { platform: 'telegram' as const, externalId: String(ctx.from!.id), chatId: String(ctx.chat!.id) }
    const linked = await attempt(ctx, () => services.linking.redeem(account, code))
    if (!linked) return
    ctx.session = {}
    await greet(ctx, linked)
  }

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
    if (code) return link(ctx, code)
    if (ctx.actor) {
      const me = await services.linking.describe(ctx.actor.employeeId)
      return greet(ctx, me)
    }
    ctx.session = { flow: { step: 'link_code' } }
    await ctx.reply(t('link.askCode'))
  })

  chat.on('message:text', async (ctx, next) => {
    const session = await ctx.session
    if (session.flow?.step !== 'link_code' || ctx.message.text.startsWith('/')) return next()
    await link(ctx, ctx.message.text)
  })

  return feature
}
