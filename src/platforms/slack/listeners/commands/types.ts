import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt'
import type { SlackDeps } from '../../context.js'
import type { Recipient } from '../../reply.js'

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs

/** One `/kinerja <sub>`: it acks itself (some answer in the ack, the form opens right after it). */
export type Subcommand = (deps: SlackDeps, a: CommandArgs & { args: string; to: Recipient }) => Promise<void>
