import {
  type CalendarImportResult,
  type CalendarPreview,
  importHolidays as runImport,
  importLeave as runLeave,
  previewHolidays,
  previewLeave,
} from '../../admin/import-calendar.js'
import type { Db } from '../../db/client.js'
import type { Command, CliContext } from '../index.js'
import { readCsvFile } from '../input-file.js'
import { DRY_RUN, printImportErrors, printPreview } from '../preview.js'

/** Reads the file, imports it all-or-nothing (or only shows what would change), and reports every bad line with its number. */
async function importFile(
  file: string,
  ctx: CliContext,
  dryRun: boolean,
  run: (db: Db, csv: string, at: Date) => Promise<CalendarImportResult>,
  preview: (db: Db, csv: string) => Promise<CalendarPreview>,
  label: string,
): Promise<number> {
  const csv = await readCsvFile(ctx.io, file)
  if (csv === null) return 1
  return ctx.withDatabase(async ({ db }) => {
    const result = dryRun ? await preview(db.prisma, csv) : await run(db.prisma, csv, ctx.clock.now())
    if (!result.ok) {
      printImportErrors(ctx.io, result.errors, () => file)
      return 1
    }
    if ('parts' in result) printPreview(ctx.io, result.parts)
    else ctx.io.stdout(`Impor selesai.\n${label}: ${result.created} baru, ${result.updated} diubah, ${result.unchanged} tetap\n`)
    return 0
  })
}

export const importHolidays: Command = {
  name: 'import-holidays',
  args: ['<holidays.csv>'],
  options: [{ name: 'dry-run' }],
  summary:
    'Mengimpor hari libur nasional dan cuti bersama (kolom date,name[,kind]; kind libur atau cuti_bersama). ' +
    `Semua baris diperiksa dulu; bila ada kesalahan, tidak ada yang diimpor.${DRY_RUN}`,
  examples: ['npm run cli -- import-holidays data/holidays-2026.csv'],
  run: ([file], ctx, opts) => importFile(file!, ctx, opts['dry-run'] !== undefined, runImport, previewHolidays, 'Hari libur'),
}

export const importLeave: Command = {
  name: 'import-leave',
  args: ['<leave.csv>'],
  options: [{ name: 'dry-run' }],
  summary:
    'Mengimpor cuti/izin/sakit/dinas luar pegawai (kolom nip,from,to,kind; tanggal YYYY-MM-DD, sampai dengan "to"). ' +
    `Semua baris diperiksa dulu; bila ada kesalahan, tidak ada yang diimpor.${DRY_RUN}`,
  examples: ['npm run cli -- import-leave data/cuti-desember.csv'],
  run: ([file], ctx, opts) => importFile(file!, ctx, opts['dry-run'] !== undefined, runLeave, previewLeave, 'Cuti/izin'),
}
