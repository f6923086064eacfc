import { OPEN_STATUSES } from '../../domain/reports.js'
import type { ActivityView } from '../../domain/types.js'
import { receiptText, t } from '../../messages/index.js'
import { receiptBlocks } from './message.js'
import type { SlackDeps, WebClient } from './context.js'
import { noticeModal, type ModalView } from './modals.js'
import { tell, type Recipient } from './reply.js'

/** The employee's own copy of a report, with Ubah / Tarik, in the DM with the app (it stays there). */
export async function sendReceipt(deps: Pick<SlackDeps, 'dm' | 'services'>, client: WebClient, userId: string, view: ActivityView, heading?: string) {
  const sent = await client.chat.postMessage({ channel: await deps.dm.channelFor(userId), text: receiptText(view, heading), blocks: receiptBlocks(view, heading) })
  // the DM is the chat the notifier edits in: its buttons go once the report is decided or changed
  if (sent.ts && OPEN_STATUSES.includes(view.status)) await deps.services.reports.receiptSent(view, { platform: 'slack', chatId: userId, messageId: sent.ts })
}

const platformError = (err: unknown) => (err as { data?: { error?: string } })?.data?.error

/** Opens a modal; a trigger that expired (3 s) gets an explanation instead of silence. Returns the view id. */
export async function openModal(deps: Pick<SlackDeps, 'dm'>, to: Recipient, triggerId: string, view: ModalView): Promise<string | undefined> {
  try {
    const opened = await to.client.views.open({ trigger_id: triggerId, view })
    return opened.view?.id
  } catch (err) {
    if (platformError(err) !== 'expired_trigger_id') throw err
    await tell(deps, to, t('slack.triggerExpired'))
    return undefined
  }
}

/** How a view submission ends: the ack's answer, the same as text (if it comes too late), then side effects. */
export interface SubmitOutcome {
  /** `response_action: errors` or `update`; none closes the modal. */
  response?: ViewResponse
  /** What the response says, for a direct message when the modal had to be closed before it was known. */
  message?: string
  after?: () => Promise<void>
}

export type ViewResponse = { response_action: 'errors'; errors: Record<string, string> } | { response_action: 'update'; view: ModalView }

/**
 * A view submission is answered by its ack, so its work runs first; past `ms` (Slack waits 3 s) the
 * modal is closed and the outcome arrives as a direct message instead. The work is never abandoned.
 */
export async function answerWithin(
  deps: Pick<SlackDeps, 'dm' | 'log'>,
  to: Recipient,
  ack: (response?: ViewResponse) => Promise<void>,
  ms: number,
  work: () => Promise<SubmitOutcome>,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const running = work().catch((err: unknown): SubmitOutcome => {
    deps.log.error({ err: { message: (err as Error)?.message ?? String(err) } }, 'slack view submission failed')
    const text = t('error.generic')
    return { response: { response_action: 'update', view: noticeModal(text) }, message: text }
  })
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)))
  const first = await Promise.race([running, late]).finally(() => clearTimeout(timer))
  if (first === 'late') {
    await ack()
    const outcome = await running
    if (outcome.message) await tell(deps, to, outcome.message)
    await outcome.after?.()
    return
  }
  await ack(first.response)
  await first.after?.()
}
