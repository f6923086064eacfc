import { autoRetry } from '@grammyjs/auto-retry'
import { Bot, type BotError, type MiddlewareFn } from 'grammy'
import type { UpdateClaims } from '../../conversation/update-claim.js'
import type { Services } from '../../services.js'
import type { Metrics } from '../../http/metrics.js'
import type { Logger } from '../../logger.js'
import { scrubSecrets } from '../../logger.js'
import { t, welcomeText } from '../../messages/index.js'
import type { BotContext, LinkedContext } from './context.js'
import { setLinkedCommands } from './commands.js'
import { proxyErrorsAsServerErrors } from './proxy-errors.js'
import { approvalFeature } from './features/approval.js'
import { pendingFeature } from './features/pending.js'
import { bknFeature, helpFeature, rekapFeature, unhandledFeature } from './features/misc.js'
import { reportFeature } from './features/report.js'
import { reportRhkFeature } from './features/report-rhk.js'
import { evaluationFeature } from './features/evaluation.js'
import { feedbackFeature } from './features/feedback.js'
import { startFeature } from './features/start.js'

export interface TelegramDeps {
  token: string
  apiRoot: string
  services: Services
  /** Exactly-once handling of updates across redeliveries and instances. */
  claims: UpdateClaims
  log: Logger
  metrics?: Pick<Metrics, 'updates' | 'handlerSeconds'>
}

/**
 * Telegram redelivers an update after a failed webhook call or a poller restart: one effect only, through
 * the update claim every platform shares (conversation/update-claim.ts), keyed by bot and update_id.
 */
function dedupe(claims: UpdateClaims, botId: string): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if ((await claims.once('telegram', `${botId}:${ctx.update.update_id}`, next)) === 'duplicate') {
      ctx.outcome = 'duplicate'
      ctx.log.info('duplicate update ignored')
    }
  }
}

/** Resolves the linked employee for this update from the database (no cache: rights change). */
function resolveActor(services: Services): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (ctx.from && ctx.chat?.type === 'private') {
      const found = await services.linking.identify({ platform: 'telegram', externalId: String(ctx.from.id), chatId: String(ctx.chat.id) })
      if (found) {
        const { linkedNow, ...actor } = found
        ctx.actor = actor
        // linked from the import by a first message other than /start (which greets on its own): the
        // welcome and the command menu now, then what waited; a greeting such as "Selamat pagi" is answered
        // by the welcome, a command goes on to be handled
        const said = ctx.message?.text ?? ctx.message?.caption ?? ''
        if (linkedNow && !/^\/start\b/.test(said)) {
          const me = await services.linking.describe(actor.employeeId)
          await setLinkedCommands(ctx.api, ctx.chat.id, me.supervises).catch((err: unknown) => ctx.log.warn({ err: { message: (err as Error).message } }, 'could not set the command menu'))
          await ctx.reply(welcomeText(me))
          services.linking.deliverWaiting()
          if (ctx.message?.text !== undefined && !said.startsWith('/')) return
        }
      }
    }
    await next()
  }
}

/** Everything below needs a linked employee; others get the explanation and nothing else. */
const requireLinked: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (ctx.actor) return next()
  if (ctx.chat?.type !== 'private' && !ctx.callbackQuery) return
  if (ctx.callbackQuery) return void (await ctx.answerCallbackQuery({ text: t('error.notLinked').slice(0, 200), show_alert: true }))
  await ctx.reply(t('error.notLinked'))
}

export function createTelegramBot(deps: TelegramDeps) {
  const { services, log } = deps
  const bot = new Bot<BotContext>(deps.token, { client: { apiRoot: deps.apiRoot } })
  // installed first: every update's ctx.api inherits it, under its own auto-retry
  bot.api.config.use(proxyErrorsAsServerErrors)
  const botId = deps.token.split(':')[0]!

  bot.use(async (ctx, next) => {
    ctx.log = log.child({ platform: 'telegram', updateId: ctx.update.update_id })
    const started = performance.now()
    await next()
    const seconds = (performance.now() - started) / 1000
    deps.metrics?.handlerSeconds.observe({ platform: 'telegram' }, seconds)
    deps.metrics?.updates.inc({ platform: 'telegram', outcome: ctx.outcome ?? 'handled' })
    ctx.log.debug({ ms: Math.round(seconds * 1000), outcome: ctx.outcome ?? 'handled' }, 'update handled')
  })

  // A handler's own calls (the receipt, a callback answer, a card edit after a click) wait out a flood
  // limit (429 retry_after) or a brief outage instead of failing after the work was done. Only this
  // update's ctx.api: the dispatcher's sends through bot.api keep their own pacing, pauses and retries.
  bot.use((ctx, next) => {
    ctx.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 10 }))
    // Telegram takes one answer per callback query and rejects a second one: remember the first, so a
    // refusal that comes after it is sent as a message the person sees (reply-error.ts)
    ctx.api.config.use(async (prev, method, payload, signal) => {
      const res = await prev(method, payload, signal)
      if (method === 'answerCallbackQuery' && res.ok) ctx.callbackAnswered = true
      return res
    })
    return next()
  })

  const onError = async (err: BotError<BotContext>) => {
    const ctx = err.ctx
    ctx.outcome = 'failed'
    ctx.log.error({ err: { message: scrubSecrets(String((err.error as Error)?.message ?? err.error), [deps.token]) } }, 'update failed')
    if (ctx.chat?.type === 'private') {
      if (ctx.callbackQuery && !ctx.callbackAnswered) await ctx.answerCallbackQuery({ text: t('error.generic'), show_alert: true }).catch(() => undefined)
      else await ctx.reply(t('error.generic')).catch(() => undefined)
    }
  }

  // error boundary → dedupe → actor → features (fixed order) → unhandled
  const app = bot.errorBoundary(onError)
  app.use(dedupe(deps.claims, botId))
  app.use(resolveActor(services))
  app.use(startFeature(services))
  app.use(helpFeature(services))
  const linked = app.filter((ctx): ctx is LinkedContext => ctx.actor !== undefined)
  linked.use(reportFeature(services))
  linked.use(approvalFeature(services))
  linked.use(pendingFeature(services))
  linked.use(rekapFeature(services))
  linked.use(bknFeature(services))
  linked.use(reportRhkFeature(services))
  linked.use(feedbackFeature(services))
  linked.use(evaluationFeature(services))
  app.use(requireLinked)
  app.use(unhandledFeature())

  return bot
}
