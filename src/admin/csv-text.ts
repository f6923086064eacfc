// How spreadsheet programs save CSV in Indonesian offices: Excel with the Indonesian locale writes `;`
// between cells (the comma is the decimal sign) in Windows-1252 or, as "Unicode text", UTF-16 with a
// BOM; LibreOffice and Google Sheets write UTF-8 with commas. Every import reads all of them.

export type CsvEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252'
export type CsvSeparator = ',' | ';' | '\t'

/** The text of a file in whichever of the encodings above it was saved in, without its BOM. */
export function decodeCsv(buf: Buffer): { text: string; encoding: CsvEncoding } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(buf.subarray(3)), encoding: 'UTF-8' }
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'UTF-16LE' }
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'UTF-16BE' }
  // UTF-16 without a BOM: ASCII text has a NUL in every other byte
  const sample = buf.subarray(0, 4096)
  const nulAt = (parity: number) => sample.filter((b, i) => i % 2 === parity && b === 0).length
  if (sample.length >= 4 && nulAt(1) > sample.length / 4) return { text: new TextDecoder('utf-16le').decode(buf), encoding: 'UTF-16LE' }
  if (sample.length >= 4 && nulAt(0) > sample.length / 4) return { text: new TextDecoder('utf-16be').decode(buf), encoding: 'UTF-16BE' }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'UTF-8' }
  } catch {
    // not valid UTF-8: the ANSI code page of Indonesian Windows
    return { text: decodeWindows1252(buf), encoding: 'Windows-1252' }
  }
}

// Windows-1252 is Latin-1 except for 0x80–0x9F, where Excel keeps € and the typographic quotes and
// dashes its autocorrect puts in names ("Ma’ruf"). Decoded by hand: Node 20.18.3+ and 22.13+ decode
// TextDecoder('windows-1252') as Latin-1 (nodejs/node#60888), which turns them into control characters.
// The five bytes Windows-1252 leaves undefined stay as they are (WHATWG Encoding Standard).
const CP1252_80_9F = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ'

function decodeWindows1252(buf: Buffer): string {
  return buf.toString('latin1').replace(/[\x80-\x9F]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]!)
}

/** The separator of the header line: the one of `,` `;` tab that occurs most outside quotes. */
export function detectSeparator(text: string): CsvSeparator {
  const counts = { ',': 0, ';': 0, '\t': 0 }
  let quoted = false
  for (const ch of text.replace(/^\uFEFF/, '')) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) break
    else if (!quoted && ch in counts) counts[ch as CsvSeparator]++
  }
  const best = (Object.entries(counts) as [CsvSeparator, number][]).sort((a, b) => b[1] - a[1])[0]!
  return best[1] > 0 ? best[0] : ','
}

/** "UTF-8, pemisah ','" — what an import says it read. */
export const describeCsv = (encoding: CsvEncoding, separator: CsvSeparator) =>
  `${encoding}, pemisah ${separator === '\t' ? 'tab' : `'${separator}'`}`

/** A file's bytes as an import reads them: its text, or why it is not a CSV at all. */
export type CsvFile = { ok: true; text: string; encoding: CsvEncoding; separator: CsvSeparator } | { ok: false; problem: string }

const SAVE_AS_CSV = 'simpan dulu sebagai CSV (di Excel: Simpan Sebagai → CSV)'

/**
 * Decodes a file given to an import (the CLI's path, the console's upload). A workbook, a PDF or other
 * binary data is refused with what it is, rather than read as text and reported as a wall of bad rows.
 */
export function readCsvBytes(buf: Buffer): CsvFile {
  const starts = (...bytes: number[]) => bytes.every((b, i) => buf[i] === b)
  if (starts(0x50, 0x4b, 0x03, 0x04)) return { ok: false, problem: `berkas ini buku kerja XLSX/ODS (arsip ZIP), bukan CSV: ${SAVE_AS_CSV}` }
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return { ok: false, problem: `berkas ini buku kerja Excel 97–2003 (XLS), bukan CSV: ${SAVE_AS_CSV}` }
  if (starts(0x25, 0x50, 0x44, 0x46)) return { ok: false, problem: 'berkas ini PDF, bukan CSV' }
  const { text, encoding } = decodeCsv(buf)
  if (text.includes('\u0000')) return { ok: false, problem: `berkas berisi data biner, bukan teks CSV: ${SAVE_AS_CSV}` }
  return { ok: true, text, encoding, separator: detectSeparator(text) }
}
