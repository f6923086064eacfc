import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../../helpers/app.js'
import { buttonData, buttonLabels } from '../../helpers/telegram.js'
import { employeeId, link, wita } from '../../scheduler/helpers.js'
import { more, novemberRound } from './evaluation-helpers.js'

const { andi, salmiah, kabid, kaban, otherKabid } = people

describe('continuous feedback', () => {
  it('a supervisor picks a subordinate and a BerAKHLAK value; the employee receives it; others are refused', async () => {
    const h = await startHarness()
    const { tg } = h
    await link(h, kabid.telegram, andi.telegram, otherKabid.telegram)
    tg.userSends(kabid.telegram, '/umpanbalik')
    const pick = await tg.waitForMessageTo(kabid.telegram, /Umpan balik untuk siapa/)
    expect(buttonLabels(pick)).toEqual(['Ahmad Anwar, S.Kep.', 'Ahmad Sudirman', 'Andi Latif, S.IP.', 'Salmiah Djafar, M.Si.', 'Wa Ode Tamrin, S.E.'])
    tg.userClicks(kabid.telegram, pick.message_id, buttonData(pick, /^Andi/)!)
    const values = await tg.waitFor(() => tg.messagesTo(kabid.telegram).find((m) => m.message_id === pick.message_id && /nilai BerAKHLAK/.test(m.text)))
    expect(buttonLabels(values)).toEqual(['Berorientasi Pelayanan', 'Akuntabel', 'Kompeten', 'Harmonis', 'Loyal', 'Adaptif', 'Kolaboratif', 'Umum (tanpa nilai)'])
    tg.userClicks(kabid.telegram, pick.message_id, buttonData(values, /^Akuntabel$/)!)
    await tg.waitForMessageTo(kabid.telegram, /Tuliskan umpan balik untuk Andi Latif, S.IP. \(Akuntabel\)/)
    tg.userSends(kabid.telegram, '')
    await tg.waitForMessageTo(kabid.telegram, /Umpan balik masih kosong/)
    tg.userSends(kabid.telegram, 'Laporan analisis selalu tepat waktu dan datanya dapat ditelusuri. Pertahankan.')
    await tg.waitForMessageTo(kabid.telegram, 'Umpan balik terkirim ke Andi Latif, S.IP. dan tersimpan untuk penilaian periodik.')
    const notice = await tg.waitForMessageTo(andi.telegram, /Umpan balik dari Nurhayati Ramli, M.Si./)
    expect(notice.text).toContain('Nilai BerAKHLAK: Akuntabel')
    expect(notice.text).toContain('Laporan analisis selalu tepat waktu dan datanya dapat ditelusuri. Pertahankan.')

    // another unit's supervisor forging Andi's id, and Andi about himself: refused at the click, audited
    const andiId = await employeeId(h, andi.nip)
    tg.userClicks(otherKabid.telegram, 1, `fv:${andiId}:1`)
    await tg.waitFor(() => tg.callbackAnswers().find((a) => /Hanya atasan langsung/.test(a.text ?? '')))
    tg.userSends(andi.telegram, '/umpanbalik')
    await tg.waitForMessageTo(andi.telegram, /tidak memiliki bawahan langsung/)
    const stored = await h.app.db.prisma.feedback.findMany()
    expect(stored.map((f) => [f.employeeId, f.value, f.date])).toEqual([[andiId, 'AKUNTABEL', '2026-11-27']])
    const denied = await h.app.db.prisma.auditLog.findMany({ where: { action: 'feedback.give.denied' } })
    expect(denied.map((d) => [d.actorId, d.entityId])).toEqual([[await employeeId(h, otherKabid.nip), String(andiId)]])
  })
})

describe('periodic evaluation', () => {
  it('sends a card per subordinate with the evidence; only the Pejabat Penilai rates; the predikat follows the matrix', async () => {
    const h = await startHarness()
    const { tg } = h
    await link(h, otherKabid.telegram)
    await h.app.db.prisma.feedback.create({
      data: { employeeId: await employeeId(h, andi.nip), authorId: await employeeId(h, kabid.nip), value: 'KOLABORATIF', note: 'Aktif membantu tim verifikasi', date: '2026-11-20', at: wita('2026-11-20T09:00') },
    })
    const ids = await novemberRound(h)
    // a round on the first work day, once: every employee with a supervisor gets an evaluation
    expect(await h.app.scheduler.run('evaluation-round', h.clock.now(), 'cron')).toMatchObject({ status: 'already_ran' })
    expect(await h.app.scheduler.run('evaluation-round', h.clock.now(), 'manual')).toMatchObject({ result: { enqueued: 0 } })
    expect(ids.size).toBe(39) // all but the Sekda, who has no supervisor here

    const cards = await tg.waitFor(() => {
      const list = tg.messagesTo(kabid.telegram).filter((m) => /Penilaian kinerja periodik — November 2026/.test(m.text))
      return list.length === 5 && list
    })
    const card = cards.find((c) => c.text.includes('Andi Latif'))!
    expect(card.text).toContain('Periode: November 2026 (Minggu, 1 November 2026 s.d. Senin, 30 November 2026)')
    expect(card.text).toContain('• RHK-1 Tersusunnya analisis hasil penilaian kinerja pegawai: 1 kegiatan, 240 menit disetujui')
    expect(card.text).toContain('• RHK-2 Terverifikasinya SKP pegawai di lingkungan Pemerintah Kota Kendari: 1 kegiatan, 180 menit disetujui')
    expect(card.text).toContain('• RHK-3 Terlaksananya sosialisasi aplikasi kinerja kepada operator OPD: 0 kegiatan, 0 menit disetujui')
    expect(card.text).toContain('• Tanpa RHK: 1 kegiatan, 90 menit disetujui')
    expect(card.text).toContain('Laporan: 4, disetujui 3 (75,0%), revisi 0, ditolak 1, menunggu 0; 510 menit disetujui')
    expect(card.text).toContain('Umpan balik diterima: 1')
    expect(card.text).toContain('20/11 Kolaboratif: Aktif membantu tim verifikasi (Nurhayati Ramli, M.Si.)')
    expect(buttonLabels(card)).toEqual([
      'Hasil: Di atas', 'Hasil: Sesuai', 'Hasil: Di bawah',
      'Perilaku: Di atas', 'Perilaku: Sesuai', 'Perilaku: Di bawah',
      '📝 Catatan BerAKHLAK', '📨 Kirim penilaian',
    ])
    // Nurhayati herself is rated by Sukri (Kepala Badan)
    await tg.waitForMessageTo(kaban.telegram, /Penilaian kinerja periodik[\s\S]*Nurhayati Ramli/)

    // another unit's supervisor clicking (or forging) Andi's card: refused and audited; nothing stored
    const andiEval = ids.get(andi.nip)!
    tg.userClicks(otherKabid.telegram, card.message_id, `er:${andiEval}:h0`)
    await tg.waitFor(() => tg.callbackAnswers().find((a) => /Hanya Pejabat Penilai/.test(a.text ?? '')))
    expect((await h.app.db.prisma.evaluation.findUniqueOrThrow({ where: { id: andiEval } })).draft).toBeNull()

    // sending before both ratings are chosen is refused with what to do
    tg.userClicks(kabid.telegram, card.message_id, `er:${andiEval}:ok`)
    await tg.waitFor(() => tg.callbackAnswers().find((a) => /Pilih dulu rating hasil kerja/.test(a.text ?? '')))
    tg.userClicks(kabid.telegram, card.message_id, `er:${andiEval}:h0`)
    await tg.waitFor(() => tg.messagesTo(kabid.telegram).find((m) => m.message_id === card.message_id && /hasil kerja Di atas ekspektasi; perilaku kerja —/.test(m.text)))
    tg.userClicks(kabid.telegram, card.message_id, `er:${andiEval}:p0`)
    const chosen = await tg.waitFor(() => tg.messagesTo(kabid.telegram).find((m) => m.message_id === card.message_id && /Predikat bila dikirim: Sangat Baik/.test(m.text)))
    expect(buttonLabels(chosen)).toContain('✅ Hasil: Di atas')
    expect(buttonLabels(chosen)).toContain('✅ Perilaku: Di atas')

    // a note on one BerAKHLAK value, then the card is redrawn in place with it
    tg.userClicks(kabid.telegram, card.message_id, `er:${andiEval}:nt`)
    const valuesMsg = await tg.waitForMessageTo(kabid.telegram, /Catatan perilaku kerja untuk Andi Latif/)
    tg.userClicks(kabid.telegram, valuesMsg.message_id, buttonData(valuesMsg, /^Kolaboratif$/)!)
    await tg.waitForMessageTo(kabid.telegram, /Tuliskan catatan untuk nilai Kolaboratif/)
    tg.userSends(kabid.telegram, 'Menjadi rujukan rekan satu tim')
    await tg.waitForMessageTo(kabid.telegram, /Catatan Kolaboratif untuk Andi Latif, S.IP. disimpan/)
    await tg.waitFor(() => tg.messagesTo(kabid.telegram).find((m) => m.message_id === card.message_id && /• Kolaboratif: Menjadi rujukan rekan satu tim/.test(m.text)))
    tg.userClicks(kabid.telegram, card.message_id, `er:${andiEval}:ok`)
    await tg.waitFor(() => tg.callbackAnswers().find((a) => /Penilaian Andi Latif, S.IP. terkirim: Sangat Baik/.test(a.text ?? '')))
    const outcome = await tg.waitFor(() => tg.messagesTo(kabid.telegram).find((m) => m.message_id === card.message_id && /Dinilai oleh Nurhayati/.test(m.text)))
    expect(outcome.text).toContain('Predikat kinerja: Sangat Baik')
    expect(buttonLabels(outcome)).toEqual([])
    const notice = await tg.waitForMessageTo(andi.telegram, /Hasil penilaian kinerja periode November 2026/)
    expect(notice.text).toContain('Rating hasil kerja: Di atas ekspektasi')
    expect(notice.text).toContain('Rating perilaku kerja: Di atas ekspektasi')
    expect(notice.text).toContain('Predikat kinerja: Sangat Baik')
    expect(notice.text).toContain('• Kolaboratif: Menjadi rujukan rekan satu tim')
    expect(notice.text).toContain('mengajukan keberatan sampai 15/12/2026 08.00 WITA')
    expect(buttonLabels(notice)).toEqual(['⚖️ Ajukan keberatan'])

    // the two other outcomes of this round: Baik and Butuh Perbaikan
    const rate = async (nip: string, hasil: number, perilaku: number) => {
      const c = cards.find((m) => m.text.includes(`NIP ${nip}`))!
      for (const data of [`er:${ids.get(nip)}:h${hasil}`, `er:${ids.get(nip)}:p${perilaku}`, `er:${ids.get(nip)}:ok`]) {
        const before = tg.callbackAnswers().length
        tg.userClicks(kabid.telegram, c.message_id, data)
        await tg.waitFor(() => tg.callbackAnswers().length > before)
      }
    }
    await rate(salmiah.nip, 1, 1)
    await rate(more.ahmadSudirman.nip, 2, 1)
    await tg.waitForMessageTo(salmiah.telegram, /Predikat kinerja: Baik\n/)
    await tg.waitForMessageTo(more.ahmadSudirman.telegram, /Predikat kinerja: Butuh Perbaikan/)
    // a second click on a sent card changes nothing
    tg.userClicks(kabid.telegram, card.message_id, `er:${andiEval}:h2`)
    await tg.waitFor(() => tg.callbackAnswers().find((a) => /Penilaian ini sudah dikirim/.test(a.text ?? '')))

    const rated = await h.app.db.prisma.evaluation.findMany({ where: { status: 'DINILAI' }, orderBy: { id: 'asc' }, include: { employee: true } })
    expect(rated.map((e) => [e.employee.name, e.hasilKerja, e.perilakuKerja, e.predikat])).toEqual(
      expect.arrayContaining([
        ['Andi Latif, S.IP.', 'DI_ATAS_EKSPEKTASI', 'DI_ATAS_EKSPEKTASI', 'SANGAT_BAIK'],
        ['Salmiah Djafar, M.Si.', 'SESUAI_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'BAIK'],
        ['Ahmad Sudirman', 'DI_BAWAH_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'BUTUH_PERBAIKAN'],
      ]),
    )
    const audit = await h.app.db.prisma.auditLog.findMany({ where: { entity: 'evaluation', entityId: String(andiEval) }, orderBy: { id: 'asc' } })
    expect(audit.map((a) => `${a.action}:${a.actorId}`)).toEqual([
      `evaluation.rate.denied:${await employeeId(h, otherKabid.nip)}`,
      `evaluation.rate:${await employeeId(h, kabid.nip)}`,
      `evaluation.rate.denied:${await employeeId(h, kabid.nip)}`,
    ])
  })
})
