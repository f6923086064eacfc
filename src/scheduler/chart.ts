import { Resvg } from '@resvg/resvg-js'
import { formatDateId } from '../domain/dates.js'
import { compliancePercent, type DigestView } from '../domain/scheduled-messages.js'

// The digest chart is drawn as SVG and rasterised in-process by resvg (no browser, no native build);
// text uses the system's DejaVu fonts.

const WIDTH = 900
const LABEL = 340
const BAR = WIDTH - LABEL - 90
const ROW = 30
const TOP = 70
const MAX_ROWS = 40

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`)
const pct = (v: number) => `${v.toLocaleString('id-ID', { maximumFractionDigits: 1 })}%`

/** Compliance per unit as horizontal bars, last week's value as a tick: the SVG source. */
export function complianceChartSvg(d: DigestView): string {
  // a picture, not a table: the first units in tree order (the text says how many more there are)
  const rows = d.units.filter((u) => u.week.expectedDays > 0).slice(0, MAX_ROWS)
  const height = TOP + Math.max(1, rows.length) * ROW + 40
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="DejaVu Sans" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="16" y="28" font-size="16" font-weight="bold">${escapeXml(clip(`Kepatuhan laporan harian — ${d.scope.name}`, 72))}</text>`,
    `<text x="16" y="50" fill="#555555">${escapeXml(`${formatDateId(d.from)} – ${formatDateId(d.to)} · garis tipis: minggu sebelumnya`)}</text>`,
  ]
  for (const x of [0, 50, 100]) {
    const gx = LABEL + (BAR * x) / 100
    out.push(`<line x1="${gx}" y1="${TOP - 6}" x2="${gx}" y2="${height - 30}" stroke="#dddddd"/>`)
    out.push(`<text x="${gx}" y="${height - 14}" text-anchor="middle" fill="#777777">${x}%</text>`)
  }
  rows.forEach((u, i) => {
    const y = TOP + i * ROW
    const now = compliancePercent(u.week) ?? 0
    const before = compliancePercent(u.previous)
    const color = now >= 90 ? '#2f855a' : now >= 70 ? '#d69e2e' : '#c53030'
    const label = clip(u.name, 44 - Math.min(u.depth, 4) * 2)
    // indented by depth, so the subtree reads as a tree
    out.push(`<text x="${16 + Math.min(u.depth, 4) * 12}" y="${y + 17}">${escapeXml(label)}</text>`)
    out.push(`<rect x="${LABEL}" y="${y + 4}" width="${(BAR * now) / 100}" height="${ROW - 10}" fill="${color}"/>`)
    if (before !== null) {
      const bx = LABEL + (BAR * before) / 100
      out.push(`<line x1="${bx}" y1="${y + 1}" x2="${bx}" y2="${y + ROW - 3}" stroke="#1a202c" stroke-width="2"/>`)
    }
    out.push(`<text x="${LABEL + BAR + 8}" y="${y + 17}">${escapeXml(pct(now))}</text>`)
  })
  if (rows.length === 0) out.push(`<text x="${LABEL}" y="${TOP + 17}" fill="#777777">Tidak ada pegawai yang wajib melapor.</text>`)
  out.push('</svg>')
  return out.join('\n')
}

/** The chart as a PNG, ready to send as a photo (Telegram) or a file (Slack). */
export function renderComplianceChart(d: DigestView): Buffer {
  const resvg = new Resvg(complianceChartSvg(d), { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } })
  return resvg.render().asPng()
}
