import { importSkp as runImport, previewSkp } from '../../admin/import-skp.js'
import type { Command } from '../index.js'
import { readCsvFile } from '../input-file.js'
import { DRY_RUN, printImportErrors, printPreview } from '../preview.js'

export const importSkp: Command = {
  name: 'import-skp',
  args: ['<skp.csv>'],
  options: [{ name: 'dry-run' }],
  summary:
    'Mengimpor SKP: per pegawai dan tahun, RHK (utama/tambahan, RHK atasan yang diintervensi) dengan indikator, target, satuan ' +
    'dan aspek; satu baris per indikator (kolom nip,tahun,kode,jenis,rhk,rhk_atasan,aspek,indikator,target,satuan). ' +
    'Semua baris diperiksa dulu; bila ada kesalahan, tidak ada yang diimpor. SKP (nip, tahun) di file menggantikan rencana sebelumnya.' + DRY_RUN,
  examples: ['npm run cli -- import-skp data/skp-2026.csv'],
  async run([file], { io, clock, withDatabase }, opts) {
    const csv = await readCsvFile(io, file!)
    if (csv === null) return 1
    return withDatabase(async ({ db }) => {
      const r = opts['dry-run'] !== undefined ? await previewSkp(db.prisma, csv) : await runImport(db.prisma, csv, clock.now())
      if (!r.ok) {
        printImportErrors(io, r.errors, () => file!)
        return 1
      }
      if ('parts' in r) {
        printPreview(io, r.parts)
        return 0
      }
      io.stdout(
        `Impor SKP selesai.\nSKP: ${r.skp.created} baru, ${r.skp.updated} diperbarui\n` +
          `RHK: ${r.rhk.created} baru, ${r.rhk.updated} diubah, ${r.rhk.unchanged} tetap, ${r.rhk.deactivated} dinonaktifkan\n`,
      )
      return 0
    })
  },
}
