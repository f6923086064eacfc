import { DECIDE_OUTCOME } from '../actions.js'
import { t } from '../../messages/index.js'
import { answer, done, keepsOpen, refusal, say, type Flow } from '../core.js'

const statusLabel = (s: string) => t(`status.${s}` as 'status.DISETUJUI')

/**
 * A decision on a report: Setujui at once; Revisi and Tolak after their reason, Setujui + catatan after
 * its note (typed as the next message, or one form). The right to decide is checked before asking.
 */
export const decideStep: Flow = async (c, state, input) => {
  const actor = c.who.actor
  if (!actor) return null
  const { decisions } = c.services
  if (input.type === 'action' && input.action.kind === 'decide') {
    const { activityId, version, choice } = input.action
    try {
      if (choice === 'ok') {
        const view = await decisions.decide(actor, { activityId, version, outcome: 'DISETUJUI' })
        return done([answer(t('decide.done', { id: activityId, outcome: statusLabel('DISETUJUI') })), { type: 'decided', activity: view }], state)
      }
      const view = await decisions.assertCanDecide(actor, activityId, version)
      if (choice === 'nt') return done([answer(), say(t('decide.askFeedback', { id: activityId, employee: view.employee.name }))], { step: 'feedback', activityId, version })
      const outcome = DECIDE_OUTCOME[choice] as 'REVISI' | 'DITOLAK'
      return done([answer(), say(t('decide.askReason', { id: activityId, employee: view.employee.name, outcome: statusLabel(outcome) }), 'Alasan…')], { step: 'reason', activityId, version, outcome })
    } catch (err) {
      return done([refusal(input, err)], state)
    }
  }
  let decide: { activityId: number; version: number; outcome: 'DISETUJUI' | 'REVISI' | 'DITOLAK'; text: string } | null = null
  if (input.type === 'text' && (state?.step === 'reason' || state?.step === 'feedback')) {
    if (!input.text.trim()) return done([say(t('decide.reasonEmpty'))], state)
    decide = { activityId: state.activityId, version: state.version, outcome: state.step === 'reason' ? state.outcome : 'DISETUJUI', text: input.text }
  } else if (input.type === 'form' && input.form.kind === 'decide') {
    const f = input.form
    decide = { activityId: f.activityId, version: f.version, outcome: DECIDE_OUTCOME[f.choice], text: f.text.trim() }
  }
  if (!decide) return null
  const { text, ...base } = decide
  try {
    const view = await decisions.decide(actor, base.outcome === 'DISETUJUI' ? { ...base, feedback: text } : { ...base, note: text })
    return done([answer(t('decide.done', { id: view.id, outcome: statusLabel(view.status) })), { type: 'decided', activity: view }])
  } catch (err) {
    // a too long or empty note can be written again; anything else ends the conversation
    return done([refusal(input, err, 'reason')], keepsOpen(err) && input.type === 'text' ? state : null)
  }
}

