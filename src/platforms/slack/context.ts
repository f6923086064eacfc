import type { webApi } from '@slack/bolt'
import type { Db } from '../../db/client.js'
import type { Services } from '../../services.js'
import type { Actor } from '../../domain/types.js'
import type { Logger } from '../../logger.js'
import type { DmChannels } from './dm-channels.js'
import type { RespondAt } from './response-url.js'

export type WebClient = InstanceType<typeof webApi.WebClient>

/** What every listener receives: use cases, never the database (only the event dedupe touches it). */
export interface SlackDeps {
  services: Services
  db: Db
  log: Logger
  dm: DmChannels
  /** The employee behind a Slack user, resolved from the database for this request; null when unlinked. */
  actorFor(client: WebClient, userId: string, dmHint?: string): Promise<Actor | null>
  /** Replaces an ephemeral message through its response URL (Slack's hosts only). */
  respondAt: RespondAt
}

/**
 * Links on first contact when the import vouched for the Slack user id, or when the Slack profile's
 * e-mail (verified by Slack) names one employee; otherwise the person needs a link code.
 */
export function createActorResolver(services: Services, dm: DmChannels, log: Logger): SlackDeps['actorFor'] {
  return async (client, userId, dmHint) => {
    const chatId = await dm.channelFor(userId, dmHint)
    const account = { platform: 'slack' as const, externalId: userId, chatId }
    const actor = await services.linking.identify(account)
    // linked from the import by this very request: what waited for them can go now (Slack opens the DM)
    if (actor?.linkedNow) services.linking.deliverWaiting()
    if (actor) return actor
    let email: string | undefined
    try {
      const info = await client.users.info({ user: userId })
      email = info.user?.profile?.email ?? undefined
    } catch (err) {
      log.warn({ err: { message: (err as Error).message } }, 'slack users.info failed')
    }
    if (!email) return null
    await services.linking.linkByEmail(account, email)
    // also when a concurrent first contact linked it meanwhile
    return services.linking.identify(account, false)
  }
}
