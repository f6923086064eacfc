import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/index.js'
import { evidenceLinkPath } from '../../src/domain/evidence-links.js'
import { people, startHarness, type Harness } from '../helpers/app.js'
import { tempDir } from '../helpers/db.js'
import { EVIDENCE_PDF, RA, seedProgres } from '../helpers/progres.js'

const PUBLIC_URL = 'https://kinerja.example.go.id/app'
const SECRET = 'uji-rahasia-tautan-bukti-0123456789-abcdefghij'
const HEADER = ['Rencana Aksi', 'Tanggal', 'Jam Mulai', 'Jam Selesai', 'Kegiatan Harian', 'Realisasi', 'Satuan', 'Bukti Dukung']
const LINK = new RegExp(`^${PUBLIC_URL.replace(/[.]/g, '\\.')}/bukti/(\\d+)/(\\d+)-([A-Za-z0-9_-]{43})$`)

const readCsv = (file: string) => parse(readFileSync(file, 'utf8'), { bom: true }) as string[][]

async function readBook(file: string) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  return wb
}

/** A sheet's cells as they are stored (the value, not its display), row by row. */
const cellsOf = (ws: ExcelJS.Worksheet) => {
  const rows: unknown[][] = []
  ws.eachRow({ includeEmpty: true }, (row) => {
    const out: unknown[] = []
    for (let c = 1; c <= ws.columnCount; c++) out.push(row.getCell(c).value ?? null)
    rows.push(out)
  })
  return rows
}

/** The CLI run against the same database with settings of its own (no PUBLIC_URL, for instance). */
async function cliWith(h: Harness, env: Record<string, string>, ...args: string[]) {
  let out = ''
  let err = ''
  const code = await runCli(args, { env: { DATABASE_URL: h.databaseUrl, LOG_LEVEL: 'silent', ...env }, clock: h.clock, stdout: (s) => (out += s), stderr: (s) => (err += s) })
  return { code, out, err }
}

/** The app's answer to a link, as a browser without a session gets it (no redirects followed). */
const open = (h: Harness, link: string) => fetch(`http://127.0.0.1:${h.app.port}${new URL(link).pathname.replace(/^\/app/, '')}`, { redirect: 'manual' })

describe('progres harian for BKN e-Kinerja', () => {
  it('one person: the form\'s columns cell by cell in XLSX and CSV, what was left out and why, Bukti Dukung links that work, are revoked and come back new', async () => {
    const h = await startHarness({ env: { PUBLIC_URL, EVIDENCE_LINK_SECRET: SECRET } })
    const { ids } = await seedProgres(h)
    const dir = tempDir()

    // XLSX
    const xlsx = path.join(dir, 'andi.xlsx')
    const r = await h.cli('export', 'progres-harian', '--nip', people.andi.nip, '--from', '2026-11-01', '--to', '2026-11-30', '--format', 'xlsx', '--out', xlsx)
    expect(r.code).toBe(0)
    expect(r.out).toBe(`Ekspor progres-harian Andi Latif, S.IP. (NIP ${people.andi.nip}) 2026-11-01 s.d. 2026-11-30: 3 baris, 3 tidak diekspor.\n${xlsx}\n`)
    // every activity left out, on stderr, with every reason it has
    expect(r.err).toBe(
      '3 kegiatan disetujui tidak diekspor (juga di sheet "Tidak diekspor"):\n' +
        `- #${ids.duration} 2026-11-05 Andi Latif, S.IP. (NIP ${people.andi.nip}): tanpa jam mulai dan jam selesai (dilaporkan sebagai durasi)\n` +
        `- #${ids.bare} 2026-11-06 Andi Latif, S.IP. (NIP ${people.andi.nip}): belum ada rencana aksi; realisasi belum diisi\n` +
        `- #${ids.october} 2026-11-09 Andi Latif, S.IP. (NIP ${people.andi.nip}): rencana aksinya untuk Oktober 2026, bukan untuk bulan kegiatan\n`,
    )
    const book = await readBook(xlsx)
    expect(book.worksheets.map((w) => w.name)).toEqual(['Progres Harian', 'Tidak diekspor'])
    const ws = book.worksheets[0]!
    const rows = cellsOf(ws)
    expect(rows[0]).toEqual(HEADER)
    expect(rows).toHaveLength(4)
    // date order; the night shift as stored: on its start date, 22:00 to 06:00; realisasi a number, 0 kept
    expect(rows.slice(1).map((x) => x.slice(0, 7))).toEqual([
      [RA.analisis, '2026-11-02', '08:00', '10:30', 'Menyusun draf analisis, bagian 1', 2, 'dokumen'],
      [RA.verifikasi, '2026-11-03', '22:00', '06:00', 'Verifikasi SKP shift malam', 15, 'SKP'],
      [RA.analisis, '2026-11-04', '09:00', '10:00', '=HYPERLINK("http://x.example/","klik")', 0, 'dokumen'],
    ])
    const [fileLink, nightLink] = [rows[1]![7] as string, rows[2]![7] as string]
    expect(fileLink).toMatch(LINK)
    expect(LINK.exec(fileLink)!.slice(1, 3)).toEqual([String(ids.file), '1'])
    expect(LINK.exec(nightLink)![1]).toBe(String(ids.night))
    expect(rows[3]![7]).toBeNull()
    // typed cells: text where the form expects text, the realisasi a number; a description is text, not a formula
    for (const col of ['A', 'B', 'C', 'D', 'E', 'G', 'H']) expect(ws.getCell(`${col}2`).type, col).toBe(ExcelJS.ValueType.String)
    expect(ws.getCell('B2').numFmt).toBe('@')
    expect(ws.getCell('C3').numFmt).toBe('@')
    expect(ws.getCell('F2').type).toBe(ExcelJS.ValueType.Number)
    expect(ws.getCell('E4').type).toBe(ExcelJS.ValueType.String)
    expect(ws.getRow(1).font?.bold).toBe(true)
    expect(cellsOf(book.getWorksheet('Tidak diekspor')!)).toEqual([
      ['ID', 'NIP', 'Nama', 'Tanggal', 'Kegiatan Harian', 'Alasan'],
      [ids.duration, people.andi.nip, 'Andi Latif, S.IP.', '2026-11-05', 'Rapat koordinasi', 'tanpa jam mulai dan jam selesai (dilaporkan sebagai durasi)'],
      [ids.bare, people.andi.nip, 'Andi Latif, S.IP.', '2026-11-06', 'Entri data kepegawaian', 'belum ada rencana aksi; realisasi belum diisi'],
      [ids.october, people.andi.nip, 'Andi Latif, S.IP.', '2026-11-09', 'Menyusun laporan', 'rencana aksinya untuk Oktober 2026, bukan untuk bulan kegiatan'],
    ])

    // CSV: the same cells; a second export hands out the same links; the formula is made text
    const csv = path.join(dir, 'andi.csv')
    const c = await h.cli('export', 'progres-harian', '--nip', people.andi.nip, '--from', '2026-11-01', '--to', '2026-11-30', '--out', csv)
    expect(c.code).toBe(0)
    expect(readCsv(csv)).toEqual([
      HEADER,
      [RA.analisis, '2026-11-02', '08:00', '10:30', 'Menyusun draf analisis, bagian 1', '2', 'dokumen', fileLink],
      [RA.verifikasi, '2026-11-03', '22:00', '06:00', 'Verifikasi SKP shift malam', '15', 'SKP', nightLink],
      [RA.analisis, '2026-11-04', '09:00', '10:00', `'=HYPERLINK("http://x.example/","klik")`, '0', 'dokumen', ''],
    ])
    expect(readFileSync(csv, 'utf8').startsWith('\uFEFFRencana Aksi,Tanggal,Jam Mulai,Jam Selesai,Kegiatan Harian,Realisasi,Satuan,Bukti Dukung\r\n')).toBe(true)
    expect(c.err).toContain('3 kegiatan disetujui tidak diekspor:\n')

    // the links: no login, the stored bytes with their type; a link given as evidence is a redirect to it
    const pdf = await open(h, fileLink)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(pdf.headers.get('content-disposition')).toBe(`inline; filename="analisis _triwulan_.pdf"; filename*=UTF-8''analisis%20%22triwulan%22.pdf`)
    expect(pdf.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await pdf.arrayBuffer())).toEqual(EVIDENCE_PDF)
    const redirect = await open(h, nightLink)
    expect(redirect.status).toBe(302)
    expect(redirect.headers.get('location')).toBe('https://drive.example.id/verifikasi-skp.pdf')
    // a changed signature, another activity under the same signature, a version never handed out
    const tampered = fileLink.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'))
    expect((await open(h, tampered)).status).toBe(403)
    expect((await open(h, fileLink.replace(`/bukti/${ids.file}/`, `/bukti/${ids.night}/`))).status).toBe(403)
    expect((await fetch(`http://127.0.0.1:${h.app.port}${evidenceLinkPath(SECRET, ids.file, 7)}`)).status).toBe(404)
    expect((await fetch(`http://127.0.0.1:${h.app.port}${evidenceLinkPath(SECRET, 999_999, 1)}`)).status).toBe(404)
    expect((await fetch(`http://127.0.0.1:${h.app.port}/bukti/${ids.file}`)).status).toBe(404)

    // revoked: 410, audited; the next export hands out a new link, which works
    const revoked = await h.cli('bukti', 'revoke', String(ids.file))
    expect(revoked).toMatchObject({ code: 0, out: `#${ids.file}: 1 tautan dicabut.\n` })
    const gone = await open(h, fileLink)
    expect(gone.status).toBe(410)
    expect(await gone.text()).toMatch(/sudah dicabut/)
    expect(await h.app.db.prisma.auditLog.count({ where: { action: 'evidence_link.revoke', entityId: String(ids.file) } })).toBe(1)
    expect((await h.cli('bukti', 'revoke', String(ids.file))).out).toContain('tidak ada tautan yang berlaku')
    expect((await h.cli('bukti', 'revoke', '999999')).code).toBe(1)
    await h.cli('export', 'progres-harian', '--nip', people.andi.nip, '--from', '2026-11-01', '--to', '2026-11-30', '--out', csv)
    const renewed = readCsv(csv)[1]![7]!
    expect(LINK.exec(renewed)!.slice(1, 3)).toEqual([String(ids.file), '2'])
    expect((await open(h, renewed)).status).toBe(200)
    expect((await open(h, fileLink)).status).toBe(410)
    expect((await h.cli('bukti', 'link', String(ids.file))).out).toBe(`#${ids.file}: ${renewed}\n`)

    // a signed link is a credential: neither it nor the secret is logged
    const logs = h.logs.join('')
    expect(logs).toContain('evidence link opened')
    expect(logs).not.toContain(SECRET)
    expect(logs).not.toContain(LINK.exec(fileLink)![3])
    expect(await h.app.db.prisma.auditLog.count({ where: { action: 'export', entityId: 'progres-harian' } })).toBe(3)

    // without PUBLIC_URL: Bukti Dukung of stored files stays empty and the export says why; a link given as evidence is written as it is
    const bare = path.join(dir, 'tanpa-url.csv')
    const plain = await cliWith(h, {}, 'export', 'progres-harian', '--nip', people.andi.nip, '--from', '2026-11-01', '--to', '2026-11-30', '--out', bare)
    expect(plain.code).toBe(0)
    expect(plain.err).toContain('Bukti Dukung: 1 baris dengan bukti dibiarkan kosong, karena PUBLIC_URL belum diatur')
    expect(readCsv(bare).map((x) => x[7])).toEqual(['Bukti Dukung', '', 'https://drive.example.id/verifikasi-skp.pdf', ''])
    expect((await cliWith(h, { PUBLIC_URL }, 'export', 'progres-harian', '--nip', people.andi.nip, '--from', '2026-11-01', '--to', '2026-11-30', '--out', bare)).err).toContain(
      'karena EVIDENCE_LINK_SECRET belum diatur',
    )
  })

  it('a unit: one sheet per person in the XLSX, one file per person for CSV; wrong usage refused before anything is read', async () => {
    const h = await startHarness({ env: { PUBLIC_URL, EVIDENCE_LINK_SECRET: SECRET } })
    const { ids } = await seedProgres(h)
    const dir = tempDir()
    const xlsx = path.join(dir, 'pkp.xlsx')
    const r = await h.cli('export', 'progres-harian', '--unit', 'BKPSDM', '--from', '2026-11-01', '--to', '2026-11-30', '--format', 'xlsx', '--out', xlsx)
    expect(r.code).toBe(0)
    expect(r.out).toContain('Ekspor progres-harian Badan Kepegawaian dan Pengembangan Sumber Daya Manusia 2026-11-01 s.d. 2026-11-30: 4 baris, 3 tidak diekspor.')
    const book = await readBook(xlsx)
    // BKPSDM-PKP below BKPSDM; in it Andi before Salmiah
    expect(book.worksheets.map((w) => w.name)).toEqual([people.andi.nip, people.salmiah.nip, 'Tidak diekspor'])
    expect(cellsOf(book.worksheets[1]!)).toEqual([HEADER, [RA.salmiah, '2026-11-02', '13:00', '15:00', 'Memantau server', 1, 'laporan', null]])
    expect(cellsOf(book.worksheets[0]!)).toHaveLength(4)

    // CSV: a folder of one form per person (the defaults name it); what was left out goes to stderr
    const cwd = process.cwd()
    process.chdir(dir)
    try {
      const c = await h.cli('export', 'progres-harian', '--unit', 'bkpsdm-pkp', '--from', '2026-11-01', '--to', '2026-11-30', '--separator', ';')
      expect(c.code).toBe(0)
      expect(c.err).toContain(`#${ids.october} 2026-11-09`)
    } finally {
      process.chdir(cwd)
    }
    const folder = path.join(dir, 'progres-harian-BKPSDM-PKP-2026-11-01-2026-11-30')
    expect(readdirSync(folder).sort()).toEqual([`${people.andi.nip}.csv`, `${people.salmiah.nip}.csv`].sort())
    const salmiah = parse(readFileSync(path.join(folder, `${people.salmiah.nip}.csv`), 'utf8'), { bom: true, delimiter: ';' }) as string[][]
    expect(salmiah).toEqual([HEADER, [RA.salmiah, '2026-11-02', '13:00', '15:00', 'Memantau server', '1', 'laporan', '']])

    const usage: [string[], RegExp][] = [
      [['--from', '2026-11-01', '--to', '2026-11-30'], /Pilih siapa yang diekspor: --nip <NIP> \(satu pegawai\) atau --unit <kode>/],
      [['--nip', people.andi.nip, '--unit', 'BKPSDM', '--from', '2026-11-01', '--to', '2026-11-30'], /Pilih salah satu: --nip atau --unit/],
      [['--nip', people.andi.nip, '--from', '2026-11-31', '--to', '2026-11-30'], /--from "2026-11-31" bukan tanggal yang valid/],
      [['--nip', people.andi.nip, '--from', '2026-11-01', '--to', '2026-11-30', '--format', 'pdf'], /Format "pdf" tidak didukung/],
    ]
    for (const [args, reason] of usage) {
      const u = await h.cli('export', 'progres-harian', ...args)
      expect(u.code, args.join(' ')).toBe(2)
      expect(u.err).toMatch(reason)
      expect(u.err).toContain('npm run cli -- export progres-harian --nip <NIP> | --unit <kode>')
    }
    expect((await h.cli('export', 'menit', '--nip', people.andi.nip, '--unit', 'BKPSDM', '--from', '2026-11-01', '--to', '2026-11-30')).err).toMatch(/--nip hanya untuk ekspor progres-harian/)
    const unknown = await h.cli('export', 'progres-harian', '--nip', '199001012020011001', '--from', '2026-11-01', '--to', '2026-11-30', '--out', path.join(dir, 'x.csv'))
    expect(unknown).toMatchObject({ code: 1 })
    expect(unknown.err).toContain('Pegawai dengan NIP "199001012020011001" tidak ada.')
    expect((await h.cli('export', 'progres-harian', '--unit', 'XX', '--from', '2026-11-01', '--to', '2026-11-30')).err).toContain('Unit "XX" tidak ada')
    expect((await h.cli('bukti', 'hapus', '1')).code).toBe(2)
    expect((await h.cli('bukti', 'revoke', 'satu')).err).toMatch(/"satu" bukan ID kegiatan/)
  })
})
