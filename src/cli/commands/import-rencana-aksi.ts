import { importRencanaAksi as runImport, previewRencanaAksi } from '../../admin/import-rencana-aksi.js'
import type { Command } from '../index.js'
import { readCsvFile } from '../input-file.js'
import { DRY_RUN, printImportErrors, printPreview } from '../preview.js'

export const importRencanaAksi: Command = {
  name: 'import-rencana-aksi',
  args: ['<rencana-aksi.csv>'],
  options: [{ name: 'dry-run' }],
  summary:
    'Mengimpor rencana aksi: per pegawai, tahun, RHK dan bulan, rencana aksi dengan target (bilangan bulat) dan satuan; ' +
    'satu baris per rencana aksi (kolom nip,tahun,kode,bulan,rencana_aksi,target,satuan; bulan 1-12 atau YYYY-MM). ' +
    'SKP harus sudah diimpor. Semua baris diperiksa dulu; bila ada kesalahan, tidak ada yang diimpor. ' +
    '(nip, tahun, kode, bulan) di file menggantikan rencana aksi bulan itu; yang tidak disebut lagi dinonaktifkan.' + DRY_RUN,
  examples: ['npm run cli -- import-rencana-aksi data/rencana-aksi-2026.csv', 'npm run cli -- import-rencana-aksi --dry-run data/rencana-aksi-2026.csv'],
  async run([file], { io, clock, withDatabase }, opts) {
    const csv = await readCsvFile(io, file!)
    if (csv === null) return 1
    return withDatabase(async ({ db }) => {
      const r = opts['dry-run'] !== undefined ? await previewRencanaAksi(db.prisma, csv) : await runImport(db.prisma, csv, clock.now())
      if (!r.ok) {
        printImportErrors(io, r.errors, () => file!)
        return 1
      }
      if ('parts' in r) {
        printPreview(io, r.parts)
        return 0
      }
      const c = r.rencanaAksi
      io.stdout(
        `Impor rencana aksi selesai.\nRencana bulanan (RHK per bulan): ${r.plans}\n` +
          `Rencana aksi: ${c.created} baru, ${c.updated} diubah, ${c.unchanged} tetap, ${c.deactivated} dinonaktifkan\n`,
      )
      return 0
    })
  },
}
