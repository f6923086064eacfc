import { ENTITY_LABEL, type PreviewItem, type PreviewPart } from '../admin/import-preview.js'
import type { CliIo } from './index.js'

// `--dry-run` of the import commands: what the import would change, with the same counts it reports
// when it runs, and the first rows of each kind of change.

const item = (mark: string, i: PreviewItem) =>
  `  ${mark} ${i.key} ${i.label}${i.fields?.length ? `: ${i.fields.map((f) => `${f.column} "${f.from}" → "${f.to}"`).join('; ')}` : ''}\n`

/** The sentence every import command's summary ends with. */
export const DRY_RUN = ' Dengan --dry-run hanya menampilkan apa yang akan berubah, tanpa menyimpan.'

export function printPreview(io: Pick<CliIo, 'stdout'>, parts: PreviewPart[]): void {
  const width = Math.max(...parts.map((p) => ENTITY_LABEL[p.entity].length)) + 1
  let out = 'Pratinjau (--dry-run): tidak ada yang disimpan.\n'
  for (const p of parts) {
    const deactivated = p.deactivated === null ? '' : `, ${p.deactivated} dinonaktifkan`
    out += `${`${ENTITY_LABEL[p.entity]}:`.padEnd(width + 1)}${p.created} baru, ${p.updated} diubah, ${p.unchanged} tetap${deactivated}\n`
    for (const i of p.examples.created) out += item('+', i)
    for (const i of p.examples.updated) out += item('~', i)
    for (const i of p.examples.deactivated) out += item('-', i)
    const shown = p.examples.created.length + p.examples.updated.length + p.examples.deactivated.length
    const total = p.created + p.updated + (p.deactivated ?? 0)
    if (total > shown) out += `  … dan ${total - shown} lagi\n`
    if (p.notInFile) out += `  ${p.notInFile} di database tidak ada di file: dibiarkan seperti sekarang\n`
    if (p.inactive) out += `  ${p.inactive} di file berstatus nonaktif: tetap nonaktif\n`
  }
  io.stdout(out)
}

/** An import's refusal: every problem with its file and line, then that nothing was stored. */
export function printImportErrors<E extends { line: number; message: string }>(io: Pick<CliIo, 'stderr'>, errors: E[], fileOf: (e: E) => string): void {
  for (const e of errors) io.stderr(`${fileOf(e)}:${e.line}: ${e.message}\n`)
  io.stderr(`${errors.length} kesalahan; tidak ada data yang diimpor.\n`)
}
