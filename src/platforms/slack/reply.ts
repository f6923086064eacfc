import type { RespondFn } from '@slack/bolt'
import { isDomainError } from '../../domain/errors.js'
import type { Logger } from '../../logger.js'
import { t, tStored } from '../../messages/index.js'
import { plainText, type Message } from '../../conversation/message.js'
import { escapeMrkdwn, section, type Block } from './blocks.js'
import type { SlackDeps, WebClient } from './context.js'
import { toSlack } from './message.js'

/** Where an answer for one person goes: only they see it. */
export interface Recipient {
  client: WebClient
  userId: string
  /** The channel the click or command came from, when there is one (not in modals or App Home). */
  channelId?: string
  respond?: RespondFn
}

/**
 * An answer only the person sees: through the response URL when Slack gave one, as an ephemeral
 * message in the channel, or else (App Home, modals) as a direct message.
 */
export async function tell(deps: Pick<SlackDeps, 'dm'>, to: Recipient, text: string, blocks: Block[] = [section(text)]): Promise<void> {
  if (to.respond) {
    await to.respond({ response_type: 'ephemeral', replace_original: false, text, blocks })
  } else if (to.channelId) {
    await to.client.chat.postEphemeral({ channel: to.channelId, user: to.userId, text, blocks })
  } else {
    await to.client.chat.postMessage({ channel: await deps.dm.channelFor(to.userId), text, blocks })
  }
}

/**
 * A neutral message for one person. With a file, it is uploaded into the app's DM with the person (a
 * response URL cannot carry files), the text as its comment; a command typed in another channel is answered
 * there with where the file went. Without one, as `tell`.
 */
export async function tellMessage(deps: Pick<SlackDeps, 'dm'>, to: Recipient, m: Message, opts: { commandChannel?: string } = {}): Promise<void> {
  if (!m.file) {
    const s = toSlack(m)
    return tell(deps, to, s.text, s.blocks)
  }
  const channel = await deps.dm.channelFor(to.userId)
  await to.client.filesUploadV2({ channel_id: channel, file: Buffer.from(m.file.data), filename: m.file.filename, initial_comment: escapeMrkdwn(plainText(m)) })
  if (opts.commandChannel && opts.commandChannel !== channel) await tell(deps, to, t('slack.fileInDm', { filename: m.file.filename }))
}

/** A refusal of the domain becomes the catalogue's text for that person; anything else is a bug. */
export async function refuse(deps: Pick<SlackDeps, 'dm'>, to: Recipient, err: unknown): Promise<void> {
  if (!isDomainError(err)) throw err
  await tell(deps, to, tStored(err))
}

/** Runs a use case and turns its refusals into an answer; undefined when refused. */
export async function attempt<T>(deps: Pick<SlackDeps, 'dm'>, to: Recipient, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn()
  } catch (err) {
    await refuse(deps, to, err)
    return undefined
  }
}

/**
 * The work after ack(): an unexpected failure is logged and the person hears that something went
 * wrong, instead of silence (Slack has long closed the request by then).
 */
export async function afterAck(deps: Pick<SlackDeps, 'dm'> & { log: Logger }, to: Recipient, what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn()
  } catch (err) {
    deps.log.error({ err: { message: (err as Error)?.message ?? String(err) }, what }, 'slack handler failed')
    await tell(deps, to, t('error.generic')).catch(() => undefined)
  }
}
