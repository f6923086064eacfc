import { CsvError, type Info, parse } from 'csv-parse/sync'
import { detectSeparator } from './csv-text.js'
import type { Report } from './org-types.js'

/** The columns a file must have, and those it may have. */
export interface ColumnSpec {
  required: string[]
  optional: string[]
}
export interface CsvRow {
  /** Physical line where the record starts; the header is line 1. */
  line: number
  /** The cell of a column ('' when empty or absent). */
  get(column: string): string
}
export interface CsvTable {
  columns: Set<string>
  rows: CsvRow[]
}

/**
 * Parses one file and checks its header against `spec`; null when the rows cannot be read by column name.
 * Column names are case-insensitive, cells are trimmed, blank lines skipped; a row with too many or too few
 * cells is reported on its own line and left out.
 */
export function readCsv(text: string, spec: ColumnSpec, report: Report): CsvTable | null {
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    report(1, `file kosong: baris pertama harus judul kolom (${spec.required.join(',')})`)
    return null
  }
  let header: string[] = []
  let records: { record: Record<string, string | undefined>; info: Info & { error?: CsvError } }[]
  try {
    records = parse(text, {
      columns: (names: string[]) => (header = names.map((n) => n.toLowerCase())),
      // Indonesian Excel separates cells with ';' (see csv-text.ts)
      delimiter: detectSeparator(text),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
      relax_column_count: true, // a short or long row becomes an error of that row, not of the whole file
      record_delimiter: ['\r\n', '\n', '\r'], // not auto-detected: rows appended in another editor mix them
    })
  } catch (e) {
    if (!(e instanceof CsvError)) throw e
    report(typeof e.lines === 'number' ? e.lines : 1, `format CSV rusak: ${e.message}`)
    return null
  }
  const locate = lineLocator(Buffer.from(text, 'utf8'))
  const headerLine = locate.next(0)
  const known = [...spec.required, ...spec.optional]
  const duplicates = header.filter((c, i) => header.indexOf(c) !== i)
  const unknown = header.filter((c) => !known.includes(c))
  const missing = spec.required.filter((c) => !header.includes(c))
  if (duplicates.length > 0) report(headerLine, `kolom ganda: ${[...new Set(duplicates)].join(', ')}`)
  if (unknown.length > 0) {
    // spreadsheets export trailing empty columns: name them by position
    const names = unknown.map((c) => (c === '' ? `(tanpa judul, kolom ke-${header.indexOf(c) + 1})` : c))
    report(headerLine, `kolom tidak dikenal: ${[...new Set(names)].join(', ')} (yang dikenal: ${known.join(', ')})`)
  }
  if (missing.length > 0) report(headerLine, `kolom wajib tidak ada: ${missing.join(', ')}`)
  if (duplicates.length > 0 || missing.length > 0) return null

  const rows: CsvRow[] = []
  let end = locate.headerEnd()
  for (const { record, info } of records) {
    const line = locate.next(end)
    end = info.bytes
    if (info.error) {
      report(line, `jumlah kolom tidak sama dengan judul (seharusnya ${header.length}); periksa tanda pemisah dan tanda petik`)
      continue
    }
    rows.push({ line, get: (column) => record[column] ?? '' })
  }
  return { columns: new Set(header), rows }
}

/** A file read for an import: its table (null when its rows cannot be read by column name) and the problems found. */
export interface ReadTable {
  table: CsvTable | null
  errors: { line: number; message: string }[]
}

/** Reads one import file with {@link readCsv}, collecting its problems; done before the import's transaction opens. */
export function readTable(text: string, spec: ColumnSpec): ReadTable {
  const errors: ReadTable['errors'] = []
  return { table: readCsv(text, spec, (line, message) => errors.push({ line, message })), errors }
}

/**
 * Physical line numbers from byte offsets (csv-parse reports where a record ends, and counts a CRLF inside
 * a quoted field twice). `next(offset)` is the line where the first record after `offset` starts.
 */
function lineLocator(buf: Buffer) {
  let pos = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0
  let line = 1
  // a line ends with LF, CRLF or a lone CR (Excel's "CSV (Macintosh)")
  const breaksAt = (i: number) => buf[i] === 0x0a || (buf[i] === 0x0d && buf[i + 1] !== 0x0a)
  const blank = (i: number) => breaksAt(i) || buf[i] === 0x0d || buf[i] === 0x20 || buf[i] === 0x09
  return {
    next(offset: number): number {
      for (; pos < offset; pos++) if (breaksAt(pos)) line++
      for (; pos < buf.length && blank(pos); pos++) if (breaksAt(pos)) line++
      return line
    },
    /** Where the header line ends (a header is one line). */
    headerEnd(): number {
      let i = pos
      while (i < buf.length && !breaksAt(i)) i++
      return i + 1
    },
  }
}
