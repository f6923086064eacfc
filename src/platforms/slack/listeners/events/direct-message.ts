import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt'
import type { Input } from '../../../../conversation/core.js'
import { rekapMessage } from '../../../../conversation/rekap.js'
import { eksporMessage, tppMessage } from '../../../../conversation/bkn.js'
import type { Evidence } from '../../../../domain/types.js'
import { t } from '../../../../messages/index.js'
import type { SlackDeps } from '../../context.js'
import { converseOnSlack } from '../../conversation.js'
import { SLACK_CAPABILITIES, toSlack } from '../../message.js'
import { afterAck, tell, tellMessage, type Recipient } from '../../reply.js'
import { looksLikeReport, plainText } from '../../text.js'
import { linkWithCode } from '../commands/hubungkan.js'

type MessageArgs = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs

/** The first file shared with the message, as evidence (downloaded by the Slack evidence fetcher). */
export function evidenceOfEvent(event: unknown): Evidence | undefined {
  const files = (event as { files?: { id?: string; name?: string }[] }).files
  const f = files?.find((x) => x.id)
  return f?.id ? { kind: 'file', ref: f.id, ...(f.name ? { name: f.name } : {}) } : undefined
}

/**
 * A direct message to the app, the conversation core's typed input on Slack: the words of the slash
 * command (bantuan, hubungkan KODE, lapor [baris], batal, rekap), the answer to a flow under way (the
 * guided report, the fix after Revisi; a file shared with it is the evidence), or a one-line report
 * ("08:00-10:30 Menyusun laporan").
 */
export function directMessage(deps: SlackDeps) {
  return async ({ event, client, body }: MessageArgs) => {
    // people only: edits, joins and bots (ourselves included) are not requests; a file shared is
    if (event.channel_type !== 'im' || 'bot_id' in event) return
    if (event.subtype !== undefined && event.subtype !== 'file_share') return
    const userId = (event as { user?: string }).user
    if (!userId) return
    const dmHint = event.channel
    const eventId = (body as { event_id?: string }).event_id
    // answers are ordinary messages in this DM (the hint makes sure they go there)
    const to: Recipient = { client, userId }
    const say = (text: string) => tell(deps, to, text)
    await afterAck(deps, to, 'direct_message', async () => {
      await deps.dm.channelFor(userId, dmHint)
      const text = plainText((event as { text?: string }).text ?? '').trim()
      const evidence = evidenceOfEvent(event)
      const [, word = '', rest = ''] = /^\/?(\S*)\s*([\s\S]*)$/.exec(text) ?? []
      const command = word.toLowerCase()
      if (command === 'bantuan' || command === 'help') return say(t('slack.help'))
      if (command === 'hubungkan') return linkWithCode(deps, client, to, rest.trim(), dmHint)
      const actor = await deps.actorFor(client, userId, dmHint)
      if (!actor) return say(t('slack.notLinked'))
      // a DM is an event Slack sends again when it thinks the first try failed: a report from it is stored once
      const run = (input: Input) => converseOnSlack(deps, client, { userId, actor, dmHint }, input, { to }, eventId ? { sourceKey: `slack:${eventId}` } : {})
      const withEvidence = evidence ? { evidence } : {}
      if (command === 'lapor') return void (await run({ type: 'command', command: 'lapor', text: rest.trim(), ...withEvidence }))
      if (command === 'batal' && !rest) return void (await run({ type: 'command', command: 'cancel', text: '' }))
      // the answer to the flow under way, if there is one
      const out = await run({ type: 'text', text, ...withEvidence })
      if (!out.unhandled) return
      if (looksLikeReport(text)) return void (await run({ type: 'command', command: 'lapor', text, ...withEvidence }))
      if (command === 'rekap') {
        const m = toSlack(await rekapMessage(deps.services, actor))
        return tell(deps, to, m.text, m.blocks)
      }
      if (command === 'tpp' && !rest) return tellMessage(deps, to, await tppMessage(deps.services, actor, SLACK_CAPABILITIES))
      if (command === 'ekspor') return tellMessage(deps, to, await eksporMessage(deps.services, actor, rest, SLACK_CAPABILITIES))
      await say(t('slack.dmUnknown'))
    })
  }
}
