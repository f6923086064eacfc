import { describe, expect, it } from 'vitest'
import { people } from '../../helpers/app.js'
import { eventually } from '../../helpers/wait.js'
import { seen, startWhatsAppHarness, vouch, waitForWa, waPeople, type WhatsAppHarness } from '../../helpers/whatsapp-harness.js'

// Delivery to WhatsApp through the outbox, against the fake Cloud API over real HTTP: the pair limit
// (one message per interval to one person, 131056 waited out) and a refusal of the message itself (131009).

const kabid = waPeople.kabid

/** The supervisor on WhatsApp with an open window, the employee on Telegram. */
async function pair(env: Record<string, string> = {}): Promise<WhatsAppHarness> {
  const h = await startWhatsAppHarness({ env })
  await vouch(h, kabid.nip, kabid.wa)
  await h.wa.inbound(kabid.wa, { type: 'text', text: 'Selamat pagi' })
  await waitForWa(h.wa, kabid.wa, /Selamat datang/)
  h.tg.userSends(people.andi.telegram, '/start')
  await h.tg.waitForMessageTo(people.andi.telegram, /Selamat datang/)
  return h
}

async function report(h: WhatsAppHarness, line: string): Promise<number> {
  h.tg.userSends(people.andi.telegram, `/lapor ${line}`)
  const receipt = await h.tg.waitForMessageTo(people.andi.telegram, new RegExp(`Laporan #\\d+ terkirim[\\s\\S]*${line.slice(12)}`))
  return Number(/#(\d+)/.exec(receipt.text)![1])
}

const cardsTo = (h: WhatsAppHarness, waId: string) => h.wa.sent.filter((m) => m.to === waId && /Laporan kegiatan #\d+ menunggu/.test(seen(m).text))

describe('WhatsApp pacing', () => {
  it('131056 (pair limit) is waited out without using up an attempt; one person gets one message per interval', async () => {
    const interval = 400
    const h = await pair({ WHATSAPP_CHAT_INTERVAL_MS: String(interval) })
    h.wa.failNext({ code: 131056, status: 400, message: '(#131056) (Business Account, Consumer Account) pair rate limit hit' })
    const ids = [await report(h, '08:00-09:00 Menyusun laporan keuangan'), await report(h, '09:00-10:00 Rapat koordinasi bidang'), await report(h, '10:00-11:00 Verifikasi data pegawai')]

    const cards = await eventually(() => (cardsTo(h, kabid.wa).length === 3 ? cardsTo(h, kabid.wa) : null), { timeoutMs: 10_000, label: 'three cards' })
    // in order, each its own report
    expect(cards.map((m) => Number(/#(\d+)/.exec(seen(m).text)![1]))).toEqual(ids)
    // the refused send was tried again after the interval, the others waited their turn: never closer than the interval
    for (let i = 1; i < cards.length; i++) expect(cards[i]!.receivedAt - cards[i - 1]!.receivedAt).toBeGreaterThanOrEqual(interval - 50)

    const rows = await eventually(async () => {
      const r = await h.app.db.prisma.outbox.findMany({ where: { kind: 'approval_card' }, orderBy: { id: 'asc' } })
      return r.length === 3 && r.every((x) => x.status === 'SENT') ? r : null
    })
    expect(rows.map((r) => r.attempts)).toEqual([0, 0, 0])
    expect(rows[0]!.rateLimits).toBe(1)
    expect(rows[0]!.lastError).toMatch(/131056/)
  })
})

describe('WhatsApp refusals', () => {
  it('a message the Cloud API refuses as invalid (131009) is dead-lettered at once with the reason', async () => {
    const h = await pair()
    h.wa.failNext({ code: 131009, status: 400, message: '(#131009) Parameter value is not valid', details: 'Button title length invalid. Min length: 1, Max length: 20' })
    const id = await report(h, '08:00-09:00 Menyusun laporan keuangan')
    const row = await eventually(() => h.app.db.prisma.outbox.findFirst({ where: { kind: 'approval_card', status: 'DEAD' } }))
    expect(row.attempts).toBe(1)
    expect(row.lastError).toMatch(/^WhatsApp 131009: \(#131009\) Parameter value is not valid \(Button title length invalid/)
    expect(cardsTo(h, kabid.wa)).toHaveLength(0)
    // the report itself stands; the next card goes out
    expect((await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id } })).status).toBe('DIAJUKAN')
    await report(h, '09:00-10:00 Rapat koordinasi bidang')
    await waitForWa(h.wa, kabid.wa, /Rapat koordinasi bidang/)
  })
})
