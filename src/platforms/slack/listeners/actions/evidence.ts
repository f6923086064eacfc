import { evidenceText, t } from '../../../../messages/index.js'
import type { SlackDeps } from '../../context.js'
import { attempt, tell } from '../../reply.js'
import { actionButton } from './types.js'

/**
 * 📎 Lihat bukti on a card: the stored copy of the evidence, from whichever platform it was sent on, is
 * uploaded into the clicker's DM; only the author and the author's current supervisor may open it.
 */
export function evidenceAction(deps: SlackDeps) {
  return actionButton(deps, 'evidence', async ({ a, to, actor, action }) => {
    const { reports } = deps.services
    const view = await attempt(deps, to, () => reports.get(actor, action.activityId))
    if (!view?.evidence) return
    const caption = t('evidence.caption', { id: view.id, employee: view.employee.name })
    const file = await reports.evidenceFile(actor, view.id)
    if (!file) return tell(deps, to, view.evidence.kind === 'link' ? `${caption}\n${view.evidence.ref}` : t('evidence.unavailable', { id: view.id, evidence: evidenceText(view.evidence) }))
    const channel = await deps.dm.channelFor(to.userId)
    await a.client.filesUploadV2({ channel_id: channel, file: Buffer.from(file.data), filename: file.filename, initial_comment: caption })
  })
}
