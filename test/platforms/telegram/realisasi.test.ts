import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, people, startHarness, type Harness } from '../../helpers/app.js'
import type { SentMessage } from '../../helpers/fake-telegram.js'
import { buttonData, buttonLabels, reportId } from '../../helpers/telegram.js'
import { link } from '../../scheduler/helpers.js'
import { SKP_FIXTURE } from './evaluation-helpers.js'

// Rencana aksi and realisasi (BKN e-Kinerja's progres harian) on Telegram: the guided report, the one-line
// suffix `+<n> <satuan>`, the card and the receipt, a fix after Revisi, /rekap, and the two settings.

const RENCANA_AKSI = path.join(FIXTURES, 'kendari-rencana-aksi-2026.csv')
const andi = people.andi.telegram
const kabid = people.kabid.telegram
const MEMAPARKAN = 'Memaparkan hasil analisis dalam rapat bidang'
const REKAPITULASI = 'Menyusun rekapitulasi hasil verifikasi SKP'

async function setUp(env?: Record<string, string>) {
  const h = await startHarness(env ? { env } : {})
  expect((await h.cli('import-skp', SKP_FIXTURE)).code).toBe(0)
  expect((await h.cli('import-rencana-aksi', RENCANA_AKSI)).code).toBe(0)
  await link(h, kabid, andi)
  // each wait takes the next matching message of a chat, after the last one taken there
  const seen = new Map<number, number>()
  const next = async (chat: number, match: RegExp | string) => {
    const m = await h.tg.waitForMessageTo(chat, match, { afterMessageId: seen.get(chat) ?? 0 })
    seen.set(chat, m.message_id)
    return m
  }
  return { h, tg: h.tg, next }
}

const rencanaAksiId = async (h: Harness, text: string) => (await h.app.db.prisma.rencanaAksi.findFirstOrThrow({ where: { text } })).id
const stored = (h: Harness, id: number) =>
  h.app.db.prisma.activity.findUniqueOrThrow({ where: { id }, include: { rhk: true, rencanaAksi: true } }).then((a) => [a.rhk?.code ?? null, a.rencanaAksi?.text ?? null, a.realisasi])

describe('guided /lapor with rencana aksi and realisasi', () => {
  it('offers the RHK\'s rencana aksi of the month, asks the realisasi, shows both on the card and the receipt; a fix keeps them unless resent; /rekap against the targets', async () => {
    const { h, tg, next } = await setUp()

    /** /lapor, a description, a time, then the RHK: returns what the bot asks next. */
    const upToRhk = async (description: string, time: string, rhk: RegExp) => {
      tg.userSends(andi, '/lapor')
      await next(andi, /Apa kegiatan/)
      tg.userSends(andi, description)
      await next(andi, /Kapan\?/)
      tg.userSends(andi, time)
      const ask = await next(andi, /mendukung RHK/)
      tg.userClicks(andi, ask.message_id, buttonData(ask, rhk)!)
      return next(andi, /Rencana aksi RHK|Lampirkan bukti dukung/)
    }
    const sendFromSummary = async (match: RegExp) => {
      const summary = await next(andi, /Periksa laporan Anda/)
      tg.clickButton(andi, /Kirim/)
      const receipt = await next(andi, match)
      return { summary, receipt }
    }

    // RHK-1 has three rencana aksi in November: listed with their targets, one button each, Lewati, Batal
    const ask = await upToRhk('Memaparkan hasil analisis penilaian kinerja', '08:00-09:00', /^RHK-1/)
    expect(ask.text).toBe(
      'Rencana aksi RHK RHK-1 untuk November 2026 yang mana?\n' +
        '• Menyusun analisis hasil penilaian kinerja bulan Oktober (target 1 dokumen)\n' +
        '• Menyusun telaahan staf hasil analisis penilaian kinerja (target 2 dokumen)\n' +
        `• ${MEMAPARKAN} (target 1 kegiatan)\n` +
        'Pilih salah satu, atau "Lewati".',
    )
    expect(buttonLabels(ask)).toEqual([
      'Menyusun analisis hasil penilaian kinerja bulan O… (dokumen)',
      'Menyusun telaahan staf hasil analisis penilaian k… (dokumen)',
      `${MEMAPARKAN} (kegiatan)`,
      'Lewati',
      'Batal',
    ])
    const memaparkan = await rencanaAksiId(h, MEMAPARKAN)
    expect(buttonData(ask, /^Memaparkan/)).toBe(`ga:${memaparkan}`)
    // a rencana aksi of another RHK (the id comes from the client) is refused at the click
    tg.userClicks(andi, ask.message_id, `ga:${await rencanaAksiId(h, REKAPITULASI)}`)
    await tg.waitFor(() => tg.callbackAnswers().find((a) => /bukan rencana aksi RHK laporan ini/.test(a.text ?? '')))
    tg.userClicks(andi, ask.message_id, `ga:${memaparkan}`)
    const howMuch = await next(andi, /Berapa realisasi/)
    expect(howMuch.text).toBe(`Berapa realisasi kegiatan ini untuk "${MEMAPARKAN}", dalam kegiatan? (target bulan ini: 1 kegiatan)\nKetik bilangan bulat, atau tekan "1 kegiatan".`)
    expect(buttonLabels(howMuch)).toEqual(['1 kegiatan', 'Batal'])
    tg.userSends(andi, '1,5')
    await next(andi, /Realisasi "1,5" tidak valid: harus bilangan bulat 1 sampai 9\.999/)
    tg.userSends(andi, '2 Kegiatan')
    await next(andi, /Lampirkan bukti dukung/)
    tg.clickButton(andi, 'Lewati')
    const first = await sendFromSummary(/Laporan #\d+ terkirim ke atasan/)
    const line = `Rencana aksi: ${MEMAPARKAN} · Realisasi: 2 kegiatan`
    expect(first.summary.text).toContain(`RHK: RHK-1 — Tersusunnya analisis hasil penilaian kinerja pegawai\n${line}\n`)
    expect(first.receipt.text).toContain(line)
    const id1 = reportId(first.receipt.text)
    const card = await next(kabid, new RegExp(`Laporan kegiatan #${id1} menunggu`))
    expect(card.text).toContain(line)

    // the "1 <satuan>" button
    const ask2 = await upToRhk('Merekap hasil verifikasi SKP', '09:00-10:00', /^RHK-2/)
    expect(buttonLabels(ask2)).toEqual(['Memverifikasi SKP pegawai Dinas Kesehatan (SKP)', `${REKAPITULASI} (laporan)`, 'Lewati', 'Batal'])
    tg.clickButton(andi, /^Menyusun rekapitulasi/)
    await next(andi, /Berapa realisasi/)
    tg.clickButton(andi, '1 laporan')
    await next(andi, /Lampirkan bukti dukung/)
    tg.clickButton(andi, 'Lewati')
    const id2 = reportId((await sendFromSummary(/Laporan #\d+ terkirim ke atasan/)).receipt.text)

    // Lewati: no rencana aksi, no realisasi; an RHK without rencana aksi this month asks neither
    await upToRhk('Menyusun catatan analisis', '10:00-11:00', /^RHK-1/)
    tg.clickButton(andi, 'Lewati')
    await next(andi, /Lampirkan bukti dukung/)
    tg.clickButton(andi, 'Lewati')
    const skipped = await sendFromSummary(/Laporan #\d+ terkirim ke atasan/)
    expect(skipped.receipt.text).not.toContain('Rencana aksi:')
    const noPlan = await upToRhk('Sosialisasi aplikasi kinerja', '11:00-12:00', /^RHK-3/)
    expect(noPlan.text).toMatch(/^Lampirkan bukti dukung/)
    tg.clickButton(andi, 'Lewati')
    const id4 = reportId((await sendFromSummary(/Laporan #\d+ terkirim ke atasan/)).receipt.text)
    expect([await stored(h, id1), await stored(h, id2), await stored(h, reportId(skipped.receipt.text)), await stored(h, id4)]).toEqual([
      ['RHK-1', MEMAPARKAN, 2],
      ['RHK-2', REKAPITULASI, 1],
      ['RHK-1', null, null],
      ['RHK-3', null, null],
    ])

    // Revisi, then a fix of the time only: the rencana aksi and realisasi stay
    tg.userClicks(kabid, card.message_id, `dc:${id1}:1:rv`)
    await next(kabid, /Tuliskan alasan/)
    tg.userSends(kabid, 'Lampirkan notulen rapat')
    const notice = await next(andi, new RegExp(`Keputusan atas laporan #${id1}`))
    expect(notice.text).toContain(line)
    tg.userClicks(andi, notice.message_id, buttonData(notice, /Ubah/)!)
    await next(andi, /Kirim perbaikan/)
    tg.userSends(andi, '07:00-08:00')
    const fixed = await next(andi, new RegExp(`Laporan #${id1} diperbarui dan dikirim ulang`))
    expect(fixed.text).toContain('Waktu: 07:00–08:00')
    expect(fixed.text).toContain(line)
    const fresh = await next(kabid, new RegExp(`Laporan kegiatan #${id1} \\(perbaikan ke-1\\) menunggu`))
    expect(fresh.text).toContain(line)
    expect(await stored(h, id1)).toEqual(['RHK-1', MEMAPARKAN, 2])
    // sent again: only the realisasi (the rest of the report stays)
    tg.userClicks(andi, fixed.message_id, buttonData(fixed, /Ubah/)!)
    await next(andi, /Kirim perbaikan/)
    tg.userSends(andi, '+1 kegiatan')
    const refixed = await next(andi, new RegExp(`Laporan #${id1} diperbarui`))
    expect(refixed.text).toContain(`Rencana aksi: ${MEMAPARKAN} · Realisasi: 1 kegiatan`)
    expect(refixed.text).toContain('Uraian: Memaparkan hasil analisis penilaian kinerja')
    expect(await stored(h, id1)).toEqual(['RHK-1', MEMAPARKAN, 1])

    // approved: /rekap shows each rencana aksi of November against its target (approved realisasi only)
    const latest = await next(kabid, new RegExp(`Laporan kegiatan #${id1} \\(perbaikan ke-2\\) menunggu`))
    const card2 = tg.messagesTo(kabid).find((m) => new RegExp(`Laporan kegiatan #${id2} menunggu`).test(m.text))!
    await h.app.dispatcher.runOnce()
    for (const [m, data] of [[latest, `dc:${id1}:3:ok`], [card2, `dc:${id2}:1:ok`]] as [SentMessage, string][]) tg.userClicks(kabid, m.message_id, data)
    await tg.waitFor(async () => (await h.app.db.prisma.activity.count({ where: { status: 'DISETUJUI' } })) === 2)
    tg.userSends(andi, '/rekap')
    const rekap = await next(andi, /Rekap November 2026/)
    expect(rekap.text).toContain(
      [
        'Rencana aksi (bulan ini, realisasi disetujui/target):',
        '• RHK-1 Menyusun analisis hasil penilaian kinerja bulan Oktober: 0/1 dokumen',
        '• RHK-1 Menyusun telaahan staf hasil analisis penilaian kinerja: 0/2 dokumen',
        `• RHK-1 ${MEMAPARKAN}: 1/1 kegiatan`,
        '• RHK-2 Memverifikasi SKP pegawai Dinas Kesehatan: 0/40 SKP',
        `• RHK-2 ${REKAPITULASI}: 1/1 laporan`,
      ].join('\n'),
    )
  })
})

describe('one line: /lapor … #RHK +<n> <satuan>', () => {
  it('picks the rencana aksi by its satuan; refuses a wrong number, an unknown satuan, several with it, no RHK, no plan; a fix with another RHK drops it', async () => {
    const { h, tg, next } = await setUp()
    const refused: [string, string][] = [
      ['07:00-07:30 Menyusun analisis #RHK-1 +1 dokumen',
        'Beberapa rencana aksi RHK RHK-1 untuk November 2026 bersatuan "dokumen": Menyusun analisis hasil penilaian kinerja bulan Oktober; ' +
        'Menyusun telaahan staf hasil analisis penilaian kinerja. Satu baris tidak dapat memilih di antaranya: kirim /lapor saja (terpandu) lalu pilih rencana aksinya dengan tombol.'],
      ['07:00-07:30 Menyusun analisis #RHK-1 +2 lembar', 'Satuan "lembar" tidak ada di rencana aksi RHK RHK-1 untuk November 2026. Satuan yang tersedia: dokumen, kegiatan. Tulis misalnya +2 dokumen.'],
      ['07:00-07:30 Verifikasi SKP #RHK-2 +2', 'RHK RHK-2 memiliki beberapa rencana aksi untuk November 2026: tulis satuannya setelah jumlah, misalnya +2 SKP (satuan yang tersedia: SKP, laporan).'],
      ['07:00-07:30 Rapat koordinasi +2 dokumen', 'Realisasi "+2 dokumen" perlu kode RHK: rencana aksinya dicari pada RHK laporan. Tulis kode RHK sebelum realisasi, misalnya: /lapor 08:00-10:30 Menyusun laporan #RHK-1 +2 dokumen. Atau kirim /lapor saja dan pilih dengan tombol.'],
      ['07:00-07:30 Sosialisasi #RHK-3 +1 kegiatan', 'RHK RHK-3 tidak memiliki rencana aksi untuk November 2026, jadi realisasi tidak dapat dicatat. Kirim tanpa +jumlah, atau minta admin BKPSDM mengimpor rencana aksinya.'],
      ...['+0', '+-1', '+1,5', '+10000'].map((n): [string, string] => [`07:00-07:30 Rapat bidang #RHK-1 ${n} kegiatan`, `Realisasi "${n}" tidak valid: harus bilangan bulat 1 sampai 9.999 (misalnya 2), bukan 0, negatif, atau pecahan.`]),
    ]
    for (const [line, answer] of refused) {
      tg.userSends(andi, `/lapor ${line}`)
      await next(andi, answer)
    }
    expect(await h.app.db.prisma.activity.count()).toBe(0)

    // the satuan in any case; the suffix after a code at the end or with the code right after the time
    tg.userSends(andi, '/lapor 07:00-08:00 Memaparkan hasil analisis #RHK-1 +1 KEGIATAN')
    const one = await next(andi, /Laporan #\d+ terkirim ke atasan/)
    expect(one.text).toContain('Uraian: Memaparkan hasil analisis\nRHK: RHK-1 — Tersusunnya analisis hasil penilaian kinerja pegawai\n' + `Rencana aksi: ${MEMAPARKAN} · Realisasi: 1 kegiatan\n`)
    const card = await next(kabid, new RegExp(`Laporan kegiatan #${reportId(one.text)} menunggu`))
    expect(card.text).toContain(`Rencana aksi: ${MEMAPARKAN} · Realisasi: 1 kegiatan`)
    tg.userSends(andi, '/lapor 08:00-10:00 #rhk-2 Verifikasi SKP Dinas Kesehatan +15 skp')
    const two = await next(andi, /Laporan #\d+ terkirim ke atasan/)
    expect(two.text).toContain('Rencana aksi: Memverifikasi SKP pegawai Dinas Kesehatan · Realisasi: 15 SKP')
    expect([await stored(h, reportId(one.text)), await stored(h, reportId(two.text))]).toEqual([
      ['RHK-1', MEMAPARKAN, 1],
      ['RHK-2', 'Memverifikasi SKP pegawai Dinas Kesehatan', 15],
    ])

    // a fix naming another RHK only: the rencana aksi of the old one no longer fits and goes
    tg.userClicks(andi, two.message_id, buttonData(two, /Ubah/)!)
    await next(andi, /Kirim perbaikan/)
    tg.userSends(andi, '#RHK-3')
    const moved = await next(andi, new RegExp(`Laporan #${reportId(two.text)} diperbarui`))
    expect(moved.text).toContain('RHK: RHK-3')
    expect(moved.text).not.toContain('Rencana aksi:')
    expect(await stored(h, reportId(two.text))).toEqual(['RHK-3', null, null])
  })
})

describe('REPORT_REQUIRE_TIME_RANGE and REPORT_REQUIRE_RENCANA_AKSI', () => {
  it('a duration asks for its start (guided) or is refused (one line); an RHK with rencana aksi needs one, without Lewati', async () => {
    const { h, tg, next } = await setUp({ REPORT_REQUIRE_TIME_RANGE: 'true', REPORT_REQUIRE_RENCANA_AKSI: 'true' })
    tg.userSends(andi, '/lapor 2j30m Menyusun analisis')
    await next(andi, 'Tulis jam mulai dan jam selesai, misalnya 08:00-10:30, bukan hanya durasi (2 jam 30 menit): BKN e-Kinerja mencatat Jam Mulai dan Jam Selesai setiap kegiatan.')
    tg.userSends(andi, '/lapor 08:00-09:00 Menyusun analisis #RHK-1')
    await next(andi, 'Instansi Anda mewajibkan rencana aksi: RHK RHK-1 memiliki rencana aksi untuk November 2026. Tambahkan realisasinya di akhir, misalnya +1 dokumen (satuan: dokumen, kegiatan), atau kirim /lapor saja dan pilih dengan tombol.')
    expect(await h.app.db.prisma.activity.count()).toBe(0)
    // without an RHK, or with one that has no rencana aksi this month, nothing is required
    tg.userSends(andi, '/lapor 08:00-09:00 Rapat koordinasi')
    await next(andi, /Laporan #\d+ terkirim/)
    tg.userSends(andi, '/lapor 09:00-10:00 Sosialisasi #RHK-3')
    await next(andi, /Laporan #\d+ terkirim/)

    tg.userSends(andi, '/lapor')
    await next(andi, /Apa kegiatan/)
    tg.userSends(andi, 'Menyusun telaahan staf')
    await next(andi, /Kapan\?/)
    tg.userSends(andi, '1 jam')
    await next(andi, 'BKN e-Kinerja mencatat jam mulai dan jam selesai. Kegiatan 1 jam itu mulai pukul berapa? Tulis jamnya, misalnya 08:00 (atau rentang lengkapnya, misalnya 08:00-10:30).')
    tg.userSends(andi, 'pagi')
    await next(andi, /Jam mulai "pagi" tidak dikenali/)
    // 16:30 + 1 jam is still to come at 17:00: the start is asked again
    tg.userSends(andi, '16:30')
    await next(andi, /Kegiatan 16:30–17:30 belum selesai/)
    tg.userSends(andi, '10:00')
    const rhk = await next(andi, /mendukung RHK/)
    tg.userClicks(andi, rhk.message_id, buttonData(rhk, /^RHK-1/)!)
    const ask = await next(andi, /Rencana aksi RHK RHK-1/)
    expect(ask.text).toMatch(/Pilih salah satu\.$/)
    expect(buttonLabels(ask)).not.toContain('Lewati')
    tg.userClicks(andi, ask.message_id, 'ga:0')
    await tg.waitFor(() => tg.callbackAnswers().find((a) => /^Pilih rencana aksi dengan tombol di atas\. Ketik/.test(a.text ?? '')))
    tg.clickButton(andi, /^Menyusun telaahan/)
    await next(andi, /Berapa realisasi/)
    tg.clickButton(andi, '1 dokumen')
    await next(andi, /Lampirkan bukti dukung/)
    tg.clickButton(andi, 'Lewati')
    const summary = await next(andi, /Periksa laporan Anda/)
    expect(summary.text).toContain('Waktu: 10:00–11:00 (1 jam)')
    tg.clickButton(andi, /Kirim/)
    const receipt = await next(andi, /Laporan #\d+ terkirim/)
    const row = await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id: reportId(receipt.text) }, include: { rencanaAksi: true } })
    expect(row).toMatchObject({ startMinute: 600, endMinute: 660, minutes: 60, realisasi: 1, rencanaAksi: { text: 'Menyusun telaahan staf hasil analisis penilaian kinerja' } })
  })
})
