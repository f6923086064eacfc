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
    const found = await attempt(deps, to, () => reports.evidence(actor, action.activityId))
    const evidence = found?.view.evidence
    if (!found || !evidence) return
    const { view, file } = found
    const caption = t('evidence.caption', { id: view.id, employee: view.employee.name })
    if (!file) return tell(deps, to, evidence.kind === 'link' ? `${caption}\n${evidence.ref}` : t('evidence.unavailable', { id: view.id, evidence: evidenceText(evidence) }))
    const channel = await deps.dm.channelFor(to.userId)
    await a.client.filesUploadV2({ channel_id: channel, file: Buffer.from(file.data), filename: file.filename, initial_comment: caption })
  })
}
