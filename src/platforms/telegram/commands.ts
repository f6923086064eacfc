import type { Api } from 'grammy'
import { t, type MessageKey } from '../../messages/index.js'

// a supervisor approves and gives feedback; the others have nothing to do with those two
const LINKED = ['lapor', 'rekap', 'tpp', 'ekspor', 'batal', 'bantuan'] as const
const SUPERVISING = ['lapor', 'rekap', 'tpp', 'ekspor', 'persetujuan', 'umpanbalik', 'batal', 'bantuan'] as const
const UNLINKED = ['start', 'bantuan'] as const

const list = (names: readonly string[]) => names.map((command) => ({ command, description: t(`command.${command}` as MessageKey) }))

/** The menu everyone sees before linking. */
export async function setDefaultCommands(api: Api): Promise<void> {
  await api.setMyCommands(list(UNLINKED))
}

/** The menu of one linked chat: with /persetujuan and /umpanbalik for someone people report to. */
export async function setLinkedCommands(api: Api, chatId: number, supervises: boolean): Promise<void> {
  await api.setMyCommands(list(supervises ? SUPERVISING : LINKED), { scope: { type: 'chat', chat_id: chatId } })
}

/** Back to the menu everyone sees before linking, for a chat whose account was unlinked. */
export async function resetCommands(api: Api, chatId: number): Promise<void> {
  await api.deleteMyCommands({ scope: { type: 'chat', chat_id: chatId } })
}
