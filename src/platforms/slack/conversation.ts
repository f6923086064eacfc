import { converse, type FieldErrors, type Form, type FormField, type Input, type Outcome, type Reply, type Who } from '../../conversation/core.js'
import { withCommands } from '../../conversation/render-parts.js'
import type { Actor } from '../../domain/types.js'
import { t, type MessageKey } from '../../messages/index.js'
import type { Block } from './blocks.js'
import { formMessage, noticeModal } from './modals.js'
import { SLACK_CAPABILITIES, toSlack, type SlackMessage } from './message.js'
import { tell, type Recipient } from './reply.js'
import { sendReceipt, type SubmitOutcome } from './shared.js'
import { updateCard } from './card-update.js'
import type { SlackDeps, WebClient } from './context.js'

// Slack's side of the conversation core. Typed text in the DM with the app (with the files shared in
// it), a button press and a modal's submit each become one input to the core; the core's replies become
// Web API calls: messages in the DM, answers only the person sees, a pressed message changed in place.
// A modal is a richer front end of the same flows. No flow lives here.

/** The core's fields as this modal's block ids. */
export type FieldBlocks = Partial<Record<FormField, string>>

export const fieldErrors = (errors: FieldErrors, blocks: FieldBlocks): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).map(([f, m]) => [blocks[f as FormField] ?? f, formMessage(m)]))

/** A Slack user as the core sees them: conversations are kept per user; messages go to their DM channel. */
export const whoOnSlack = (userId: string, actor: Actor | null, dmChannel?: string): Who => ({
  platform: 'slack',
  chatId: userId,
  externalId: userId,
  ...(actor ? { actor } : {}),
  ...(dmChannel ? { address: dmChannel } : {}),
})

/** A core message as Block Kit, the catalogue's commands written as Slack types them (/kinerja …). */
export const slackMessageOf = (r: Extract<Reply, { type: 'message' }>): SlackMessage => toSlack(withCommands(r.message, SLACK_CAPABILITIES))

/** A receipt's heading as the receipt blocks draw it (a lead, e.g. "fixed", above the heading). */
const receiptHeading = (receipt: NonNullable<Extract<Reply, { type: 'message' }>['receipt']>) =>
  receipt.lead ? `${receipt.lead}\n${receipt.heading ?? ''}` : receipt.heading

/** The message a button was pressed on, as the click carried it (its blocks, to take its buttons away). */
export interface Pressed {
  channel: string
  ts: string
  text?: string
  blocks?: Block[]
}

/** Where the core's replies to one input go. */
export interface Place {
  /** Answers only the person sees (a click's response URL, else the DM). */
  to: Recipient
  /** The message pressed, for a button. */
  pressed?: Pressed
}

/**
 * Performs the core's replies in order: new messages in the DM (a receipt recorded so the notifier can
 * take its buttons away later), answers to the person, the pressed message changed, a card redrawn.
 */
export async function performOnSlack(deps: SlackDeps, client: WebClient, userId: string, out: Outcome, place: Place): Promise<void> {
  const dm = { client, userId }
  for (const r of out.replies) {
    switch (r.type) {
      case 'message':
        if (r.receipt) await sendReceipt(deps, client, userId, r.receipt.activity, receiptHeading(r.receipt))
        else {
          const m = slackMessageOf(r)
          await tell(deps, dm, m.text, m.blocks)
        }
        break
      case 'answer':
        if (r.text) await tell(deps, place.to, r.text)
        break
      case 'clearButtons': {
        const p = place.pressed
        if (p?.blocks) {
          const blocks = p.blocks.filter((b) => b.type !== 'actions')
          await client.chat.update({ channel: p.channel, ts: p.ts, text: p.text ?? '', blocks }).catch((err: unknown) => deps.log.warn({ err: { message: (err as Error).message } }, 'slack: buttons not taken away'))
        }
        break
      }
      case 'replacePressed': {
        const p = place.pressed
        const m = slackMessageOf({ type: 'message', message: r.message })
        if (p) await client.chat.update({ channel: p.channel, ts: p.ts, text: m.text, blocks: m.blocks }).catch((err: unknown) => deps.log.warn({ err: { message: (err as Error).message } }, 'slack: message not replaced'))
        else await tell(deps, dm, m.text, m.blocks)
        break
      }
      case 'redrawCard': {
        const where = r.messageId ? { channel: await deps.dm.channelFor(userId), ts: r.messageId } : place.pressed
        if (where) await updateCard(deps, client, where, { kind: r.card ?? 'evaluation_card', evaluation: r.evaluation })
        break
      }
      case 'linked': {
        const e = r.employee
        const text = t('slack.welcome', { name: e.name, role: t(`role.${e.role}` as MessageKey), position: e.position, unit: e.unit })
        // the welcome stays in the DM with the app, where the person will find the bot again
        await client.chat.postMessage({ channel: await deps.dm.channelFor(userId), text })
        deps.services.linking.deliverWaiting()
        break
      }
      case 'fieldErrors':
      case 'decided':
        // fields are a modal's (formOutcome); a queue shown elsewhere is redrawn by the decision's listener
        break
    }
  }
}

/**
 * One input from this Slack user through the core, its replies performed. `sourceKey`: the event's id,
 * so a report from a redelivered message is stored once.
 */
export async function converseOnSlack(
  deps: SlackDeps,
  client: WebClient,
  speaker: { userId: string; actor: Actor | null; dmHint?: string },
  input: Input,
  place: Place,
  opts: { sourceKey?: string } = {},
): Promise<Outcome> {
  const channel = await deps.dm.channelFor(speaker.userId, speaker.dmHint)
  const out = await converse(deps.services, whoOnSlack(speaker.userId, speaker.actor, channel), input, opts)
  await performOnSlack(deps, client, speaker.userId, out, place)
  return out
}

/** One form submit through the core. */
export function submitForm(deps: SlackDeps, userId: string, actor: Actor, form: Form): Promise<Outcome> {
  return converse(deps.services, whoOnSlack(userId, actor), { type: 'form', form })
}

/**
 * The core's replies as a submit's outcome: field errors next to their fields; the answer as a notice in
 * the modal; new messages (a receipt, a question) in the DM after the modal closed; a card redrawn.
 */
export function formOutcome(deps: SlackDeps, client: WebClient, userId: string, out: Outcome, blocks: FieldBlocks, opts: { after?: () => Promise<void> } = {}): SubmitOutcome {
  const afters: (() => Promise<void>)[] = []
  let response: SubmitOutcome['response']
  let message: string | undefined
  for (const r of out.replies) {
    switch (r.type) {
      case 'fieldErrors': {
        const errors = fieldErrors(r.errors, blocks)
        return { response: { response_action: 'errors', errors }, message: Object.values(errors).join('\n') }
      }
      case 'answer':
        if (r.text) {
          message = r.text
          response = { response_action: 'update', view: noticeModal(r.text) }
        }
        break
      case 'message': {
        const receipt = r.receipt
        if (receipt) afters.push(() => sendReceipt(deps, client, userId, receipt.activity, receiptHeading(receipt)))
        else {
          const m = slackMessageOf(r)
          afters.push(() => tell(deps, { client, userId }, m.text, m.blocks))
        }
        break
      }
      case 'redrawCard': {
        const ts = r.messageId
        if (ts) afters.push(async () => updateCard(deps, client, { channel: await deps.dm.channelFor(userId), ts }, { kind: r.card ?? 'evaluation_card', evaluation: r.evaluation }))
        break
      }
      case 'clearButtons':
      case 'replacePressed':
      case 'linked':
      case 'decided':
        // a form has no pressed message; a link and a decision are the caller's to show
        break
    }
  }
  if (opts.after) afters.push(opts.after)
  return {
    ...(response ? { response } : {}),
    ...(message ? { message } : {}),
    ...(afters.length > 0 ? { after: async () => { for (const a of afters) await a() } } : {}),
  }
}
