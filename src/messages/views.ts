import { formatClock, formatDateId, formatDateTimeId, formatMinutes, formatMonthId } from './format.js'
import type { MonthSummary } from '../domain/summary.js'
import type { LinkedEmployee } from '../domain/linking.js'
import type { ActivityStatus, ActivityView, Evidence } from '../domain/types.js'
import { id } from './id.js'

const statusLabel = (s: ActivityStatus) => id[`status.${s}`]()

/** The welcome of a linked account, on every platform; a supervisor hears about /persetujuan too. */
export function welcomeText(e: Pick<LinkedEmployee, 'name' | 'role' | 'position' | 'unit' | 'supervises'>): string {
  const welcome = id['link.welcome']({ name: e.name, role: id[`role.${e.role}`](), position: e.position, unit: e.unit })
  return e.supervises ? `${welcome}\n${id['link.welcomeSupervisor']()}` : welcome
}

export function timeText(a: Pick<ActivityView, 'startMinute' | 'endMinute' | 'minutes'>): string {
  const dur = formatMinutes(a.minutes)
  return a.startMinute != null && a.endMinute != null
    ? `${formatClock(a.startMinute)}–${formatClock(a.endMinute)} (${dur})`
    : dur
}

// what a file is, told by its name where the platform does not say (a Slack upload is just a file)
const IMAGE_NAME = /\.(jpe?g|png|gif|webp|heic|heif|bmp|tiff?)$/i

/** The evidence as one phrase, the same whichever platform it came from. */
export function evidenceText(e: Evidence | null): string {
  if (!e) return 'tidak ada'
  const label = e.kind === 'link' ? 'tautan' : e.kind === 'photo' || (e.name && IMAGE_NAME.test(e.name)) ? 'foto' : 'dokumen'
  if (e.kind === 'link') return `${label}: ${e.ref}`
  return e.name ? `${label} (${e.name})` : `${label} terlampir`
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`
}

/** An RHK as one line: its code and its text, cut to `max` characters. */
export const rhkLabel = (r: { code: string; text: string }, max = 80) => `${r.code} — ${truncate(r.text, max)}`

/** "Rencana aksi: Menyusun draf Perwali · Realisasi: 2 dokumen": what BKN e-Kinerja's progres harian records. */
export const rencanaAksiLine = (r: NonNullable<ActivityView['rencanaAksi']>) =>
  `Rencana aksi: ${truncate(r.text, 120)} · Realisasi: ${r.realisasi.toLocaleString('id-ID')} ${r.satuan}`

function activityLines(a: ActivityView, descriptionMax?: number): string[] {
  return [
    `Tanggal: ${formatDateId(a.date)}`,
    `Waktu: ${timeText(a)}`,
    `Uraian: ${descriptionMax ? truncate(a.description, descriptionMax) : a.description}`,
    ...(a.rhk ? [`RHK: ${rhkLabel(a.rhk, 120)}`] : []),
    ...(a.rencanaAksi ? [rencanaAksiLine(a.rencanaAksi)] : []),
    `Bukti: ${evidenceText(a.evidence)}`,
  ]
}

/**
 * A composed text whose first line is its heading: kept apart so a platform can set it off (bold)
 * without cutting the text again.
 */
export interface Headed {
  heading: string
  body: string
}
export const headed = (heading: string, lines: string[] = []): Headed => ({ heading, body: lines.join('\n') })
/** The heading and the body as one plain text, the heading on the first line. */
export const headedText = (h: Headed) => (h.body ? `${h.heading}\n${h.body}` : h.heading)

/** What the employee gets right after submitting: "sent", or that it waits until the supervisor opens the bot. */
export function receiptParts(
  a: ActivityView & { supervisorWaiting?: true },
  heading = id[a.supervisorWaiting ? 'receipt.headingWaiting' : 'receipt.heading']({ id: a.id }),
): Headed {
  return headed(heading, [...activityLines(a), `Status: ${statusLabel(a.status)}`])
}
export const receiptText = (a: ActivityView & { supervisorWaiting?: true }, heading?: string) => headedText(receiptParts(a, heading))

/** The supervisor's approval card. */
export function approvalCardParts(a: ActivityView, descriptionMax?: number): Headed {
  return headed(`📥 Laporan kegiatan #${a.id}${a.version > 1 ? ` (perbaikan ke-${a.version - 1})` : ''} menunggu persetujuan`, cardFacts(a, descriptionMax))
}
export const approvalCardText = (a: ActivityView, descriptionMax?: number) => headedText(approvalCardParts(a, descriptionMax))

const cardFacts = (a: ActivityView, descriptionMax?: number) => [
  `Pegawai: ${a.employee.name}`,
  `Jabatan: ${a.employee.position}, ${a.employee.unit}`,
  ...activityLines(a, descriptionMax),
]

/** A card the employee edited or withdrew before the decision: what it showed, and what happened. */
export function supersededCardParts(a: ActivityView, reason: 'edited' | 'withdrawn', descriptionMax?: number): Headed {
  return headed(`📥 Laporan kegiatan #${a.id}`, [
    id[reason === 'edited' ? 'card.supersededEdited' : 'card.supersededWithdrawn']({ id: a.id }),
    ...cardFacts(a, descriptionMax),
  ])
}
export const supersededCardText = (a: ActivityView, reason: 'edited' | 'withdrawn', descriptionMax?: number) =>
  headedText(supersededCardParts(a, reason, descriptionMax))

function decisionLines(a: ActivityView): string[] {
  const d = a.decision
  if (!d) return [`Status: ${statusLabel(a.status)}`]
  const icon = { DISETUJUI: '✅', DITOLAK: '❌', REVISI: '✏️' }[d.outcome]
  const lines = [`${icon} ${statusLabel(d.outcome)} oleh ${d.by} pada ${formatDateTimeId(new Date(d.at), a.timezone)}`]
  if (d.note) lines.push(`Alasan: ${d.note}`)
  if (d.feedback) lines.push(`Catatan atasan: ${d.feedback}`)
  return lines
}

/** The card after the decision: the same facts plus the outcome, who and when; no buttons. */
export function approvalOutcomeParts(a: ActivityView, descriptionMax?: number): Headed {
  return headed(`Laporan kegiatan #${a.id}`, [...cardFacts(a, descriptionMax), '', ...decisionLines(a)])
}
export const approvalOutcomeText = (a: ActivityView, descriptionMax?: number) => headedText(approvalOutcomeParts(a, descriptionMax))

/** What the employee is told about a decision. */
export function decisionNoticeParts(a: ActivityView): Headed {
  const tail =
    a.decision?.outcome === 'REVISI'
      ? ['', 'Perbaiki laporan dengan tombol Ubah, lalu laporan akan dikirim ulang ke atasan.']
      : []
  return headed(`Keputusan atas laporan #${a.id}`, [...activityLines(a, 300), '', ...decisionLines(a), ...tail])
}
export const decisionNoticeText = (a: ActivityView) => headedText(decisionNoticeParts(a))

/** One notice for several reports approved at once ("Setujui semua"). */
export function approvedBatchParts(activities: ActivityView[]): Headed {
  const first = activities[0]!
  const by = first.decision ? ` oleh ${first.decision.by} pada ${formatDateTimeId(new Date(first.decision.at), first.timezone)}` : ''
  const lines = activities.map((a) => {
    const when = a.startMinute != null && a.endMinute != null ? `${formatClock(a.startMinute)}–${formatClock(a.endMinute)}` : formatMinutes(a.minutes)
    const text = a.description.length > 80 ? `${a.description.slice(0, 79)}…` : a.description
    return `• #${a.id} ${formatDateId(a.date)}, ${when}: ${text}`
  })
  return headed(`✅ ${activities.length} laporan Anda disetujui${by}:`, lines)
}
export const approvedBatchText = (activities: ActivityView[]) => headedText(approvedBatchParts(activities))

export const capaianPercent = (approved: number, target: number | null): number | null =>
  target && target > 0 ? Math.round((approved / target) * 1000) / 10 : null

/** One decimal with the Indonesian comma ("4,4", "100,0"): every percentage and every change in points. */
export const formatDecimal = (v: number) => v.toLocaleString('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 })

/** Every percentage the bot shows, in one form: one decimal, Indonesian comma ("4,4%", "50,0%"). */
export function formatPercent(v: number | null): string {
  return v === null ? id['rekap.noTarget']() : `${formatDecimal(v)}%`
}

const targetBasis = (s: MonthSummary) =>
  s.target?.mode === 'derived' ? ` (${s.target.workDays} hari kerja × ${s.target.minutesPerDay} menit)` : ''

/** The month's rekap: the heading (month and name), the minutes by status, target and capaian below. */
export function rekapParts(name: string, s: MonthSummary): Headed {
  const row = (k: keyof MonthSummary['minutes'], label: string) =>
    `• ${label}: ${s.minutes[k].toLocaleString('id-ID')} menit (${s.counts[k]} kegiatan)`
  const target = s.targetMinutes
  return headed(`📊 Rekap ${formatMonthId(s.month)} — ${name}`, [
    row('DISETUJUI', 'Disetujui'),
    row('DIAJUKAN', 'Menunggu persetujuan'),
    row('REVISI', 'Perlu revisi'),
    row('DITOLAK', 'Ditolak'),
    '',
    ...(s.noSupervisor
      ? [id['rekap.noSupervisor']()]
      : [
          `Target bulanan: ${target ? `${target.toLocaleString('id-ID')} menit${targetBasis(s)}` : id['rekap.noTarget']()}`,
          `Capaian: ${formatPercent(capaianPercent(s.minutes.DISETUJUI, target))}`,
        ]),
  ])
}
export const rekapText = (name: string, s: MonthSummary) => headedText(rekapParts(name, s))

export function pendingLineText(a: ActivityView): string {
  return `#${a.id} · ${a.employee.name} · ${formatDateId(a.date)} · ${timeText(a)}\n   ${truncate(a.description, 160)}`
}
