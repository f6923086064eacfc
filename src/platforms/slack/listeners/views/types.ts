import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt'

export type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs

/**
 * A view submission is answered by its ack (field errors, a notice, or closing), so the use case runs
 * before it; past this budget the modal is closed and the outcome arrives as a direct message.
 */
export const SUBMIT_DEADLINE_MS = 2500
