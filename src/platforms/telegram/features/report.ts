import { Composer } from 'grammy'
import type { Message } from 'grammy/types'
import { isDomainError } from '../../../domain/errors.js'
import { checkDescription, parseReportLine, parseWhen, splitRhkTag, type Parsed, type ReportLine } from '../../../domain/report-line.js'
import { checkNotUnfinished, checkReportDate, OPEN_STATUSES, SimilarReportError, todayFor } from '../../../domain/reports.js'
import type { Services } from '../../../services.js'
import type { ActivityInput, ActivityView, Evidence } from '../../../domain/types.js'
import { formatClock, formatDateId, receiptText, t, tStored } from '../../../messages/index.js'
import type { Draft, LinkedContext } from '../context.js'
import { guidedConfirmKeyboard, guidedEvidenceKeyboard, onAction, ownActivityKeyboard, similarKeyboard } from '../keyboards.js'
import { attempt, replyError } from '../reply-error.js'
import { askRhk } from './report-rhk.js'

const toInput = (line: ReportLine, evidence?: Evidence): ActivityInput => ({
  date: line.date,
  minutes: line.time.minutes,
  ...('startMinute' in line.time ? { startMinute: line.time.startMinute, endMinute: line.time.endMinute } : {}),
  description: line.description,
  ...(evidence ? { evidence } : {}),
  ...(line.rhkCode ? { rhkCode: line.rhkCode } : {}),
})

/** A photo (largest size) or a document attached to the message, kept as Telegram's file_id. */
export function evidenceOf(msg: Message | undefined): Evidence | undefined {
  if (!msg) return undefined
  if (msg.photo && msg.photo.length > 0) return { kind: 'photo', ref: msg.photo[msg.photo.length - 1]!.file_id }
  if (msg.document) return { kind: 'document', ref: msg.document.file_id, ...(msg.document.file_name ? { name: msg.document.file_name } : {}) }
  return undefined
}

const lineOf = (a: ActivityView) =>
  `${a.date.slice(8, 10)}/${a.date.slice(5, 7)} ${a.startMinute != null && a.endMinute != null ? `${formatClock(a.startMinute)}-${formatClock(a.endMinute)}` : `${a.minutes}m`} ${a.description}`

/**
 * The fix of a report: a whole line replaces date, time and description; only a time (with or without
 * a date) keeps the description; only words keep the date and time.
 */
export function parseEdit(text: string, current: ActivityView, today: string, maxDescription: number): Parsed<ReportLine> {
  const kept = { date: current.date, time: current.startMinute != null && current.endMinute != null ? { startMinute: current.startMinute, endMinute: current.endMinute, minutes: current.minutes } : { minutes: current.minutes } }
  const when = parseWhen(text, today)
  if (when.ok) return { ok: true, value: { ...when.value, description: current.description } }
  const line = parseReportLine(text, { today, defaultDate: current.date, maxDescription })
  if (line.ok || line.key !== 'report.timeUnparseable') return line
  const tag = splitRhkTag(text)
  const description = checkDescription(tag.rest, maxDescription)
  if (!description.ok) return description
  return { ok: true, value: { ...kept, description: description.value, ...(tag.rhkCode ? { rhkCode: tag.rhkCode } : {}) } }
}

export function reportFeature(services: Services) {
  const feature = new Composer<LinkedContext>()
  const { reports, config } = services

  /**
   * Submits and answers with the receipt. The update id goes with it: if this update is delivered again
   * after a crash, the stored report's receipt is the answer. A similar report of the same day is not
   * stored until the person confirms it; 'asked' then, undefined when refused.
   */
  async function submitted(ctx: LinkedContext, input: ActivityInput | 'held') {
    const sourceKey = `telegram:${ctx.me.id}:${ctx.update.update_id}`
    try {
      const view = input === 'held' ? await reports.sendHeld(ctx.actor, { sourceKey }) : await reports.submit(ctx.actor, input, { sourceKey })
      const heading = view.repeated ? t('receipt.headingRepeated', { id: view.id }) : undefined
      const open = OPEN_STATUSES.includes(view.status)
      const sent = await ctx.reply(receiptText(view, heading), open ? { reply_markup: ownActivityKeyboard(view.id) } : {})
      if (open) await reports.receiptSent(view, { platform: 'telegram', chatId: String(sent.chat.id), messageId: String(sent.message_id) })
      return view
    } catch (err) {
      if (!(err instanceof SimilarReportError)) return void (await replyError(ctx, err))
      await ctx.reply(t('report.similar', err.similar), { reply_markup: similarKeyboard() })
      return 'asked' as const
    }
  }

  async function oneLine(ctx: LinkedContext, text: string) {
    const parsed = parseReportLine(text, { today: todayFor(ctx.actor, services.clock), maxDescription: config.maxDescription })
    if (!parsed.ok) return ctx.reply(tStored(parsed))
    await submitted(ctx, toInput(parsed.value, evidenceOf(ctx.message)))
  }

  // one line: "/lapor [kemarin|dd/mm] 08:00-10:30 uraian"
  feature.command('lapor', async (ctx) => {
    const text = ctx.match.trim()
    if (text) return oneLine(ctx, text)
    ctx.session = { flow: { step: 'report_description', draft: {} } }
    await ctx.reply(t('guided.askDescription'))
  })

  // grammY leaves commands in captions alone; a photo or document captioned "/lapor …" is a report with evidence
  feature.on(['message:photo', 'message:document'], async (ctx, next) => {
    const m = /^\/lapor(?:@\w+)?\s+([\s\S]+)$/i.exec(ctx.message.caption ?? '')
    if (!m) return next()
    await oneLine(ctx, m[1]!)
  })

  // the guided flow, one answer at a time; the draft lives in the session table
  feature.on('message', async (ctx, next) => {
    const session = await ctx.session
    const flow = session.flow
    const text = ctx.message.text ?? ''
    if (!flow || text.startsWith('/')) return next()
    const draft: Draft = 'draft' in flow ? flow.draft : {}
    switch (flow.step) {
      case 'report_description': {
        const d = checkDescription(text, config.maxDescription)
        if (!d.ok) return ctx.reply(tStored(d))
        ctx.session = { flow: { step: 'report_time', draft: { ...draft, description: d.value } } }
        return ctx.reply(t('guided.askTime'))
      }
      case 'report_time': {
        const when = parseWhen(text, todayFor(ctx.actor, services.clock))
        // the one-line wording asks for "time, then the description": this step asks for the time only
        if (!when.ok) return ctx.reply(when.key === 'report.timeUnparseable' ? t('guided.timeUnparseable', { text: text.trim() }) : tStored(when))
        try {
          checkReportDate(when.value.date, todayFor(ctx.actor, services.clock), config.backdateDays)
          checkNotUnfinished({ date: when.value.date, ...when.value.time }, ctx.actor, services.clock)
        } catch (err) {
          return replyError(ctx, err)
        }
        // next: the RHK (when the person has an SKP for that year), then the evidence
        return askRhk(ctx, services, { ...draft, date: when.value.date, ...when.value.time })
      }
      case 'report_evidence': {
        const evidence = evidenceOf(ctx.message)
        if (!evidence && !/^(lewati|-|skip)$/i.test(text.trim())) {
          return ctx.reply(t('guided.evidenceExpected'), { reply_markup: guidedEvidenceKeyboard() })
        }
        return confirm(ctx, { ...draft, ...(evidence ? { evidence } : {}) })
      }
      case 'report_confirm':
        return ctx.reply(t('guided.useButtons'), { reply_markup: guidedConfirmKeyboard() })
      case 'edit': {
        if (!text) return ctx.reply(t('report.lineEmpty'))
        const current = await attempt(ctx, () => reports.editable(ctx.actor, flow.activityId))
        if (!current) {
          ctx.session = {}
          return
        }
        const parsed = parseEdit(text, current, todayFor(ctx.actor, services.clock), config.maxDescription)
        if (!parsed.ok) return ctx.reply(tStored(parsed))
        try {
          const view = await reports.edit(ctx.actor, flow.activityId, toInput(parsed.value, evidenceOf(ctx.message)))
          ctx.session = {}
          const sent = await ctx.reply(`${t(view.supervisorWaiting ? 'edit.doneWaiting' : 'edit.done', { id: view.id })}\n\n${receiptText(view, t('receipt.headingEdited', { id: view.id }))}`, {
            reply_markup: ownActivityKeyboard(view.id),
          })
          await reports.receiptSent(view, { platform: 'telegram', chatId: String(sent.chat.id), messageId: String(sent.message_id) })
        } catch (err) {
          // wrong input keeps the conversation open; a refusal (decided meanwhile) ends it
          if (isDomainError(err) && err.code !== 'INVALID_INPUT') ctx.session = {}
          return replyError(ctx, err)
        }
        return
      }
      default:
        return next()
    }
  })

  async function confirm(ctx: LinkedContext, draft: Draft) {
    ctx.session = { flow: { step: 'report_confirm', draft } }
    const preview = receiptText(
      {
        id: 0,
        version: 1,
        employee: { id: ctx.actor.employeeId, name: ctx.actor.name, position: '', unit: '' },
        date: draft.date!,
        startMinute: draft.startMinute ?? null,
        endMinute: draft.endMinute ?? null,
        minutes: draft.minutes!,
        description: draft.description!,
        evidence: draft.evidence ?? null,
        status: 'DIAJUKAN',
        timezone: ctx.actor.timezone,
        rhk: draft.rhk ?? null,
      },
      t('guided.summaryTitle'),
    ).replace(/\nStatus: .*$/, '')
    await ctx.reply(preview, { reply_markup: guidedConfirmKeyboard() })
  }

  onAction(feature, 'guided', async (ctx, { step: action }) => {
    const session = await ctx.session
    const flow = session.flow
    if (action === 'cancel') {
      ctx.session = {}
      await ctx.answerCallbackQuery()
      await ctx.editMessageReplyMarkup().catch(() => undefined)
      return ctx.reply(t('guided.cancelled'))
    }
    if (action === 'skip' && flow?.step === 'report_evidence') {
      await ctx.answerCallbackQuery()
      return confirm(ctx, flow.draft)
    }
    if (action === 'send' && flow?.step === 'report_confirm') {
      const d = flow.draft
      await ctx.answerCallbackQuery()
      const view = await submitted(ctx, {
        date: d.date!,
        minutes: d.minutes!,
        ...(d.startMinute != null && d.endMinute != null ? { startMinute: d.startMinute, endMinute: d.endMinute } : {}),
        description: d.description!,
        ...(d.evidence ? { evidence: d.evidence } : {}),
        ...(d.rhk ? { rhkId: d.rhk.id } : {}),
      })
      if (view) {
        ctx.session = {}
        await ctx.editMessageReplyMarkup().catch(() => undefined)
      } else {
        // e.g. the time now overlaps another report: ask for the time again, keep the rest
        ctx.session = { flow: { step: 'report_time', draft: d } }
        await ctx.reply(t('guided.askTime'))
      }
      return
    }
    await ctx.answerCallbackQuery({ text: t('error.staleButton'), show_alert: true })
  })

  // the answer to "a similar report exists: send it anyway?"
  onAction(feature, 'similar', async (ctx, { answer }) => {
    await ctx.editMessageReplyMarkup().catch(() => undefined)
    if (answer === 'cancel') {
      const dropped = await reports.dropHeld(ctx.actor)
      return ctx.answerCallbackQuery(dropped ? { text: t('report.similarCancelled') } : { text: t('error.staleButton'), show_alert: true })
    }
    const view = await submitted(ctx, 'held')
    if (view) await ctx.answerCallbackQuery()
  })

  // "Lapor sekarang" on the afternoon reminder: the guided flow, as /lapor without text
  onAction(feature, 'reportStart', async (ctx) => {
    await ctx.answerCallbackQuery()
    ctx.session = { flow: { step: 'report_description', draft: {} } }
    await ctx.reply(t('guided.askDescription'))
  })

  onAction(feature, 'edit', async (ctx, { activityId }) => {
    const view = await attempt(ctx, () => reports.editable(ctx.actor, activityId))
    if (!view) return
    await ctx.answerCallbackQuery()
    ctx.session = { flow: { step: 'edit', activityId: view.id } }
    await ctx.reply(t('edit.ask', { id: view.id, current: lineOf(view) }))
  })

  onAction(feature, 'withdraw', async (ctx, { activityId }) => {
    const view = await attempt(ctx, () => reports.withdraw(ctx.actor, activityId))
    if (!view) return
    await ctx.answerCallbackQuery({ text: t('withdraw.done', { id: view.id }) })
    await ctx.reply(`${t('withdraw.done', { id: view.id })}\n${formatDateId(view.date)} · ${view.description.slice(0, 100)}`)
  })

  return feature
}
