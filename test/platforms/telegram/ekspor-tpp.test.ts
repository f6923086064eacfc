import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../../helpers/app.js'
import type { UploadedFile } from '../../helpers/fake-telegram.js'
import { RA, seedProgres } from '../../helpers/progres.js'

const andi = people.andi.telegram
const HEADER = ['Rencana Aksi', 'Tanggal', 'Jam Mulai', 'Jam Selesai', 'Kegiatan Harian', 'Realisasi', 'Satuan', 'Bukti Dukung']

async function sheets(file: UploadedFile) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(file.data as unknown as ArrayBuffer)
  return wb.worksheets.map((ws) => {
    const rows: unknown[][] = []
    ws.eachRow((row) => rows.push(Array.from({ length: ws.columnCount }, (_, i) => row.getCell(i + 1).value ?? null)))
    return { name: ws.name, rows }
  })
}

describe('/ekspor and /tpp on Telegram', () => {
  it('/ekspor sends the month as an XLSX document with what was left out in its caption; /tpp explains the estimate with the default formula', async () => {
    const h = await startHarness()
    const { tg } = h
    const { ids } = await seedProgres(h)
    const db = h.app.db.prisma
    const andiId = (await db.employee.findUniqueOrThrow({ where: { nip: people.andi.nip } })).id
    await db.activity.createMany({
      data: [
        { employeeId: andiId, date: '2026-11-11', minutes: 45, description: 'Perlu diperbaiki', status: 'REVISI' },
        { employeeId: andiId, date: '2026-11-12', minutes: 30, description: 'Bukan tugas jabatan', status: 'DITOLAK' },
      ],
    })
    tg.userSends(andi, '/start')
    await tg.waitForMessageTo(andi, /Selamat datang/)

    tg.userSends(andi, '/ekspor')
    const doc = await tg.waitFor(() => tg.messagesTo(andi).find((m) => m.kind === 'document'), { label: 'the document' })
    const file = doc.document as UploadedFile
    expect(file.filename).toBe(`progres-harian-${people.andi.nip}-2026-11.xlsx`)
    expect(doc.text).toMatch(/^📤 Progres harian November 2026 untuk e-Kinerja BKN\n3 kegiatan yang disetujui siap diunggah/)
    expect(doc.text).toContain(`• #${ids.duration} Kamis, 5 November 2026, Rapat koordinasi: tanpa jam mulai dan jam selesai (dilaporkan sebagai durasi)`)
    expect(doc.text).toContain(`• #${ids.bare} Jumat, 6 November 2026, Entri data kepegawaian: belum ada rencana aksi; realisasi belum diisi`)
    expect(doc.text).toContain(`• #${ids.october} Senin, 9 November 2026, Menyusun laporan: rencana aksinya untuk Oktober 2026`)
    // no PUBLIC_URL in this installation: the stored file is not linked, and the person is told why
    expect(doc.text).toMatch(/Bukti Dukung: 1 berkas bukti belum bisa ditautkan karena tautan bukti belum diaktifkan admin/)
    const [progres, left] = await sheets(file)
    expect(progres).toEqual({
      name: 'Progres Harian',
      rows: [
        HEADER,
        [RA.analisis, '2026-11-02', '08:00', '10:30', 'Menyusun draf analisis, bagian 1', 2, 'dokumen', null],
        [RA.verifikasi, '2026-11-03', '22:00', '06:00', 'Verifikasi SKP shift malam', 15, 'SKP', 'https://drive.example.id/verifikasi-skp.pdf'],
        [RA.analisis, '2026-11-04', '09:00', '10:00', '=HYPERLINK("http://x.example/","klik")', 0, 'dokumen', null],
      ],
    })
    expect(left!.name).toBe('Tidak diekspor')
    expect(left!.rows.map((r) => r[0])).toEqual(['ID', ids.duration, ids.bare, ids.october])
    expect(await db.auditLog.count({ where: { action: 'export', entityId: 'progres-harian', actorId: andiId } })).toBe(1)

    // another month by name; a month that has not begun, words that are no month, a month with nothing approved
    tg.userSends(andi, '/ekspor oktober')
    const october = await tg.waitFor(() => tg.messagesTo(andi).filter((m) => m.kind === 'document')[1], { label: 'October' })
    expect(october.text).toMatch(/^📤 Progres harian Oktober 2026 untuk e-Kinerja BKN\n1 kegiatan/)
    expect((await sheets(october.document as UploadedFile))[0]!.rows[1]).toEqual([RA.oktober, '2026-10-30', '08:00', '09:00', 'Bulan lalu', 1, 'dokumen', null])
    tg.userSends(andi, '/ekspor 2027-01')
    await tg.waitForMessageTo(andi, 'Januari 2027 belum dimulai: pilih bulan ini atau bulan sebelumnya.')
    tg.userSends(andi, '/ekspor kemarin dulu')
    await tg.waitForMessageTo(andi, 'Bulan "kemarin dulu" tidak dikenal. Tulis misalnya /ekspor 2026-11 atau /ekspor november')
    tg.userSends(andi, '/ekspor 09/2026')
    await tg.waitForMessageTo(andi, /^Belum ada kegiatan yang disetujui atasan pada September 2026/)
    expect(tg.messagesTo(andi).filter((m) => m.kind === 'document')).toHaveLength(2)

    // /tpp without tpp_basic: the percentage, and what is missing for the amount
    tg.userSends(andi, '/tpp')
    const noBasic = await tg.waitForMessageTo(andi, /Perkiraan TPP kinerja November 2026/)
    expect(noBasic.text).toContain('Nominal belum dapat dihitung: TPP dasar Anda (tpp_basic) belum ada di data impor pegawai.')
    expect(noBasic.text).not.toMatch(/Rp/)

    // with it: 900 of 6,750 approved minutes = 13,3 %, × 60 % of Rp5.000.000; 60 waiting for the supervisor until 5 December
    await db.employee.update({ where: { id: andiId }, data: { tppBasic: 5_000_000 } })
    tg.userSends(andi, '/tpp')
    const tpp = await tg.waitForMessageTo(andi, /Perkiraan TPP kinerja: Rp/)
    expect(tpp.text).toBe(
      [
        '💰 Perkiraan TPP kinerja November 2026 — Andi Latif, S.IP.',
        'Disetujui: 900 menit (6 kegiatan) dari target 6.750 menit (capaian 13,3%).',
        'Bagian kinerja: capaian 13,3% (paling tinggi 100%) × bobot 60% = 8% dari TPP dasar.',
        'Perkiraan TPP kinerja: Rp400.000 (TPP dasar Rp5.000.000; bagian kinerja paling banyak Rp3.000.000).',
        '',
        '⏳ Menunggu persetujuan atasan: 60 menit (1 kegiatan). Berisiko tidak dihitung bila belum disetujui sampai batas validasi Sabtu, 5 Desember 2026 (8 hari lagi).',
        'Bila semuanya disetujui: capaian 14,2%, perkiraan Rp426.667.',
        '✏️ Perlu revisi dari Anda: 45 menit (1 kegiatan); perbaiki dan kirim ulang sebelum batas validasi agar masih dapat dihitung.',
        '❌ Ditolak: 30 menit (1 kegiatan); tidak dihitung.',
        '',
        'Ini perkiraan dari menit yang disetujui, bukan keputusan pembayaran: perhitungan resmi mengikuti peraturan kepala daerah tentang TPP.',
      ].join('\n'),
    )
    // both commands are in the linked person's menu
    const menu = tg.calls.filter((c) => c.method === 'setMyCommands' && (c.params.scope as { chat_id?: number } | undefined)?.chat_id === andi).at(-1)
    expect((menu?.params.commands as { command: string }[]).map((c) => c.command)).toEqual(['lapor', 'rekap', 'tpp', 'ekspor', 'batal', 'bantuan'])
  })
})
