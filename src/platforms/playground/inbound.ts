import { decodeAction, type Action } from '../../conversation/actions.js'
import { converse, type Input, type Outcome, type Who } from '../../conversation/core.js'
import { textMessage, type Message } from '../../conversation/message.js'
import { rekapMessage } from '../../conversation/rekap.js'
import { eksporMessage, tppMessage } from '../../conversation/bkn.js'
import { renderEvaluation } from '../../conversation/render-evaluation.js'
import { renderPending } from '../../conversation/render-pending.js'
import { button } from '../../conversation/render-parts.js'
import { isDomainError } from '../../domain/errors.js'
import { ratingFromCode } from '../../domain/evaluation-view.js'
import type { LinkedEmployee } from '../../domain/linking.js'
import type { Actor, Evidence } from '../../domain/types.js'
import { formatDateId, predikatLabel, t, truncate, tStored, welcomeText } from '../../messages/index.js'
import type { Services } from '../../services.js'
import { PLAYGROUND_CAPABILITIES, type Chat } from './chat.js'

// What a person does on the playground's page, turned into the conversation core's inputs or the use cases
// the other platforms call for the same buttons (as WhatsApp's and Telegram's adapters do); the core's
// replies become rows of the person's chat. No flow lives here.

/** The commands, typed with the slash as on Telegram. */
const COMMANDS = ['lapor', 'rekap', 'tpp', 'ekspor', 'persetujuan', 'bantuan', 'help', 'batal', 'start', 'umpanbalik'] as const
type Command = (typeof COMMANDS)[number]
const COMMAND_RE = new RegExp(`^/(${COMMANDS.join('|')})\\b[ \\t]*([\\s\\S]*)$`, 'i')

export function parseCommand(text: string): { command: Command; args: string } | null {
  const m = COMMAND_RE.exec(text.trim())
  return m ? { command: m[1]!.toLowerCase() as Command, args: m[2]!.trim() } : null
}

/** Kinds of buttons whose press is an input to the conversation core (as on Telegram and WhatsApp). */
const CORE_KINDS = new Set<Action['kind']>(['decide', 'guided', 'similar', 'reportStart', 'edit', 'guidedRhk', 'guidedRencanaAksi', 'guidedRealisasi', 'feedbackEmployee', 'feedbackValue', 'evalNote', 'keberatanFile'])

/** One thing a person did on the page: typed a message, or pressed a button (its encoded action) on a message (its ref). */
export type PlaygroundInput = { kind: 'text'; text: string; evidence?: Evidence } | { kind: 'press'; data: string; ref?: string }

export function createInbound(deps: { services: Services; chat: Chat }) {
  const { services, chat } = deps
  const caps = PLAYGROUND_CAPABILITIES

  const reply = (to: string, m: Message) => chat.add(to, 'bot', m)
  const say = (to: string, text: string) => reply(to, textMessage(text))
  /** A pressed button's answer (Telegram's toast): a notice under the chat's messages. */
  const notice = (to: string, text: string) => chat.add(to, 'notice', textMessage(text))

  async function perform(to: string, out: Outcome, pressed?: string) {
    for (const r of out.replies) {
      switch (r.type) {
        case 'message': {
          const ref = await reply(to, r.message)
          if (r.receipt && r.message.blocks.some((b) => b.type === 'buttons')) {
            await services.reports.receiptSent(r.receipt.activity, { platform: 'playground', chatId: to, messageId: ref })
          }
          break
        }
        case 'answer':
          if (r.text) await (pressed ? notice(to, r.text) : say(to, r.text))
          break
        case 'clearButtons':
          if (pressed) await chat.edit(to, pressed, (m) => ({ ...m, blocks: m.blocks.filter((b) => b.type !== 'buttons') }))
          break
        case 'replacePressed':
          if (!pressed || !(await chat.edit(to, pressed, () => r.message))) await reply(to, r.message)
          break
        case 'redrawCard': {
          const card = renderEvaluation({ kind: r.card ?? 'evaluation_card', evaluation: r.evaluation }, caps)
          const ref = r.messageId ?? pressed
          if (!ref || !(await chat.edit(to, ref, () => card))) await reply(to, card)
          break
        }
        case 'linked':
          await greet(to, r.employee)
          break
        case 'fieldErrors':
        case 'decided':
          // no forms; no queue shown in place to redraw
          break
      }
    }
  }

  async function greet(to: string, e: LinkedEmployee) {
    await say(to, welcomeText(e))
    services.linking.deliverWaiting()
  }

  const whoOf = (chatId: string, actor?: Actor): Who => ({ platform: 'playground', chatId, externalId: chatId, ...(actor ? { actor } : {}) })

  async function core(to: string, key: string, input: Input, actor?: Actor, pressed?: string): Promise<boolean> {
    const out = await converse(services, whoOf(to, actor), input, { sourceKey: `playground:${key}` })
    await perform(to, out, pressed)
    return !out.unhandled
  }

  /** A use case's refusal as a notice on the pressed message; anything else is a bug and goes up. */
  async function attempt<T>(to: string, run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run()
    } catch (err) {
      if (!isDomainError(err)) throw err
      await notice(to, tStored(err))
      return undefined
    }
  }

  async function pendingPage(to: string, actor: Actor, page: number, noticeText?: string, pressed?: string) {
    const p = await services.decisions.pending(actor, page, services.config.pageSize)
    const m = renderPending(p, caps, noticeText)
    // the queue's paging and "Setujui semua" redraw the list they were pressed on
    if (!pressed || !(await chat.edit(to, pressed, () => m))) await reply(to, m)
  }

  /** A file sent with a caption (or none): the evidence of a report, or the answer a flow asked for. */
  async function onFile(to: string, key: string, caption: string, evidence: Evidence, actor: Actor | undefined) {
    if (!actor) return void (await say(to, t('error.notLinked')))
    const cmd = parseCommand(caption)
    if (cmd?.command === 'lapor' && cmd.args) return void (await core(to, key, { type: 'command', command: 'lapor', text: cmd.args, evidence }, actor))
    if (await core(to, key, { type: 'text', text: caption, evidence }, actor)) return
    // a one-line report as the caption, without the command
    if (caption) return void (await core(to, key, { type: 'command', command: 'lapor', text: caption, evidence }, actor))
    await say(to, t('report.mediaHint'))
  }

  async function onText(to: string, key: string, raw: string, actor: Actor | undefined) {
    const text = raw.trim()
    const cmd = parseCommand(text)
    if (cmd) {
      switch (cmd.command) {
        case 'bantuan':
        case 'help':
          return void (await say(to, actor ? t('help.text') : `${t('help.text')}\n\n${t('error.notLinked')}`))
        case 'batal':
          return void (await core(to, key, { type: 'command', command: 'cancel', text: '' }, actor))
        case 'start':
          if (!cmd.args && actor) return greet(to, await services.linking.describe(actor.employeeId))
          return void (await core(to, key, { type: 'command', command: 'link', text: cmd.args }, actor))
        default:
          break
      }
      if (!actor) return void (await say(to, t('error.notLinked')))
      switch (cmd.command) {
        case 'lapor':
          return void (await core(to, key, { type: 'command', command: 'lapor', text: cmd.args }, actor))
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
    if (await core(to, key, { type: 'text', text }, actor)) return
    await say(to, actor ? t('help.unknown') : t('error.notLinked'))
  }

  async function onPress(to: string, key: string, data: string, pressed: string | undefined, actor: Actor | undefined) {
    const action = decodeAction(data)
    if (!action) return void (await notice(to, t('error.staleButton')))
    if (!actor) return void (await notice(to, t('error.notLinked')))
    if (CORE_KINDS.has(action.kind) || (action.kind === 'evalRate' && action.choice === 'nt')) {
      await core(to, key, { type: 'action', action, ...(pressed ? { messageId: pressed } : {}) }, actor, pressed)
      return
    }
    switch (action.kind) {
      case 'evidence': {
        const found = await attempt(to, () => services.reports.evidence(actor, action.activityId))
        if (!found) return
        const { view, file } = found
        const caption = t('evidence.caption', { id: view.id, employee: view.employee.name })
        if (file) return void (await say(to, `${caption}\n📎 ${file.filename} (${file.mime}, ${file.data.length} byte)`))
        if (view.evidence?.kind === 'link') return void (await say(to, `${caption}\n${view.evidence.ref}`))
        return void (await say(to, view.evidence ? t('evidence.unavailable', { id: view.id, evidence: view.evidence.ref }) : t('error.notFound')))
      }
      case 'fullText': {
        const view = await attempt(to, () => services.reports.get(actor, action.activityId))
        if (view) await say(to, `#${view.id} · ${view.employee.name} · ${formatDateId(view.date)}\n\n${view.description}`)
        return
      }
      case 'withdraw': {
        const view = await attempt(to, () => services.reports.withdraw(actor, action.activityId))
        if (view) {
          if (pressed) await chat.edit(to, pressed, (m) => ({ ...m, blocks: m.blocks.filter((b) => b.type !== 'buttons') }))
          await say(to, `${t('withdraw.done', { id: view.id })}\n${formatDateId(view.date)} · ${view.description.slice(0, 100)}`)
        }
        return
      }
      case 'openQueue':
        return pendingPage(to, actor, 1)
      case 'page':
        return pendingPage(to, actor, action.page, undefined, pressed)
      case 'approveAll': {
        // every id is authorized on its own: a forged list approves nothing it should not
        const result = await services.decisions.approveMany(actor, action.activityIds)
        return pendingPage(to, actor, 1, t('decide.bulkDone', { count: result.approved.length, skipped: result.skipped.length }), pressed)
      }
      case 'evalRate': {
        if (action.choice === 'ok') {
          const v = await attempt(to, () => services.evaluations.submit(actor, action.evaluationId))
          if (v) await say(to, t('evaluation.sent', { employee: v.employee.name, predikat: predikatLabel(v.predikat) }))
          return
        }
        const code = action.choice
        if (code === 'nt') return
        const v = await attempt(to, () => services.evaluations.choose(actor, action.evaluationId, ratingFromCode(code)))
        if (v) await perform(to, { state: null, replies: [{ type: 'redrawCard', evaluation: v }] }, pressed)
        return
      }
      case 'keberatanResolve': {
        const { evaluationId: id, choice } = action
        if (choice === 'ok' || choice === 'sv') {
          const v = await attempt(to, () => services.keberatan.resolve(actor, id, choice === 'ok' ? 'confirm' : 'change'))
          if (v) {
            const outcome = v.keberatan?.status === 'DIUBAH' ? t('keberatan.outcomeChanged', { predikat: predikatLabel(v.predikat) }) : t('keberatan.outcomeConfirmed')
            await say(to, t('keberatan.resolved', { employee: v.employee.name, outcome }))
          }
          return
        }
        const v = await attempt(to, () => services.keberatan.choose(actor, id, ratingFromCode(choice)))
        if (v) await perform(to, { state: null, replies: [{ type: 'redrawCard', evaluation: v, card: 'keberatan_card' }] }, pressed)
        return
      }
      default:
        // the core's kinds were handed over above
        return
    }
  }

  /**
   * One input of the person whose playground chat is `chatId`, run once per `key` (the caller's update
   * claim). What they typed or pressed shows in their chat first, as in a messenger.
   */
  async function onInput(chatId: string, key: string, input: PlaygroundInput): Promise<void> {
    const found = await services.linking.identify({ platform: 'playground', externalId: chatId, chatId })
    let actor: Actor | undefined
    if (input.kind === 'text') {
      const shown = input.evidence ? `📎 ${input.evidence.name ?? 'berkas'}${input.text ? `\n${input.text}` : ''}` : input.text
      await chat.add(chatId, 'person', textMessage(shown))
    }
    if (found) {
      const { linkedNow, ...rest } = found
      actor = rest
      // vouched for by the playground: linked by this first input and welcomed; a bare /start ends there
      if (linkedNow) {
        await greet(chatId, await services.linking.describe(actor.employeeId))
        if (input.kind === 'text' && !input.evidence && /^\/start\s*$/i.test(input.text.trim())) return
      }
    }
    if (input.kind === 'text' && input.evidence) return onFile(chatId, key, input.text.trim(), input.evidence, actor)
    if (input.kind === 'text') return onText(chatId, key, input.text, actor)
    return onPress(chatId, key, input.data, input.ref, actor)
  }

  return { onInput }
}
