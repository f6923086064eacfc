import { describe, expect, it } from 'vitest'
import { people } from '../../helpers/app.js'
import { buttonData } from '../../helpers/telegram.js'
import { eventually } from '../../helpers/wait.js'
import { buttonId, seen, sentTo, startWhatsAppHarness, vouch, waitForWa, waPeople, WA_VERIFY } from '../../helpers/whatsapp-harness.js'

const andi = waPeople.andi
const kabid = waPeople.kabid

describe('WhatsApp webhook', () => {
  it('answers Meta verification with the challenge, and 403 to anything else', async () => {
    const h = await startWhatsAppHarness({ telegram: false })
    const get = (q: string) => fetch(`${h.webhookUrl()}?${q}`).then(async (r) => ({ status: r.status, text: await r.text() }))
    expect(await get(`hub.mode=subscribe&hub.verify_token=${WA_VERIFY}&hub.challenge=1158201444`)).toEqual({ status: 200, text: '1158201444' })
    expect((await get('hub.mode=subscribe&hub.verify_token=wrong-token-0123456789&hub.challenge=1')).status).toBe(403)
    expect((await get(`hub.mode=unsubscribe&hub.verify_token=${WA_VERIFY}&hub.challenge=1`)).status).toBe(403)
    expect((await get('')).status).toBe(403)
  })

  it('refuses a bad or missing signature with 401, and nothing changes', async () => {
    const h = await startWhatsAppHarness({ telegram: false })
    await vouch(h, andi.nip, andi.wa)
    const db = h.app.db.prisma
    const before = { updates: await db.processedUpdate.count(), activities: await db.activity.count() }
    const bad = await h.wa.inbound(andi.wa, { type: 'text', text: 'lapor 08:00-10:30 Menyusun laporan' }, { signature: `sha256=${'0'.repeat(64)}` })
    expect(bad.status).toBe(401)
    const none = await h.wa.inbound(andi.wa, { type: 'text', text: 'lapor 08:00-10:30 Menyusun laporan' }, { signature: null })
    expect(none.status).toBe(401)
    await new Promise((r) => setTimeout(r, 200))
    expect({ updates: await db.processedUpdate.count(), activities: await db.activity.count() }).toEqual(before)
    expect(h.wa.sent).toHaveLength(0)
    const account = await db.chatAccount.findFirstOrThrow({ where: { platform: 'whatsapp', externalId: andi.wa } })
    expect(account.chatId).toBeNull()
    expect(account.lastInboundAt).toBeNull()
  })

  it('handles a redelivered message once', async () => {
    const h = await startWhatsAppHarness({ telegram: false })
    await vouch(h, andi.nip, andi.wa)
    await vouch(h, kabid.nip, kabid.wa)
    const first = await h.wa.inbound(andi.wa, { type: 'text', text: 'lapor 08:00-10:30 Menyusun laporan keuangan' })
    expect(first.status).toBe(200)
    await waitForWa(h.wa, andi.wa, /Laporan #\d+ terkirim/)
    const again = await h.wa.inbound(andi.wa, { type: 'text', text: 'lapor 08:00-10:30 Menyusun laporan keuangan' }, { id: first.messageId })
    expect(again.status).toBe(200)
    await new Promise((r) => setTimeout(r, 300))
    expect(await h.app.db.prisma.activity.count({ where: { description: 'Menyusun laporan keuangan' } })).toBe(1)
    expect(sentTo(h.wa, andi.wa).filter((m) => /terkirim/.test(seen(m).text))).toHaveLength(1)
  })
})

describe('WhatsApp reports and decisions', () => {
  it('a guided report left too long is dropped with one notice; the next line is a report of its own', async () => {
    const h = await startWhatsAppHarness({ telegram: false })
    await vouch(h, andi.nip, andi.wa)
    await vouch(h, kabid.nip, kabid.wa)
    await h.wa.inbound(andi.wa, { type: 'text', text: 'lapor' })
    await waitForWa(h.wa, andi.wa, /uraian/i)
    h.clock.advance(h.app.services.conversations.timeoutMs + 60_000)
    expect(await h.app.services.conversations.isOpen({ platform: 'whatsapp', chatId: andi.wa })).toBe(false)
    await h.wa.inbound(andi.wa, { type: 'text', text: 'lapor 08:00-10:30 Rapat koordinasi anggaran' })
    await waitForWa(h.wa, andi.wa, /Laporan #\d+ terkirim/)
    expect(sentTo(h.wa, andi.wa).filter((m) => /terlalu lama tidak dilanjutkan/.test(seen(m).text))).toHaveLength(1)
    expect(await h.app.db.prisma.activity.count({ where: { description: 'Rapat koordinasi anggaran' } })).toBe(1)
  })

  it('employee on WhatsApp, supervisor on Telegram: report, card, decision notice', async () => {
    const h = await startWhatsAppHarness()
    await vouch(h, andi.nip, andi.wa)
    h.tg.userSends(people.kabid.telegram, '/start')
    await h.tg.waitForMessageTo(people.kabid.telegram, /Selamat datang/)

    // without the slash; the first message links the vouched number and greets
    await h.wa.inbound(andi.wa, { type: 'text', text: 'lapor 08:00-10:30 Menyusun laporan keuangan bulanan' })
    await waitForWa(h.wa, andi.wa, /Selamat datang, Andi Latif/)
    const receipt = await waitForWa(h.wa, andi.wa, /Laporan #\d+ terkirim ke atasan/)
    const id = Number(/#(\d+)/.exec(seen(receipt).text)![1])
    expect(seen(receipt).buttons.map((b) => b.title).join(' ')).toMatch(/Ubah/)

    const card = await h.tg.waitForMessageTo(people.kabid.telegram, new RegExp(`Laporan kegiatan #${id} menunggu persetujuan`))
    h.tg.userClicks(people.kabid.telegram, card.message_id, buttonData(card, /^✅ Setujui$/)!)
    const notice = await waitForWa(h.wa, andi.wa, new RegExp(`Keputusan atas laporan #${id}`))
    expect(seen(notice).text).toMatch(/Disetujui oleh Nurhayati Ramli/)
    expect((await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id } })).status).toBe('DISETUJUI')
  })

  it('employee on Telegram, supervisor on WhatsApp: the card as a list, approved by its reply, the outcome quoting the card', async () => {
    const h = await startWhatsAppHarness()
    await vouch(h, kabid.nip, kabid.wa)
    await h.wa.inbound(kabid.wa, { type: 'text', text: 'Selamat pagi' })
    await waitForWa(h.wa, kabid.wa, /Selamat datang, Nurhayati/)

    h.tg.userSends(people.andi.telegram, '/start')
    await h.tg.waitForMessageTo(people.andi.telegram, /Selamat datang/)
    h.tg.userSends(people.andi.telegram, '/lapor 08:00-10:30 Menyusun laporan keuangan bulanan')
    const receipt = await h.tg.waitForMessageTo(people.andi.telegram, /Laporan #\d+ terkirim/)
    const id = Number(/#(\d+)/.exec(receipt.text)![1])

    const card = await waitForWa(h.wa, kabid.wa, new RegExp(`Laporan kegiatan #${id} menunggu persetujuan`))
    expect(card.type).toBe('interactive')
    const titles = seen(card).buttons.map((b) => b.title)
    // all four decisions stay on the card
    expect(titles.join('|')).toMatch(/Setujui/)
    expect(titles.join('|')).toMatch(/Revisi/)
    expect(titles.join('|')).toMatch(/Tolak/)
    expect(titles.join('|')).toMatch(/catatan/)

    const kind = (card.body as { interactive: { type: string } }).interactive.type
    await h.wa.inbound(kabid.wa, kind === 'list' ? { type: 'list', id: buttonId(card, /^✅ Setujui$/), title: 'Setujui' } : { type: 'button', id: buttonId(card, /^✅ Setujui$/), title: 'Setujui' }, { replyTo: card.id })
    const outcome = await waitForWa(h.wa, kabid.wa, /Disetujui oleh Nurhayati/)
    expect((outcome.body as { context?: { message_id: string } }).context?.message_id).toBe(card.id)
    expect(seen(outcome).text).toMatch(new RegExp(`Kartu laporan #${id}`))
    await h.tg.waitForMessageTo(people.andi.telegram, new RegExp(`Keputusan atas laporan #${id}`))
  })

  it('a photo captioned with the one-line report is its evidence, downloaded into the attachment store', async () => {
    const h = await startWhatsAppHarness({ telegram: false })
    await vouch(h, andi.nip, andi.wa)
    await vouch(h, kabid.nip, kabid.wa)
    const bytes = Buffer.from('\xff\xd8\xff\xe0 a photo of the meeting', 'latin1')
    const mediaId = h.wa.addMedia(bytes, 'image/jpeg')
    await h.wa.inbound(andi.wa, { type: 'image', mediaId, caption: '/lapor 08:00-09:00 Rapat koordinasi' })
    const receipt = await waitForWa(h.wa, andi.wa, /Laporan #\d+ terkirim/)
    const id = Number(/#(\d+)/.exec(seen(receipt).text)![1])
    // the media id expires: what counts is the stored copy
    h.wa.expireMedia(mediaId)
    const a = await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id } })
    expect(a.evidenceFileId).not.toBeNull()
    const file = await h.app.db.prisma.attachment.findUniqueOrThrow({ where: { id: a.evidenceFileId! } })
    expect(Buffer.from(file.data).equals(bytes)).toBe(true)
    expect(file.mime).toBe('image/jpeg')
  })
})

describe('WhatsApp 24-hour window', () => {
  it('a closed window gets the template; the person pressing it gets what waited, in full', async () => {
    const h = await startWhatsAppHarness()
    await vouch(h, kabid.nip, kabid.wa)
    h.tg.userSends(people.andi.telegram, '/start')
    await h.tg.waitForMessageTo(people.andi.telegram, /Selamat datang/)
    h.tg.userSends(people.andi.telegram, '/lapor 08:00-10:30 Menyusun laporan keuangan bulanan')
    const receipt = await h.tg.waitForMessageTo(people.andi.telegram, /Laporan #\d+ terkirim/)
    const id = Number(/#(\d+)/.exec(receipt.text)![1])

    // the supervisor never wrote: only a template may go
    const template = await waitForWa(h.wa, kabid.wa, /\[template kinerja_pesan_menunggu\]/)
    expect(seen(template).text).toMatch(new RegExp(`#${id}`))
    expect(h.wa.sent.filter((m) => m.to === kabid.wa && m.type !== 'template')).toHaveLength(0)
    const row = await eventually(() => h.app.db.prisma.outbox.findFirst({ where: { kind: 'approval_card', status: 'WAITING' } }))
    expect(row.attempts).toBe(0)

    // a second report while waiting: no second template
    h.tg.userSends(people.andi.telegram, '/lapor 11:00-12:00 Rapat koordinasi')
    await h.tg.waitForMessageTo(people.andi.telegram, /Rapat koordinasi/)
    await eventually(async () => (await h.app.db.prisma.outbox.count({ where: { kind: 'approval_card', status: 'WAITING' } })) === 2)
    expect(h.wa.sent.filter((m) => m.to === kabid.wa && m.type === 'template')).toHaveLength(1)

    const after = h.wa.sent.length
    await h.wa.inbound(kabid.wa, { type: 'templateButton', payload: buttonId(template, /./), text: 'Lihat pesan' })
    const first = await waitForWa(h.wa, kabid.wa, new RegExp(`Laporan kegiatan #${id} menunggu`), { after })
    const second = await waitForWa(h.wa, kabid.wa, /Rapat koordinasi/, { after })
    expect(h.wa.sent.indexOf(first)).toBeLessThan(h.wa.sent.indexOf(second))
    expect(first.windowOpen).toBe(true)
  })

  it('a free-form message failing with 131047 falls back to the template and waits; never lost', async () => {
    const h = await startWhatsAppHarness()
    await vouch(h, kabid.nip, kabid.wa)
    // the app believes the window open (its last inbound time), WhatsApp does not
    const e = await h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip: kabid.nip } })
    await h.app.db.prisma.chatAccount.updateMany({ where: { employeeId: e.id, platform: 'whatsapp' }, data: { chatId: kabid.wa, linkedAt: h.clock.now(), lastSeenAt: h.clock.now(), lastInboundAt: h.clock.now() } })
    h.tg.userSends(people.andi.telegram, '/start')
    await h.tg.waitForMessageTo(people.andi.telegram, /Selamat datang/)
    h.tg.userSends(people.andi.telegram, '/lapor 08:00-10:30 Menyusun laporan keuangan bulanan')
    const receipt = await h.tg.waitForMessageTo(people.andi.telegram, /Laporan #\d+ terkirim/)
    const id = Number(/#(\d+)/.exec(receipt.text)![1])

    const card = await waitForWa(h.wa, kabid.wa, new RegExp(`Laporan kegiatan #${id} menunggu`))
    expect(card.windowOpen).toBe(false)
    await waitForWa(h.wa, kabid.wa, /\[template kinerja_pesan_menunggu\]/)
    const row = await eventually(() => h.app.db.prisma.outbox.findFirst({ where: { kind: 'approval_card', status: 'WAITING' } }))
    expect(row.lastError).toMatch(/131047/)
    expect(row.deliveryStatus).toBe('failed')

    const after = h.wa.sent.length
    await h.wa.inbound(kabid.wa, { type: 'text', text: 'ada apa?' })
    const again = await waitForWa(h.wa, kabid.wa, new RegExp(`Laporan kegiatan #${id} menunggu`), { after })
    expect(again.windowOpen).toBe(true)
    await eventually(async () => (await h.app.db.prisma.outbox.findUniqueOrThrow({ where: { id: row.id } })).deliveryStatus === 'delivered')
  })

  it('130429 is waited out without using up an attempt', async () => {
    const h = await startWhatsAppHarness()
    await vouch(h, kabid.nip, kabid.wa)
    await h.wa.inbound(kabid.wa, { type: 'text', text: 'Selamat pagi' })
    await waitForWa(h.wa, kabid.wa, /Selamat datang/)
    h.wa.failNext({ code: 130429, status: 429, message: '(#130429) Rate limit hit' })
    h.tg.userSends(people.andi.telegram, '/start')
    await h.tg.waitForMessageTo(people.andi.telegram, /Selamat datang/)
    h.tg.userSends(people.andi.telegram, '/lapor 08:00-10:30 Menyusun laporan keuangan bulanan')
    const receipt = await h.tg.waitForMessageTo(people.andi.telegram, /Laporan #\d+ terkirim/)
    const id = Number(/#(\d+)/.exec(receipt.text)![1])
    await waitForWa(h.wa, kabid.wa, new RegExp(`Laporan kegiatan #${id} menunggu`))
    const row = await eventually(() => h.app.db.prisma.outbox.findFirst({ where: { kind: 'approval_card', status: 'SENT' } }))
    expect(row.attempts).toBe(0)
    expect(row.rateLimits).toBe(1)
  })
})
