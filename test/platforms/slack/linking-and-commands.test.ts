import { describe, expect, it } from 'vitest'
import { people } from '../../helpers/app.js'
import { enqueue } from '../../../src/domain/outbox.js'
import { buttonsOf, textOf } from '../../helpers/fake-slack.js'
import { opensView, slackPeople, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js'

const { kabid, ahmad, stranger } = slackPeople

const ephemeral = (h: SlackHarness, re: RegExp) =>
  h.slack.waitFor(() => h.slack.responses.find((r) => r.body.response_type === 'ephemeral' && re.test(String(r.body.text))), `an answer matching ${re}`)

describe('Slack linking and the /kinerja subcommands', () => {
  it('links by the e-mail Slack verified when the employee record has it, and never by a mismatch', async () => {
    const h = await startSlackHarness({ telegram: false, users: [{ id: 'U0KANDI01', email: 'Andi.Latif@KendariKota.go.id' }, { id: 'U0KOTHER1', email: 'lain@kendarikota.go.id' }] })
    const db = h.app.db.prisma
    await db.employee.update({ where: { nip: people.andi.nip }, data: { email: 'andi.latif@kendarikota.go.id' } })

    await h.req.command('U0KANDI01', 'lapor 08:00-09:00 Menyusun laporan')
    await h.slack.waitFor(() => h.slack.messagesIn(h.slack.dmChannel('U0KANDI01')).find((m) => /terkirim ke atasan/.test(m.text)), 'the receipt')
    const identity = await db.chatAccount.findFirstOrThrow({ where: { chatId: { not: null }, platform: 'slack', externalId: 'U0KANDI01' }, include: { employee: true } })
    expect(identity.employee.nip).toBe(people.andi.nip)
    expect(identity.chatId).toBe('D0KANDI01')
    expect(await db.auditLog.count({ where: { action: 'link', detail: { contains: '"via":"email"' } } })).toBe(1)

    // an address no employee has: the explanation of how to link, nothing stored
    await h.req.command('U0KOTHER1', 'rekap')
    await ephemeral(h, /belum terhubung[\s\S]*\/kinerja hubungkan KODE/)
    expect(await db.chatAccount.count({ where: { chatId: { not: null }, externalId: 'U0KOTHER1' } })).toBe(0)
  })

  it('links with a code from the admin: /kinerja hubungkan, with the Telegram rules for wrong codes', async () => {
    const h = await startSlackHarness({ telegram: false })
    await h.req.command(stranger.id, 'hubungkan')
    await ephemeral(h, /Tuliskan kode tautan setelah perintah/)
    await h.req.command(stranger.id, 'hubungkan ABCD-EFGH')
    await ephemeral(h, /Kode tautan tidak valid[\s\S]*sisa percobaan: 4/)

    const issued = await h.cli('link-code', people.salmiah.nip)
    const code = issued.out.trim().split('\n').at(-1)!
    await h.req.command(stranger.id, `hubungkan ${code.toLowerCase()}`)
    const welcome = await h.slack.waitFor(() => h.slack.messagesIn(h.slack.dmChannel(stranger.id)).find((m) => /Selamat datang, Salmiah Djafar/.test(m.text)), 'welcome')
    expect(welcome.text).toMatch(/\/kinerja lapor/)
    const identity = await h.app.db.prisma.chatAccount.findFirstOrThrow({ where: { chatId: { not: null }, platform: 'slack', externalId: stranger.id } })
    expect(identity.chatId).toBe(h.slack.dmChannel(stranger.id))
  })

  it('opens the form before looking anyone up, and tells an unlinked person in it', async () => {
    const h = await startSlackHarness({ telegram: false })
    const form = await opensView(h.slack, 'report', () => h.req.command(stranger.id, 'lapor'))
    await h.slack.waitFor(() => /belum terhubung/.test(textOf(h.slack.views.get(form.id)!)), 'the form replaced by the explanation')
    // views.open came before any users.info (the lookup that needs the network and the database)
    const methods = h.slack.calls.map((c) => c.method)
    expect(methods.indexOf('views.open')).toBeLessThan(methods.indexOf('users.info'))
  })

  it('explains a form that could not open in time (the trigger expired)', async () => {
    const h = await startSlackHarness({ telegram: false })
    await h.req.command(ahmad.id, 'lapor', { triggerIssuedAt: Date.now() - 11_000 })
    await ephemeral(h, /Formulir tidak dapat dibuka tepat waktu/)
    expect(h.slack.views.size).toBe(0)
  })

  it('answers bantuan, an empty command and unknown subcommands with the list of commands', async () => {
    const h = await startSlackHarness({ telegram: false })
    const help = await h.req.command(ahmad.id, 'bantuan')
    expect(help.json).toMatchObject({ response_type: 'ephemeral' })
    expect(String(help.json?.text)).toMatch(/\/kinerja lapor[\s\S]*\/kinerja rekap[\s\S]*\/kinerja persetujuan[\s\S]*\/kinerja hubungkan/)
    expect(String((await h.req.command(ahmad.id, '')).json?.text)).toMatch(/Perintah kinerja-bot di Slack/)
    const unknown = await h.req.command(ahmad.id, 'laporan <@U0KDI00007> hari ini')
    expect(String(unknown.json?.text)).toMatch(/Perintah "\/kinerja laporan" tidak dikenal\. Gunakan: lapor, rekap, tpp, ekspor, persetujuan, umpanbalik, hubungkan, atau bantuan/)
    // answered in the ack itself: no call to Slack, no database work
    expect(h.slack.calls.filter((c) => c.method !== 'auth.test')).toEqual([])
  })

  it('lists pending items for the supervisor with Setujui semua, and App Home shows month and queue', async () => {
    const h = await startSlackHarness({ telegram: false })
    await h.req.openHome(kabid.id)
    await h.slack.waitFor(() => h.slack.homes.get(kabid.id), 'home')
    for (const line of ['08:00-09:00 Menyusun laporan', '09:00-10:00 Rapat koordinasi', '10:00-11:00 Entri data']) {
      await h.req.command(ahmad.id, `lapor ${line}`)
    }
    await h.slack.waitFor(() => h.slack.messagesIn(h.slack.dmChannel(kabid.id)).filter((m) => /menunggu persetujuan/.test(m.text)).length === 3, 'three cards')

    await h.req.command(kabid.id, 'persetujuan')
    const list = await ephemeral(h, /Menunggu persetujuan: 3 laporan/)
    const blocks = list.body.blocks as { type: string }[]
    expect(blocks.length).toBeLessThanOrEqual(50)
    expect(buttonsOf({ blocks: blocks as never }).map((b) => b.text?.text)).toContain('✅ Setujui semua di halaman ini')

    // App Home: the month for everyone, the queue for supervisors, with working buttons
    await h.req.openHome(kabid.id)
    await h.slack.waitFor(() => /Menunggu persetujuan: 3 laporan/.test(textOf(h.slack.homes.get(kabid.id)!)), 'the queue in home')
    await h.req.click(kabid.id, { home: kabid.id }, /^✅ Setujui$/)
    await h.slack.waitFor(() => /Menunggu persetujuan: 2 laporan/.test(textOf(h.slack.homes.get(kabid.id)!)), 'home after one approval')

    // Setujui semua from the ephemeral list: each item authorized on its own
    await h.req.click(kabid.id, { ephemeral: { blocks: blocks as never }, channel: h.slack.dmChannel(kabid.id) }, /Setujui semua/)
    await h.slack.waitFor(() => h.slack.responses.find((r) => r.body.replace_original === true && /2 laporan disetujui\. 1 dilewati/.test(String(r.body.text))), 'the list replaced')
    expect(await h.app.db.prisma.activity.count({ where: { status: 'DISETUJUI' } })).toBe(3)

    await h.req.openHome(ahmad.id)
    await h.slack.waitFor(() => /Disetujui: 180 menit \(3 kegiatan\)/.test(textOf(h.slack.homes.get(ahmad.id) ?? {})), 'the employee home')
    // an employee without subordinates sees no queue
    expect(textOf(h.slack.homes.get(ahmad.id)!)).not.toMatch(/Menunggu persetujuan: \d+ laporan|Tidak ada laporan yang menunggu/)
  })

  it("scheduled reminders on Slack: 'Lapor sekarang' opens the form, 'Buka daftar persetujuan' shows the queue", async () => {
    const h = await startSlackHarness({ telegram: false })
    const db = h.app.db.prisma
    await h.req.openHome(kabid.id)
    await h.req.openHome(ahmad.id)
    await h.slack.waitFor(() => h.slack.homes.get(kabid.id) && h.slack.homes.get(ahmad.id), 'both homes')
    const [ahmadRow, kabidRow] = await Promise.all([db.employee.findUniqueOrThrow({ where: { nip: ahmad.nip } }), db.employee.findUniqueOrThrow({ where: { nip: kabid.nip } })])
    const at = h.clock.now()
    await enqueue(db, { recipientId: ahmadRow.id, message: { kind: 'activity_reminder', date: '2026-11-27', final: false }, at })
    await enqueue(db, { recipientId: kabidRow.id, message: { kind: 'approval_reminder', count: 1, oldest: { id: 1, employee: 'Ahmad', date: '2026-11-25', ageWorkDays: 2 } }, at })
    h.app.dispatcher.kick()

    const reminder = await h.slack.waitFor(() => h.slack.messagesIn(h.slack.dmChannel(ahmad.id)).find((m) => /Pengingat laporan kegiatan/.test(m.text)), 'the reminder')
    expect(reminder.text).toMatch(/\/kinerja lapor 08:00-10:30/)
    await opensView(h.slack, 'report', () => h.req.click(ahmad.id, { message: reminder }, /Lapor sekarang/))

    const nudge = await h.slack.waitFor(() => h.slack.messagesIn(h.slack.dmChannel(kabid.id)).find((m) => /menunggu persetujuan Anda/.test(m.text)), 'the approval reminder')
    await h.req.click(kabid.id, { message: nudge }, /Buka daftar persetujuan/)
    await ephemeral(h, /Tidak ada laporan yang menunggu persetujuan/)
  })
})
