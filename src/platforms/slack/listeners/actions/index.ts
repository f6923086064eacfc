import type { App, BlockAction, ButtonAction } from '@slack/bolt'
import { SLACK_ACTION_IDS, slackActionPattern, type ActionKind } from '../../../../conversation/actions.js'
import type { SlackDeps } from '../../context.js'
import { approveAllAction } from './approve-all.js'
import { decideAction } from './decide.js'
import { evidenceAction } from './evidence.js'
import { evaluationCardAction } from './evaluation-card.js'
import { fullTextAction } from './full-text.js'
import { keberatanFileAction, keberatanResolveAction } from './keberatan.js'
import { conversationAction } from './conversation.js'
import { editAction, withdrawAction } from './own-activity.js'
import { pendingPageAction } from './pending-page.js'
import { openQueueAction, reportStartAction } from './reminders.js'
import type { ButtonListener } from './types.js'
import { unknownAction } from './unknown.js'
import { reportFormRhkAction, RHK_PICK, type SelectArgs } from './report-form-rhk.js'
import { VALUE } from '../../modals.js'

/** Every kind of button Slack shows, and its listener (the codec names each kind's action_ids). */
const LISTENERS: { [K in ActionKind]?: (deps: SlackDeps) => ButtonListener } = {
  decide: decideAction,
  approveAll: approveAllAction,
  page: pendingPageAction,
  fullText: fullTextAction,
  evidence: evidenceAction,
  edit: editAction,
  withdraw: withdrawAction,
  similar: conversationAction('similar'),
  guided: conversationAction('guided'),
  guidedRhk: conversationAction('guidedRhk'),
  guidedRencanaAksi: conversationAction('guidedRencanaAksi'),
  guidedRealisasi: conversationAction('guidedRealisasi'),
  reportStart: reportStartAction,
  openQueue: openQueueAction,
  evalRate: evaluationCardAction,
  keberatanFile: keberatanFileAction,
  keberatanResolve: keberatanResolveAction,
}

export function registerActions(app: App, deps: SlackDeps): void {
  const kinds = new Set(SLACK_ACTION_IDS.values())
  for (const kind of kinds) {
    const listener = LISTENERS[kind]
    // a kind the codec writes for Slack with nobody listening would answer nothing: fail at start instead
    if (!listener) throw new Error(`no Slack listener for ${kind} buttons`)
    app.action<BlockAction<ButtonAction>>(slackActionPattern(kind), listener(deps))
  }
  // the report form's RHK select: its rencana aksi are added to the form
  app.action<SelectArgs['body']>(RHK_PICK, reportFormRhkAction(deps))
  // bolt runs every matching listener: this one matches only what none of the above does (a form's own
  // inputs, action_id "value", are not buttons: their picks are the form's, acked there and not answered as stale)
  app.action<BlockAction<ButtonAction>>(new RegExp(`^(?!(?:${[...SLACK_ACTION_IDS.keys(), VALUE].join('|')})$)`), unknownAction(deps))
}
