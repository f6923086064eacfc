import { importHolidays as runImport, importLeave as runLeave, type CalendarImportResult } from '../../admin/import-calendar.js'
import type { Command, CliContext } from '../index.js'
import { readCsvFile } from '../input-file.js'

/** Reads the file, imports it all-or-nothing, and reports every bad line with its number. */
async function importFile(
  file: string,
  ctx: CliContext,
  run: (db: Parameters<typeof runImport>[0], csv: string, at: Date) => Promise<CalendarImportResult>,
  label: string,
): Promise<number> {
  const csv = await readCsvFile(ctx.io, file)
  if (csv === null) return 1
  return ctx.withDatabase(async ({ db }) => {
    const result = await run(db.prisma, csv, ctx.clock.now())
    if (!result.ok) {
      for (const e of result.errors) ctx.io.stderr(`${file}:${e.line}: ${e.message}\n`)
      ctx.io.stderr(`${result.errors.length} kesalahan; tidak ada data yang diimpor.\n`)
      return 1
    }
    ctx.io.stdout(`Impor selesai.\n${label}: ${result.created} baru, ${result.updated} diubah, ${result.unchanged} tetap\n`)
    return 0
  })
}

export const importHolidays: Command = {
  name: 'import-holidays',
  args: ['<holidays.csv>'],
  summary:
    'Mengimpor hari libur nasional dan cuti bersama (kolom date,name[,kind]; kind libur atau cuti_bersama). ' +
    'Semua baris diperiksa dulu; bila ada kesalahan, tidak ada yang diimpor.',
  examples: ['npm run cli -- import-holidays data/holidays-2026.csv'],
  run: ([file], ctx) => importFile(file!, ctx, runImport, 'Hari libur'),
}

export const importLeave: Command = {
  name: 'import-leave',
  args: ['<leave.csv>'],
  summary:
    'Mengimpor cuti/izin/sakit/dinas luar pegawai (kolom nip,from,to,kind; tanggal YYYY-MM-DD, sampai dengan "to"). ' +
    'Semua baris diperiksa dulu; bila ada kesalahan, tidak ada yang diimpor.',
  examples: ['npm run cli -- import-leave data/cuti-desember.csv'],
  run: ([file], ctx) => importFile(file!, ctx, runLeave, 'Cuti/izin'),
}
