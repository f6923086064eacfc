import { formatDateId, formatDateTimeId, periodLabel } from './format.js'
import type { BerakhlakValue, OrgPredikat, Predikat, Rating } from '../domain/evaluation-config.js'
import type { DistributionView, EvaluationMessage, EvaluationView, EvidenceSummary, FeedbackView, RhkTally, UnratedItem } from '../domain/evaluation-types.js'
import type { RencanaAksiProgress } from '../domain/rencana-aksi.js'
import { indent } from './scheduled.js'
import { formatPercent, headed, headedText, truncate, type Headed } from './views.js'

// Composed texts of SKP, feedback, evaluation and keberatan: plain text for every platform.

const RATING: Record<Rating, string> = {
  DI_ATAS_EKSPEKTASI: 'Di atas ekspektasi',
  SESUAI_EKSPEKTASI: 'Sesuai ekspektasi',
  DI_BAWAH_EKSPEKTASI: 'Di bawah ekspektasi',
}
const RATING_SHORT: Record<Rating, string> = { DI_ATAS_EKSPEKTASI: 'Di atas', SESUAI_EKSPEKTASI: 'Sesuai', DI_BAWAH_EKSPEKTASI: 'Di bawah' }
const PREDIKAT: Record<Predikat, string> = {
  SANGAT_BAIK: 'Sangat Baik',
  BAIK: 'Baik',
  BUTUH_PERBAIKAN: 'Butuh Perbaikan',
  KURANG: 'Kurang',
  SANGAT_KURANG: 'Sangat Kurang',
}
const ORG: Record<OrgPredikat, string> = { ...PREDIKAT, ISTIMEWA: 'Istimewa' } as Record<OrgPredikat, string>
// in the order of the acronym BerAKHLAK, which is the order the notes are listed in
const VALUE: Record<BerakhlakValue, string> = {
  BERORIENTASI_PELAYANAN: 'Berorientasi Pelayanan',
  AKUNTABEL: 'Akuntabel',
  KOMPETEN: 'Kompeten',
  HARMONIS: 'Harmonis',
  LOYAL: 'Loyal',
  ADAPTIF: 'Adaptif',
  KOLABORATIF: 'Kolaboratif',
}

export const ratingLabel = (r: Rating | null | undefined) => (r ? RATING[r] : '—')
export const ratingShort = (r: Rating) => RATING_SHORT[r]
export const predikatLabel = (p: Predikat | null | undefined) => (p ? PREDIKAT[p] : '—')
export const valueLabel = (v: BerakhlakValue) => VALUE[v]
const num = (n: number) => Math.round(n).toLocaleString('id-ID')


function tallyLine(t: RhkTally): string {
  const name = t.code ? `${t.code} ${truncate(t.text, 70)}` : 'Tanpa RHK'
  return `• ${name}: ${t.activities} kegiatan, ${num(t.approvedMinutes)} menit disetujui`
}

/** The /rekap addition: each rencana aksi of the month, the realisasi of approved activities against its target. */
export function rencanaAksiRekapText(rows: RencanaAksiProgress[]): string {
  return [
    'Rencana aksi (bulan ini, realisasi disetujui/target):',
    ...rows.map((r) => `• ${r.code} ${truncate(r.text, 70)}: ${num(r.realised)}/${num(r.target)} ${r.satuan}`),
  ].join('\n')
}

/** The /rekap addition: minutes and activity counts per RHK this month. */
export function rhkRekapText(rows: RhkTally[]): string {
  return ['Per RHK (bulan ini):', ...rows.map(tallyLine)].join('\n')
}

function evidenceLines(e: EvidenceSummary): string[] {
  const c = e.counts
  const lines = ['Bukti kinerja periode ini:', ...(e.rhk.length > 0 ? e.rhk.map(tallyLine) : ['• belum ada laporan kegiatan'])]
  lines.push(
    `Laporan: ${c.total}, disetujui ${c.approved}${e.approvalPercent === null ? '' : ` (${formatPercent(e.approvalPercent)})`}, ` +
      `revisi ${c.revision}, ditolak ${c.rejected}, menunggu ${c.pending}; ${num(e.approvedMinutes)} menit disetujui`,
  )
  lines.push(`Umpan balik diterima: ${e.feedbackCount}`)
  for (const f of e.feedback) {
    lines.push(`  – ${f.date.slice(8, 10)}/${f.date.slice(5, 7)}${f.value ? ` ${VALUE[f.value]}` : ''}: ${truncate(f.note, 160)} (${f.by})`)
  }
  if (e.feedbackCount > e.feedback.length) lines.push(`  …dan ${e.feedbackCount - e.feedback.length} lainnya`)
  return lines
}

function notesLines(v: EvaluationView): string[] {
  const notes = (Object.keys(VALUE) as BerakhlakValue[]).filter((k) => v.notes[k])
  return notes.length === 0 ? [] : ['Catatan perilaku kerja (BerAKHLAK):', ...notes.map((k) => `• ${VALUE[k]}: ${v.notes[k]}`)]
}

function headLines(v: EvaluationView): string[] {
  return [
    `Pegawai: ${v.employee.name} (NIP ${v.employee.nip})`,
    `Jabatan: ${v.employee.position}, ${v.employee.unit}`,
    `Periode: ${periodLabel(v.period)} (${formatDateId(v.from)} s.d. ${formatDateId(v.to)})`,
  ]
}

const ratingLines = (v: Pick<EvaluationView, 'hasil' | 'perilaku' | 'predikat'>) => [
  `Rating hasil kerja: ${ratingLabel(v.hasil)}`,
  `Rating perilaku kerja: ${ratingLabel(v.perilaku)}`,
  `Predikat kinerja: ${predikatLabel(v.predikat)}`,
]

/** The Pejabat Penilai's card: the evidence, the choice so far, then the buttons. */
export function evaluationCardParts(v: EvaluationView): Headed {
  return headed(`📋 Penilaian kinerja periodik — ${periodLabel(v.period)}`, [
    ...headLines(v),
    '',
    ...evidenceLines(v.evidence),
    '',
    `Pilihan Anda: hasil kerja ${ratingLabel(v.draft.hasil)}; perilaku kerja ${ratingLabel(v.draft.perilaku)}`,
    ...(v.draftPredikat ? [`Predikat bila dikirim: ${PREDIKAT[v.draftPredikat]}`] : []),
    ...notesLines(v),
  ])
}
export const evaluationCardText = (v: EvaluationView) => headedText(evaluationCardParts(v))

const byAt = (who: string, at: string | null, tz: string) => (at ? `${who} pada ${formatDateTimeId(new Date(at), tz)}` : who)

/** The card once rated: the facts and the outcome, no buttons. */
export function evaluationOutcomeParts(v: EvaluationView): Headed {
  return headed(`📋 Penilaian kinerja periodik — ${periodLabel(v.period)}`, [
    ...headLines(v),
    '',
    `✅ Dinilai oleh ${byAt(v.rater.name, v.ratedAt, v.timezone)}`,
    ...ratingLines(v),
    ...notesLines(v),
  ])
}
export const evaluationOutcomeText = (v: EvaluationView) => headedText(evaluationOutcomeParts(v))

/** What the employee is told: ratings, predikat, notes and how to object. */
export function evaluationNoticeParts(v: EvaluationView): Headed {
  const until = v.keberatanUntil ? formatDateTimeId(new Date(v.keberatanUntil), v.timezone) : '—'
  return headed(`📋 Hasil penilaian kinerja periode ${periodLabel(v.period)}`, [
    `Pejabat Penilai: ${v.rater.name}`,
    '',
    ...ratingLines(v),
    ...notesLines(v),
    '',
    `Bila tidak sependapat, Anda dapat mengajukan keberatan sampai ${until} dengan tombol di bawah.`,
  ])
}
export const evaluationNoticeText = (v: EvaluationView) => headedText(evaluationNoticeParts(v))

function keberatanLines(v: EvaluationView): string[] {
  const k = v.keberatan
  if (!k) return []
  return [
    `Keberatan diajukan ${formatDateTimeId(new Date(k.filedAt), v.timezone)}:`,
    `"${k.reason}"`,
    `Penilaian semula: hasil kerja ${ratingLabel(k.before.hasil)}, perilaku kerja ${ratingLabel(k.before.perilaku)}, predikat ${PREDIKAT[k.before.predikat]}`,
  ]
}

/** The Atasan Pejabat Penilai's card. */
export function keberatanCardParts(v: EvaluationView): Headed {
  return headed(`⚖️ Keberatan atas penilaian kinerja — ${periodLabel(v.period)}`, [
    ...headLines(v),
    `Pejabat Penilai: ${v.rater.name}`,
    '',
    ...keberatanLines(v),
    ...notesLines(v),
    '',
    ...evidenceLines(v.evidence),
    '',
    'Kukuhkan penilaian, atau pilih rating baru lalu tekan Simpan perubahan.',
    `Pilihan saat ini: hasil kerja ${ratingLabel(v.draft.hasil)}; perilaku kerja ${ratingLabel(v.draft.perilaku)}` +
      (v.draftPredikat ? `; predikat ${PREDIKAT[v.draftPredikat]}` : ''),
  ])
}
export const keberatanCardText = (v: EvaluationView) => headedText(keberatanCardParts(v))

const outcomeWord = (v: EvaluationView) => (v.keberatan?.status === 'DIUBAH' ? 'penilaian diubah' : 'penilaian dikukuhkan')

/** The card once decided. */
export function keberatanOutcomeParts(v: EvaluationView): Headed {
  return headed(`⚖️ Keberatan atas penilaian kinerja — ${periodLabel(v.period)}`, [
    ...headLines(v),
    '',
    ...keberatanLines(v),
    '',
    `Keputusan: ${outcomeWord(v)} (${v.keberatan?.resolvedAt ? formatDateTimeId(new Date(v.keberatan.resolvedAt), v.timezone) : '—'})`,
    ...ratingLines(v),
  ])
}
export const keberatanOutcomeText = (v: EvaluationView) => headedText(keberatanOutcomeParts(v))

/** The employee and the rater learn how the keberatan ended; the evaluation is final now. */
export function keberatanNoticeParts(v: EvaluationView, to: 'employee' | 'rater'): Headed {
  return headed(`⚖️ Keputusan keberatan — penilaian periode ${periodLabel(v.period)}${to === 'rater' ? ` (${v.employee.name})` : ''}`, [
    `Keputusan Atasan Pejabat Penilai: ${outcomeWord(v)}.`,
    '',
    ...ratingLines(v),
    '',
    'Penilaian periode ini sudah final.',
  ])
}
export const keberatanNoticeText = (v: EvaluationView, to: 'employee' | 'rater') => headedText(keberatanNoticeParts(v, to))

export function feedbackNoticeParts(f: FeedbackView): Headed {
  return headed(`💬 Umpan balik dari ${f.author.name}`, [
    ...(f.value ? [`Nilai BerAKHLAK: ${VALUE[f.value]}`] : []),
    '',
    f.note,
    '',
    `Dikirim ${formatDateTimeId(new Date(f.at), f.timezone)}; tersimpan sebagai bahan penilaian periodik.`,
  ])
}
export const feedbackNoticeText = (f: FeedbackView) => headedText(feedbackNoticeParts(f))

export function evaluationReminderParts(m: { period: string; count: number; names: string[] }): Headed {
  return headed(`⏰ ${m.count} penilaian kinerja periode ${periodLabel(m.period)} menunggu Anda`, [
    `Belum dinilai: ${m.names.join(', ')}${m.count > m.names.length ? ', …' : ''}.`,
    '',
    'Buka kartu penilaian masing-masing pegawai, pilih rating hasil kerja dan perilaku kerja, lalu tekan Kirim penilaian.',
  ])
}
export const evaluationReminderText = (m: { period: string; count: number; names: string[] }) => headedText(evaluationReminderParts(m))

/** To an Atasan Pejabat Penilai with keberatan still undecided; `oldestFiled` is a YYYY-MM-DD date. */
export function keberatanReminderParts(m: { count: number; names: string[]; oldestFiled: string }): Headed {
  return headed(`⏰ ${m.count} keberatan atas penilaian kinerja menunggu keputusan Anda`, [
    `Diajukan oleh: ${m.names.join(', ')}${m.count > m.names.length ? ', …' : ''}; yang terlama sejak ${formatDateId(m.oldestFiled)}.`,
    '',
    'Buka kartu keberatan masing-masing, lalu kukuhkan penilaian atau pilih rating baru dan simpan perubahan.',
  ])
}
export const keberatanReminderText = (m: { count: number; names: string[]; oldestFiled: string }) => headedText(keberatanReminderParts(m))

export function evaluationEscalationParts(m: { thresholdDays: number; items: UnratedItem[]; more: number }): Headed {
  return headed(`⚠️ Eskalasi: penilaian kinerja belum dikerjakan lebih dari ${m.thresholdDays} hari kerja`, [
    'Anda menerima ini sebagai atasan dari pejabat penilai berikut:',
    '',
    ...m.items.map((i) => `• ${i.employee} (${periodLabel(i.period)}) — penilai: ${i.rater}, ${i.ageWorkDays} hari kerja`),
    ...(m.more > 0 ? [`…dan ${m.more} penilaian lainnya.`] : []),
  ])
}
export const evaluationEscalationText = (m: { thresholdDays: number; items: UnratedItem[]; more: number }) => headedText(evaluationEscalationParts(m))

function distributionBlock(d: DistributionView): string[] {
  const counts = (Object.keys(PREDIKAT) as Predikat[]).map((p) => `${PREDIKAT[p]} ${d.counts[p]}`).join(', ')
  const lines = [
    `• ${d.unit.name} — predikat organisasi ${ORG[d.orgPredikat]}${d.assumed ? ' (bawaan, belum ditetapkan)' : ''}`,
    `${indent(1)}Dinilai ${d.rated} dari ${d.employees} pegawai${d.final ? ' (final)' : ' (belum final)'}: ${counts}`,
  ]
  for (const c of d.checks) {
    const names = c.predikat.map((p) => PREDIKAT[p]).join(' + ')
    const rule = c.bound === 'atMost' ? `maks. ${formatPercent(c.limit)}` : `min. ${formatPercent(c.limit)}`
    lines.push(`${indent(1)}${c.ok ? '✓' : '⚠️ MELAMPAUI POLA'} ${names}: ${formatPercent(c.percent)} (${rule})`)
  }
  return lines
}

/** Predikat distribution per organisation against its pola distribusi; used by the digest and `kurva`. */
export function distributionParts(period: string, scope: string, orgs: DistributionView[]): Headed {
  const flagged = orgs.filter((o) => o.checks.some((c) => !c.ok)).length
  return headed(`📈 Distribusi predikat kinerja — ${scope}, ${periodLabel(period)}`, [
    flagged > 0
      ? `⚠️ ${flagged} organisasi melampaui pola distribusi. Tinjau sebelum penilaian periode ini final.`
      : 'Semua organisasi sesuai pola distribusi.',
    '',
    ...(orgs.length > 0 ? orgs.flatMap(distributionBlock) : ['Belum ada penilaian untuk periode ini.']),
  ])
}
export const distributionText = (period: string, scope: string, orgs: DistributionView[]) => headedText(distributionParts(period, scope, orgs))

/** The text of every evaluation message, the same on each platform (which adds its own buttons). */
export function evaluationMessageParts(m: EvaluationMessage): Headed {
  switch (m.kind) {
    case 'evaluation_card':
      return evaluationCardParts(m.evaluation)
    case 'evaluation_outcome':
      return evaluationOutcomeParts(m.evaluation)
    case 'evaluation_notice':
      return evaluationNoticeParts(m.evaluation)
    case 'keberatan_card':
      return keberatanCardParts(m.evaluation)
    case 'keberatan_outcome':
      return keberatanOutcomeParts(m.evaluation)
    case 'keberatan_notice':
      return keberatanNoticeParts(m.evaluation, m.to)
    case 'feedback_notice':
      return feedbackNoticeParts(m.feedback)
    case 'evaluation_reminder':
      return evaluationReminderParts(m)
    case 'keberatan_reminder':
      return keberatanReminderParts(m)
    case 'evaluation_escalation':
      return evaluationEscalationParts(m)
    case 'distribution_digest':
      return distributionParts(m.period, m.scope, m.organisations)
  }
}
export const evaluationMessageText = (m: EvaluationMessage) => headedText(evaluationMessageParts(m))
