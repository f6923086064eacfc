import type { Services } from '../services.js'
import { isDomainError } from '../domain/errors.js'
import type { EvaluationView } from '../domain/evaluation-types.js'
import type { LinkedEmployee } from '../domain/linking.js'
import type { ActivityInput, ActivityView, Actor, Evidence } from '../domain/types.js'
import { t, tStored, type StoredMessage } from '../messages/index.js'
import type { Action } from './actions.js'
import type { Message } from './message.js'
import { textMessage } from './message.js'
import type { ConversationState } from './state.js'
import type { ChatKey } from './store.js'
import { decideStep } from './flows/decide.js'
import { evaluationCardStep, evaluationStep } from './flows/evaluation.js'
import { feedbackStep } from './flows/feedback.js'
import { linkStep } from './flows/link.js'
import { reportStep } from './flows/report.js'

// The one conversation core. Every multi-step flow (guided report, the fix after Revisi, a decision's
// reason or note, feedback, the evaluation note, keberatan, linking by code) is a platform-neutral state
// machine: `(state, input) → { state, replies }`. Adapters turn their updates into inputs and perform
// the replies; they keep no flow of their own. The state lives in the database (store.ts) and times out.

export type { ConversationState, Draft } from './state.js'

/** A form's fields, as every front end with forms fills them in (Slack's modals); raw as typed or picked. */
export type Form =
  /**
   * The report form, read by the front end into a report (its pickers' shapes checked there, with the
   * same parser and rules as a typed line); the use case's refusals come back as field errors.
   */
  | { kind: 'report'; editId?: number; input: ActivityInput; usedRange: boolean }
  | { kind: 'decide'; activityId: number; version: number; choice: 'nt' | 'rv' | 'tl'; text: string }
  | { kind: 'feedback'; employeeId: number; value: number | null; note: string }
  /** The value as picked (its place in BERAKHLAK). */
  | { kind: 'evaluationNote'; evaluationId: number; value: number; note: string; cardMessageId?: string }
  | { kind: 'keberatan'; evaluationId: number; reason: string }

/** A form's fields by name; the adapter maps them to its own (Slack block ids). */
export type FormField = 'description' | 'date' | 'start' | 'end' | 'duration' | 'evidenceLink' | 'rhk' | 'rencanaAksi' | 'realisasi' | 'reason' | 'note' | 'value'
export type FieldErrors = Partial<Record<FormField, StoredMessage>>

export type Input =
  /** A typed message, with the evidence attached to it (a photo, a document). */
  | { type: 'text'; text: string; evidence?: Evidence }
  /** A button pressed; `messageId` is the message it is on (to redraw it later). */
  | { type: 'action'; action: Action; messageId?: string }
  /** A command that starts or ends a flow: /lapor [line], /batal, /start [code] (the link code). */
  | { type: 'command'; command: 'lapor' | 'cancel' | 'link'; text: string; evidence?: Evidence }
  /** A whole form submitted at once: one input to the same flow. */
  | { type: 'form'; form: Form }

export type Reply =
  /**
   * A new message in the chat. `ask`: it asks for a typed answer (Telegram forces a reply, with this
   * placeholder). `receipt`: it is the receipt of this activity; once sent, record it with
   * reports.receiptSent so its buttons can be taken away (Slack draws receipts with its own blocks).
   */
  | { type: 'message'; message: Message; ask?: string; receipt?: { activity: ActivityView; heading?: string; lead?: string } }
  /** The outcome of this input, said where it came from: a pressed button's toast (an alert when `alert`), a form's notice, else a message. */
  | { type: 'answer'; text?: string; alert?: boolean }
  /** Take the buttons off the message pressed. */
  | { type: 'clearButtons' }
  /** Replace the message pressed with this one (a picker's next step). */
  | { type: 'replacePressed'; message: Message }
  /** Redraw a card in place (the pressed message, or the one named): the rater's card, or the keberatan card. */
  | { type: 'redrawCard'; evaluation: EvaluationView; messageId?: string; card?: 'evaluation_card' | 'keberatan_card' }
  /** A form's fields that are wrong, each with its message; nothing was stored. */
  | { type: 'fieldErrors'; errors: FieldErrors }
  /** This chat is now linked to the employee: the adapter greets (welcome, command menu). */
  | { type: 'linked'; employee: LinkedEmployee }
  /** A decision was made from this input (a queue shown elsewhere may redraw). */
  | { type: 'decided'; activity: ActivityView }

/** Who speaks: the chat, and the employee behind it (absent while unlinked). */
export interface Who extends ChatKey {
  externalId: string
  actor?: Actor
  /**
   * Where the platform delivers to this person, when it is not the chat the conversation is keyed by
   * (Slack: conversations are kept per user, messages go to the DM channel). Linking records it.
   */
  address?: string
}

export interface StepContext {
  services: Services
  who: Who
  /** The key that makes a report from this input idempotent (the update's id), when there is one. */
  sourceKey?: string
}

/** What a step decides: the next state (null: none), and what to say. `unhandled`: this input is not the core's. */
export interface Outcome {
  state: ConversationState | null
  replies: Reply[]
  unhandled?: true
}

export type Flow = (c: StepContext, state: ConversationState | null, input: Input) => Promise<Outcome | null>

export const say = (text: string, ask?: string): Reply => ({ type: 'message', message: textMessage(text), ...(ask ? { ask } : {}) })
export const answer = (text?: string, alert?: boolean): Reply => ({ type: 'answer', ...(text !== undefined ? { text } : {}), ...(alert ? { alert } : {}) })
export const done = (replies: Reply[], state: ConversationState | null = null): Outcome => ({ state, replies })

/**
 * A refusal of a use case as the reply to this input: an alert on a pressed button, a message after a
 * typed one, a field error (INVALID_INPUT with `field`) or a notice on a form. Anything else is a bug.
 */
export function refusal(input: Input, err: unknown, field?: FormField): Reply {
  if (!isDomainError(err)) throw err
  if (input.type === 'form' && field && err.code === 'INVALID_INPUT') return { type: 'fieldErrors', errors: { [field]: { key: err.key, params: err.params } } }
  if (input.type === 'action') return answer(tStored(err), true)
  return answer(tStored(err))
}

/** A refusal that leaves the conversation open (wrong input: write it again) or ends it (anything else). */
export const keepsOpen = (err: unknown) => isDomainError(err) && err.code === 'INVALID_INPUT'

const FLOWS: Flow[] = [linkStep, reportStep, decideStep, feedbackStep, evaluationStep, evaluationCardStep]

const isCommandText = (input: Input) => input.type === 'text' && input.text.startsWith('/')

/** One step without the store: the flows in turn, the first that takes the input answers. */
export async function step(c: StepContext, state: ConversationState | null, input: Input): Promise<Outcome> {
  if (input.type === 'command' && input.command === 'cancel') return done([say(state ? t('guided.cancelled') : t('guided.nothingToCancel'))])
  // an unknown command typed mid-flow is not an answer to it
  if (isCommandText(input)) return { state, replies: [], unhandled: true }
  for (const flow of FLOWS) {
    const out = await flow(c, state, input)
    if (out) return out
  }
  return { state, replies: [], unhandled: true }
}

/**
 * Handles one input for one chat: reads its state (a timed-out one is dropped and the person told once),
 * steps, and stores the next state. `unhandled`: nothing of the core's; the adapter goes on.
 */
export async function converse(services: Services, who: Who, input: Input, opts: { sourceKey?: string } = {}): Promise<Outcome> {
  const store = services.conversations
  const loaded = await store.load(who)
  const out = await step({ services, who, ...(opts.sourceKey ? { sourceKey: opts.sourceKey } : {}) }, loaded.state, input)
  // every answer restarts the clock; an input the core did not take leaves the state as it was
  if (out.state !== loaded.state || (out.state && !out.unhandled)) await store.save(who, out.state)
  if (!loaded.expired) return out
  return { ...out, replies: [say(t('conversation.expired')), ...out.replies] }
}
