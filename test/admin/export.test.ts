import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { people, startHarness, type Harness } from '../helpers/app.js'
import { tempDir } from '../helpers/db.js'
import { actorOf, addRhkActivity, more, novemberRound } from '../platforms/telegram/evaluation-helpers.js'

const { andi, salmiah, kabid } = people
const PKP = 'Bidang Penilaian Kinerja Aparatur dan Penghargaan'
const ANDI_JOB = 'Analis Sumber Daya Manusia Aparatur Ahli Muda'

const readCsv = (file: string) => parse(readFileSync(file, 'utf8'), { bom: true }) as string[][]

async function readXlsx(file: string) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  return wb.worksheets[0]!
}

/** November rated in part: Andi Sangat Baik with a note, Salmiah Baik; one activity decided in the chat's way. */
async function november(h: Harness) {
  const ids = await novemberRound(h)
  const rater = await actorOf(h, kabid.nip)
  const late = await addRhkActivity(h, andi.nip, { date: '2026-11-30', minutes: 120, status: 'DIAJUKAN', rhk: 'RHK-3' })
  await h.app.db.prisma.activity.update({ where: { id: late }, data: { startMinute: 480, endMinute: 600, description: 'Sosialisasi aplikasi, "sesi 1", operator OPD' } })
  await h.app.services.decisions.decide(rater, { activityId: late, outcome: 'DISETUJUI', feedback: 'Bagus' })
  await h.app.services.evaluations.choose(rater, ids.get(andi.nip)!, { hasil: 'DI_ATAS_EKSPEKTASI', perilaku: 'DI_ATAS_EKSPEKTASI' })
  await h.app.services.evaluations.setNote(rater, ids.get(andi.nip)!, 'KOLABORATIF', 'Menjadi rujukan rekan satu tim')
  await h.app.services.evaluations.submit(rater, ids.get(andi.nip)!)
  await h.app.services.evaluations.choose(rater, ids.get(salmiah.nip)!, { hasil: 'SESUAI_EKSPEKTASI', perilaku: 'SESUAI_EKSPEKTASI' })
  await h.app.services.evaluations.submit(rater, ids.get(salmiah.nip)!)
  const activities = await h.app.db.prisma.activity.findMany({ where: { employee: { nip: andi.nip } }, orderBy: { date: 'asc' } })
  return { late, andiIds: activities.map((a) => a.id) }
}

describe('exports', () => {
  it('activities as CSV and XLSX, the same cells in both', async () => {
    const h = await startHarness()
    const { late, andiIds } = await november(h)
    const dir = tempDir()
    const csv = path.join(dir, 'aktivitas.csv')
    const r = await h.cli('export', 'aktivitas', '--unit', 'BKPSDM-PKP', '--from', '2026-11-01', '--to', '2026-11-30', '--out', csv)
    expect(r.err).toBe('')
    expect(r.out).toContain('Ekspor aktivitas Bidang Penilaian Kinerja Aparatur dan Penghargaan 2026-11-01 s.d. 2026-11-30: 7 baris.')
    const rows = readCsv(csv)
    expect(rows[0]).toEqual(['ID', 'NIP', 'Nama', 'Kode unit', 'Unit', 'Tanggal', 'Mulai', 'Selesai', 'Menit', 'Uraian', 'Kode RHK', 'RHK', 'Status', 'Bukti dukung', 'Diputuskan oleh', 'Waktu keputusan', 'Catatan keputusan'])
    // unit, then name, then date: Ahmad Sudirman, Andi ×5, Salmiah
    expect(rows.slice(1).map((x) => x[2])).toEqual(['Ahmad Sudirman', ...Array(5).fill('Andi Latif, S.IP.'), 'Salmiah Djafar, M.Si.'])
    expect(rows[1]).toEqual([rows[1]![0], more.ahmadSudirman.nip, 'Ahmad Sudirman', 'BKPSDM-PKP', PKP, '2026-11-10', '', '', '120', 'Kegiatan RHK-1 2026-11-10', 'RHK-1', 'Termutakhirkannya data kepegawaian untuk penilaian kinerja', 'Perlu revisi', '', '', '', ''])
    expect(rows[2]).toEqual([String(andiIds[0]), andi.nip, 'Andi Latif, S.IP.', 'BKPSDM-PKP', PKP, '2026-11-10', '', '', '240', 'Kegiatan RHK-1 2026-11-10', 'RHK-1', 'Tersusunnya analisis hasil penilaian kinerja pegawai', 'Disetujui', 'tautan: https://drive.example.id/analisis-okt.pdf', '', '', ''])
    expect(rows[3]!.slice(10, 14)).toEqual(['RHK-2', 'Terverifikasinya SKP pegawai di lingkungan Pemerintah Kota Kendari', 'Disetujui', 'dokumen (verifikasi.xlsx)'])
    expect(rows[5]!.slice(8, 14)).toEqual(['90', 'Kegiatan umum 2026-11-13', '', '', 'Disetujui', ''])
    expect(rows[6]).toEqual([String(late), andi.nip, 'Andi Latif, S.IP.', 'BKPSDM-PKP', PKP, '2026-11-30', '08:00', '10:00', '120', 'Sosialisasi aplikasi, "sesi 1", operator OPD', 'RHK-3', 'Terlaksananya sosialisasi aplikasi kinerja kepada operator OPD', 'Disetujui', '', 'Nurhayati Ramli, M.Si.', '01/12/2026 08.00 WITA', ''])
    // the raw file: BOM, CRLF, the quotes of the description doubled
    const raw = readFileSync(csv, 'utf8')
    expect(raw.startsWith('\uFEFFID,NIP,Nama,')).toBe(true)
    expect(raw).toContain('"Sosialisasi aplikasi, ""sesi 1"", operator OPD"')
    expect(raw.split('\r\n')).toHaveLength(9)

    const xlsx = path.join(dir, 'aktivitas.xlsx')
    expect((await h.cli('export', 'activities', '--unit=BKPSDM-PKP', '--from=2026-11-01', '--to=2026-11-30', '--format', 'xlsx', '--out', xlsx)).code).toBe(0)
    const ws = await readXlsx(xlsx)
    expect(ws.name).toBe('Aktivitas')
    expect(ws.rowCount).toBe(8)
    for (let r = 1; r <= 8; r++) {
      for (let c = 1; c <= 17; c++) expect(String(ws.getRow(r).getCell(c).value ?? ''), `R${r}C${c}`).toBe(rows[r - 1]![c - 1])
    }
    expect(ws.getCell('I3').value).toBe(240) // numbers stay numbers
    expect(ws.getRow(1).font?.bold).toBe(true)
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })

    // wrong usage is refused before anything is read or written
    expect((await h.cli('export', 'gaji', '--unit', 'BKPSDM', '--from', '2026-11-01', '--to', '2026-11-30')).code).toBe(2)
    expect((await h.cli('export', 'menit', '--unit', 'BKPSDM', '--from', '2026-11-31', '--to', '2026-11-30')).code).toBe(2)
    expect((await h.cli('export', 'menit', '--unit', 'XX', '--from', '2026-11-01', '--to', '2026-11-30', '--out', path.join(dir, 'x.csv'))).err).toContain('Unit "XX" tidak ada')
    expect(await h.app.db.prisma.auditLog.count({ where: { action: 'export' } })).toBe(2)
  })

  it('monthly minutes per employee with capaian and unit subtotals (TPP basis), as XLSX', async () => {
    const h = await startHarness()
    await november(h)
    const file = path.join(tempDir(), 'menit.xlsx')
    expect((await h.cli('export', 'menit', '--unit', 'BKPSDM', '--from', '2026-11-01', '--to', '2026-11-30', '--format', 'xlsx', '--out', file)).code).toBe(0)
    const ws = await readXlsx(file)
    const values = (r: number) => (ws.getRow(r).values as unknown[]).slice(1)
    expect(values(1)).toEqual(['Bulan', 'Kode unit', 'Unit', 'NIP', 'Nama', 'Jabatan', 'Golongan', 'Hari kerja', 'Menit disetujui', 'Target menit', 'Capaian (%)'])
    const BKPSDM = 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia'
    expect(values(2)).toEqual(['2026-11', 'BKPSDM', BKPSDM, people.kaban.nip, 'Sukri Halim, S.Sos.', 'Kepala Badan Kepegawaian dan Pengembangan SDM', 'IV/b', 21, 0, 6750, 0])
    expect(values(3)).toEqual(['2026-11', 'BKPSDM', BKPSDM, undefined, `Subtotal ${BKPSDM}`, undefined, undefined, undefined, 0, 6750, 0])
    expect(ws.getRow(3).font?.bold).toBe(true)
    expect(values(4).slice(4, 11)).toEqual(['Ahmad Anwar, S.Kep.', 'Analis Sumber Daya Manusia Aparatur Ahli Pertama', 'III/b', 21, 0, 6750, 0])
    expect(values(5).slice(4, 11)).toEqual(['Ahmad Sudirman', 'Pengelola Data Kepegawaian', 'III/a', 21, 0, 6750, 0])
    expect(values(6)).toEqual(['2026-11', 'BKPSDM-PKP', PKP, andi.nip, 'Andi Latif, S.IP.', ANDI_JOB, 'III/d', 21, 630, 6750, 9.3])
    expect(values(7).slice(4, 11)).toEqual(['Nurhayati Ramli, M.Si.', 'Kepala Bidang Penilaian Kinerja Aparatur dan Penghargaan', 'IV/a', 21, 0, 6750, 0])
    expect(values(8).slice(4, 11)).toEqual(['Salmiah Djafar, M.Si.', 'Pranata Komputer Ahli Pertama', 'III/a', 21, 300, 6750, 4.4])
    expect(values(9).slice(4, 11)).toEqual(['Wa Ode Tamrin, S.E.', 'Operator Sistem Informasi Kinerja', 'II/c', 21, 0, 6750, 0])
    expect(values(10)).toEqual(['2026-11', 'BKPSDM-PKP', PKP, undefined, `Subtotal ${PKP}`, undefined, undefined, undefined, 930, 40500, 2.3])
    expect(values(11)).toEqual(['2026-11', 'BKPSDM', BKPSDM, undefined, `Total ${BKPSDM}`, undefined, undefined, undefined, 930, 47250, 2])
    expect(ws.rowCount).toBe(11)
    expect(ws.getCell('K6').numFmt).toBe('0.0')
  })

  it('the evaluation shaped for BKN e-Kinerja: RHK → realisasi → bukti → ratings → predikat', async () => {
    const h = await startHarness()
    const { late, andiIds } = await november(h)
    const file = path.join(tempDir(), 'evaluasi.csv')
    expect((await h.cli('export', 'evaluasi', '--unit', 'BKPSDM-PKP', '--from', '2026-11-01', '--to', '2026-11-30', '--out', file)).code).toBe(0)
    const rows = readCsv(file)
    expect(rows[0]).toEqual([
      'Periode', 'NIP', 'Nama', 'Jabatan', 'Unit', 'Jenis RHK', 'RHK atasan yang diintervensi', 'Kode RHK', 'Rencana hasil kerja', 'Aspek',
      'Indikator kinerja individu', 'Target', 'Satuan', 'Realisasi', 'Bukti dukung', 'Rating hasil kerja', 'Rating perilaku kerja',
      'Predikat kinerja', 'Catatan perilaku (BerAKHLAK)', 'Status penilaian',
    ])
    const andiRows = rows.filter((r) => r[1] === andi.nip)
    const head = ['November 2026', andi.nip, 'Andi Latif, S.IP.', ANDI_JOB, PKP]
    const tail = ['Di atas ekspektasi', 'Di atas ekspektasi', 'Sangat Baik', 'Kolaboratif: Menjadi rujukan rekan satu tim', 'Dinilai (masa keberatan)']
    const pkp1 = 'PKP-1 — Terlaksananya penilaian kinerja ASN yang objektif dan tepat waktu'
    expect(andiRows).toEqual([
      [...head, 'Utama', pkp1, 'RHK-1', 'Tersusunnya analisis hasil penilaian kinerja pegawai', 'Kuantitas', 'Jumlah dokumen analisis hasil penilaian kinerja', '12', 'dokumen', '1 kegiatan disetujui, 240 menit', `#${andiIds[0]} 2026-11-10: https://drive.example.id/analisis-okt.pdf`, ...tail],
      [...head, 'Utama', pkp1, 'RHK-1', 'Tersusunnya analisis hasil penilaian kinerja pegawai', 'Waktu', 'Ketepatan waktu penyampaian analisis', '12', 'bulan', '1 kegiatan disetujui, 240 menit', `#${andiIds[0]} 2026-11-10: https://drive.example.id/analisis-okt.pdf`, ...tail],
      [...head, 'Utama', pkp1, 'RHK-2', 'Terverifikasinya SKP pegawai di lingkungan Pemerintah Kota Kendari', 'Kuantitas', 'Jumlah SKP yang diverifikasi', '300', 'SKP', '1 kegiatan disetujui, 180 menit', `#${andiIds[1]} 2026-11-11: document verifikasi.xlsx`, ...tail],
      [...head, 'Tambahan', '', 'RHK-3', 'Terlaksananya sosialisasi aplikasi kinerja kepada operator OPD', 'Kuantitas', 'Jumlah kegiatan sosialisasi', '2', 'kegiatan', '1 kegiatan disetujui, 120 menit', '', ...tail],
      [...head, '', '', '', 'Kegiatan tanpa RHK', '', '', '', '', '1 kegiatan disetujui, 90 menit', '', ...tail],
    ])
    expect(late).toBe(andiIds[4])
    const salmiahRow = rows.find((r) => r[1] === salmiah.nip)!
    expect(salmiahRow.slice(9, 20)).toEqual(['Kualitas', 'Persentase ketersediaan layanan aplikasi kinerja', '99.5', '%', '1 kegiatan disetujui, 300 menit', '', 'Sesuai ekspektasi', 'Sesuai ekspektasi', 'Baik', '', 'Dinilai (masa keberatan)'])
    // not rated yet, and no SKP at all: still one row each, so nobody is missing from the upload
    expect(rows.find((r) => r[1] === more.ahmadSudirman.nip)!.slice(13, 20)).toEqual(['0 kegiatan disetujui, 0 menit', '', '—', '—', '—', '', 'Belum dinilai'])
    expect(rows.find((r) => r[1] === more.waOde.nip)!.slice(5, 20)).toEqual(['', '', '', 'Kegiatan tanpa RHK', '', '', '', '', '0 kegiatan disetujui, 0 menit', '', '—', '—', '—', '', 'Belum dinilai'])
    expect(rows.filter((r) => r[1] === kabid.nip).map((r) => r[7])).toEqual(['PKP-1', 'PKP-1', 'PKP-2'])
    expect(rows).toHaveLength(1 + 1 + 1 + 5 + 3 + 1 + 1)
  })
})
