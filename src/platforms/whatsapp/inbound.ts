import { decodeAction, type Action } from '../../conversation/actions.js'
import { converse, type Input, type Outcome, type Who } from '../../conversation/core.js'
import { textMessage, type Message } from '../../conversation/message.js'
import { rekapMessage } from '../../conversation/rekap.js'
import { eksporMessage, tppMessage } from '../../conversation/bkn.js'
import { renderEvaluation } from '../../conversation/render-evaluation.js'
import { renderPending } from '../../conversation/render-pending.js'
import { renderOutbox } from '../../conversation/render.js'
import { button } from '../../conversation/render-parts.js'
import type { Db } from '../../db/client.js'
import type { Clock } from '../../domain/clock.js'
import { isDomainError } from '../../domain/errors.js'
import { mimeFromName } from '../../domain/evidence-files.js'
import { ratingFromCode } from '../../domain/evaluation-view.js'
import type { LinkedEmployee } from '../../domain/linking.js'
import { looksLikeCode, normalizeCode } from '../../domain/linking.js'
import type { EvaluationView } from '../../domain/evaluation-types.js'
import type { Actor, Evidence, OutboxMessage } from '../../domain/types.js'
import type { Logger } from '../../logger.js'
import { formatDateId, periodLabel, predikatLabel, t, truncate, tStored, welcomeText } from '../../messages/index.js'
import type { Services } from '../../services.js'
import type { WhatsAppClient } from './client.js'
import { sendContents, sendFile, waitingLine, type WhatsAppWindow } from './notifier.js'
import { toWhatsApp, WHATSAPP_CAPABILITIES } from './message.js'
import type { WhatsAppEvent } from './webhook.js'

// What people send on WhatsApp, turned into the conversation core's inputs or the use cases the other
// platforms call for the same buttons; the core's replies become Cloud API sends. No flow lives here.

type MessageEvent = Exclude<WhatsAppEvent, { kind: 'status' }>
type StatusEvent = Extract<WhatsAppEvent, { kind: 'status' }>

/** Commands, typed with or without the slash: `lapor 08:00-10:30 …` is `/lapor 08:00-10:30 …`. */
const COMMANDS = ['lapor', 'rekap', 'tpp', 'ekspor', 'persetujuan', 'bantuan', 'help', 'batal', 'start', 'umpanbalik'] as const
type Command = (typeof COMMANDS)[number]
const COMMAND_RE = new RegExp(`^(/)?(${COMMANDS.join('|')})\\b[ \\t]*([\\s\\S]*)$`, 'i')

export function parseCommand(text: string): { command: Command; args: string; slash: boolean } | null {
  const m = COMMAND_RE.exec(text.trim())
  return m ? { command: m[2]!.toLowerCase() as Command, args: m[3]!.trim(), slash: m[1] === '/' } : null
}

/** Kinds of buttons whose press is an input to the conversation core (as on Telegram). */
const CORE_KINDS = new Set<Action['kind']>(['decide', 'guided', 'similar', 'reportStart', 'edit', 'guidedRhk', 'guidedRencanaAksi', 'guidedRealisasi', 'feedbackEmployee', 'feedbackValue', 'evalNote', 'keberatanFile'])


export interface InboundDeps {
  services: Services
  db: Db
  clock: Clock
  log: Logger
  client: WhatsAppClient
  window: WhatsAppWindow
  maxEvidenceBytes: number
}

export function createInbound(deps: InboundDeps) {
  const { services, db, clock, client, log } = deps
  const caps = WHATSAPP_CAPABILITIES

  /** One conversation per person: their messages are handled one after another, in order. */
  async function reply(to: string, m: Message, replyTo?: string): Promise<string> {
    // a file (the /ekspor workbook) is uploaded and sent as a document, the text its caption where it fits
    if (m.file) return sendFile(client, to, { filename: m.file.filename, mime: m.file.mime, data: Buffer.from(m.file.data) }, { ...m, file: undefined }, replyTo)
    return sendContents(client, to, toWhatsApp(m), replyTo)
  }
  const say = (to: string, text: string, replyTo?: string) => reply(to, textMessage(text), replyTo)

  /** The person wrote: their window is open from their message's time. */
  async function wrote(waId: string, at: Date) {
    const now = clock.now()
    const when = at.getTime() > now.getTime() ? now : at
    await db.chatAccount.updateMany({
      where: { platform: 'whatsapp', externalId: waId, OR: [{ lastInboundAt: null }, { lastInboundAt: { lt: when } }] },
      data: { lastInboundAt: when },
    })
  }

  /** The window is open: what waited for the person goes now, in order. */
  async function release(waId: string) {
    const now = clock.now()
    const account = await db.chatAccount.findUnique({ where: { platform_externalId: { platform: 'whatsapp', externalId: waId } }, select: { employeeId: true } })
    if (!account) return
    const { count } = await db.outbox.updateMany({
      where: { recipientId: account.employeeId, status: 'WAITING' },
      data: { status: 'PENDING', nextAttemptAt: now, lastError: null, deliveryStatus: null, deliveryStatusAt: null },
    })
    if (count > 0) {
      log.info({ waiting: count }, 'whatsapp window opened: delivering what waited')
      services.linking.deliverWaiting()
    }
  }

  async function perform(to: string, out: Outcome, pressed?: string) {
    for (const r of out.replies) {
      switch (r.type) {
        case 'message': {
          const id = await reply(to, r.message)
          if (r.receipt && r.message.blocks.some((b) => b.type === 'buttons')) {
            await services.reports.receiptSent(r.receipt.activity, { platform: 'whatsapp', chatId: to, messageId: id })
          }
          break
        }
        case 'answer':
          // no toasts on WhatsApp: an answer is a message, quoting the pressed one
          if (r.text) await say(to, r.text, pressed)
          break
        case 'replacePressed':
          // no edits: the next step is a new message
          await reply(to, r.message, pressed)
          break
        case 'redrawCard':
          await redraw(to, renderEvaluation({ kind: 'evaluation_card', evaluation: r.evaluation }, caps), r.evaluation, r.messageId ?? pressed)
          break
        case 'linked':
          await greet(to, r.employee)
          break
        case 'clearButtons':
        case 'fieldErrors':
        case 'decided':
          // nothing to take away (no edits), no forms, no queue shown in place
          break
      }
    }
  }

  /**
   * No edits: a card's new state (a rating chosen) is a new message that quotes the pressed card and opens
   * with the note naming it, as the outbox's outcomes do.
   */
  async function redraw(to: string, m: Message, v: EvaluationView, pressed?: string) {
    const quote = t('card.quoteEvaluation', { employee: v.employee.name, period: periodLabel(v.period) })
    await reply(to, { ...m, blocks: [{ type: 'note', text: quote }, ...m.blocks] }, pressed)
  }

  async function greet(to: string, e: LinkedEmployee) {
    await say(to, welcomeText(e))
    // what waited for this person (approval cards) comes after the welcome
    services.linking.deliverWaiting()
  }

  const whoOf = (waId: string, actor?: Actor): Who => ({ platform: 'whatsapp', chatId: waId, externalId: waId, ...(actor ? { actor } : {}) })

  async function core(e: MessageEvent, input: Input, actor?: Actor): Promise<boolean> {
    const out = await converse(services, whoOf(e.from, actor), input, { sourceKey: `whatsapp:${e.messageId}` })
    await perform(e.from, out, e.kind === 'button' || e.kind === 'list' ? e.replyTo : undefined)
    return !out.unhandled
  }

  /** A use case's refusal as a message; anything else is a bug and goes up. */
  async function attempt<T>(to: string, run: () => Promise<T>, replyTo?: string): Promise<T | undefined> {
    try {
      return await run()
    } catch (err) {
      if (!isDomainError(err)) throw err
      await say(to, tStored(err), replyTo)
      return undefined
    }
  }

  async function pendingPage(to: string, actor: Actor, page: number, notice?: string) {
    const p = await services.decisions.pending(actor, page, services.config.pageSize)
    await reply(to, renderPending(p, caps, notice))
  }

  /**
   * The media of a message as evidence, downloaded now into the attachment store (media ids expire): the
   * report that takes it, on this instance or another, links the stored copy. A file over the cap is
   * refused at once (undefined: the person was told). A download that fails keeps the reference, which
   * the evidence fetcher tries once more when the report is sent.
   */
  async function evidenceOf(e: Extract<MessageEvent, { kind: 'media' }>): Promise<Evidence | undefined> {
    const evidence: Evidence = { kind: e.media === 'image' ? 'photo' : 'document', ref: `wa:${e.mediaId}`, ...(e.filename ? { name: e.filename } : {}) }
    let got: Awaited<ReturnType<WhatsAppClient['download']>>
    try {
      got = await client.download(e.mediaId, deps.maxEvidenceBytes)
    } catch (err) {
      log.warn({ err: { message: (err as Error).message } }, 'whatsapp media could not be downloaded now: tried again when the report is sent')
      return evidence
    }
    if ('tooLarge' in got) {
      await say(e.from, t('evidence.tooLarge', { size: got.tooLarge, max: deps.maxEvidenceBytes }), e.messageId)
      return undefined
    }
    const mime = got.mime || (e.filename ? mimeFromName(e.filename) : '')
    const filename = e.filename ?? `${e.media === 'image' ? 'foto' : 'dokumen'}-${e.mediaId}.${extension(e.mimeType ?? mime)}`
    const row = await db.attachment.create({ data: { filename, mime: mime || 'application/octet-stream', data: got.data }, select: { id: true } })
    return { ...evidence, fileId: row.id }
  }

  /** A flow under way in this chat (the conversation store's own reading: one past its timeout is none). */
  const hasFlow = (waId: string) => services.conversations.isOpen({ platform: 'whatsapp', chatId: waId })

  async function onText(e: Extract<MessageEvent, { kind: 'text' }>, actor: Actor | undefined) {
    const to = e.from
    const text = e.text.trim()
    const cmd = parseCommand(text)
    // a flow under way takes typed answers first (a description may well start with "Lapor …")
    if (cmd && !cmd.slash && (await hasFlow(to)) && (await core(e, { type: 'text', text }, actor))) return
    if (cmd) {
      switch (cmd.command) {
        case 'bantuan':
        case 'help':
          return void (await say(to, actor ? t('help.text') : `${t('help.text')}\n\n${t('error.notLinked')}`))
        case 'batal':
          return void (await core(e, { type: 'command', command: 'cancel', text: '' }, actor))
        case 'start':
          if (!cmd.args && actor) return greet(to, await services.linking.describe(actor.employeeId))
          return void (await core(e, { type: 'command', command: 'link', text: cmd.args }, actor))
        default:
          break
      }
      if (!actor) return void (await say(to, t('error.notLinked')))
      switch (cmd.command) {
        case 'lapor':
          return void (await core(e, { type: 'command', command: 'lapor', text: cmd.args }, actor))
        case 'rekap':
          return void (await reply(to, await rekapMessage(services, actor)))
        case 'tpp':
          return void (await reply(to, await tppMessage(services, actor, caps)))
        case 'ekspor':
          return void (await reply(to, await eksporMessage(services, actor, cmd.args, caps)))
        case 'persetujuan':
          return pendingPage(to, actor, 1)
        case 'umpanbalik': {
          const people = await services.feedback.subordinates(actor)
          if (people.length === 0) return void (await say(to, t('feedback.noSubordinates')))
          return void (await reply(to, textMessage(t('feedback.pickEmployee'), people.map((p) => button(truncate(p.name, 40), { kind: 'feedbackEmployee', employeeId: p.id })))))
        }
      }
    }
    // a message that is only a link code links this number (the wa.me link of `link-code` types it)
    if (isLinkCode(text, actor !== undefined) && !(await hasFlow(to))) return void (await core(e, { type: 'command', command: 'link', text }, actor))
    if (await core(e, { type: 'text', text }, actor)) return
    await say(to, actor ? t('help.unknown') : t('error.notLinked'))
  }

  async function onMedia(e: Extract<MessageEvent, { kind: 'media' }>, actor: Actor | undefined) {
    const to = e.from
    if (!actor) return void (await say(to, t('error.notLinked')))
    const caption = (e.caption ?? '').trim()
    // a file that is no report and answers no question is not kept
    if (!caption && !(await hasFlow(to))) return void (await say(to, t('report.mediaHint')))
    const evidence = await evidenceOf(e)
    if (!evidence) return
    const cmd = parseCommand(caption)
    if (cmd?.command === 'lapor' && cmd.args) return void (await core(e, { type: 'command', command: 'lapor', text: cmd.args, evidence }, actor))
    // the evidence asked for by a flow under way, or its answer with the file
    if (await core(e, { type: 'text', text: caption, evidence }, actor)) return
    // a one-line report as the caption, without the word
    if (caption) return void (await core(e, { type: 'command', command: 'lapor', text: caption, evidence }, actor))
    await say(to, t('report.mediaHint'))
  }

  async function onAction(e: Extract<MessageEvent, { kind: 'button' | 'list' }>, actor: Actor | undefined) {
    const to = e.from
    const pressed = e.replyTo
    const action = decodeAction(e.id)
    if (!action) return void (await say(to, t('error.staleButton'), pressed))
    if (!actor) return void (await say(to, t('error.notLinked'), pressed))
    if (CORE_KINDS.has(action.kind) || (action.kind === 'evalRate' && action.choice === 'nt')) {
      await core(e, { type: 'action', action, ...(pressed ? { messageId: pressed } : {}) }, actor)
      return
    }
    switch (action.kind) {
      case 'evidence': {
        const found = await attempt(to, () => services.reports.evidence(actor, action.activityId), pressed)
        if (!found) return
        const { view, file } = found
        const caption = t('evidence.caption', { id: view.id, employee: view.employee.name })
        if (file) return void (await sendFile(client, to, { filename: file.filename, mime: file.mime, data: Buffer.from(file.data) }, textMessage(caption), pressed))
        if (view.evidence?.kind === 'link') return void (await say(to, `${caption}\n${view.evidence.ref}`, pressed))
        return void (await say(to, view.evidence ? t('evidence.unavailable', { id: view.id, evidence: view.evidence.ref }) : t('error.notFound'), pressed))
      }
      case 'fullText': {
        const view = await attempt(to, () => services.reports.get(actor, action.activityId), pressed)
        if (view) await say(to, `*#${view.id}* · ${view.employee.name} · ${formatDateId(view.date)}\n\n${view.description}`, pressed)
        return
      }
      case 'withdraw': {
        const view = await attempt(to, () => services.reports.withdraw(actor, action.activityId), pressed)
        if (view) await say(to, `${t('withdraw.done', { id: view.id })}\n${formatDateId(view.date)} · ${view.description.slice(0, 100)}`, pressed)
        return
      }
      case 'openQueue':
        return pendingPage(to, actor, 1)
      case 'page':
        return pendingPage(to, actor, action.page)
      case 'approveAll': {
        // every id is authorized on its own: a forged list approves nothing it should not
        const result = await services.decisions.approveMany(actor, action.activityIds)
        return pendingPage(to, actor, 1, t('decide.bulkDone', { count: result.approved.length, skipped: result.skipped.length }))
      }
      case 'evalRate': {
        if (action.choice === 'ok') {
          const v = await attempt(to, () => services.evaluations.submit(actor, action.evaluationId), pressed)
          if (v) await say(to, t('evaluation.sent', { employee: v.employee.name, predikat: predikatLabel(v.predikat) }), pressed)
          return
        }
        const code = action.choice
        if (code === 'nt') return
        const v = await attempt(to, () => services.evaluations.choose(actor, action.evaluationId, ratingFromCode(code)), pressed)
        if (v) await redraw(to, renderEvaluation({ kind: 'evaluation_card', evaluation: v }, caps), v, pressed)
        return
      }
      case 'keberatanResolve': {
        const { evaluationId: id, choice } = action
        if (choice === 'ok' || choice === 'sv') {
          const v = await attempt(to, () => services.keberatan.resolve(actor, id, choice === 'ok' ? 'confirm' : 'change'), pressed)
          if (v) {
            const outcome = v.keberatan?.status === 'DIUBAH' ? t('keberatan.outcomeChanged', { predikat: predikatLabel(v.predikat) }) : t('keberatan.outcomeConfirmed')
            await say(to, t('keberatan.resolved', { employee: v.employee.name, outcome }), pressed)
          }
          return
        }
        const v = await attempt(to, () => services.keberatan.choose(actor, id, ratingFromCode(choice)), pressed)
        if (v) await redraw(to, renderEvaluation({ kind: 'keberatan_card', evaluation: v }, caps), v, pressed)
        return
      }
      default:
        // the core's kinds were handed over above
        return
    }
  }

  /** One message from a person, run once per wamid (the caller's update claim). */
  async function onMessage(e: MessageEvent): Promise<void> {
    const account = { platform: 'whatsapp' as const, externalId: e.from, chatId: e.from }
    const found = await services.linking.identify(account)
    await wrote(e.from, e.at)
    let actor: Actor | undefined
    if (found) {
      const { linkedNow, ...rest } = found
      actor = rest
      // linked from the import by this first message: the welcome, then what waited; a greeting ends here
      if (linkedNow) {
        const text = e.kind === 'text' ? e.text.trim() : ''
        await greet(e.from, await services.linking.describe(actor.employeeId))
        await release(e.from)
        if (e.kind === 'templateButton' || (e.kind === 'text' && !parseCommand(text))) return
      }
    }
    await release(e.from)
    switch (e.kind) {
      case 'text':
        return onText(e, actor)
      case 'media':
        return onMedia(e, actor)
      case 'button':
      case 'list':
        return onAction(e, actor)
      case 'templateButton':
        // "show me what waits": releasing it (above) is the answer
        return
      case 'unsupported':
        await say(e.from, actor ? t('help.unknown') : t('error.notLinked'))
        return
    }
  }

  /**
   * What happened to a message the bot sent. A 131047 (sent into a closed window, e.g. the person's last
   * message was older than we knew) makes the outbox row wait for the window, announced by the template;
   * another failure dead-letters it with the reason. A failed template leaves its waiting rows nowhere
   * to go: they are dead-lettered with its reason too.
   */
  async function onStatus(e: StatusEvent): Promise<void> {
    const now = clock.now()
    const row = await db.outbox.findFirst({
      where: { platform: 'whatsapp', platformMessageId: e.messageId },
      select: { id: true, status: true, payload: true, chatId: true, recipientId: true, deliveryStatus: true },
    })
    const error = e.errors[0]
    const reason = error ? `WhatsApp ${error.code}${error.title ? ` ${error.title}` : ''}${error.details ? `: ${error.details}` : ''}` : `WhatsApp status ${e.status}`
    if (!row) {
      if (e.status === 'failed' && e.recipient && error?.code !== 131047) {
        const account = await db.chatAccount.findUnique({ where: { platform_externalId: { platform: 'whatsapp', externalId: e.recipient } }, select: { employeeId: true } })
        if (account) {
          const { count } = await db.outbox.updateMany({ where: { recipientId: account.employeeId, status: 'WAITING' }, data: { status: 'DEAD', lastError: reason.slice(0, 500) } })
          if (count > 0) log.error({ dead: count, reason }, 'whatsapp template failed: waiting messages dead-lettered')
        }
      }
      return
    }
    // statuses may arrive out of order: read is not undone by a late delivered
    const RANK: Record<string, number> = { sent: 1, delivered: 2, read: 3, failed: 4 }
    if ((RANK[e.status] ?? 0) > (RANK[row.deliveryStatus ?? ''] ?? 0)) {
      await db.outbox.update({ where: { id: row.id }, data: { deliveryStatus: e.status, deliveryStatusAt: e.at } })
    }
    if (e.status !== 'failed' || row.status !== 'SENT') return
    if (error?.code === 131047 && row.chatId) {
      const { count } = await db.outbox.updateMany({ where: { id: row.id, status: 'SENT' }, data: { status: 'WAITING', lastError: reason.slice(0, 500), sentAt: null } })
      if (count === 0) return
      const waiting = await deps.window.announce(row.chatId, waitingLine(renderOutbox(JSON.parse(row.payload) as OutboxMessage, caps)))
      log.warn({ outboxId: row.id, reason: waiting }, 'whatsapp message sent into a closed window: it waits for the person')
      return
    }
    await db.outbox.updateMany({ where: { id: row.id, status: 'SENT' }, data: { status: 'DEAD', lastError: reason.slice(0, 500) } })
    log.error({ outboxId: row.id, reason, at: now }, 'whatsapp message failed after it was sent: dead-lettered')
  }

  return { onMessage, onStatus }
}

/** A link code as typed: unlinked, anything shaped like one; linked (relinking), only a real one with a digit or its dash. */
function isLinkCode(text: string, linked: boolean): boolean {
  if (!looksLikeCode(text)) return false
  if (!linked) return true
  return normalizeCode(text) !== null && (/-/.test(text) || /\d/.test(text))
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' }
const extension = (mime: string) => EXTENSIONS[mime] ?? mime.split('/')[1]?.replace(/[^a-z0-9]/gi, '') ?? 'bin'
