import { Composer } from 'grammy'
import type { Services } from '../../../services.js'
import { eksporMessage, tppMessage } from '../../../conversation/bkn.js'
import { rekapMessage } from '../../../conversation/rekap.js'
import { t } from '../../../messages/index.js'
import type { BotContext, LinkedContext } from '../context.js'
import { converseHere } from '../conversation.js'
import { sendToTelegram, TELEGRAM_CAPABILITIES, toTelegram } from '../message.js'

/** /rekap: this month's minutes by status, the target and capaian. */
export function rekapFeature(services: Services) {
  const feature = new Composer<LinkedContext>()
  feature.command('rekap', async (ctx) => {
    await ctx.reply(toTelegram(await rekapMessage(services, ctx.actor)).text)
  })
  return feature
}

/** /ekspor [bulan]: the month's progres harian for BKN e-Kinerja as a document; /tpp: the TPP estimate. */
export function bknFeature(services: Services) {
  const feature = new Composer<LinkedContext>()
  feature.command('ekspor', async (ctx) => {
    await sendToTelegram(ctx.api, ctx.chat.id, await eksporMessage(services, ctx.actor, ctx.match, TELEGRAM_CAPABILITIES))
  })
  feature.command('tpp', async (ctx) => {
    await sendToTelegram(ctx.api, ctx.chat.id, await tppMessage(services, ctx.actor, TELEGRAM_CAPABILITIES))
  })
  return feature
}

/** /bantuan and /batal work for everyone, linked or not. */
export function helpFeature(services: Services) {
  const feature = new Composer<BotContext>()
  feature.command(['bantuan', 'help'], async (ctx) => {
    await ctx.reply(ctx.actor ? t('help.text') : `${t('help.text')}\n\n${t('error.notLinked')}`)
  })
  feature.chatType('private').command('batal', async (ctx) => {
    await converseHere(ctx, services, { type: 'command', command: 'cancel', text: '' })
  })
  return feature
}

/** Last in the chain: whatever nobody handled gets a hint instead of silence. */
export function unhandledFeature() {
  const feature = new Composer<BotContext>()
  feature.on('callback_query:data', (ctx) => ctx.answerCallbackQuery({ text: t('error.staleButton'), show_alert: true }))
  // a photo or document without a /lapor caption: evidence without its report
  feature.chatType('private').on(['message:photo', 'message:document'], (ctx) => ctx.reply(t('report.mediaHint')))
  feature.chatType('private').on('message', (ctx) => ctx.reply(t('help.unknown')))
  return feature
}
