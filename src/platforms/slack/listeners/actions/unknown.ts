import { t } from '../../../../messages/index.js'
import type { SlackDeps } from '../../context.js'
import { tell } from '../../reply.js'
import { clicker, type ButtonListener } from './types.js'

/**
 * Buttons this version does not know (a message from an older version, a crafted payload) get an
 * answer instead of Slack's timeout warning. Listens only where no other listener does.
 */
export function unknownAction(deps: SlackDeps): ButtonListener {
  return async (a) => {
    await a.ack()
    await tell(deps, clicker(a), t('error.staleButton')).catch((err: unknown) =>
      deps.log.warn({ err: { message: (err as Error).message } }, 'slack: could not answer an unknown button'),
    )
  }
}
