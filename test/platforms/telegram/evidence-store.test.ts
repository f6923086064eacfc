import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../../helpers/app.js'

const andi = people.andi.telegram
const kabid = people.kabid.telegram

async function guidedWithDocument(h: Awaited<ReturnType<typeof startHarness>>, content: string) {
  const { tg } = h
  tg.userSends(kabid, '/start')
  await tg.waitForMessageTo(kabid, /Selamat datang/)
  tg.userSends(andi, '/lapor')
  await tg.waitForMessageTo(andi, /Apa kegiatan yang Anda lakukan/)
  tg.userSends(andi, 'Menyusun notulen rapat')
  await tg.waitForMessageTo(andi, /Kapan\?/)
  tg.userSends(andi, 'kemarin 13.00-15.30')
  await tg.waitForMessageTo(andi, /Lampirkan bukti dukung/)
  tg.userSendsDocument(andi, 'BQACAgIAAx-notulen', 'notulen.pdf', content)
  const summary = await tg.waitForMessageTo(andi, /Periksa laporan Anda/)
  tg.userClicks(andi, summary.message_id, 'gd:send')
}

describe('evidence in the attachment store', () => {
  it('is copied into the database when the report is submitted, and the supervisor gets that copy', async () => {
    const h = await startHarness()
    const content = `%PDF-1.4 notulen ${'x'.repeat(3000)}`
    await guidedWithDocument(h, content)
    await h.tg.waitForMessageTo(andi, /terkirim ke atasan/)
    const row = await h.app.db.prisma.activity.findFirstOrThrow({ include: { evidenceFile: true } })
    expect(row.evidenceFile).toMatchObject({ filename: 'notulen.pdf', mime: 'application/pdf' })
    expect(Buffer.from(row.evidenceFile!.data).toString()).toBe(content)
    // the card's 📎 Lihat bukti sends the stored bytes, not the employee's Telegram file id
    const card = await h.tg.waitForMessageTo(kabid, /menunggu persetujuan/)
    h.tg.userClicks(kabid, card.message_id, `ev:${row.id}`)
    await h.tg.waitFor(() => h.tg.calls.some((c) => c.method === 'sendDocument'), { label: 'the document sent' })
    const sent = h.tg.calls.find((c) => c.method === 'sendDocument')!
    expect(String(sent.params.caption)).toMatch(/^Bukti laporan #\d+ — Andi Latif/)
    expect(sent.params.document).toMatchObject({ upload: true, filename: 'notulen.pdf' })
    expect((sent.params.document as { data: Buffer }).data.toString()).toBe(content)
  })

  it('over EVIDENCE_MAX_BYTES is refused with the limit, and nothing is stored', async () => {
    const h = await startHarness({ env: { EVIDENCE_MAX_BYTES: '2048' } })
    await guidedWithDocument(h, 'x'.repeat(5000))
    const refusal = await h.tg.waitForMessageTo(andi, /terlalu besar/)
    expect(refusal.text).toContain('(5 KB; paling besar 2 KB)')
    expect(await h.app.db.prisma.activity.count()).toBe(0)
    expect(await h.app.db.prisma.attachment.count()).toBe(0)
  })
})
