import path from 'node:path'
import { FIXTURES, people, type Harness } from './app.js'

// November 2026 of Andi Latif (and one row of Salmiah Djafar) as the progres harian export reads it: rencana
// aksi per RHK and month, approved activities with and without what BKN's form needs. Rows go straight into
// the database (nothing in this branch fills rencanaAksiId and realisasi yet).

export const EVIDENCE_PDF = Buffer.from('%PDF-1.4\n% bukti analisis\n%%EOF\n')
export const RA = {
  analisis: 'Menyusun draf analisis hasil penilaian kinerja triwulan',
  verifikasi: 'Memverifikasi SKP pegawai OPD',
  oktober: 'Rencana aksi Oktober',
  salmiah: 'Memantau layanan aplikasi kinerja',
} as const

type Db = Harness['app']['db']['prisma']

async function rencanaAksi(db: Db, nip: string, rhk: string, period: string, text: string, satuan: string) {
  const r = await db.rhk.findFirstOrThrow({ where: { code: rhk, skp: { year: 2026, employee: { nip } } }, select: { id: true } })
  return (await db.rencanaAksi.create({ data: { rhkId: r.id, period, text, target: 4, satuan }, select: { id: true } })).id
}

export interface ProgresFixture {
  /** Andi's activities by name. */
  ids: Record<'file' | 'night' | 'formula' | 'duration' | 'bare' | 'october' | 'pending' | 'outside' | 'salmiah', number>
}

/** Imports the SKP and writes November's rencana aksi and activities; returns the activity ids. */
export async function seedProgres(h: Harness): Promise<ProgresFixture> {
  const db = h.app.db.prisma
  const imported = await h.cli('import-skp', path.join(FIXTURES, 'kendari-skp-2026.csv'))
  if (imported.code !== 0) throw new Error(`SKP import failed: ${imported.err}`)
  const andi = await db.employee.findUniqueOrThrow({ where: { nip: people.andi.nip }, select: { id: true } })
  const salmiah = await db.employee.findUniqueOrThrow({ where: { nip: people.salmiah.nip }, select: { id: true } })
  const analisis = await rencanaAksi(db, people.andi.nip, 'RHK-1', '2026-11', RA.analisis, 'dokumen')
  const verifikasi = await rencanaAksi(db, people.andi.nip, 'RHK-2', '2026-11', RA.verifikasi, 'SKP')
  const oktober = await rencanaAksi(db, people.andi.nip, 'RHK-1', '2026-10', RA.oktober, 'dokumen')
  const salmiahRa = await rencanaAksi(db, people.salmiah.nip, 'RHK-1', '2026-11', RA.salmiah, 'laporan')
  const file = await db.attachment.create({ data: { filename: 'analisis "triwulan".pdf', mime: 'application/pdf', data: new Uint8Array(EVIDENCE_PDF) }, select: { id: true } })
  const add = async (a: {
    employeeId?: number
    date: string
    start?: number
    end?: number
    minutes: number
    description: string
    status?: string
    ra?: number
    realisasi?: number
    evidence?: { kind: string; ref: string; name?: string; fileId?: number }
  }) =>
    (
      await db.activity.create({
        data: {
          employeeId: a.employeeId ?? andi.id,
          date: a.date,
          startMinute: a.start ?? null,
          endMinute: a.end ?? null,
          minutes: a.minutes,
          description: a.description,
          status: a.status ?? 'DISETUJUI',
          rencanaAksiId: a.ra ?? null,
          realisasi: a.realisasi ?? null,
          ...(a.evidence ? { evidenceKind: a.evidence.kind, evidenceRef: a.evidence.ref, evidenceName: a.evidence.name ?? null, evidenceFileId: a.evidence.fileId ?? null } : {}),
        },
        select: { id: true },
      })
    ).id
  const ids = {
    // created out of date order: the export sorts by date and start
    night: await add({ date: '2026-11-03', start: 22 * 60, end: 30 * 60, minutes: 480, description: 'Verifikasi SKP shift malam', ra: verifikasi, realisasi: 15, evidence: { kind: 'link', ref: 'https://drive.example.id/verifikasi-skp.pdf' } }),
    file: await add({ date: '2026-11-02', start: 8 * 60, end: 10 * 60 + 30, minutes: 150, description: 'Menyusun draf analisis, bagian 1', ra: analisis, realisasi: 2, evidence: { kind: 'document', ref: 'tg-doc-9', name: 'analisis.pdf', fileId: file.id } }),
    formula: await add({ date: '2026-11-04', start: 9 * 60, end: 10 * 60, minutes: 60, description: '=HYPERLINK("http://x.example/","klik")', ra: analisis, realisasi: 0 }),
    duration: await add({ date: '2026-11-05', minutes: 90, description: 'Rapat koordinasi', ra: analisis, realisasi: 1 }),
    bare: await add({ date: '2026-11-06', start: 8 * 60, end: 9 * 60, minutes: 60, description: 'Entri data kepegawaian' }),
    october: await add({ date: '2026-11-09', start: 8 * 60, end: 9 * 60, minutes: 60, description: 'Menyusun laporan', ra: oktober, realisasi: 1 }),
    pending: await add({ date: '2026-11-10', start: 8 * 60, end: 9 * 60, minutes: 60, description: 'Belum disetujui', status: 'DIAJUKAN', ra: analisis, realisasi: 1 }),
    outside: await add({ date: '2026-10-30', start: 8 * 60, end: 9 * 60, minutes: 60, description: 'Bulan lalu', ra: oktober, realisasi: 1 }),
    salmiah: await add({ employeeId: salmiah.id, date: '2026-11-02', start: 13 * 60, end: 15 * 60, minutes: 120, description: 'Memantau server', ra: salmiahRa, realisasi: 1 }),
  }
  return { ids }
}
