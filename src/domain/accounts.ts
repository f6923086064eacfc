import type { Platform } from './types.js'

/**
 * Platforms whose bot can write to a person who never wrote to it: Slack opens a DM with any member of the
 * workspace (conversations.open). A Telegram bot cannot start a chat: it waits for the person's first message.
 */
export const OPENS_CHATS: readonly Platform[] = ['slack']

export const opensChats = (platform: string) => (OPENS_CHATS as readonly string[]).includes(platform)

/**
 * Where a message to this account goes now: the chat of its last contact, or, on a platform that opens
 * chats, the account itself (the notifier opens the DM); null while it must wait for a first contact.
 */
export const chatOf = (a: { platform: string; externalId: string; chatId: string | null }): string | null =>
  a.chatId ?? (opensChats(a.platform) ? a.externalId : null)

/** A Prisma filter on ChatAccount: accounts messages can reach now (see chatOf). */
export const reachableAccount = () => ({ OR: [{ chatId: { not: null } }, { platform: { in: [...OPENS_CHATS] } }] })

/** A Prisma filter on Employee: people with at least one account messages can reach now. */
export const withReachableAccount = () => ({ accounts: { some: reachableAccount() } })
