import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../../helpers/app.js'

// A Telegram bot cannot start a chat: what goes to a supervisor who never opened the bot waits for her,
// and the employee's receipt says so instead of "terkirim ke atasan".
const { andi, kabid } = people
const WAITING = /Laporan #\d+ tercatat\. Atasan Anda belum membuka bot; laporan akan sampai begitu beliau membukanya\./

describe('a supervisor who never opened the Telegram bot', () => {
  it('the receipt says the report waits for her; the card reaches her when she opens the bot', async () => {
    const h = await startHarness()
    h.tg.userSends(andi.telegram, '/start')
    await h.tg.waitForMessageTo(andi.telegram, /Selamat datang, Andi Latif/)
    h.tg.userSends(andi.telegram, '/lapor 08:00-10:30 Menyusun laporan keuangan bulanan')
    const receipt = await h.tg.waitForMessageTo(andi.telegram, /Laporan #\d+/)
    expect(receipt.text).toMatch(WAITING)
    expect(receipt.text).not.toMatch(/terkirim ke atasan/)
    const id = Number(/#(\d+)/.exec(receipt.text)![1])
    await h.app.dispatcher.runOnce()
    const kabidId = (await h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip: kabid.nip } })).id
    expect((await h.app.db.prisma.outbox.findFirstOrThrow({ where: { recipientId: kabidId, kind: 'approval_card' } })).status).toBe('HELD')

    h.tg.userSends(kabid.telegram, '/start')
    await h.tg.waitForMessageTo(kabid.telegram, /Selamat datang, Nurhayati/)
    await h.tg.waitForMessageTo(kabid.telegram, new RegExp(`Laporan kegiatan #${id} menunggu persetujuan`))

    // now she can be reached: the next receipt says it went to her
    h.tg.userSends(andi.telegram, '/lapor 13:00-14:00 Rapat koordinasi')
    const next = await h.tg.waitForMessageTo(andi.telegram, new RegExp(`Laporan #${id + 1}`))
    expect(next.text).toMatch(/terkirim ke atasan/)
  })

  it('a fixed report says the same while she has not opened the bot, not "dikirim ulang ke atasan"', async () => {
    const h = await startHarness()
    h.tg.userSends(andi.telegram, '/start')
    await h.tg.waitForMessageTo(andi.telegram, /Selamat datang, Andi Latif/)
    h.tg.userSends(andi.telegram, '/lapor 08:00-10:30 Menyusun laporan keuangan')
    const receipt = await h.tg.waitForMessageTo(andi.telegram, WAITING)
    const id = Number(/#(\d+)/.exec(receipt.text)![1])
    h.tg.userClicks(andi.telegram, receipt.message_id, `ed:${id}`)
    await h.tg.waitForMessageTo(andi.telegram, /Saat ini:/)
    h.tg.userSends(andi.telegram, 'Menyusun laporan keuangan bulanan')
    const fixed = await h.tg.waitForMessageTo(andi.telegram, new RegExp(`Laporan #${id} diperbarui`))
    expect(fixed.text).toMatch(/diperbarui\. Atasan Anda belum membuka bot; laporan akan sampai begitu beliau membukanya\./)
    expect(fixed.text).not.toMatch(/dikirim ulang ke atasan/)
    expect(await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id } })).toMatchObject({ description: 'Menyusun laporan keuangan bulanan', version: 2 })
  })
})
