import type { Harness } from '../../helpers/app.js'
import { startSlackHarness } from '../../helpers/slack-harness.js'
import type { ChatDriver } from '../driver.js'
import { SLACK_ENV, slack } from './slack.js'
import { telegram } from './telegram.js'
import { startWhatsAppFake, WHATSAPP_ENV } from '../../helpers/whatsapp-harness.js'
import { whatsapp } from './whatsapp.js'
import { playground } from './playground.js'

/** Every adapter the stories run against: one line each. */
export const drivers: ChatDriver[] = [telegram, slack, whatsapp, playground]

/**
 * Ordered pairs of different platforms (employee's, supervisor's) for the cross-platform stories. The
 * playground is not paired: it practises on a demo database where everyone has a playground account, not
 * one person on a real platform and their supervisor on the playground.
 */
const paired = drivers.filter((d) => d !== playground)
export const pairs: [ChatDriver, ChatDriver][] = paired.flatMap((a) => paired.filter((b) => b !== a).map((b) => [a, b] as [ChatDriver, ChatDriver]))

/** One app with every platform on, each against its fake (the Slack harness, which runs Telegram too, and WhatsApp's fake). */
export async function startAll(opts: { env?: Record<string, string> } = {}): Promise<Harness> {
  const { wa, attach } = await startWhatsAppFake()
  return attach(await startSlackHarness({ env: { ...SLACK_ENV, ...WHATSAPP_ENV(wa), ...opts.env } }))
}
