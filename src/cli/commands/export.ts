import path from 'node:path'
import { buildExport, EXPORT_KINDS, EXPORT_MAX_DAYS, exportFileName, exportRangeProblem, exportScope } from '../../admin/export.js'
import { writeTable, type CsvOptions, type ExportFormat } from '../../admin/export-write.js'
import type { Command } from '../index.js'
import { synopsis } from './help.js'

const SEPARATORS: Record<string, CsvOptions['separator']> = { ',': ',', ';': ';', tab: '\t' }

/** What is wrong with the options, in words; null when they can be used. */
function problemOf(o: Record<string, string>): string | null {
  const range = exportRangeProblem(o.from, o.to)
  if (range) return range
  if (o.format !== undefined && !['csv', 'xlsx'].includes(o.format)) return `Format "${o.format}" tidak didukung: pilih csv atau xlsx`
  if (o.separator !== undefined && !SEPARATORS[o.separator]) return `Pemisah "${o.separator}" tidak didukung: pilih ',' ';' atau tab`
  if (o.decimal !== undefined && !['koma', 'titik'].includes(o.decimal)) return `--decimal "${o.decimal}" tidak dikenal: pilih koma atau titik`
  if ((o.separator !== undefined || o.decimal !== undefined) && o.format === 'xlsx') return '--separator dan --decimal hanya untuk format csv'
  return null
}

export const exportCommand: Command = {
  name: 'export',
  args: ['<aktivitas|menit|evaluasi>'],
  options: [
    { name: 'unit', value: 'kode', required: true },
    { name: 'from', value: 'YYYY-MM-DD', required: true },
    { name: 'to', value: 'YYYY-MM-DD', required: true },
    { name: 'format', value: 'csv|xlsx' },
    { name: 'separator', value: ",|;|tab" },
    { name: 'decimal', value: 'koma|titik' },
    { name: 'out', value: 'file' },
  ],
  summary:
    'Ekspor data unit dan semua unit di bawahnya: aktivitas (semua laporan), menit (menit disetujui per pegawai per bulan dengan ' +
    'target, capaian dan subtotal unit: dasar TPP), evaluasi (per pegawai: RHK → realisasi → bukti → rating → predikat, untuk BKN e-Kinerja). ' +
    `Rentang paling panjang ${EXPORT_MAX_DAYS} hari. Format csv (bawaan) atau xlsx; file ditulis ke --out atau ke <jenis>-<unit>-<dari>-<sampai>.<format>. ` +
    "Untuk Excel berbahasa Indonesia: --separator ';' (angka desimal lalu memakai koma; --decimal titik untuk tetap memakai titik).",
  examples: [
    'npm run cli -- export menit --unit BKPSDM --from 2026-11-01 --to 2026-11-30 --format xlsx',
    "npm run cli -- export menit --unit BKPSDM --from 2026-11-01 --to 2026-11-30 --separator ';'",
    'npm run cli -- export evaluasi --unit DINKES --from 2026-10-01 --to 2026-12-31 --out evaluasi-dinkes.csv',
  ],
  async run([kindText], { io, clock, withDatabase }, f) {
    const kind = EXPORT_KINDS[kindText!.toLowerCase()]
    if (!kind) {
      io.stderr(`Jenis ekspor "${kindText}" tidak dikenal. Pilih: aktivitas, menit, atau evaluasi.\n${USAGE}`)
      return 2
    }
    const problem = problemOf(f)
    if (problem) {
      io.stderr(`${problem}\n${USAGE}`)
      return 2
    }
    const format = (f.format ?? 'csv') as ExportFormat
    const separator = SEPARATORS[f.separator ?? ','] ?? ','
    const csv: CsvOptions = { separator, decimalComma: f.decimal ? f.decimal === 'koma' : separator === ';' }
    return withDatabase(async ({ cfg, db }) => {
      const scope = await exportScope(db.prisma, f.unit!, f.from!, f.to!)
      if (!scope) {
        io.stderr(`Unit "${f.unit}" tidak ada.\n`)
        return 1
      }
      const table = await buildExport({ db: db.prisma, tz: cfg.TZ_DEFAULT, minutesPerDay: cfg.MINUTES_PER_DAY }, kind, scope, clock.now())
      const file = path.resolve(f.out ?? exportFileName(kind, scope, format))
      await writeTable(table, format, file, csv)
      io.stdout(`Ekspor ${kind} ${scope.unit.name} ${f.from} s.d. ${f.to}: ${table.rows.length} baris.\n${file}\n`)
      return 0
    })
  },
}

const USAGE = `Pemakaian: npm run cli -- ${synopsis(exportCommand)}\n`
