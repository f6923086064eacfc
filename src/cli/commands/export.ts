import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { buildExport, EXPORT_KINDS, EXPORT_MAX_DAYS, exportFileName, exportRangeProblem, exportScope } from '../../admin/export.js'
import {
  PROGRES_HARIAN_COLUMNS,
  personScope,
  progresHarian,
  progresHarianCsv,
  progresHarianXlsx,
  type ProgresHarian,
} from '../../admin/export-progres-harian.js'
import { skipReasonText } from '../../messages/index.js'
import { writeTable, type CsvOptions, type ExportFormat } from '../../admin/export-write.js'
import type { Command, CliContext } from '../index.js'
import { usage } from './help.js'

const SEPARATORS: Record<string, CsvOptions['separator']> = { ',': ',', ';': ';', tab: '\t' }

/** What is wrong with the options, in words; null when they can be used. */
function problemOf(o: Record<string, string>, progres: boolean): string | null {
  if (progres) {
    if (o.nip === undefined && o.unit === undefined) return 'Pilih siapa yang diekspor: --nip <NIP> (satu pegawai) atau --unit <kode> (unit dan semua unit di bawahnya)'
    if (o.nip !== undefined && o.unit !== undefined) return 'Pilih salah satu: --nip atau --unit, tidak keduanya'
  } else {
    if (o.unit === undefined) return 'Opsi wajib belum diberikan: --unit'
    if (o.nip !== undefined) return '--nip hanya untuk ekspor progres-harian'
  }
  const range = exportRangeProblem(o.from, o.to)
  if (range) return range
  if (o.format !== undefined && !['csv', 'xlsx'].includes(o.format)) return `Format "${o.format}" tidak didukung: pilih csv atau xlsx`
  if (o.separator !== undefined && !SEPARATORS[o.separator]) return `Pemisah "${o.separator}" tidak didukung: pilih ',' ';' atau tab`
  if (o.decimal !== undefined && !['koma', 'titik'].includes(o.decimal)) return `--decimal "${o.decimal}" tidak dikenal: pilih koma atau titik`
  if ((o.separator !== undefined || o.decimal !== undefined) && o.format === 'xlsx') return '--separator dan --decimal hanya untuk format csv'
  return null
}

const TAIL = '--from <YYYY-MM-DD> --to <YYYY-MM-DD> [--format <csv|xlsx>] [--separator <,|;|tab>] [--decimal <koma|titik>]'

export const exportCommand: Command = {
  name: 'export',
  args: ['<aktivitas|menit|evaluasi|progres-harian>'],
  options: [
    { name: 'unit', value: 'kode' },
    { name: 'nip', value: 'NIP' },
    { name: 'from', value: 'YYYY-MM-DD', required: true },
    { name: 'to', value: 'YYYY-MM-DD', required: true },
    { name: 'format', value: 'csv|xlsx' },
    { name: 'separator', value: ",|;|tab" },
    { name: 'decimal', value: 'koma|titik' },
    { name: 'out', value: 'file' },
  ],
  synopses: [
    `export <aktivitas|menit|evaluasi> --unit <kode> ${TAIL} [--out <file>]`,
    `export progres-harian --nip <NIP> | --unit <kode> ${TAIL} [--out <file|folder>]`,
  ],
  summary:
    'Ekspor data unit dan semua unit di bawahnya: aktivitas (semua laporan), menit (menit disetujui per pegawai per bulan dengan ' +
    'target, capaian dan subtotal unit: dasar TPP), evaluasi (per pegawai: RHK → realisasi → bukti → rating → predikat, untuk BKN e-Kinerja). ' +
    `progres-harian: kegiatan yang disetujui dalam kolom formulir progres harian BKN e-Kinerja (${PROGRES_HARIAN_COLUMNS.join(', ')}), ` +
    'untuk satu pegawai (--nip) atau satu unit (--unit: satu sheet per pegawai dalam xlsx, satu file per pegawai dalam folder untuk csv); ' +
    'kegiatan yang tidak bisa diekspor (tanpa rencana aksi, tanpa jam, tanpa realisasi) ditulis ke stderr dengan alasannya, ' +
    'dan di xlsx juga di sheet "Tidak diekspor". ' +
    `Rentang paling panjang ${EXPORT_MAX_DAYS} hari. Format csv (bawaan) atau xlsx; file ditulis ke --out atau ke <jenis>-<unit|NIP>-<dari>-<sampai>.<format>. ` +
    "Untuk Excel berbahasa Indonesia: --separator ';' (angka desimal lalu memakai koma; --decimal titik untuk tetap memakai titik).",
  examples: [
    'npm run cli -- export menit --unit BKPSDM --from 2026-11-01 --to 2026-11-30 --format xlsx',
    "npm run cli -- export menit --unit BKPSDM --from 2026-11-01 --to 2026-11-30 --separator ';'",
    'npm run cli -- export evaluasi --unit DINKES --from 2026-10-01 --to 2026-12-31 --out evaluasi-dinkes.csv',
    'npm run cli -- export progres-harian --nip 198603022018032015 --from 2026-11-01 --to 2026-11-30 --format xlsx',
  ],
  async run([kindText], ctx, f) {
    const { io } = ctx
    const word = kindText!.toLowerCase()
    const progres = word === 'progres-harian' || word === 'progres'
    const kind = EXPORT_KINDS[word]
    if (!kind && !progres) {
      io.stderr(`Jenis ekspor "${kindText}" tidak dikenal. Pilih: aktivitas, menit, evaluasi, atau progres-harian.\n${USAGE()}`)
      return 2
    }
    const problem = problemOf(f, progres)
    if (problem) {
      io.stderr(`${problem}\n${USAGE()}`)
      return 2
    }
    const format = (f.format ?? 'csv') as ExportFormat
    const separator = SEPARATORS[f.separator ?? ','] ?? ','
    const csv: CsvOptions = { separator, decimalComma: f.decimal ? f.decimal === 'koma' : separator === ';' }
    if (progres) return runProgresHarian(ctx, f, format, csv)
    return ctx.withDatabase(async ({ cfg, db }) => {
      const scope = await exportScope(db.prisma, f.unit!, f.from!, f.to!)
      if (!scope) {
        io.stderr(`Unit "${f.unit}" tidak ada.\n`)
        return 1
      }
      const table = await buildExport({ db: db.prisma, tz: cfg.TZ_DEFAULT, minutesPerDay: cfg.MINUTES_PER_DAY }, kind!, scope, ctx.clock.now())
      const file = path.resolve(f.out ?? exportFileName(kind!, scope, format))
      await writeTable(table, format, file, csv)
      io.stdout(`Ekspor ${kind} ${scope.unit.name} ${f.from} s.d. ${f.to}: ${table.rows.length} baris.\n${file}\n`)
      return 0
    })
  },
}

const LINK_PROBLEM = {
  NO_PUBLIC_URL: 'PUBLIC_URL belum diatur',
  NO_SECRET: 'EVIDENCE_LINK_SECRET belum diatur',
} as const

/**
 * progres-harian: one person (--nip) or a unit (--unit). XLSX: one file (a sheet per person for a unit, and
 * "Tidak diekspor"); CSV: one file for a person, a folder of one file per person for a unit. What was left
 * out goes to stderr, line by line, with its reasons.
 */
async function runProgresHarian(ctx: CliContext, f: Record<string, string>, format: ExportFormat, csv: CsvOptions): Promise<number> {
  const { io } = ctx
  return ctx.withDatabase(async ({ cfg, db }) => {
    const scope = f.nip !== undefined ? await personScope(db.prisma, f.nip, f.from!, f.to!) : await exportScope(db.prisma, f.unit!, f.from!, f.to!)
    if (!scope) {
      io.stderr(f.nip !== undefined ? `Pegawai dengan NIP "${f.nip}" tidak ada.\n` : `Unit "${f.unit}" tidak ada.\n`)
      return 1
    }
    const p = await progresHarian({ db: db.prisma, links: { publicUrl: cfg.PUBLIC_URL, secret: cfg.EVIDENCE_LINK_SECRET } }, scope, ctx.clock.now())
    const label = p.scope.kind === 'person' ? p.scope.nip : p.scope.code
    const target = path.resolve(f.out ?? `progres-harian-${label}-${f.from}-${f.to}${format === 'csv' && p.scope.kind === 'unit' ? '' : `.${format}`}`)
    if (format === 'xlsx') await writeFile(target, await progresHarianXlsx(p))
    else if (p.scope.kind === 'person') await writeFile(target, progresHarianCsv(p, csv)[0]!.csv)
    else {
      await mkdir(target, { recursive: true })
      for (const file of progresHarianCsv(p, csv)) await writeFile(path.join(target, `${file.name}.csv`), file.csv)
    }
    const who = p.scope.kind === 'person' ? `${p.scope.name} (NIP ${p.scope.nip})` : p.scope.name
    io.stdout(`Ekspor progres-harian ${who} ${f.from} s.d. ${f.to}: ${p.exported} baris, ${p.skipped.length} tidak diekspor.\n${target}\n`)
    reportLeftOut(io.stderr, p, format)
    return 0
  })
}

function reportLeftOut(say: (s: string) => void, p: ProgresHarian, format: ExportFormat) {
  if (p.skipped.length > 0) {
    say(`${p.skipped.length} kegiatan disetujui tidak diekspor${format === 'xlsx' ? ' (juga di sheet "Tidak diekspor")' : ''}:\n`)
    for (const s of p.skipped) say(`- #${s.activityId} ${s.date} ${s.name} (NIP ${s.nip}): ${s.reasons.map(skipReasonText).join('; ')}\n`)
  }
  if (p.links.unlinked > 0) {
    const why = p.links.problem ? `${LINK_PROBLEM[p.links.problem]} (docs/evaluation.md, "Progres harian")` : 'berkasnya tidak tersimpan di kinerja-bot'
    say(`Bukti Dukung: ${p.links.unlinked} baris dengan bukti dibiarkan kosong, karena ${why}.\n`)
  }
}

const USAGE = () => `Pemakaian: ${usage(exportCommand)}\n`
