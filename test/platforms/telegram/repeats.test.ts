import { describe, expect, it } from 'vitest'
import { people, startHarness, type Harness } from '../../helpers/app.js'
import { buttonData } from '../../helpers/telegram.js'
import { eventually } from '../../helpers/wait.js'

const andi = people.andi.telegram
const kabid = people.kabid.telegram
const SECRET = 'webhook_secret_0123456789'

const cardsTo = (h: Harness, chat: number, text: RegExp) => h.tg.messagesTo(chat).filter((m) => /menunggu persetujuan/.test(m.text) && text.test(m.text))

async function webhookHarness() {
  const h = await startHarness({ env: { TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: SECRET, PUBLIC_URL: 'https://kinerja.kendarikota.go.id' } })
  const url = `http://127.0.0.1:${h.app.port}/telegram/webhook`
  const send = async (update: ReturnType<Harness['tg']['userSends']>) => expect((await h.tg.postUpdate(url, update, SECRET)).status).toBe(200)
  await send(h.tg.userSends(kabid, '/start'))
  await h.tg.waitForMessageTo(kabid, /Selamat datang/)
  return { h, send }
}

describe('a report redelivered after a crash', () => {
  it.each([
    ['a time range', '/lapor 08:00-09:30 Rapat koordinasi SKP'],
    ['a duration', '/lapor 90m Sosialisasi e-Kinerja'],
  ])('(%s) gets the stored report\'s receipt again: one activity, one card, no clash with itself', async (_name, line) => {
    const { h, send } = await webhookHarness()
    const update = h.tg.userSends(andi, line)
    await send(update)
    const first = await h.tg.waitForMessageTo(andi, /terkirim ke atasan/)
    const id = /#(\d+)/.exec(first.text)![1]
    await eventually(() => h.tg.messagesTo(kabid).some((m) => /menunggu persetujuan/.test(m.text)), { label: 'card' })
    // the process died after the report's commit, before the update was marked done: its claim is open
    // and its lease is over, so Telegram's redelivery is handled again
    await h.app.db.prisma.processedUpdate.updateMany({ data: { doneAt: null, at: new Date(0) } })
    await send(update)
    const again = await h.tg.waitForMessageTo(andi, /sudah tercatat/, { afterMessageId: first.message_id })
    expect(again.text).toContain(`#${id}`)
    expect(h.tg.messagesTo(andi).some((m) => /bertabrakan/.test(m.text))).toBe(false)
    expect(await h.app.db.prisma.activity.count()).toBe(1)
    await new Promise((r) => setTimeout(r, 300)) // a second card would be on its way by now
    expect(h.tg.messagesTo(kabid).filter((m) => /menunggu persetujuan/.test(m.text))).toHaveLength(1)
    expect(await h.app.db.prisma.outbox.count({ where: { kind: 'approval_card' } })).toBe(1)
  })
})

describe('the same report sent twice', () => {
  it('the same range and words again is recognised as stored, not stored twice', async () => {
    const { h, send } = await webhookHarness()
    await send(h.tg.userSends(andi, '/lapor 08:00-09:30 Rapat koordinasi SKP'))
    await h.tg.waitForMessageTo(andi, /terkirim ke atasan/)
    await send(h.tg.userSends(andi, '/lapor 08.00-09.30 rapat koordinasi SKP.'))
    await h.tg.waitForMessageTo(andi, /sudah tercatat/)
    expect(await h.app.db.prisma.activity.count()).toBe(1)
    expect(cardsTo(h, kabid, /Rapat koordinasi/)).toHaveLength(1)
  })

  it('the same description on the same day asks first; "Kirim lagi" stores it, "Batal" does not, an old button changes nothing', async () => {
    const { h, send } = await webhookHarness()
    await send(h.tg.userSends(andi, '/lapor 90m Sosialisasi e-Kinerja'))
    await h.tg.waitForMessageTo(andi, /terkirim ke atasan/)

    await send(h.tg.userSends(andi, '/lapor 30 mnt sosialisasi  E-Kinerja'))
    const ask = await h.tg.waitForMessageTo(andi, /Laporan serupa sudah ada \(#1\)/)
    expect(await h.app.db.prisma.activity.count()).toBe(1)
    await send(h.tg.userClicks(andi, ask.message_id, buttonData(ask, /Kirim lagi/)!))
    const receipt = await h.tg.waitForMessageTo(andi, /#2 terkirim ke atasan/)
    expect(receipt.text).toContain('30 menit')
    expect(await h.app.db.prisma.activity.findMany({ select: { minutes: true }, orderBy: { id: 'asc' } })).toEqual([{ minutes: 90 }, { minutes: 30 }])

    // the same button again: the held report was used up
    await send(h.tg.userClicks(andi, ask.message_id, buttonData(ask, /Kirim lagi/)!))
    await eventually(() => h.tg.callbackAnswers().some((a) => /tidak berlaku/.test(a.text ?? '')), { label: 'stale alert' })
    expect(await h.app.db.prisma.activity.count()).toBe(2)

    // a range with the same words on the same day is asked too; Batal keeps the day as it was
    await send(h.tg.userSends(andi, '/lapor 13:00-14:00 Sosialisasi e-Kinerja'))
    const ask2 = await h.tg.waitForMessageTo(andi, /Laporan serupa sudah ada/, { afterMessageId: receipt.message_id })
    await send(h.tg.userClicks(andi, ask2.message_id, buttonData(ask2, /Batal/)!))
    await eventually(() => h.tg.callbackAnswers().some((a) => /Tidak dikirim/.test(a.text ?? '')), { label: 'cancelled' })
    expect(await h.app.db.prisma.activity.count()).toBe(2)
    // once a button is pressed it is removed from the question
    expect(buttonData(h.tg.messagesTo(andi).find((m) => m.message_id === ask2.message_id), /Kirim lagi/)).toBeUndefined()
  })

  it('another day or other words are not asked', async () => {
    const { h, send } = await webhookHarness()
    await send(h.tg.userSends(andi, '/lapor 90m Sosialisasi e-Kinerja'))
    await h.tg.waitForMessageTo(andi, /#1 terkirim/)
    await send(h.tg.userSends(andi, '/lapor kemarin 90m Sosialisasi e-Kinerja'))
    await h.tg.waitForMessageTo(andi, /#2 terkirim/)
    await send(h.tg.userSends(andi, '/lapor 90m Sosialisasi e-Kinerja tahap 2'))
    await h.tg.waitForMessageTo(andi, /#3 terkirim/)
    expect(h.tg.messagesTo(andi).some((m) => /serupa/.test(m.text))).toBe(false)
  })
})
