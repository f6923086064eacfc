import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt'
import { rekapReply } from '../../../../conversation/rekap.js'
import { t } from '../../../../messages/index.js'
import { headed } from '../../blocks.js'
import type { SlackDeps } from '../../context.js'
import { afterAck, tell, type Recipient } from '../../reply.js'
import { looksLikeReport, plainText } from '../../text.js'
import { linkWithCode } from '../commands/hubungkan.js'
import { submitLine } from '../commands/lapor.js'

type MessageArgs = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs

/**
 * A direct message to the app: a report in the one-line form ("08:00-10:30 Menyusun laporan", also
 * after "lapor"), or the words of the slash command (rekap, bantuan, hubungkan KODE).
 */
export function directMessage(deps: SlackDeps) {
  return async ({ event, client, body }: MessageArgs) => {
    // people only: edits, joins and bots (ourselves included) are not requests
    if (event.channel_type !== 'im' || event.subtype !== undefined || 'bot_id' in event) return
    const userId = event.user
    const dmHint = event.channel
    const eventId = (body as { event_id?: string }).event_id
    // answers are ordinary messages in this DM (the hint makes sure they go there)
    const to: Recipient = { client, userId }
    const say = (text: string) => tell(deps, to, text)
    await afterAck(deps, to, 'direct_message', async () => {
      await deps.dm.channelFor(userId, dmHint)
      const text = plainText(event.text ?? '').trim()
      const [, word = '', rest = ''] = /^\/?(\S*)\s*([\s\S]*)$/.exec(text) ?? []
      const command = word.toLowerCase()
      if (command === 'bantuan' || command === 'help') return say(t('slack.help'))
      if (command === 'hubungkan') return linkWithCode(deps, client, to, rest.trim(), dmHint)
      if (command === 'lapor' && rest) return submitLine(deps, client, to, rest, { dmHint, ...(eventId ? { eventId } : {}) })
      if (looksLikeReport(text)) return submitLine(deps, client, to, text, { dmHint, ...(eventId ? { eventId } : {}) })
      const actor = await deps.actorFor(client, userId, dmHint)
      if (!actor) return say(t('slack.notLinked'))
      if (command === 'rekap') {
        const summary = await rekapReply(deps.services, actor)
        return tell(deps, to, summary, [headed(summary)])
      }
      await say(t('slack.dmUnknown'))
    })
  }
}
