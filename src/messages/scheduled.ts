import type {
  ActivityReminderMessage,
  ApprovalReminderMessage,
  DigestChartMessage,
  DigestUnit,
  DigestView,
  DigestWeek,
  EscalationMessage,
  MonthlySummaryMessage,
  TeamSummaryMessage,
} from '../domain/scheduled-messages.js'
import { formatDateId, formatMonthId } from './format.js'
import { id } from './id.js'
import { capaianPercent, formatDecimal, formatPercent, headed, headedText, type Headed } from './views.js'

// Texts of the scheduled messages, plain text for every platform (each adds its own buttons).

const MAX_UNITS_LISTED = 12

/**
 * Reporting discipline as a percentage with one decimal, as the digest and its chart show it; null when
 * nobody was expected to report.
 */
export const compliancePercent = (w: Pick<DigestWeek, 'expectedDays' | 'reportedDays'>): number | null =>
  w.expectedDays > 0 ? Math.round((w.reportedDays / w.expectedDays) * 1000) / 10 : null
const num = (n: number) => Math.round(n).toLocaleString('id-ID')
const minutes = (n: number) => `${num(n)} menit`

/** Levels of a unit tree shown as deeper indents; units further down sit at this level (a phone's line is short). */
export const MAX_INDENT_LEVEL = 5
// no-break spaces: kept as written by every client, where a run of ordinary leading spaces may be trimmed
const STEP = '\u00A0'.repeat(4)
/** The indent of a line `level` steps below a digest's root: the same in every digest, on every platform. */
export const indent = (level: number) => STEP.repeat(Math.min(level, MAX_INDENT_LEVEL))

/** "▲ 5,0 poin", "▼ 2,5 poin", "sama dengan minggu sebelumnya", or nothing when there is nothing to compare with. */
export function pointsChange(now: number | null, before: number | null): string {
  if (now === null || before === null) return ''
  const d = Math.round((now - before) * 10) / 10
  if (d === 0) return 'sama dengan minggu sebelumnya'
  return `${d > 0 ? '▲' : '▼'} ${formatDecimal(Math.abs(d))} poin`
}

const minutesChange = (now: number, before: number) => {
  const d = now - before
  return d === 0 ? '' : ` (${d > 0 ? '+' : '−'}${num(Math.abs(d))})`
}

export function activityReminderParts(m: ActivityReminderMessage): Headed {
  const date = formatDateId(m.date)
  return m.final
    ? headed(id['reminder.activityFinalTitle'](), [id['reminder.activityFinal']({ date })])
    : headed(id['reminder.activityTitle'](), [id['reminder.activity']({ date })])
}
export const activityReminderText = (m: ActivityReminderMessage) => headedText(activityReminderParts(m))

export function approvalReminderParts(m: ApprovalReminderMessage): Headed {
  return headed(id['reminder.approvalTitle']({ count: m.count }), [
    id['reminder.approval']({ id: m.oldest.id, employee: m.oldest.employee, date: formatDateId(m.oldest.date), age: m.oldest.ageWorkDays }),
  ])
}
export const approvalReminderText = (m: ApprovalReminderMessage) => headedText(approvalReminderParts(m))

export function escalationParts(m: EscalationMessage): Headed {
  return headed(`⚠️ Eskalasi: laporan kegiatan belum diputuskan lebih dari ${m.thresholdDays} hari kerja`, [
    'Anda menerima ini sebagai atasan dari pejabat penilai berikut:',
    '',
    ...m.items.map((i) => `• #${i.id} ${i.employee} (${formatDateId(i.date)}) — penilai: ${i.supervisor}, ${i.ageWorkDays} hari kerja`),
    ...(m.more > 0 ? [`…dan ${m.more} laporan lainnya.`] : []),
  ])
}
export const escalationText = (m: EscalationMessage) => headedText(escalationParts(m))

const compliance = (w: DigestWeek) => formatPercent(compliancePercent(w))

function unitLine(u: DigestUnit): string {
  const now = compliancePercent(u.week)
  const change = pointsChange(now, compliancePercent(u.previous))
  // a unit's lines sit one step further in than its parent's, its figures one step further than its name
  const head = indent(u.depth)
  const body = `${head}${indent(1)}`
  const pending = u.pending === 0 ? 'tidak ada yang menunggu' : `menunggu ${u.pending} (terlama ${u.oldestPendingWorkDays} hari kerja)`
  return [
    `${head}• ${u.name}`,
    `${body}Kepatuhan ${compliance(u.week)} (${u.week.reportedDays}/${u.week.expectedDays} hari)${change ? `, ${change}` : ''}`,
    `${body}Disetujui ${minutes(u.week.approvedMinutes)}${minutesChange(u.week.approvedMinutes, u.previous.approvedMinutes)}, ` +
      `capaian ${formatPercent(capaianPercent(u.week.approvedMinutes, Math.round(u.week.targetMinutes)))} dari ${minutes(u.week.targetMinutes)}; ${pending}`,
  ].join('\n')
}

/**
 * The digest as its message needs it: the staffed units the text lists and how many it leaves out. A
 * city-wide digest holds every unit of the city (10,000 at 100,000 employees, megabytes): the chart is
 * drawn from the whole view, the outbox keeps only this.
 */
export function digestForMessage(d: DigestView): DigestView {
  const staffed = d.units.filter((u) => u.employees > 0)
  if (staffed.length <= MAX_UNITS_LISTED) return d
  return { ...d, units: staffed.slice(0, MAX_UNITS_LISTED), moreUnits: (d.moreUnits ?? 0) + Math.max(0, staffed.length - MAX_UNITS_LISTED) }
}

/** The leader's weekly digest: the whole subtree, then each unit, then the people to follow up. */
export function leaderDigestParts(d: DigestView): Headed {
  const t = d.total
  // a message holds 4,096 characters: a city-wide subtree lists its first units in tree order
  const staffed = d.units.filter((u) => u.employees > 0)
  const listed = staffed.slice(0, MAX_UNITS_LISTED)
  const unlisted = staffed.length - listed.length + (d.moreUnits ?? 0)
  const lines = [
    `${formatDateId(d.from)} s.d. ${formatDateId(d.to)}`,
    '',
    `Keseluruhan: kepatuhan ${compliance(t.week)} (${t.week.reportedDays}/${t.week.expectedDays} hari kerja)` +
      `${pointsChange(compliancePercent(t.week), compliancePercent(t.previous)) ? `, ${pointsChange(compliancePercent(t.week), compliancePercent(t.previous))}` : ''}.`,
    `Disetujui ${minutes(t.week.approvedMinutes)}${minutesChange(t.week.approvedMinutes, t.previous.approvedMinutes)}; ` +
      `capaian ${formatPercent(capaianPercent(t.week.approvedMinutes, Math.round(t.week.targetMinutes)))} dari target ${minutes(t.week.targetMinutes)}.`,
    t.pending === 0 ? 'Tidak ada laporan yang menunggu persetujuan.' : `Menunggu persetujuan: ${t.pending} laporan (terlama ${t.oldestPendingWorkDays} hari kerja).`,
    '',
    'Per unit:',
    ...listed.map(unitLine),
    ...(unlisted > 0 ? [`…dan ${unlisted} unit lainnya (lihat grafik).`] : []),
  ]
  if (d.backlog.length > 0) {
    lines.push('', `Atasan dengan tunggakan persetujuan (≥ ${d.backlogThreshold} hari kerja):`)
    lines.push(...d.backlog.map((b) => `• ${b.name}${b.unit ? ` (${b.unit})` : ''}: ${b.pending} laporan, terlama ${b.oldestWorkDays} hari kerja`))
  }
  if (d.tppAtRisk) {
    const r = d.tppAtRisk
    lines.push('', `⚠️ TPP tim berisiko: laporan ${formatMonthId(`${r.month}-01`)} yang belum disetujui sampai batas validasi ${formatDateId(r.deadline)} tidak dihitung. Atasan yang perlu segera memutuskan:`)
    lines.push(...r.supervisors.map((x) => `• ${x.name}${x.unit ? ` (${x.unit})` : ''}: ${x.pending} laporan dari ${x.people} pegawai`))
    if (r.more > 0) lines.push(`…dan ${r.more} atasan lainnya.`)
  }
  if (d.silent.length > 0) {
    lines.push('', 'Pegawai tanpa laporan sepanjang minggu:')
    lines.push(...d.silent.map((s) => `• ${s.name} (${s.unit})`))
    if (d.silentMore > 0) lines.push(`…dan ${d.silentMore} pegawai lainnya.`)
  }
  return headed(`📊 Ringkasan kinerja mingguan — ${d.scope.name}`, lines)
}
export const leaderDigestText = (d: DigestView) => headedText(leaderDigestParts(d))

/** The caption of the chart (short: Telegram captions hold 1,024 characters). */
export function digestChartParts(m: DigestChartMessage): Headed {
  const change = pointsChange(m.compliance, m.previousCompliance)
  return headed(`📊 Kepatuhan laporan harian — ${m.scope}`, [
    `${formatDateId(m.from)} s.d. ${formatDateId(m.to)}`,
    `Keseluruhan: ${formatPercent(m.compliance)}${change ? ` (${change})` : ''}. Rincian menyusul di pesan berikut.`,
  ])
}
export const digestChartCaption = (m: DigestChartMessage) => headedText(digestChartParts(m))

export function monthlySummaryParts(m: MonthlySummaryMessage): Headed {
  const basis = m.target.mode === 'derived' ? ` (${m.target.workDays} hari kerja × ${m.target.minutesPerDay} menit)` : ''
  const heading = `📅 Rekap bulanan ${formatMonthId(m.month)}`
  if (m.noSupervisor) {
    return headed(heading, [`Menit disetujui: ${minutes(m.approvedMinutes)}`, id['rekap.noSupervisor'](), '', 'Rekap bulan berjalan: /rekap'])
  }
  return headed(heading, [
    `Menit disetujui: ${minutes(m.approvedMinutes)}`,
    `Target: ${minutes(m.targetMinutes)}${basis}`,
    `Capaian: ${formatPercent(capaianPercent(m.approvedMinutes, m.targetMinutes))}`,
    '',
    'Rekap bulan berjalan: /rekap',
  ])
}
export const monthlySummaryText = (m: MonthlySummaryMessage) => headedText(monthlySummaryParts(m))

export function teamSummaryParts(m: TeamSummaryMessage): Headed {
  return headed(`👥 Rekap tim ${formatMonthId(m.month)} (menit disetujui / target, capaian)`, [
    '',
    ...m.rows.map((r) => `• ${r.name}: ${num(r.approvedMinutes)} / ${num(r.targetMinutes)} menit, ${formatPercent(capaianPercent(r.approvedMinutes, r.targetMinutes))}`),
  ])
}
export const teamSummaryText = (m: TeamSummaryMessage) => headedText(teamSummaryParts(m))
