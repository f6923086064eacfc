import path from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { people } from '../../helpers/app.js'
import { RA, seedProgres } from '../../helpers/progres.js'
import { slackPeople, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js'

const ANDI = 'U0KANDI050'
const TIERS = path.resolve(import.meta.dirname, '../../../examples/tpp-tiers.json')

const ephemeral = (h: SlackHarness, re: RegExp) =>
  h.slack.waitFor(() => h.slack.responses.find((r) => r.body.response_type === 'ephemeral' && re.test(String(r.body.text))), `an answer matching ${re}`)

describe('/kinerja ekspor and /kinerja tpp on Slack', () => {
  it('uploads the month\'s XLSX into the DM with the explanation as its comment; tpp with the tiers of TPP_FORMULA_FILE', async () => {
    const h = await startSlackHarness({ telegram: false, env: { TPP_FORMULA_FILE: TIERS } })
    const db = h.app.db.prisma
    const andi = await db.employee.findUniqueOrThrow({ where: { nip: people.andi.nip } })
    await db.chatAccount.create({ data: { employeeId: andi.id, platform: 'slack', externalId: ANDI, vouchedBy: 'import' } })
    const { ids } = await seedProgres(h)

    await h.req.command(ANDI, 'ekspor')
    const file = await h.slack.waitFor(() => h.slack.files[0], 'the upload')
    expect(file).toMatchObject({ title: `progres-harian-${people.andi.nip}-2026-11.xlsx`, channel: h.slack.dmChannel(ANDI) })
    expect(file.comment).toMatch(/^📤 Progres harian November 2026 untuk e-Kinerja BKN\n3 kegiatan yang disetujui siap diunggah/)
    expect(file.comment).toContain(`• #${ids.october} Senin, 9 November 2026, Menyusun laporan: rencana aksinya untuk Oktober 2026`)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(h.slack.uploaded.get(file.id)! as unknown as ArrayBuffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Progres Harian', 'Tidak diekspor'])
    const ws = wb.worksheets[0]!
    expect(ws.getRow(1).values).toEqual([undefined, 'Rencana Aksi', 'Tanggal', 'Jam Mulai', 'Jam Selesai', 'Kegiatan Harian', 'Realisasi', 'Satuan', 'Bukti Dukung'])
    expect(ws.getRow(3).values).toEqual([undefined, RA.verifikasi, '2026-11-03', '22:00', '06:00', 'Verifikasi SKP shift malam', 15, 'SKP', 'https://drive.example.id/verifikasi-skp.pdf'])

    // typed in a channel: the file still goes to the DM, and the channel is told where
    await h.req.command(ANDI, 'ekspor nov 2026', { channelId: 'C0KUMUM01' })
    await ephemeral(h, new RegExp(`📎 progres-harian-${people.andi.nip}-2026-11\\.xlsx dikirim ke pesan langsung Anda`))
    await h.slack.waitFor(() => h.slack.files[1], 'the second upload')
    // the commands in a refusal are written as Slack types them
    await h.req.command(ANDI, 'ekspor bulan depan')
    await ephemeral(h, /Tulis misalnya \/kinerja ekspor 2026-11 atau \/kinerja ekspor november, atau \/kinerja ekspor saja/)
    expect(h.slack.files).toHaveLength(2)

    // tiers: 900 of 1,000 minutes is 90 %, the top tier (factor 100 %) of 60 % of Rp5.000.000
    await db.employee.update({ where: { id: andi.id }, data: { monthlyTargetMinutes: 1000, tppBasic: 5_000_000 } })
    await h.req.command(ANDI, 'tpp')
    const tpp = await ephemeral(h, /Perkiraan TPP kinerja November 2026 — Andi Latif/)
    const text = String(tpp.body.text)
    expect(text).toContain('Disetujui: 900 menit (6 kegiatan) dari target 1.000 menit (capaian 90,0%).')
    expect(text).toContain('Tingkat capaian ≥ 90%: faktor 100% × bobot 60% = 60% dari TPP dasar.')
    expect(text).toContain('Perkiraan TPP kinerja: Rp3.000.000 (TPP dasar Rp5.000.000; bagian kinerja paling banyak Rp3.000.000).')
    expect(text).toContain('Menunggu persetujuan atasan: 60 menit (1 kegiatan). Berisiko tidak dihitung bila belum disetujui sampai batas validasi Sabtu, 5 Desember 2026 (8 hari lagi).')
    expect(text).toContain('Bila semuanya disetujui: capaian 96,0%, perkiraan Rp3.000.000.')

    // below the lowest tier, and no tpp_basic imported: the percentage and what is missing
    await h.req.command(slackPeople.ahmad.id, 'tpp')
    const none = String((await ephemeral(h, /Perkiraan TPP kinerja November 2026 — Ahmad Anwar/)).body.text)
    expect(none).toContain('Capaian 0,0% belum mencapai tingkat terendah: faktor 0% × bobot 60% = 0% dari TPP dasar.')
    expect(none).toContain('Nominal belum dapat dihitung: TPP dasar Anda (tpp_basic) belum ada di data impor pegawai.')
    expect(none).toContain('Tidak ada kegiatan yang menunggu persetujuan atasan. Batas validasi bulan ini: Sabtu, 5 Desember 2026 (8 hari lagi).')

    const unknown = await h.req.command(ANDI, 'gaji')
    expect(String(unknown.json?.text)).toContain('Gunakan: lapor, rekap, tpp, ekspor, persetujuan, umpanbalik, hubungkan, atau bantuan.')
  })
})
