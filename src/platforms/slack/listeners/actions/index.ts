import type { App, BlockAction, ButtonAction } from '@slack/bolt'
import { ACTION, DECIDE_ACTION_RE, EVAL_RATE_ACTION_RE, KEBERATAN_DECIDE_ACTION_RE, KEBERATAN_RATE_ACTION_RE, UNKNOWN_ACTION_RE } from '../../action-ids.js'
import type { SlackDeps } from '../../context.js'
import { approveAllAction } from './approve-all.js'
import { decideAction } from './decide.js'
import { evaluationNoteAction, evaluationRateAction, evaluationSendAction } from './evaluation-card.js'
import { fullTextAction } from './full-text.js'
import { keberatanDecideAction, keberatanFileAction, keberatanRateAction } from './keberatan.js'
import { editAction, similarAction, withdrawAction } from './own-activity.js'
import { pendingPageAction } from './pending-page.js'
import { openQueueAction, reportStartAction } from './reminders.js'
import { unknownAction } from './unknown.js'

export function registerActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(DECIDE_ACTION_RE, decideAction(deps))
  app.action<BlockAction<ButtonAction>>(ACTION.approveAll, approveAllAction(deps))
  app.action<BlockAction<ButtonAction>>(new RegExp(`^(${ACTION.pendingPrev}|${ACTION.pendingNext})$`), pendingPageAction(deps))
  app.action<BlockAction<ButtonAction>>(ACTION.fullText, fullTextAction(deps))
  app.action<BlockAction<ButtonAction>>(ACTION.edit, editAction(deps))
  app.action<BlockAction<ButtonAction>>(ACTION.withdraw, withdrawAction(deps))
  app.action<BlockAction<ButtonAction>>(new RegExp(`^(${ACTION.similarSend}|${ACTION.similarCancel})$`), similarAction(deps))
  app.action<BlockAction<ButtonAction>>(ACTION.reportStart, reportStartAction(deps))
  app.action<BlockAction<ButtonAction>>(ACTION.openQueue, openQueueAction(deps))
  app.action<BlockAction<ButtonAction>>(EVAL_RATE_ACTION_RE, evaluationRateAction(deps))
  app.action<BlockAction<ButtonAction>>(ACTION.evalNote, evaluationNoteAction(deps))
  app.action<BlockAction<ButtonAction>>(ACTION.evalSend, evaluationSendAction(deps))
  app.action<BlockAction<ButtonAction>>(ACTION.keberatanFile, keberatanFileAction(deps))
  app.action<BlockAction<ButtonAction>>(KEBERATAN_RATE_ACTION_RE, keberatanRateAction(deps))
  app.action<BlockAction<ButtonAction>>(KEBERATAN_DECIDE_ACTION_RE, keberatanDecideAction(deps))
  // bolt runs every matching listener: this one matches only what none of the above does
  app.action<BlockAction<ButtonAction>>(UNKNOWN_ACTION_RE, unknownAction(deps))
}
