import { readFile } from 'node:fs/promises'
import { describeCsv, readCsvBytes } from '../admin/csv-text.js'
import type { CliIo } from './index.js'

/** Why a file could not be read, in words (not Node's ENOENT). */
export function fileProblem(file: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code
  switch (code) {
    case 'ENOENT':
      return `Berkas tidak ditemukan: ${file}`
    case 'EACCES':
    case 'EPERM':
      return `Tidak ada izin membaca berkas: ${file}`
    case 'EISDIR':
      return `${file} adalah folder, bukan berkas CSV`
    default:
      return `Tidak bisa membaca berkas ${file}: ${code ?? (err as Error)?.message ?? String(err)}`
  }
}

/**
 * Reads a CSV an operator gave: any encoding spreadsheet programs save in (csv-text.ts), with what was
 * read said on stdout when it is not UTF-8 with commas. Null after telling why it could not be read (a
 * workbook or other binary file included).
 */
export async function readCsvFile(io: Pick<CliIo, 'stdout' | 'stderr'>, file: string): Promise<string | null> {
  let buf: Buffer
  try {
    buf = await readFile(file)
  } catch (e) {
    io.stderr(`${fileProblem(file, e)}\n`)
    return null
  }
  const read = readCsvBytes(buf)
  if (!read.ok) {
    io.stderr(`${file}: ${read.problem}\n`)
    return null
  }
  // said when it is not what most tools write (UTF-8 with commas), so the admin can check the result
  if (read.encoding !== 'UTF-8' || read.separator !== ',') io.stdout(`${file}: dibaca sebagai ${describeCsv(read.encoding, read.separator)}\n`)
  return read.text
}
