import { describe, expect, it } from 'vitest'
import type { Db } from '../../../src/db/client.js'
import { createLinkingService } from '../../../src/domain/linking.js'
import { domainSetup } from '../../domain/helpers.js'
import { people } from '../../helpers/app.js'
import { slackPeople, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js'

const NOT_LINKED = /belum terhubung[\s\S]*Minta kode tautan kepada admin[\s\S]*\/kinerja hubungkan KODE/

/** `/kinerja rekap` from `userId`: the ephemeral answer it gets (the month for a linked person). */
async function rekapOf(h: SlackHarness, userId: string): Promise<string> {
  const before = h.slack.responses.length
  await h.req.command(userId, 'rekap')
  const answer = await h.slack.waitFor(() => h.slack.responses.slice(before).find((r) => r.body.response_type === 'ephemeral'), `the answer to ${userId}`)
  return String(answer.body.text)
}

const slackAccountsOf = (h: SlackHarness, nip: string) =>
  h.app.db.prisma.chatAccount.findMany({ where: { chatId: { not: null }, platform: 'slack', employee: { nip } }, select: { externalId: true } }).then((rows) => rows.map((r) => r.externalId))

/** Proof that the e-mail route was taken for `userId`: the app asked Slack for the profile. */
const askedProfileOf = (h: SlackHarness, userId: string) => h.slack.callsOf('users.info').some((c) => c.params.user === userId)

describe('Slack: linking by the e-mail Slack verified is refused when another account has the employee', () => {
  it('refuses it when the employee is already linked on Slack with another account, and explains the code', async () => {
    const h = await startSlackHarness({ telegram: false, users: [{ id: 'U0KANDI02', email: 'Andi.Latif@KendariKota.go.id' }] })
    await h.app.db.prisma.employee.update({ where: { nip: people.andi.nip }, data: { email: 'andi.latif@kendarikota.go.id' } })
    // the first account linked with a code from the admin
    const code = (await h.cli('link-code', people.andi.nip)).out.trim().split('\n').at(-1)!
    await h.req.command('U0KANDI01', `hubungkan ${code}`)
    await h.slack.waitFor(() => h.slack.messagesIn(h.slack.dmChannel('U0KANDI01')).find((m) => /Selamat datang, Andi Latif/.test(m.text)), 'welcome')

    // a second Slack account whose verified e-mail is Andi's
    expect(await rekapOf(h, 'U0KANDI02')).toMatch(NOT_LINKED)
    expect(askedProfileOf(h, 'U0KANDI02')).toBe(true)
    expect(await slackAccountsOf(h, people.andi.nip)).toEqual(['U0KANDI01'])
    expect(await h.app.db.prisma.chatAccount.count({ where: { chatId: { not: null }, externalId: 'U0KANDI02' } })).toBe(0)
    expect(await h.app.db.prisma.auditLog.count({ where: { action: 'link', detail: { contains: '"via":"email"' } } })).toBe(0)
    // and the account that has the link keeps working
    expect(await rekapOf(h, 'U0KANDI01')).toMatch(/Andi Latif/)
  })

  it('refuses it when the import vouches for another Slack account (slack_user_id), which still links on first contact', async () => {
    const { ahmad } = slackPeople
    const h = await startSlackHarness({ telegram: false, users: [{ id: 'U0KAHMAD2', email: 'ahmad.anwar@kendarikota.go.id' }] })
    await h.app.db.prisma.employee.update({ where: { nip: ahmad.nip }, data: { email: 'ahmad.anwar@kendarikota.go.id' } })
    // Ahmad's own account (U0KDI00009 in the import) has not been seen yet: nobody is linked
    expect(await slackAccountsOf(h, ahmad.nip)).toEqual([])

    expect(await rekapOf(h, 'U0KAHMAD2')).toMatch(NOT_LINKED)
    expect(askedProfileOf(h, 'U0KAHMAD2')).toBe(true)
    expect(await slackAccountsOf(h, ahmad.nip)).toEqual([])

    expect(await rekapOf(h, ahmad.id)).toMatch(/Ahmad Anwar/)
    expect(await slackAccountsOf(h, ahmad.nip)).toEqual([ahmad.id])
  })

  it('is not refused for an account on the other platform: Telegram does not stand in the way on Slack', async () => {
    const h = await startSlackHarness({ telegram: false, users: [{ id: 'U0KSALM01', email: 'salmiah.djafar@kendarikota.go.id' }] })
    const db = h.app.db.prisma
    const salmiah = await db.employee.update({ where: { nip: people.salmiah.nip }, data: { email: 'salmiah.djafar@kendarikota.go.id' } })
    const telegram = String(people.salmiah.telegram)
    // she wrote to the Telegram bot from the account the import vouched for
    await db.chatAccount.update({ where: { platform_externalId: { platform: 'telegram', externalId: telegram } }, data: { chatId: telegram, linkedAt: new Date(), lastSeenAt: new Date() } })

    expect(await rekapOf(h, 'U0KSALM01')).toMatch(/Salmiah Djafar/)
    expect(await slackAccountsOf(h, people.salmiah.nip)).toEqual(['U0KSALM01'])
    expect(await db.chatAccount.count({ where: { chatId: { not: null }, employeeId: salmiah.id, platform: 'telegram' } })).toBe(1)
  })

  // the window between linkByEmail's look at the employee and its write, which the Slack flow cannot aim at
  it('does not undo a link made with a code while the e-mail link is being written', async () => {
    const { db, clock, services } = await domainSetup()
    await db.prisma.employee.update({ where: { nip: people.andi.nip }, data: { email: 'andi.latif@kendarikota.go.id' } })
    const { code } = await services.linking.issueCode(people.andi.nip)
    const byCode = { platform: 'slack' as const, externalId: 'U0KANDI01', chatId: 'D0KANDI01' }
    let raced = false
    // the e-mail link's database: the code is redeemed just before its transaction begins
    const racing = new Proxy(db.prisma, {
      get(client, prop) {
        const value: unknown = Reflect.get(client, prop)
        if (typeof value !== 'function') return value
        if (prop !== '$transaction' || raced) return value.bind(client)
        return async (...args: unknown[]) => {
          raced = true
          await services.linking.redeem(byCode, code)
          return value.apply(client, args)
        }
      },
    }) as Db
    const cfg = { codeTtlHours: 72, maxFailures: 5, lockoutMinutes: 60, defaultTimezone: 'Asia/Makassar' }
    const linking = createLinkingService({ db: racing, clock, cfg })

    const linked = await linking.linkByEmail({ platform: 'slack', externalId: 'U0KANDI02', chatId: 'D0KANDI02' }, 'andi.latif@kendarikota.go.id')
    expect(raced).toBe(true)
    expect(linked).toBeNull()
    const accounts = await db.prisma.chatAccount.findMany({ where: { chatId: { not: null }, platform: 'slack', employee: { nip: people.andi.nip } }, select: { externalId: true } })
    expect(accounts).toEqual([{ externalId: 'U0KANDI01' }])
  })
})
