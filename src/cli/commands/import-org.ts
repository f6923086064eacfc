import { type Counts, importOrg as runImport, previewOrg } from '../../admin/import-org.js'
import { localDate } from '../../domain/dates.js'
import type { Command } from '../index.js'
import { readCsvFile } from '../input-file.js'
import { DRY_RUN, printImportErrors, printPreview } from '../preview.js'

const describe = (c: Counts) => `${c.created} baru, ${c.updated} diubah, ${c.unchanged} tetap`

export const importOrg: Command = {
  name: 'import-org',
  args: ['<units.csv>', '<employees.csv>'],
  options: [{ name: 'dry-run' }],
  summary:
    'Mengimpor unit kerja dan pegawai dari dua file CSV. Semua baris diperiksa dulu; bila ada kesalahan, tidak ada yang diimpor.' + DRY_RUN,
  examples: ['npm run cli -- import-org data/units.csv data/employees.csv', 'npm run cli -- import-org --dry-run data/units.csv data/employees.csv'],
  async run([unitsPath, employeesPath], { io, clock, withDatabase }, opts) {
    const files: string[] = []
    for (const file of [unitsPath!, employeesPath!]) {
      const text = await readCsvFile(io, file)
      if (text === null) return 1
      files.push(text)
    }
    const [unitsCsv, employeesCsv] = files as [string, string]
    return withDatabase(async ({ cfg, db }) => {
      const at = clock.now()
      const input = { unitsCsv, employeesCsv, today: localDate(at, cfg.TZ_DEFAULT) }
      const result = opts['dry-run'] !== undefined ? await previewOrg(db.prisma, input) : await runImport(db.prisma, { ...input, at })
      if (!result.ok) {
        printImportErrors(io, result.errors, (e) => (e.file === 'units' ? unitsPath! : employeesPath!))
        return 1
      }
      if ('parts' in result) printPreview(io, result.parts)
      else io.stdout(`Impor selesai.\nUnit kerja: ${describe(result.units)}\nPegawai:    ${describe(result.employees)}\n`)
      return 0
    })
  },
}
