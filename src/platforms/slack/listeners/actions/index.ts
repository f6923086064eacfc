import type { App, BlockAction, ButtonAction } from '@slack/bolt'
import { ACTION, DECIDE_ACTION_RE, UNKNOWN_ACTION_RE } from '../../action-ids.js'
import type { SlackDeps } from '../../context.js'
import { approveAllAction } from './approve-all.js'
import { decideAction } from './decide.js'
import { fullTextAction } from './full-text.js'
import { editAction, withdrawAction } from './own-activity.js'
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
  app.action<BlockAction<ButtonAction>>(ACTION.reportStart, reportStartAction(deps))
  app.action<BlockAction<ButtonAction>>(ACTION.openQueue, openQueueAction(deps))
  // bolt runs every matching listener: this one matches only what none of the above does
  app.action<BlockAction<ButtonAction>>(UNKNOWN_ACTION_RE, unknownAction(deps))
}
