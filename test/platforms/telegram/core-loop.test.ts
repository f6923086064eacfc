import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../../helpers/app.js'
import { buttonData } from '../../helpers/telegram.js'

const button = buttonData

describe('Telegram core loop: report → revisi → resubmit → setujui', () => {
  it('goes end to end through the real HTTP paths and the database', async () => {
    const h = await startHarness()
    const { tg } = h
    const andi = people.andi.telegram
    const kabid = people.kabid.telegram

    // both were vouched for by telegram_user_id in the import: the first /start links them
    tg.userSends(kabid, '/start')
    await tg.waitForMessageTo(kabid, /Selamat datang, Nurhayati Ramli/)
    tg.userSends(andi, '/start')
    const welcome = await tg.waitForMessageTo(andi, /Selamat datang, Andi Latif/)
    expect(welcome.text).toMatch(/Pegawai — Analis Sumber Daya Manusia Aparatur Ahli Muda/)
    expect(tg.calls.some((c) => c.method === 'setMyCommands' && (c.params.scope as { chat_id?: number })?.chat_id === andi)).toBe(true)

    // one-line report
    tg.userSends(andi, '/lapor 08:00-10:30 Menyusun laporan keuangan bulanan')
    const receipt = await tg.waitForMessageTo(andi, /Laporan #\d+ terkirim ke atasan/)
    expect(receipt.text).toMatch(/Jumat, 27 November 2026/)
    expect(receipt.text).toMatch(/08:00–10:30 \(2 jam 30 menit\)/)
    expect(receipt.text).toMatch(/Status: Diajukan/)
    expect(button(receipt, /Ubah/)).toMatch(/^ed:\d+$/)
    expect(button(receipt, /Tarik/)).toMatch(/^wd:\d+$/)
    const id = Number(/#(\d+)/.exec(receipt.text)![1])

    // the supervisor's card, delivered through the outbox
    const card = await tg.waitForMessageTo(kabid, new RegExp(`Laporan kegiatan #${id} menunggu persetujuan`))
    expect(card.text).toMatch(/Pegawai: Andi Latif, S.IP./)
    expect(card.text).toMatch(/Jabatan: Analis Sumber Daya Manusia Aparatur Ahli Muda/)
    expect(card.text).toMatch(/Uraian: Menyusun laporan keuangan bulanan/)
    expect(button(card, /^✅ Setujui$/)).toBe(`dc:${id}:1:ok`)
    expect(button(card, /Revisi/)).toBe(`dc:${id}:1:rv`)
    expect(button(card, /Tolak/)).toBe(`dc:${id}:1:tl`)

    // Revisi asks for a reason first; nothing is decided before it arrives
    tg.userClicks(kabid, card.message_id, `dc:${id}:1:rv`)
    await tg.waitForMessageTo(kabid, /Tuliskan alasan perlu revisi untuk laporan/)
    const beforeReason = await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id } })
    expect(beforeReason.status).toBe('DIAJUKAN')
    tg.userSends(kabid, 'Lampirkan rincian anggaran per kegiatan')
    await tg.waitForMessageTo(kabid, new RegExp(`Laporan #${id}: Perlu revisi`))

    // the card is edited to the outcome, without buttons; the employee is told with the note
    await tg.waitFor(() => tg.messagesTo(kabid).find((m) => m.message_id === card.message_id && /Perlu revisi oleh Nurhayati/.test(m.text)))
    const decided = tg.messagesTo(kabid).find((m) => m.message_id === card.message_id)!
    expect(decided.text).toMatch(/Alasan: Lampirkan rincian anggaran per kegiatan/)
    expect(decided.text).toMatch(/27\/11\/2026 17\.00 WITA/)
    expect(decided.reply_markup?.inline_keyboard?.flat() ?? []).toHaveLength(0)
    const notice = await tg.waitForMessageTo(andi, new RegExp(`Keputusan atas laporan #${id}`))
    expect(notice.text).toMatch(/Perlu revisi oleh Nurhayati Ramli/)
    expect(notice.text).toMatch(/Alasan: Lampirkan rincian anggaran/)

    // edit and resubmit from the notice: a fresh card (version 2) goes to the supervisor
    tg.userClicks(andi, notice.message_id, button(notice, /Ubah/)!)
    await tg.waitForMessageTo(andi, new RegExp(`Kirim perbaikan laporan #${id}`))
    tg.userSends(andi, '08:00-10:00 Menyusun laporan keuangan bulanan dengan rincian anggaran')
    await tg.waitForMessageTo(andi, new RegExp(`Laporan #${id} diperbarui dan dikirim ulang`))
    const card2 = await tg.waitForMessageTo(kabid, new RegExp(`Laporan kegiatan #${id} \\(perbaikan ke-1\\) menunggu`))
    expect(card2.text).toMatch(/08:00–10:00 \(2 jam\)/)
    expect(button(card2, /^✅ Setujui$/)).toBe(`dc:${id}:2:ok`)

    // the old card's buttons are stale now
    tg.userClicks(kabid, card.message_id, `dc:${id}:1:ok`)
    await tg.waitFor(() => tg.callbackAnswers().find((a) => /tidak berlaku/.test(a.text ?? '')))

    // approve with a feedback note
    tg.userClicks(kabid, card2.message_id, `dc:${id}:2:nt`)
    await tg.waitForMessageTo(kabid, /Tuliskan catatan\/umpan balik/)
    tg.userSends(kabid, 'Bagus, rinciannya jelas.')
    await tg.waitFor(() => tg.messagesTo(kabid).find((m) => m.message_id === card2.message_id && /Disetujui oleh Nurhayati/.test(m.text)))
    const approved = await tg.waitForMessageTo(andi, /Disetujui oleh Nurhayati Ramli/)
    expect(approved.text).toMatch(/Catatan atasan: Bagus, rinciannya jelas./)

    const row = await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id }, include: { decisions: true } })
    expect(row.status).toBe('DISETUJUI')
    expect(row.version).toBe(2)
    expect(row.decisions.map((d) => d.outcome)).toEqual(['REVISI', 'DISETUJUI'])
    const audit = await h.app.db.prisma.auditLog.findMany({ where: { entity: 'activity', entityId: String(id) }, orderBy: { id: 'asc' } })
    expect(audit.map((a) => `${a.action}:${a.beforeStatus ?? ''}>${a.afterStatus ?? ''}`)).toEqual([
      'activity.submit:>DIAJUKAN',
      'activity.decide:DIAJUKAN>REVISI',
      'activity.edit:REVISI>DIAJUKAN',
      'activity.decide.denied:>',
      'activity.decide:DIAJUKAN>DISETUJUI',
    ])

    // /rekap counts this month's minutes by status against the target from the import (6,750)
    tg.userSends(andi, '/rekap')
    const rekap = await tg.waitForMessageTo(andi, /Rekap November 2026/)
    expect(rekap.text).toMatch(/Disetujui: 120 menit \(1 kegiatan\)/)
    expect(rekap.text).toMatch(/Target bulanan: 6\.750 menit/)
    expect(rekap.text).toMatch(/Capaian: 1,8%/)
  })
})
