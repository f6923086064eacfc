import { writeFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'

// One table model for both formats, so a CSV and an XLSX of the same export hold the same cells.

export type Cell = string | number | null

export interface Column {
  header: string
  /** Characters, for the XLSX column width. */
  width?: number
  /** XLSX number format for numeric cells (e.g. '0.0' for a percentage with one decimal). */
  numFmt?: string
  /**
   * A text column in the XLSX (format '@'): dates and clock times kept as written, where a form expects
   * text ("2026-11-03", "08:00"), not values a spreadsheet program turns into its own.
   */
  text?: boolean
}

export interface TableRow {
  cells: Cell[]
  /** A subtotal or total row: bold in the XLSX. */
  emphasis?: boolean
}

export interface Table {
  sheet: string
  columns: Column[]
  rows: TableRow[]
}

export type ExportFormat = 'csv' | 'xlsx'

export interface CsvOptions {
  /** ',' (default) or ';' as Indonesian Excel expects, or a tab. */
  separator?: ',' | ';' | '\t'
  /** Decimal comma in numbers (1,5 instead of 1.5), for spreadsheets set to Indonesian. */
  decimalComma?: boolean
}

// A text cell starting with one of these is run as a formula by spreadsheet programs (OWASP "CSV
// injection"): =HYPERLINK(…) leaks data, +cmd|… starts programs. A leading apostrophe makes it text;
// the cell is quoted as well, as OWASP recommends.
const FORMULA_START = /^[=+\-@\t\r]/

/** RFC 4180 (CRLF, quotes doubled), UTF-8 with a BOM so spreadsheet programs read the accents right. */
export function toCsv(table: Table, opts: CsvOptions = {}): string {
  const separator = opts.separator ?? ','
  const special = new RegExp(`["\r\n${separator}]`)
  const quote = (s: string, always = false) => (always || special.test(s) ? `"${s.replace(/"/g, '""')}"` : s)
  const cell = (c: Cell): string => {
    if (c === null) return ''
    // numbers stay numbers (negative ones too): only text can smuggle a formula in
    if (typeof c === 'number') return quote(opts.decimalComma ? String(c).replace('.', ',') : String(c))
    return FORMULA_START.test(c) ? quote(`'${c}`, true) : quote(c)
  }
  const lines = [table.columns.map((c) => cell(c.header)), ...table.rows.map((r) => r.cells.map(cell))]
  return `\uFEFF${lines.map((l) => l.join(separator)).join('\r\n')}\r\n`
}

/** One worksheet: bold frozen header, widths, number formats, subtotal rows in bold. */
export async function toXlsx(table: Table): Promise<Buffer> {
  return toXlsxBook([table])
}

/** Several worksheets in one workbook, each drawn as `toXlsx` draws one (sheet names cut to Excel's 31 characters). */
export async function toXlsxBook(tables: readonly Table[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'kinerja-bot'
  for (const table of tables) {
    const ws = wb.addWorksheet(table.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] })
    const numFmt = (c: Column) => c.numFmt ?? (c.text ? '@' : undefined)
    ws.columns = table.columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(10, c.header.length + 2), ...(numFmt(c) ? { style: { numFmt: numFmt(c) } } : {}) }))
    ws.getRow(1).font = { bold: true }
    for (const r of table.rows) {
      const row = ws.addRow(r.cells)
      if (r.emphasis) row.font = { bold: true }
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** The bytes of a table in a format: what the CLI writes to a file and the console sends as a download. */
export async function renderTable(table: Table, format: ExportFormat, csv: CsvOptions = {}): Promise<Buffer> {
  return format === 'csv' ? Buffer.from(toCsv(table, csv), 'utf8') : toXlsx(table)
}

export async function writeTable(table: Table, format: ExportFormat, file: string, csv: CsvOptions = {}): Promise<void> {
  await writeFile(file, await renderTable(table, format, csv))
}
