import { describe, expect, it } from 'vitest'
import { people, startHarness, type Harness } from '../../helpers/app.js'
import { buttonData, buttonLabels, reportId } from '../../helpers/telegram.js'

const andi = people.andi.telegram
const kabid = people.kabid.telegram

/** Both linked; Andi reported one activity and the supervisor has its card. */
async function reported(h: Harness, line = '/lapor 08:00-10:00 Menyusun laporan keuangan') {
  for (const who of [kabid, andi]) {
    h.tg.userSends(who, '/start')
    await h.tg.waitForMessageTo(who, /Selamat datang/)
  }
  h.tg.userSends(andi, line)
  const receipt = await h.tg.waitForMessageTo(andi, /terkirim ke atasan/)
  const id = reportId(receipt.text)
  const card = await h.tg.waitForMessageTo(kabid, new RegExp(`Laporan kegiatan #${id} menunggu persetujuan`))
  return { id, receipt, card }
}

/** The card as the supervisor's chat shows it now (after any edits). */
const cardNow = (h: Harness, messageId: number) => h.tg.messagesTo(kabid).find((m) => m.message_id === messageId)!

describe('Tolak on Telegram', () => {
  it('asks for a reason, refuses an empty one, then shows Ditolak without buttons and tells the employee why', async () => {
    const h = await startHarness()
    const { tg } = h
    const { id, card } = await reported(h)

    tg.userClicks(kabid, card.message_id, buttonData(card, /Tolak/)!)
    const ask = await tg.waitForMessageTo(kabid, new RegExp(`Tuliskan alasan ditolak untuk laporan #${id} dari Andi Latif, S\\.IP\\. \\(wajib\\)`))
    expect(ask.reply_markup).toMatchObject({ force_reply: true })
    // a photo without a caption is no reason
    tg.userSendsPhoto(kabid, 'AgAC-not-a-reason')
    await tg.waitForMessageTo(kabid, /Alasan wajib diisi/, { afterMessageId: ask.message_id })
    expect((await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id } })).status).toBe('DIAJUKAN')
    expect(await h.app.db.prisma.decision.count()).toBe(0)

    tg.userSends(kabid, 'Kegiatan ini bukan tugas jabatan Anda')
    await tg.waitForMessageTo(kabid, new RegExp(`Laporan #${id}: Ditolak\\.`))
    await tg.waitFor(() => /Ditolak oleh Nurhayati Ramli/.test(cardNow(h, card.message_id).text))
    const decided = cardNow(h, card.message_id)
    expect(decided.text).toMatch(/Alasan: Kegiatan ini bukan tugas jabatan Anda/)
    expect(buttonLabels(decided)).toEqual([])

    const notice = await tg.waitForMessageTo(andi, new RegExp(`Keputusan atas laporan #${id}`))
    expect(notice.text).toMatch(/❌ Ditolak oleh Nurhayati Ramli/)
    expect(notice.text).toMatch(/Alasan: Kegiatan ini bukan tugas jabatan Anda/)
    // a rejected activity is final: no Ubah/Tarik under the notice
    expect(buttonLabels(notice)).toEqual([])
    const row = await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id }, include: { decisions: true } })
    expect(row).toMatchObject({ status: 'DITOLAK', decisionNote: 'Kegiatan ini bukan tugas jabatan Anda' })
    expect(row.decisions.map((d) => d.outcome)).toEqual(['DITOLAK'])
  })

  it('/batal while a reason is asked ends the conversation and decides nothing', async () => {
    const h = await startHarness()
    const { tg } = h
    const { id, card } = await reported(h)
    tg.userClicks(kabid, card.message_id, buttonData(card, /Revisi/)!)
    await tg.waitForMessageTo(kabid, /Tuliskan alasan perlu revisi/)
    tg.userSends(kabid, '/batal')
    const cancelled = await tg.waitForMessageTo(kabid, /Dibatalkan\. Tidak ada yang disimpan\./)
    // the next text is no longer taken as the reason
    tg.userSends(kabid, 'Lampirkan daftar hadir')
    await tg.waitForMessageTo(kabid, /Maaf, saya tidak mengerti/, { afterMessageId: cancelled.message_id })
    expect((await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id } })).status).toBe('DIAJUKAN')
    expect(await h.app.db.prisma.decision.count()).toBe(0)
    // the card still has its buttons
    expect(buttonLabels(cardNow(h, card.message_id))).toContain('✏️ Revisi')
  })
})

describe('edits and the supervisor card', () => {
  it('after Revisi and a resubmission the decided card keeps its outcome; the new version comes as a fresh card', async () => {
    const h = await startHarness()
    const { tg } = h
    const { id, card } = await reported(h)
    tg.userClicks(kabid, card.message_id, `dc:${id}:1:rv`)
    await tg.waitForMessageTo(kabid, /Tuliskan alasan/)
    tg.userSends(kabid, 'Sebutkan nama laporannya')
    await tg.waitFor(() => /Perlu revisi oleh Nurhayati/.test(cardNow(h, card.message_id).text))
    const notice = await tg.waitForMessageTo(andi, new RegExp(`Keputusan atas laporan #${id}`))

    tg.userClicks(andi, notice.message_id, buttonData(notice, /Ubah/)!)
    await tg.waitForMessageTo(andi, /Kirim perbaikan/)
    tg.userSends(andi, '08:00-10:00 Menyusun laporan keuangan triwulan III')
    await tg.waitForMessageTo(andi, /diperbarui dan dikirim ulang/)
    const fresh = await tg.waitForMessageTo(kabid, new RegExp(`Laporan kegiatan #${id} \\(perbaikan ke-1\\) menunggu`))
    expect(fresh.message_id).not.toBe(card.message_id)
    expect(fresh.edits).toBe(0)
    expect(fresh.text).toMatch(/triwulan III/)
    expect(buttonData(fresh, /^✅ Setujui$/)).toBe(`dc:${id}:2:ok`)
    await h.app.dispatcher.runOnce()

    const old = cardNow(h, card.message_id)
    expect(old.edits).toBe(1)
    expect(old.text).toMatch(/✏️ Perlu revisi oleh Nurhayati Ramli/)
    expect(old.text).toMatch(/Alasan: Sebutkan nama laporannya/)
    expect(old.text).toMatch(/Uraian: Menyusun laporan keuangan$/m)
    expect(old.text).not.toMatch(/diperbarui oleh pegawai/)
    expect(buttonLabels(old)).toEqual([])
  })

  it('withdrawing after Revisi leaves the decided card as it is', async () => {
    const h = await startHarness()
    const { tg } = h
    const { id, receipt, card } = await reported(h)
    tg.userClicks(kabid, card.message_id, `dc:${id}:1:rv`)
    await tg.waitForMessageTo(kabid, /Tuliskan alasan/)
    tg.userSends(kabid, 'Sebutkan nama laporannya')
    await tg.waitForMessageTo(andi, new RegExp(`Keputusan atas laporan #${id}`))
    tg.userClicks(andi, receipt.message_id, `wd:${id}`)
    await tg.waitForMessageTo(andi, new RegExp(`Laporan #${id} ditarik`))
    expect((await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id } })).status).toBe('DITARIK')
    await h.app.dispatcher.runOnce()
    const old = cardNow(h, card.message_id)
    expect(old.edits).toBe(1)
    expect(old.text).toMatch(/Perlu revisi oleh Nurhayati Ramli/)
    expect(old.text).not.toMatch(/ditarik oleh pegawai/)
  })

  it('Ubah on a report still waiting sends a fresh card and supersedes the old one', async () => {
    const h = await startHarness()
    const { tg } = h
    const { id, receipt, card } = await reported(h)
    tg.userClicks(andi, receipt.message_id, buttonData(receipt, /Ubah/)!)
    const ask = await tg.waitForMessageTo(andi, new RegExp(`Kirim perbaikan laporan #${id}`))
    expect(ask.text).toMatch(/27\/11 08:00-10:00 Menyusun laporan keuangan/)
    tg.userSends(andi, '09:00-11:30 Menyusun laporan keuangan bulanan')
    const done = await tg.waitForMessageTo(andi, new RegExp(`Laporan #${id} diperbarui dan dikirim ulang`))
    expect(done.text).toMatch(/09:00–11:30 \(2 jam 30 menit\)/)
    expect(buttonData(done, /Ubah/)).toBe(`ed:${id}`)

    const fresh = await tg.waitForMessageTo(kabid, new RegExp(`Laporan kegiatan #${id} \\(perbaikan ke-1\\) menunggu`))
    expect(fresh.text).toMatch(/09:00–11:30/)
    expect(buttonData(fresh, /^✅ Setujui$/)).toBe(`dc:${id}:2:ok`)
    await tg.waitFor(() => /telah diperbarui oleh pegawai; kartu baru sudah dikirim/.test(cardNow(h, card.message_id).text))
    const old = cardNow(h, card.message_id)
    expect(buttonLabels(old)).toEqual([])
    // its buttons, clicked anyway, are stale
    tg.userClicks(kabid, card.message_id, `dc:${id}:1:ok`)
    await tg.waitFor(() => tg.callbackAnswers().find((a) => /tidak berlaku/.test(a.text ?? '')))
    const row = await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id } })
    expect(row).toMatchObject({ status: 'DIAJUKAN', version: 2, startMinute: 540, endMinute: 690 })
    const audit = await h.app.db.prisma.auditLog.findMany({ where: { entity: 'activity', entityId: String(id) }, orderBy: { id: 'asc' } })
    expect(audit.map((a) => `${a.action}:${a.beforeStatus ?? ''}>${a.afterStatus ?? ''}`)).toEqual([
      'activity.submit:>DIAJUKAN',
      'activity.edit:DIAJUKAN>DIAJUKAN',
      'activity.decide.denied:>',
    ])
  })
})

describe('audit of withdraw and refused changes', () => {
  it('writes the withdrawal with before/after status, and each refused edit or withdraw with its reason', async () => {
    const h = await startHarness()
    const { tg } = h
    const { id, receipt } = await reported(h)
    // the supervisor may not withdraw or edit the employee's report
    tg.userClicks(kabid, 1, `wd:${id}`)
    tg.userClicks(kabid, 1, `ed:${id}`)
    await tg.waitFor(() => tg.callbackAnswers().filter((a) => /Hanya pegawai yang membuat laporan/.test(a.text ?? '')).length === 2)
    tg.userClicks(andi, receipt.message_id, `wd:${id}`)
    await tg.waitForMessageTo(andi, new RegExp(`Laporan #${id} ditarik`))
    // once withdrawn, neither works for the author either
    tg.userClicks(andi, receipt.message_id, `wd:${id}`)
    tg.userClicks(andi, receipt.message_id, `ed:${id}`)
    await tg.waitFor(() => tg.callbackAnswers().filter((a) => /berstatus Ditarik tidak dapat diubah/.test(a.text ?? '')).length === 2)

    const [andiRow, kabidRow] = await Promise.all(
      [people.andi.nip, people.kabid.nip].map((nip) => h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip } })),
    )
    const audit = await h.app.db.prisma.auditLog.findMany({ where: { entity: 'activity', entityId: String(id) }, orderBy: { id: 'asc' } })
    const rows = audit.map((a) => ({
      action: a.action,
      actorId: a.actorId,
      external: a.actorExternal,
      before: a.beforeStatus,
      after: a.afterStatus,
      reason: a.detail ? (JSON.parse(a.detail) as { reason?: string }).reason : undefined,
    }))
    const by = (employee: { id: number }, telegram: number) => ({ actorId: employee.id, external: String(telegram) })
    expect(rows.slice(1).sort((a, b) => a.action.localeCompare(b.action) || String(a.reason).localeCompare(String(b.reason)))).toEqual([
      { action: 'activity.edit.denied', ...by(kabidRow!, kabid), before: null, after: null, reason: 'error.notAuthor' },
      { action: 'activity.edit.denied', ...by(andiRow!, andi), before: null, after: null, reason: 'error.notEditable' },
      { action: 'activity.withdraw', ...by(andiRow!, andi), before: 'DIAJUKAN', after: 'DITARIK', reason: undefined },
      { action: 'activity.withdraw.denied', ...by(kabidRow!, kabid), before: null, after: null, reason: 'error.notAuthor' },
      { action: 'activity.withdraw.denied', ...by(andiRow!, andi), before: null, after: null, reason: 'error.notEditable' },
    ])
    expect((await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id } })).status).toBe('DITARIK')
  })
})

describe('document evidence', () => {
  it('reaches the supervisor through sendDocument, by file_id', async () => {
    const h = await startHarness()
    const { tg } = h
    for (const who of [kabid, andi]) {
      tg.userSends(who, '/start')
      await tg.waitForMessageTo(who, /Selamat datang/)
    }
    tg.userSends(andi, '/lapor')
    await tg.waitForMessageTo(andi, /Apa kegiatan/)
    tg.userSends(andi, 'Menyusun notulen rapat koordinasi')
    await tg.waitForMessageTo(andi, /Kapan\?/)
    tg.userSends(andi, '13:00-14:00')
    await tg.waitForMessageTo(andi, /Lampirkan bukti dukung/)
    tg.userSendsDocument(andi, 'BQACAgIAAx-notulen-doc', 'notulen.pdf')
    const summary = await tg.waitForMessageTo(andi, /Periksa laporan Anda/)
    tg.userClicks(andi, summary.message_id, 'gd:send')
    const id = reportId((await tg.waitForMessageTo(andi, /terkirim ke atasan/)).text)

    const card = await tg.waitForMessageTo(kabid, /menunggu persetujuan/)
    expect(card.text).toMatch(/Bukti: dokumen \(notulen\.pdf\)/)
    tg.userClicks(kabid, card.message_id, buttonData(card, /Lihat bukti/)!)
    const doc = await tg.waitFor(() => tg.messagesTo(kabid).find((m) => m.kind === 'document'))
    expect(doc.document).toBe('BQACAgIAAx-notulen-doc')
    expect(doc.text).toBe(`Bukti laporan #${id} — ${people.andi.name}`)
    const call = tg.calls.find((c) => c.method === 'sendDocument')
    expect(call).toMatchObject({ params: { chat_id: kabid, document: 'BQACAgIAAx-notulen-doc' } })
    expect(call?.error).toBeUndefined()
  })
})
