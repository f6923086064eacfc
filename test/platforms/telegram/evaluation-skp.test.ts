import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, people, startHarness } from '../../helpers/app.js'
import { buttonData, buttonLabels, reportId } from '../../helpers/telegram.js'
import { csvFile, employeeId, link } from '../../scheduler/helpers.js'

const SKP = path.join(FIXTURES, 'kendari-skp-2026.csv')
const HEADER = 'nip,tahun,kode,jenis,rhk,rhk_atasan,aspek,indikator,target,satuan'

describe('SKP import', () => {
  it('reports every bad row and imports nothing; then imports, and a re-import keeps RHKs with activities', async () => {
    const h = await startHarness()
    const bad = csvFile('skp-salah.csv', [
      HEADER,
      '198603022018032015,2026,RHK-1,utama,Analisis,PKP-9,kuantitas,Dokumen,12,dokumen', // no such supervisor RHK
      '199999999999999999,2026,RHK-1,utama,Analisis,,kuantitas,Dokumen,12,dokumen', // unknown NIP
      '197701132006012005,26,1X,pokok,,,jumlah,,dua belas,', // everything wrong at once
      '197701132006012005,2026,RHK-1,utama,Sistem,,kualitas,Layanan,99,%', // utama without rhk_atasan
    ])
    const r = await h.cli('import-skp', bad)
    expect(r.code).toBe(1)
    expect(r.err).toContain('skp-salah.csv:2: rhk_atasan PKP-9: atasan langsung belum memiliki SKP tahun 2026')
    expect(r.err).toContain('skp-salah.csv:3: nip 199999999999999999 tidak ada di data pegawai')
    for (const problem of ['tahun "26" tidak valid', 'kode "1X" tidak valid', 'jenis "pokok" tidak dikenal', 'rhk (uraian rencana hasil kerja) wajib diisi', 'aspek "jumlah" tidak dikenal', 'indikator wajib diisi', 'target "dua belas" harus angka', 'satuan target wajib diisi']) {
      expect(r.err).toContain(`skp-salah.csv:4: ${problem}`)
    }
    expect(r.err).toMatch(/tidak ada data yang diimpor/)
    expect(await h.app.db.prisma.skp.count()).toBe(0)

    const ok = await h.cli('import-skp', SKP)
    expect(ok.err).toBe('')
    expect(ok.out).toContain('SKP: 6 baru, 0 diperbarui')
    expect(ok.out).toContain('RHK: 9 baru, 0 diubah, 0 tetap, 0 dinonaktifkan')
    const andi = await h.app.db.prisma.rhk.findMany({
      where: { skp: { employee: { nip: people.andi.nip }, year: 2026 } },
      orderBy: { position: 'asc' },
      include: { parent: true, indicators: { orderBy: { position: 'asc' } } },
    })
    expect(andi.map((x) => [x.code, x.kind, x.parent?.code ?? null])).toEqual([['RHK-1', 'UTAMA', 'PKP-1'], ['RHK-2', 'UTAMA', 'PKP-1'], ['RHK-3', 'TAMBAHAN', null]])
    expect(andi[0]!.indicators.map((i) => [i.aspect, i.target, i.unit])).toEqual([['KUANTITAS', 12, 'dokumen'], ['WAKTU', 12, 'bulan']])

    // Andi's plan shrinks to RHK-1: RHK-2 and RHK-3 are kept for old activities but no longer offered
    const smaller = csvFile('skp-andi.csv', [HEADER, '198603022018032015,2026,RHK-1,utama,Tersusunnya analisis hasil penilaian kinerja pegawai,PKP-1,kuantitas,Jumlah dokumen analisis hasil penilaian kinerja,12,dokumen'])
    const again = await h.cli('import-skp', smaller)
    expect(again.out).toContain('SKP: 0 baru, 1 diperbarui')
    expect(again.out).toContain('RHK: 0 baru, 1 diubah, 0 tetap, 2 dinonaktifkan')
    const andiId = await employeeId(h, people.andi.nip)
    expect((await h.app.services.skp.options({ employeeId: andiId }, '2026-11-27')).map((o) => o.code)).toEqual(['RHK-1'])
    expect(await h.app.db.prisma.rhk.count({ where: { active: false } })).toBe(2)
  })
})

describe('activities linked to RHK', () => {
  it('one-line #code, the guided RHK buttons, the card shows the RHK, /rekap per RHK', async () => {
    const h = await startHarness()
    await h.cli('import-skp', SKP)
    const { tg } = h
    const andi = people.andi.telegram
    const kabid = people.kabid.telegram
    await link(h, kabid, andi)

    // one line with the code right after the time (any case)
    tg.userSends(andi, '/lapor 08:00-10:00 #rhk-1 Menyusun analisis hasil penilaian kinerja triwulan')
    const receipt = await tg.waitForMessageTo(andi, /Laporan #\d+ terkirim/)
    expect(receipt.text).toContain('Uraian: Menyusun analisis hasil penilaian kinerja triwulan')
    expect(receipt.text).toContain('RHK: RHK-1 — Tersusunnya analisis hasil penilaian kinerja pegawai')
    const first = reportId(receipt.text)
    const card = await tg.waitForMessageTo(kabid, new RegExp(`Laporan kegiatan #${first} menunggu`))
    expect(card.text).toContain('RHK: RHK-1 — Tersusunnya analisis hasil penilaian kinerja pegawai')

    // or at the very end; an unknown code is refused with the codes that exist
    tg.userSends(andi, '/lapor 10:00-11:00 Verifikasi SKP pegawai Dinas Kesehatan #RHK-2')
    await tg.waitForMessageTo(andi, /RHK: RHK-2 — Terverifikasinya SKP pegawai/)
    tg.userSends(andi, '/lapor 11:00-12:00 Rapat #RHK-9')
    await tg.waitForMessageTo(andi, 'RHK "#RHK-9" tidak ada di SKP Anda tahun 2026. Kode yang tersedia: RHK-1, RHK-2, RHK-3.')
    // "#2" is a number in the text, not a code
    tg.userSends(andi, '/lapor 13:00-13:30 Rapat koordinasi #2')
    const plain = await tg.waitForMessageTo(andi, /Uraian: Rapat koordinasi #2/)
    expect(plain.text).not.toContain('RHK:')

    // the guided flow asks for the RHK after the time, with the plan's RHKs as buttons
    tg.userSends(andi, '/lapor')
    await tg.waitForMessageTo(andi, /Apa kegiatan/)
    tg.userSends(andi, 'Sosialisasi aplikasi kinerja kepada operator OPD')
    await tg.waitForMessageTo(andi, /Kapan\?/)
    tg.userSends(andi, '14:00-15:30')
    const ask = await tg.waitForMessageTo(andi, /mendukung RHK/)
    expect(buttonLabels(ask)).toEqual([
      'RHK-1 — Tersusunnya analisis hasil penilaian kinerja pegawai',
      'RHK-2 — Terverifikasinya SKP pegawai di lingkungan Pemerint…',
      'RHK-3 — Terlaksananya sosialisasi aplikasi kinerja kepada o…',
      'Tanpa RHK',
      'Batal',
    ])
    // a forged id of someone else's RHK is refused at the click
    const salmiahRhk = await h.app.db.prisma.rhk.findFirstOrThrow({ where: { skp: { employee: { nip: people.salmiah.nip } } } })
    tg.userClicks(andi, ask.message_id, `gr:${salmiahRhk.id}`)
    await tg.waitFor(() => tg.callbackAnswers().find((a) => /bukan bagian dari SKP Anda/.test(a.text ?? '')))
    tg.userClicks(andi, ask.message_id, buttonData(ask, /^RHK-3/)!)
    await tg.waitForMessageTo(andi, /Lampirkan bukti dukung/)
    tg.clickButton(andi, 'Lewati')
    const preview = await tg.waitForMessageTo(andi, /Periksa laporan Anda/)
    expect(preview.text).toContain('RHK: RHK-3 — Terlaksananya sosialisasi aplikasi kinerja')
    tg.clickButton(andi, /Kirim/)
    const guided = await tg.waitForMessageTo(andi, /Laporan #\d+ terkirim[\s\S]*Sosialisasi/)
    expect(guided.text).toContain('RHK: RHK-3')

    // Nurhayati approves the first; /rekap counts per RHK (every RHK of the plan, then those without)
    await h.app.dispatcher.runOnce()
    tg.userClicks(kabid, card.message_id, `dc:${first}:1:ok`)
    await tg.waitFor(() => tg.callbackAnswers().find((a) => /Disetujui/.test(a.text ?? '')))
    tg.userSends(andi, '/rekap')
    const rekap = await tg.waitForMessageTo(andi, /Per RHK \(bulan ini\)/)
    expect(rekap.text).toContain('• RHK-1 Tersusunnya analisis hasil penilaian kinerja pegawai: 1 kegiatan, 120 menit disetujui')
    expect(rekap.text).toContain('• RHK-2 Terverifikasinya SKP pegawai di lingkungan Pemerintah Kota Kendari: 1 kegiatan, 0 menit disetujui')
    expect(rekap.text).toContain('• RHK-3 Terlaksananya sosialisasi aplikasi kinerja kepada operator OPD: 1 kegiatan, 0 menit disetujui')
    expect(rekap.text).toContain('• Tanpa RHK: 1 kegiatan, 0 menit disetujui')

    const rows = await h.app.db.prisma.activity.findMany({ orderBy: { id: 'asc' }, include: { rhk: true } })
    expect(rows.map((a) => a.rhk?.code ?? null)).toEqual(['RHK-1', 'RHK-2', null, 'RHK-3'])
  })
})
