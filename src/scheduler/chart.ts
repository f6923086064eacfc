import { Resvg } from '@resvg/resvg-js'
import { addDays, type IsoDate } from '../domain/dates.js'
import type { DigestView, DigestWeek } from '../domain/scheduled-messages.js'
import { capaianPercent, compliancePercent, formatDateId, formatPercent, MAX_INDENT_LEVEL } from '../messages/index.js'

// The digest chart is drawn as SVG and rasterised in-process by resvg (no browser, no native build);
// text uses the system's DejaVu fonts. The web console puts the same SVG in its pages (the viewBox lets a
// browser scale it to a phone's width).

const WIDTH = 900
const ROW = 30
const TOP = 70
const MAX_ROWS = 40
const FONT = 12
/** A name that needs two lines is set smaller, so both fit the row beside its bar. */
const FONT_SMALL = 10.5
const TITLE = 16
const TITLE_WIDTH = WIDTH - 32
const INDENT = 14
/** The label column grows to its widest label up to this; a longer name is wrapped or shortened. */
const LABEL_MAX = 380
const LABEL_MIN = 160
const GAP = 12
/** Room right of the bars for "100,0%". */
const VALUE = 70

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)

// DejaVu Sans advance widths in em, by kind of character, each rounded up: an estimate that errs wide, so a
// label never runs into its bar (resvg draws but does not measure for us)
const NARROW = new Set("iljI.,:;'!|()[]")
const SEMI = new Set('frtJ ')
const WIDE = new Set('mwMW…—@%')
function charEm(c: string): number {
  if (NARROW.has(c)) return 0.3
  if (SEMI.has(c)) return 0.42
  if (WIDE.has(c)) return 1
  if (c >= 'A' && c <= 'Z') return 0.76
  return 0.64
}
/** The width in pixels `s` takes in DejaVu Sans at `size` (bold is about a tenth wider). */
export function textWidth(s: string, size: number, bold = false): number {
  let em = 0
  for (const c of s) em += charEm(c)
  return em * size * (bold ? 1.1 : 1)
}

// the long words of Indonesian unit names, in the forms offices write them short, the best known first;
// used one by one, only as far as a name needs to fit
const SHORT: [RegExp, string][] = [
  [/\bSumber Daya Manusia\b/g, 'SDM'],
  [/\bUnit Pelaksana Teknis Daerah\b/g, 'UPTD'],
  [/\bUnit Pelaksana Teknis\b/g, 'UPT'],
  [/\bPusat Kesehatan Masyarakat\b/g, 'Puskesmas'],
  [/\bOrganisasi Perangkat Daerah\b/g, 'OPD'],
  [/\bAparatur Sipil Negara\b/g, 'ASN'],
  [/\bSekretariat\b/g, 'Sekr.'],
  [/\bKecamatan\b/g, 'Kec.'],
  [/\bKelurahan\b/g, 'Kel.'],
  [/\bDinas\b/g, 'Dis.'],
  [/\bBadan\b/g, 'Bdn.'],
  [/\bBidang\b/g, 'Bid.'],
  [/\bSubbidang\b/g, 'Subbid.'],
  [/\bSubbagian\b/g, 'Subbag.'],
]
/** The name, then shorter and shorter forms of it, each with one more kind of word shortened. */
export function shortenings(name: string): string[] {
  const out = [name]
  for (const [re, to] of SHORT) {
    const next = out[out.length - 1]!.replace(re, to)
    if (next !== out[out.length - 1]) out.push(next)
  }
  return out
}

/** How many of `words`, from the first, fit `width` on one line. */
function firstLine(words: string[], width: number, size: number): number {
  let n = 0
  while (n < words.length && textWidth(words.slice(0, n + 1).join(' '), size) <= width) n++
  return n
}

/** `text` in `width`, whole if it fits, else cut after its last whole word that does, marked "…". */
export function fitLine(text: string, width: number, size: number, bold = false): string {
  if (textWidth(text, size, bold) <= width) return text
  const words = text.split(' ')
  for (let n = words.length - 1; n > 0; n--) {
    const line = `${words.slice(0, n).join(' ')}…`
    if (textWidth(line, size, bold) <= width) return line
  }
  // one word wider than the line: nothing better than cutting it
  let out = text
  while (out.length > 1 && textWidth(`${out}…`, size, bold) > width) out = out.slice(0, -1)
  return `${out}…`
}

/** A name in the smaller size on one line of `width` or two, broken between words; null when it needs more. */
function small(name: string, width: number): string[] | null {
  const words = name.split(' ')
  const n = firstLine(words, width, FONT_SMALL)
  if (n === words.length) return [name]
  const rest = words.slice(n).join(' ')
  return n > 0 && textWidth(rest, FONT_SMALL) <= width ? [words.slice(0, n).join(' '), rest] : null
}

/**
 * A unit's name as it fits `width` pixels: one line; else smaller, on one line or two broken between words;
 * else the same with common words shortened one kind at a time (Sumber Daya Manusia → SDM, Kecamatan →
 * Kec.); only past all that is the second line cut, after a whole word.
 */
export function unitLabel(name: string, width: number): { lines: string[]; size: number } {
  const forms = shortenings(name)
  for (const form of forms) {
    if (textWidth(form, FONT) <= width) return { lines: [form], size: FONT }
    const lines = small(form, width)
    if (lines) return { lines, size: FONT_SMALL }
  }
  const words = forms[forms.length - 1]!.split(' ')
  const n = Math.max(1, firstLine(words, width, FONT_SMALL))
  return { lines: [fitLine(words.slice(0, n).join(' '), width, FONT_SMALL), fitLine(words.slice(n).join(' '), width, FONT_SMALL)], size: FONT_SMALL }
}

/** Compliance per unit as horizontal bars, last week's value as a tick: the SVG source. */
export function complianceChartSvg(d: DigestView): string {
  // a picture, not a table: the first units in tree order (the text says how many more there are)
  const rows = d.units
    .filter((u) => u.week.expectedDays > 0)
    .slice(0, MAX_ROWS)
    .map((u) => {
      // indented by depth below the leader's unit, so the subtree reads as a tree
      const x = 16 + Math.min(u.depth, MAX_INDENT_LEVEL) * INDENT
      return { u, x, label: unitLabel(u.name, LABEL_MAX - GAP - x) }
    })
  // the label column as wide as its widest label, the bars take the rest
  const widest = Math.max(0, ...rows.map((r) => r.x + Math.max(...r.label.lines.map((l) => textWidth(l, r.label.size)))))
  const label = Math.ceil(Math.min(LABEL_MAX, Math.max(LABEL_MIN, widest + GAP)))
  const bar = WIDTH - label - VALUE
  const height = TOP + Math.max(1, rows.length) * ROW + 40
  const titles = shortenings(d.scope.name).map((name) => `Kepatuhan laporan harian — ${name}`)
  const title = titles.find((t) => textWidth(t, TITLE, true) <= TITLE_WIDTH) ?? titles[titles.length - 1]!
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans" font-size="${FONT}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="16" y="28" font-size="${TITLE}" font-weight="bold">${escapeXml(fitLine(title, TITLE_WIDTH, TITLE, true))}</text>`,
    `<text x="16" y="50" fill="#555555">${escapeXml(`${formatDateId(d.from)} – ${formatDateId(d.to)} · garis tipis: minggu sebelumnya`)}</text>`,
  ]
  for (const x of [0, 50, 100]) {
    const gx = label + (bar * x) / 100
    out.push(`<line x1="${gx}" y1="${TOP - 6}" x2="${gx}" y2="${height - 30}" stroke="#dddddd"/>`)
    out.push(`<text x="${gx}" y="${height - 14}" text-anchor="middle" fill="#777777">${x}%</text>`)
  }
  rows.forEach(({ u, x, label: name }, i) => {
    const y = TOP + i * ROW
    const now = compliancePercent(u.week) ?? 0
    const before = compliancePercent(u.previous)
    const color = now >= 90 ? '#2f855a' : now >= 70 ? '#d69e2e' : '#c53030'
    if (name.lines.length === 1) out.push(`<text x="${x}" y="${y + 17}" font-size="${name.size}">${escapeXml(name.lines[0]!)}</text>`)
    else name.lines.forEach((l, j) => out.push(`<text x="${x}" y="${y + 13 + j * 11}" font-size="${name.size}">${escapeXml(l)}</text>`))
    out.push(`<rect x="${label}" y="${y + 4}" width="${(bar * now) / 100}" height="${ROW - 10}" fill="${color}"/>`)
    if (before !== null) {
      const bx = label + (bar * before) / 100
      out.push(`<line x1="${bx}" y1="${y + 1}" x2="${bx}" y2="${y + ROW - 3}" stroke="#1a202c" stroke-width="2"/>`)
    }
    out.push(`<text x="${label + bar + 8}" y="${y + 17}">${escapeXml(formatPercent(now))}</text>`)
  })
  if (rows.length === 0) out.push(`<text x="${label}" y="${TOP + 17}" fill="#777777">Tidak ada pegawai yang wajib melapor.</text>`)
  out.push('</svg>')
  return out.join('\n')
}

/** The chart as a PNG, ready to send as a photo (Telegram) or a file (Slack). */
export function renderComplianceChart(d: DigestView): Buffer {
  const resvg = new Resvg(complianceChartSvg(d), { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } })
  return resvg.render().asPng()
}

/** One week of a trend: the week's Monday and the digest's figures of the scope for it. */
export interface TrendPoint {
  from: IsoDate
  week: DigestWeek
}

const TREND_PANEL = 150
const TREND_LEFT = 70
const TREND_RIGHT = 20

/** A round step for an axis that reaches `max`: 1, 2 or 5 times a power of ten, about four steps. */
function axisStep(max: number): number {
  const raw = Math.max(1, max) / 4
  const power = 10 ** Math.floor(Math.log10(raw))
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!
}

const shortDate = (d: IsoDate) => `${d.slice(8, 10)}/${d.slice(5, 7)}`
const thousands = (n: number) => Math.round(n).toLocaleString('id-ID')

/**
 * Weeks side by side, oldest first: above, compliance as a line (0–100%); below, approved minutes as a
 * bar inside the week's target (a grey box), labelled with the capaian. The SVG source.
 */
export function trendChartSvg(scope: string, points: readonly TrendPoint[]): string {
  const plot = WIDTH - TREND_LEFT - TREND_RIGHT
  const slot = plot / Math.max(1, points.length)
  const cx = (i: number) => TREND_LEFT + slot * (i + 0.5)
  const top1 = 78
  const top2 = top1 + TREND_PANEL + 58
  const height = top2 + TREND_PANEL + 40
  const titles = shortenings(scope).map((name) => `Tren mingguan — ${name}`)
  const title = titles.find((t) => textWidth(t, TITLE, true) <= TITLE_WIDTH) ?? titles[titles.length - 1]!
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans" font-size="${FONT}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="16" y="28" font-size="${TITLE}" font-weight="bold">${escapeXml(fitLine(title, TITLE_WIDTH, TITLE, true))}</text>`,
  ]
  if (points.length > 0) {
    out.push(`<text x="16" y="50" fill="#555555">${escapeXml(`${formatDateId(points[0]!.from)} – ${formatDateId(addDays(points.at(-1)!.from, 6))} · ${points.length} minggu`)}</text>`)
  }
  const xLabels = (y: number) => points.forEach((p, i) => out.push(`<text x="${cx(i)}" y="${y}" text-anchor="middle" fill="#777777">${shortDate(p.from)}</text>`))

  // compliance: 0–100% with a line through the weeks that had anyone expected to report
  out.push(`<text x="16" y="${top1 - 8}" font-weight="bold">Kepatuhan laporan harian</text>`)
  const y1 = (pct: number) => top1 + TREND_PANEL - (TREND_PANEL * Math.min(100, Math.max(0, pct))) / 100
  for (const g of [0, 50, 100]) {
    out.push(`<line x1="${TREND_LEFT}" y1="${y1(g)}" x2="${WIDTH - TREND_RIGHT}" y2="${y1(g)}" stroke="#dddddd"/>`)
    out.push(`<text x="${TREND_LEFT - 8}" y="${y1(g) + 4}" text-anchor="end" fill="#777777">${g}%</text>`)
  }
  const values = points.map((p) => compliancePercent(p.week))
  let path = ''
  values.forEach((v, i) => {
    if (v === null) return
    path += `${path === '' || values[i - 1] === null ? 'M' : 'L'}${cx(i).toFixed(1)} ${y1(v).toFixed(1)} `
  })
  if (path) out.push(`<path d="${path.trim()}" fill="none" stroke="#2f855a" stroke-width="2.5"/>`)
  values.forEach((v, i) => {
    if (v === null) return
    out.push(`<circle cx="${cx(i).toFixed(1)}" cy="${y1(v).toFixed(1)}" r="4" fill="#2f855a"/>`)
    out.push(`<text x="${cx(i)}" y="${y1(v) - 9}" text-anchor="middle">${escapeXml(formatPercent(v))}</text>`)
  })
  xLabels(top1 + TREND_PANEL + 18)

  // approved minutes against the prorated target
  out.push(`<text x="16" y="${top2 - 8}" font-weight="bold">Menit disetujui terhadap target (kotak abu-abu)</text>`)
  const max = Math.max(1, ...points.map((p) => Math.max(p.week.approvedMinutes, p.week.targetMinutes)))
  const step = axisStep(max)
  const top = Math.ceil(max / step) * step
  const y2 = (m: number) => top2 + TREND_PANEL - (TREND_PANEL * m) / top
  for (let g = 0; g <= top; g += step) {
    out.push(`<line x1="${TREND_LEFT}" y1="${y2(g)}" x2="${WIDTH - TREND_RIGHT}" y2="${y2(g)}" stroke="#dddddd"/>`)
    out.push(`<text x="${TREND_LEFT - 8}" y="${y2(g) + 4}" text-anchor="end" fill="#777777">${thousands(g)}</text>`)
  }
  const box = Math.min(60, slot * 0.7)
  points.forEach((p, i) => {
    const x = cx(i) - box / 2
    if (p.week.targetMinutes > 0) {
      out.push(`<rect x="${x}" y="${y2(p.week.targetMinutes)}" width="${box}" height="${y2(0) - y2(p.week.targetMinutes)}" fill="#edf2f7" stroke="#a0aec0"/>`)
    }
    const bar = box * 0.6
    out.push(`<rect x="${cx(i) - bar / 2}" y="${y2(p.week.approvedMinutes)}" width="${bar}" height="${y2(0) - y2(p.week.approvedMinutes)}" fill="#2b6cb0"/>`)
    const capaian = capaianPercent(p.week.approvedMinutes, Math.round(p.week.targetMinutes))
    const labelY = Math.min(y2(p.week.approvedMinutes), y2(p.week.targetMinutes)) - 6
    if (capaian !== null) out.push(`<text x="${cx(i)}" y="${labelY}" text-anchor="middle">${escapeXml(formatPercent(capaian))}</text>`)
  })
  xLabels(top2 + TREND_PANEL + 18)
  if (points.length === 0) out.push(`<text x="${TREND_LEFT}" y="${top1 + 40}" fill="#777777">Belum ada minggu untuk ditampilkan.</text>`)
  out.push('</svg>')
  return out.join('\n')
}
