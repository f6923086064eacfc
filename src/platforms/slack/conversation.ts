import { converse, type FieldErrors, type Form, type FormField, type Outcome } from '../../conversation/core.js'
import type { Actor } from '../../domain/types.js'
import { formMessage, noticeModal } from './modals.js'
import { toSlack } from './message.js'
import { tell } from './reply.js'
import { sendReceipt, type SubmitOutcome } from './shared.js'
import { updateCard } from './card-update.js'
import type { SlackDeps, WebClient } from './context.js'

// Slack's side of the conversation core. A modal is a richer front end of the same flows: its submit is
// one input to the core, and the core's replies become the submit's answer (field errors, a notice, or
// closing) and what follows it in the DM. No flow lives here.

/** The core's fields as this modal's block ids. */
export type FieldBlocks = Partial<Record<FormField, string>>

export const fieldErrors = (errors: FieldErrors, blocks: FieldBlocks): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).map(([f, m]) => [blocks[f as FormField] ?? f, formMessage(m)]))

/** One form submit through the core. */
export function submitForm(deps: SlackDeps, userId: string, actor: Actor, form: Form): Promise<Outcome> {
  return converse(deps.services, { platform: 'slack', chatId: userId, externalId: userId, actor }, { type: 'form', form })
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
        if (receipt) {
          const heading = receipt.lead ? `${receipt.lead}\n${receipt.heading ?? ''}` : receipt.heading
          afters.push(() => sendReceipt(deps, client, userId, receipt.activity, heading))
        } else {
          const m = toSlack(r.message)
          afters.push(() => tell(deps, { client, userId }, m.text, m.blocks))
        }
        break
      }
      case 'redrawCard': {
        const ts = r.messageId
        if (ts) afters.push(async () => updateCard(deps, client, { channel: await deps.dm.channelFor(userId), ts }, { kind: 'evaluation_card', evaluation: r.evaluation }))
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
