import { describe, expect, it } from 'vitest'
import { people, startHarness, type Harness } from '../../helpers/app.js'
import { reportId } from '../../helpers/telegram.js'

const andi = people.andi.telegram
const kabid = people.kabid.telegram
const otherKabid = people.otherKabid.telegram
const salmiah = people.salmiah.telegram

async function reported(h: Harness) {
  for (const who of [kabid, otherKabid, salmiah]) {
    h.tg.userSends(who, '/start')
    await h.tg.waitForMessageTo(who, /Selamat datang/)
  }
  h.tg.userSends(andi, '/lapor 08:00-09:00 Menyusun laporan')
  const receipt = await h.tg.waitForMessageTo(andi, /terkirim ke atasan/)
  const id = reportId(receipt.text)
  const card = await h.tg.waitForMessageTo(kabid, /menunggu persetujuan/)
  return { id, receipt, card }
}

const answerMatching = (h: Harness, re: RegExp) => h.tg.waitFor(() => h.tg.callbackAnswers().find((a) => re.test(a.text ?? '') && a.show_alert))

describe('only the current supervisor decides; only the author edits or withdraws', () => {
  it('refuses forged decision buttons from another supervisor, a colleague and the author, and audits them', async () => {
    const h = await startHarness()
    const { id } = await reported(h)
    for (const who of [otherKabid, salmiah, andi]) {
      h.tg.userClicks(who, 1, `dc:${id}:1:ok`)
      h.tg.userClicks(who, 1, `dc:${id}:1:tl`)
    }
    await h.tg.waitFor(() => h.tg.callbackAnswers().filter((a) => /Hanya atasan langsung/.test(a.text ?? '')).length === 6)
    const row = await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id } })
    expect(row.status).toBe('DIAJUKAN')
    expect(await h.app.db.prisma.decision.count()).toBe(0)
    expect(await h.app.db.prisma.auditLog.count({ where: { action: 'activity.decide.denied', entityId: String(id) } })).toBe(6)
    // nobody asked the forger for a reason either
    expect(h.tg.messagesTo(otherKabid).some((m) => /Tuliskan alasan/.test(m.text))).toBe(false)
  })

  it('refuses forged edit and withdraw buttons from someone who is not the author', async () => {
    const h = await startHarness()
    const { id } = await reported(h)
    h.tg.userClicks(salmiah, 1, `wd:${id}`)
    h.tg.userClicks(kabid, 1, `ed:${id}`)
    await h.tg.waitFor(() => h.tg.callbackAnswers().filter((a) => /Hanya pegawai yang membuat laporan/.test(a.text ?? '')).length === 2)
    expect((await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id } })).status).toBe('DIAJUKAN')
  })

  it('answers a replayed button on a decided activity with "already decided" and changes nothing', async () => {
    const h = await startHarness()
    const { id, receipt, card } = await reported(h)
    h.tg.userClicks(kabid, card.message_id, `dc:${id}:1:ok`)
    await h.tg.waitForMessageTo(andi, /Disetujui oleh/)
    h.tg.userClicks(kabid, card.message_id, `dc:${id}:1:tl`)
    await answerMatching(h, /sudah diputuskan \(Disetujui\)/)
    // the author can no longer edit or withdraw it
    h.tg.userClicks(andi, receipt.message_id, `wd:${id}`)
    await answerMatching(h, /berstatus Disetujui tidak dapat diubah/)
    h.tg.userClicks(andi, receipt.message_id, `ed:${id}`)
    await h.tg.waitFor(() => h.tg.callbackAnswers().filter((a) => /berstatus Disetujui/.test(a.text ?? '')).length === 2)
    const row = await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id }, include: { decisions: true } })
    expect(row.status).toBe('DISETUJUI')
    expect(row.decisions).toHaveLength(1)
  })

  it('ten concurrent clicks give one decision and one notification', async () => {
    const h = await startHarness()
    const { id, card } = await reported(h)
    for (let i = 0; i < 10; i++) h.tg.userClicks(kabid, card.message_id, `dc:${id}:1:ok`)
    await h.tg.waitFor(() => h.tg.callbackAnswers().length >= 10)
    await h.app.dispatcher.runOnce()
    expect(await h.app.db.prisma.decision.count({ where: { activityId: id } })).toBe(1)
    expect(h.tg.messagesTo(andi).filter((m) => /Keputusan atas laporan/.test(m.text))).toHaveLength(1)
    expect(h.tg.callbackAnswers().filter((a) => /Disetujui\./.test(a.text ?? ''))).toHaveLength(1)
  })

  it('ten concurrent decisions straight through the use case race to one', async () => {
    const h = await startHarness()
    const { id } = await reported(h)
    const actor = await h.app.services.linking.identify({ platform: 'telegram', externalId: String(kabid), chatId: String(kabid) })
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => h.app.services.decisions.decide(actor!, { activityId: id, outcome: i % 2 ? 'DISETUJUI' : 'DITOLAK', note: 'x' })),
    )
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    expect(await h.app.db.prisma.outbox.count({ where: { kind: 'decision_notice' } })).toBe(1)
  })

  it('withdrawing replaces the supervisor card; a decision made through the queue updates the card too', async () => {
    const h = await startHarness()
    const { id, receipt, card } = await reported(h)
    h.tg.userClicks(andi, receipt.message_id, `wd:${id}`)
    await h.tg.waitFor(() => h.tg.messagesTo(kabid).find((m) => m.message_id === card.message_id && /ditarik oleh pegawai/.test(m.text)))
    h.tg.userClicks(kabid, card.message_id, `dc:${id}:1:ok`)
    await answerMatching(h, /Laporan #\d+ sudah ditarik oleh pegawai/)
  })
})
