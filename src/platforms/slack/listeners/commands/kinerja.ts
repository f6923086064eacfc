import { t } from '../../../../messages/index.js'
import { section } from '../../blocks.js'
import type { SlackDeps } from '../../context.js'
import { plainText } from '../../text.js'
import { batal } from './batal.js'
import { ekspor, tpp } from './bkn.js'
import { hubungkan } from './hubungkan.js'
import { lapor } from './lapor.js'
import { persetujuan } from './persetujuan.js'
import { rekap } from './rekap.js'
import { umpanbalik } from './umpanbalik.js'
import type { CommandArgs, Subcommand } from './types.js'

// answered in the ack itself: no database, no Slack call
const bantuan: Subcommand = async (_deps, { ack }) => {
  await ack({ response_type: 'ephemeral', text: t('slack.help'), blocks: [section(t('slack.help'))] })
}

const SUBCOMMANDS: Record<string, Subcommand> = { lapor, batal, hubungkan, persetujuan, rekap, tpp, ekspor, umpanbalik, bantuan, help: bantuan }

/** `/kinerja <sub> [args]`: one slash command for everything, like the Telegram commands. */
export function kinerjaCommand(deps: SlackDeps) {
  return async (a: CommandArgs) => {
    const { command, client, respond } = a
    const [, word = '', rest = ''] = /^(\S*)\s*([\s\S]*)$/.exec(command.text.trim()) ?? []
    const sub = word.toLowerCase() || 'bantuan'
    const run = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined
    if (!run) {
      const text = t('slack.unknownSubcommand', { sub: word.slice(0, 40) })
      await a.ack({ response_type: 'ephemeral', text, blocks: [section(text)] })
      return
    }
    await run(deps, { ...a, args: plainText(rest).trim(), to: { client, userId: command.user_id, respond } })
  }
}
