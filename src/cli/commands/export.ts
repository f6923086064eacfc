import path from 'node:path'
import { buildExport, EXPORT_KINDS, exportScope } from '../../admin/export.js'
import { writeTable, type ExportFormat } from '../../admin/export-write.js'
import { isValidDate } from '../../domain/dates.js'
import type { Command } from '../index.js'

const isDate = (s: string | undefined) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s ?? '')
  return m !== null && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))
}

/** `--name value` and `--name=value`, in any order; null when something is not a known flag. */
function flags(args: string[], known: string[]): Record<string, string> | null {
  const out: Record<string, string> = {}
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(args[i]!)
    if (!m || !known.includes(m[1]!)) return null
    const value = m[2] ?? args[++i]
    if (value === undefined) return null
    out[m[1]!] = value
  }
  return out
}

const USAGE = 'Pemakaian: npm run cli -- export <aktivitas|menit|evaluasi> --unit <kode> --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--format csv|xlsx] [--out <file>]\n'

export const exportCommand: Command = {
  name: 'export',
  args: ['<jenis>', '--unit', '<kode>', '--from', '<tanggal>', '--to', '<tanggal>', '[--format]', '[csv|xlsx]', '[--out]', '[file]'],
  summary:
    'Ekspor data unit dan semua unit di bawahnya: aktivitas (semua laporan), menit (menit disetujui per pegawai per bulan dengan ' +
    'target, capaian dan subtotal unit: dasar TPP), evaluasi (per pegawai: RHK → realisasi → bukti → rating → predikat, untuk BKN e-Kinerja). ' +
    'Format csv (bawaan) atau xlsx; file ditulis ke --out atau ke <jenis>-<unit>-<dari>-<sampai>.<format>.',
  examples: [
    'npm run cli -- export menit --unit BKPSDM --from 2026-11-01 --to 2026-11-30 --format xlsx',
    'npm run cli -- export evaluasi --unit DINKES --from 2026-10-01 --to 2026-12-31 --out evaluasi-dinkes.csv',
  ],
  async run([kindText, ...rest], { io, clock, withDatabase }) {
    const kind = EXPORT_KINDS[kindText!.toLowerCase()]
    const f = flags(rest, ['unit', 'from', 'to', 'format', 'out'])
    if (!kind) {
      io.stderr(`Jenis ekspor "${kindText}" tidak dikenal. Pilih: aktivitas, menit, atau evaluasi.\n${USAGE}`)
      return 2
    }
    if (!f || !f.unit || !isDate(f.from) || !isDate(f.to) || f.from! > f.to! || (f.format && !['csv', 'xlsx'].includes(f.format))) {
      io.stderr(USAGE)
      return 2
    }
    const format = (f.format ?? 'csv') as ExportFormat
    return withDatabase(async ({ cfg, db }) => {
      const scope = await exportScope(db.prisma, f.unit!, f.from!, f.to!)
      if (!scope) {
        io.stderr(`Unit "${f.unit}" tidak ada.\n`)
        return 1
      }
      const table = await buildExport({ db: db.prisma, tz: cfg.TZ_DEFAULT, minutesPerDay: cfg.MINUTES_PER_DAY }, kind, scope, clock.now())
      const file = path.resolve(f.out ?? `${kind}-${scope.unit.code}-${f.from}-${f.to}.${format}`)
      await writeTable(table, format, file)
      io.stdout(`Ekspor ${kind} ${scope.unit.name} ${f.from} s.d. ${f.to}: ${table.rows.length} baris.\n${file}\n`)
      return 0
    })
  },
}
