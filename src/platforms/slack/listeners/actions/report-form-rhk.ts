import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs, StaticSelectAction } from '@slack/bolt'
import { todayFor } from '../../../../domain/reports.js'
import { parseId, VIEW } from '../../action-ids.js'
import type { Block } from '../../blocks.js'
import type { SlackDeps } from '../../context.js'
import { FIELD, VALUE, withRencanaAksi, type ModalView } from '../../modals.js'
import { rencanaAksiChoices } from '../../report-rhk.js'

export type SelectArgs = SlackActionMiddlewareArgs<BlockAction<StaticSelectAction>> & AllMiddlewareArgs

/** Where the report form's RHK select reports a pick (dispatch_action): its block and its element. */
export const RHK_PICK = { block_id: FIELD.rhk, action_id: VALUE } as const

/**
 * An RHK picked in the report form: the form is drawn again with that RHK's rencana aksi and the realisasi
 * (or without them, for "Tanpa RHK" or an RHK without rencana aksi). Slack keeps what was typed in the other
 * fields; `hash` makes a form changed meanwhile win over this redraw.
 */
export function reportFormRhkAction(deps: SlackDeps) {
  return async (a: SelectArgs): Promise<void> => {
    await a.ack()
    const view = a.body.view
    if (view?.callback_id !== VIEW.report) return
    try {
      const actor = await deps.actorFor(a.client, a.body.user.id)
      if (!actor) return
      const rhkId = parseId(a.action.selected_option?.value)
      const choice = rhkId ? await rencanaAksiChoices(deps, actor, rhkId, todayFor(actor, deps.services.clock)) : null
      const redrawn: ModalView = {
        type: 'modal',
        callback_id: view.callback_id,
        title: view.title,
        ...(view.close ? { close: view.close } : {}),
        ...(view.submit ? { submit: view.submit } : {}),
        private_metadata: view.private_metadata,
        blocks: withRencanaAksi(view.blocks as Block[], choice),
      }
      await a.client.views.update({ view_id: view.id, hash: view.hash, view: redrawn })
    } catch (err) {
      deps.log.info({ err: { message: (err as Error).message } }, 'slack: report form not redrawn with the rencana aksi of the RHK picked')
    }
  }
}
