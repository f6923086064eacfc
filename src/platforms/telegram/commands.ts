import type { Api } from 'grammy'
import { t, type MessageKey } from '../../messages/index.js'

const LINKED = ['lapor', 'rekap', 'persetujuan', 'umpanbalik', 'batal', 'bantuan'] as const
const UNLINKED = ['start', 'bantuan'] as const

const list = (names: readonly string[]) => names.map((command) => ({ command, description: t(`command.${command}` as MessageKey) }))

/** The menu everyone sees before linking. */
export async function setDefaultCommands(api: Api): Promise<void> {
  await api.setMyCommands(list(UNLINKED))
}

/** The full menu, for one linked chat. */
export async function setLinkedCommands(api: Api, chatId: number): Promise<void> {
  await api.setMyCommands(list(LINKED), { scope: { type: 'chat', chat_id: chatId } })
}

/** Back to the menu everyone sees before linking, for a chat whose account was unlinked. */
export async function resetCommands(api: Api, chatId: number): Promise<void> {
  await api.deleteMyCommands({ scope: { type: 'chat', chat_id: chatId } })
}
