import type { App } from '@slack/bolt'
import { VIEW } from '../../action-ids.js'
import type { SlackDeps } from '../../context.js'
import { decideReasonView } from './decide-reason.js'
import { evaluationNoteView } from './evaluation-note.js'
import { feedbackSubmitView } from './feedback-submit.js'
import { keberatanReasonView } from './keberatan-reason.js'
import { reportSubmitView } from './report-submit.js'

export function registerViews(app: App, deps: SlackDeps): void {
  app.view(VIEW.report, reportSubmitView(deps))
  app.view(VIEW.reason, decideReasonView(deps))
  app.view(VIEW.feedback, feedbackSubmitView(deps))
  app.view(VIEW.evaluationNote, evaluationNoteView(deps))
  app.view(VIEW.keberatanReason, keberatanReasonView(deps))
}
