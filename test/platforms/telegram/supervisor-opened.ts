import { type Harness, people } from '../../helpers/app.js'

/**
 * A supervisor (by default Nurhayati, Andi's) opened the bot before the test begins: set up in the database,
 * without a message, so cards reach her at once and her team's receipts say "terkirim ke atasan". One who
 * never opened it gets nothing until she does (reachability.test.ts).
 */
export async function supervisorOpenedBot(h: Harness, telegramId: number = people.kabid.telegram): Promise<void> {
  const now = h.clock.now()
  await h.app.db.prisma.chatAccount.update({
    where: { platform_externalId: { platform: 'telegram', externalId: String(telegramId) } },
    data: { chatId: String(telegramId), linkedAt: now, lastSeenAt: now },
  })
}
