import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../../helpers/app.js'
import { buttonData } from '../../helpers/telegram.js'
import { eventually } from '../../helpers/wait.js'

const andi = people.andi.telegram
const salmiah = people.salmiah.telegram
const kabid = people.kabid.telegram

const commandsOf = (h: Awaited<ReturnType<typeof startHarness>>, chat: number) =>
  h.tg.calls.filter((c) => c.method === 'setMyCommands' && JSON.stringify(c.params.scope ?? '').includes(String(chat))).at(-1)

describe('what the chat says, in detail', () => {
  it('"Setujui semua" tells each employee once, listing the approved reports', async () => {
    const h = await startHarness()
    h.tg.userSends(kabid, '/start')
    await h.tg.waitForMessageTo(kabid, /Selamat datang/)
    for (const [who, line] of [[andi, '08:00-09:00 Rapat A'], [andi, '09:00-10:00 Rapat B'], [andi, '10:00-11:00 Rapat C'], [salmiah, '08:00-09:00 Rapat D']] as const) {
      h.tg.userSends(who, `/lapor ${line}`)
      await h.tg.waitForMessageTo(who, new RegExp(`terkirim[\\s\\S]*${line.split(' ').at(-1)}`))
    }
    h.tg.userSends(kabid, '/persetujuan')
    const list = await h.tg.waitForMessageTo(kabid, /Menunggu persetujuan: 4 laporan/)
    h.tg.userClicks(kabid, list.message_id, buttonData(list, /Setujui semua/)!)
    await h.tg.waitFor(() => h.tg.messagesTo(kabid).find((m) => m.message_id === list.message_id && /4 laporan disetujui/.test(m.text)))
    const batch = await h.tg.waitForMessageTo(andi, /3 laporan Anda disetujui oleh Nurhayati Ramli, M\.Si\./)
    expect(batch.text).toMatch(/#1 .*Rapat A[\s\S]*#2 .*Rapat B[\s\S]*#3 .*Rapat C/)
    await h.tg.waitForMessageTo(salmiah, /Keputusan atas laporan #4/)
    await new Promise((r) => setTimeout(r, 300))
    expect(h.tg.messagesTo(andi).filter((m) => /Keputusan atas laporan|disetujui oleh/.test(m.text))).toHaveLength(1)
  })

  it('a supervisor gets the supervisor menu and hears of /persetujuan; an employee does not', async () => {
    const h = await startHarness()
    h.tg.userSends(kabid, '/start')
    const welcome = await h.tg.waitForMessageTo(kabid, /Selamat datang/)
    expect(welcome.text).toContain('/persetujuan')
    expect(JSON.stringify(commandsOf(h, kabid)?.params.commands)).toContain('persetujuan')
    h.tg.userSends(andi, '/start')
    const plain = await h.tg.waitForMessageTo(andi, /Selamat datang/)
    expect(plain.text).not.toContain('/persetujuan')
    const menu = JSON.stringify(commandsOf(h, andi)?.params.commands)
    expect(menu).toContain('lapor')
    expect(menu).not.toContain('persetujuan')
    expect(menu).not.toContain('umpanbalik')
  })

  it('an imported account saying "Selamat pagi" is welcomed, and the card that waited comes after the welcome', async () => {
    const h = await startHarness()
    h.tg.userSends(andi, '/lapor 08:00-09:00 Rapat koordinasi')
    // she never opened the bot: the receipt says the report waits for her
    await h.tg.waitForMessageTo(andi, /belum membuka bot/)
    h.tg.userSends(kabid, 'Selamat pagi')
    await h.tg.waitForMessageTo(kabid, /menunggu persetujuan/)
    const texts = h.tg.messagesTo(kabid).map((m) => m.text)
    expect(texts[0]).toMatch(/^Selamat datang, Nurhayati Ramli, M\.Si\.!/)
    expect(texts[1]).toMatch(/menunggu persetujuan/)
    expect(texts.some((t) => /tidak mengerti/.test(t))).toBe(false)
  })

  it('names ending in a full stop get no second one; Setujui + catatan says how to cancel', async () => {
    const h = await startHarness()
    h.tg.userSends(kabid, '/start')
    await h.tg.waitForMessageTo(kabid, /Selamat datang/)
    h.tg.userSends(andi, '/lapor 08:00-09:00 Rapat koordinasi')
    const card = await h.tg.waitForMessageTo(kabid, /menunggu persetujuan/)
    h.tg.userClicks(kabid, card.message_id, buttonData(card, /Setujui \+ catatan/)!)
    const ask = await h.tg.waitForMessageTo(kabid, /Tuliskan catatan/)
    expect(ask.text).toContain('Andi Latif, S.IP. Laporan akan disetujui')
    expect(ask.text).not.toContain('..')
    expect(ask.text).toContain('/batal')
    h.tg.userSends(andi, '/start')
    const already = await h.tg.waitForMessageTo(andi, /Selamat datang|sudah terhubung/)
    expect(already.text).not.toContain('S.IP..')
  })

  it('a withdrawn report: the card keeps its heading, and a press on it says it was withdrawn', async () => {
    const h = await startHarness()
    h.tg.userSends(kabid, '/start')
    await h.tg.waitForMessageTo(kabid, /Selamat datang/)
    h.tg.userSends(andi, '/lapor 08:00-09:00 Rapat koordinasi')
    const receipt = await h.tg.waitForMessageTo(andi, /terkirim/)
    const card = await h.tg.waitForMessageTo(kabid, /menunggu persetujuan/)
    h.tg.userClicks(andi, receipt.message_id, buttonData(receipt, /Tarik/)!)
    await eventually(() => /ditarik oleh pegawai/.test(h.tg.messagesTo(kabid).find((m) => m.message_id === card.message_id)!.text), { label: 'card superseded' })
    const superseded = h.tg.messagesTo(kabid).find((m) => m.message_id === card.message_id)!
    expect(superseded.text).toMatch(/^📥 Laporan kegiatan #1\n/)
    // an old copy of the buttons, pressed anyway
    h.tg.userClicks(kabid, card.message_id, buttonData(card, /^✅ Setujui$/)!)
    await eventually(() => h.tg.callbackAnswers().some((a) => /sudah ditarik oleh pegawai/.test(a.text ?? '')), { label: 'withdrawn answer' })
  })

  it('a photo without a caption gets a hint to put the /lapor line in its caption', async () => {
    const h = await startHarness()
    h.tg.userSendsPhoto(andi, 'photo-file-1')
    await h.tg.waitForMessageTo(andi, /keterangan \(caption\)/)
    expect(await h.app.db.prisma.activity.count()).toBe(0)
  })
})
