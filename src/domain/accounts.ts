import type { Platform } from './types.js'

/**
 * Platforms whose bot can write to a person who never wrote to it: Slack opens a DM with any member of the
 * workspace (conversations.open); WhatsApp writes to a number the agency listed in the import, by an
 * approved template until the person's first message opens the 24-hour window (the chat is the number
 * itself); the playground shows its page's chat to anyone of the organisation. A Telegram bot cannot start a chat: it waits for the person's first message.
 */
export const OPENS_CHATS: readonly Platform[] = ['slack', 'whatsapp', 'playground']

/**
 * The local playground (a practice chat on the app's own page): on when asked for (`PLAYGROUND=true`), off
 * when refused (`false`), and otherwise on exactly when no real platform is configured, so a fresh clone
 * with no token can try the bot, and a real installation does not open a sandbox by accident.
 */
export function playgroundOn(cfg: { PLAYGROUND?: string | undefined; TELEGRAM_BOT_TOKEN?: string | undefined; SLACK_BOT_TOKEN?: string | undefined; WHATSAPP_ACCESS_TOKEN?: string | undefined; WHATSAPP_PHONE_NUMBER_ID?: string | undefined }): boolean {
  if (cfg.PLAYGROUND === 'true') return true
  if (cfg.PLAYGROUND === 'false') return false
  return !cfg.TELEGRAM_BOT_TOKEN && !cfg.SLACK_BOT_TOKEN && !cfg.WHATSAPP_ACCESS_TOKEN && !cfg.WHATSAPP_PHONE_NUMBER_ID
}

export const opensChats = (platform: string) => (OPENS_CHATS as readonly string[]).includes(platform)

/**
 * The chat platforms an installation runs, by its settings (a platform runs when its token is set). A
 * command run without them (neither token set) gets none: then only accounts that have written to the app
 * count as reachable, and nobody is written to on a platform that opens chats.
 */
export function enabledPlatforms(cfg: {
  PLAYGROUND?: string | undefined
  TELEGRAM_BOT_TOKEN?: string | undefined
  SLACK_BOT_TOKEN?: string | undefined
  WHATSAPP_ACCESS_TOKEN?: string | undefined
  WHATSAPP_PHONE_NUMBER_ID?: string | undefined
}): Platform[] {
  return [
    ...(cfg.TELEGRAM_BOT_TOKEN ? (['telegram'] as const) : []),
    ...(cfg.SLACK_BOT_TOKEN ? (['slack'] as const) : []),
    ...(cfg.WHATSAPP_ACCESS_TOKEN && cfg.WHATSAPP_PHONE_NUMBER_ID ? (['whatsapp'] as const) : []),
    ...(playgroundOn(cfg) ? (['playground'] as const) : []),
  ]
}

/**
 * Where a message to this account goes now: the chat of its last contact, or, on a platform that opens
 * chats, the account itself (the notifier opens the DM); null while it must wait for a first contact.
 */
export const chatOf = (a: { platform: string; externalId: string; chatId: string | null }): string | null =>
  a.chatId ?? (opensChats(a.platform) ? a.externalId : null)

/**
 * A Prisma filter on ChatAccount: accounts messages can reach now (see chatOf): one that has written to the
 * app, or one on a platform that opens chats itself and is `enabled` (all when not given).
 */
export const reachableAccount = (enabled?: readonly Platform[]) => ({
  OR: [{ chatId: { not: null } }, { platform: { in: OPENS_CHATS.filter((p) => !enabled || enabled.includes(p)) } }],
})

/** A Prisma filter on Employee: people with at least one account messages can reach now. */
export const withReachableAccount = (enabled?: readonly Platform[]) => ({ accounts: { some: reachableAccount(enabled) } })
