import type { webApi } from '@slack/bolt'

type WebClient = InstanceType<typeof webApi.WebClient>

export interface DmChannels {
  /** The app's direct-message channel with a user (D…); a channel id is returned as it is. */
  channelFor(userOrChannel: string, hint?: string): Promise<string>
}

const MAX_CACHED = 10_000
const isUser = (id: string) => /^[UW][A-Z0-9]+$/.test(id)

/**
 * Slack addresses people by user id but messages (and edits) by channel: the DM channel of the app with
 * a user never changes, so it is opened once (conversations.open) and remembered.
 */
export function createDmChannels(client: WebClient): DmChannels {
  const cache = new Map<string, string>()
  const remember = (user: string, channel: string) => {
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!)
    cache.set(user, channel)
  }
  return {
    async channelFor(id, hint) {
      if (!isUser(id)) return id
      if (hint) {
        remember(id, hint)
        return hint
      }
      const known = cache.get(id)
      if (known) return known
      const opened = await client.conversations.open({ users: id })
      const channel = opened.channel?.id
      if (!channel) throw new Error('conversations.open returned no channel')
      remember(id, channel)
      return channel
    },
  }
}
