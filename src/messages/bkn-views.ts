import type { ProgresHarianOutcome, SkipReason } from '../domain/progres-harian.js'
import type { TppAmount, TppEstimate } from '../domain/tpp.js'
import { formatDateId, formatMonthId, periodLabel, shortDescription } from './format.js'
import { id } from './id.js'
import { formatPercent, headed, type Headed } from './views.js'

// Composed texts of the progres harian export and the TPP estimate: plain text for every platform.

/** How many left-out activities a chat message names; the file lists them all. */
const MAX_SKIPPED_LISTED = 10

/** One reason an activity is not in the file, in words. */
export function skipReasonText(r: SkipReason): string {
  switch (r.kind) {
    case 'OTHER_MONTH':
      return id['progres.skip.OTHER_MONTH']({ period: r.period })
    case 'NO_RENCANA_AKSI':
      return id['progres.skip.NO_RENCANA_AKSI']()
    case 'NO_TIME':
      return id['progres.skip.NO_TIME']()
    case 'NO_REALISASI':
      return id['progres.skip.NO_REALISASI']()
  }
}

/** The message that goes with a person's /ekspor file: what is in it, what is not and why. */
export function eksporParts(month: string, o: ProgresHarianOutcome): Headed {
  const lines = [
    o.exported > 0
      ? `${o.exported} kegiatan yang disetujui siap diunggah ke e-Kinerja BKN (Rencana Aksi, Tanggal, Jam Mulai, Jam Selesai, Kegiatan Harian, Realisasi, Satuan, Bukti Dukung).`
      : 'Belum ada kegiatan yang bisa diunggah ke e-Kinerja BKN.',
  ]
  if (o.skipped.length > 0) {
    lines.push('', `${o.skipped.length} kegiatan yang disetujui tidak diekspor:`)
    for (const x of o.skipped.slice(0, MAX_SKIPPED_LISTED)) {
      lines.push(`• #${x.activityId} ${formatDateId(x.date)}, ${shortDescription(x.description)}: ${x.reasons.map(skipReasonText).join('; ')}`)
    }
    if (o.skipped.length > MAX_SKIPPED_LISTED) lines.push(`…dan ${o.skipped.length - MAX_SKIPPED_LISTED} lainnya.`)
    lines.push('Semuanya tercantum di sheet "Tidak diekspor". Lengkapi yang kurang, lalu ekspor lagi.')
  }
  if (o.links.unlinked > 0) {
    lines.push(
      '',
      o.links.problem
        ? `Bukti Dukung: ${o.links.unlinked} berkas bukti belum bisa ditautkan karena tautan bukti belum diaktifkan admin (PUBLIC_URL dan EVIDENCE_LINK_SECRET); kolomnya dibiarkan kosong.`
        : `Bukti Dukung: ${o.links.unlinked} bukti tidak tersimpan di kinerja-bot, jadi kolomnya dibiarkan kosong.`,
    )
  }
  return headed(`📤 Progres harian ${periodLabel(month)} untuk e-Kinerja BKN`, lines)
}

/** A share (0–1) as a percentage: "60%", "62,2%". */
const share = (v: number) => `${(Math.round(v * 1000) / 10).toLocaleString('id-ID', { maximumFractionDigits: 1 })}%`
const rupiah = (v: number) => `Rp${v.toLocaleString('id-ID')}`
const metPercent = (a: TppAmount) => formatPercent(a.met === null ? null : Math.round(a.met * 1000) / 10)

/** How the factor came about: the share met (capped) or the tier reached. */
function factorLine(e: TppEstimate, a: TppAmount): string {
  const weight = `× bobot ${share(e.formula.weight)} = ${share(a.factor * e.formula.weight)} dari TPP dasar`
  if (!e.formula.tiers) return `Bagian kinerja: capaian ${metPercent(a)} (paling tinggi 100%) ${weight}.`
  if (!a.tier) return `Capaian ${metPercent(a)} belum mencapai tingkat terendah: faktor 0% ${weight}.`
  return `Tingkat capaian ≥ ${share(a.tier.min)}: faktor ${share(a.factor)} ${weight}.`
}

const countLine = (minutes: number, count: number) => `${minutes.toLocaleString('id-ID')} menit (${count} kegiatan)`

/** /tpp: this month's estimate of the performance part of TPP, and why. */
export function tppParts(name: string, e: TppEstimate): Headed {
  const s = e.summary
  const heading = `💰 Perkiraan TPP kinerja ${formatMonthId(s.month)} — ${name}`
  if (s.noSupervisor) return headed(heading, [id['rekap.noSupervisor']()])
  const target = s.targetMinutes
  const lines = [
    `Disetujui: ${countLine(s.minutes.DISETUJUI, s.counts.DISETUJUI)} dari target ${target ? `${target.toLocaleString('id-ID')} menit` : id['rekap.noTarget']()} (capaian ${metPercent(e.now)}).`,
    factorLine(e, e.now),
    e.tppBasic === null
      ? 'Nominal belum dapat dihitung: TPP dasar Anda (tpp_basic) belum ada di data impor pegawai. Minta admin BKPSDM melengkapinya; persentase di atas sudah berlaku.'
      : `Perkiraan TPP kinerja: ${rupiah(e.now.amount ?? 0)} (TPP dasar ${rupiah(e.tppBasic)}; bagian kinerja paling banyak ${rupiah(Math.round(e.tppBasic * e.formula.weight))}).`,
    '',
  ]
  const when = `${formatDateId(e.deadline)} (${e.daysLeft === 0 ? 'hari ini' : `${e.daysLeft} hari lagi`})`
  if (e.ifApproved) {
    const gain = e.ifApproved.amount !== null ? `, perkiraan ${rupiah(e.ifApproved.amount)}` : ''
    lines.push(
      `⏳ Menunggu persetujuan atasan: ${countLine(s.minutes.DIAJUKAN, s.counts.DIAJUKAN)}. Berisiko tidak dihitung bila belum disetujui sampai batas validasi ${when}.`,
      `Bila semuanya disetujui: capaian ${metPercent(e.ifApproved)}${gain}.`,
    )
  } else lines.push(`Tidak ada kegiatan yang menunggu persetujuan atasan. Batas validasi bulan ini: ${when}.`)
  if (s.counts.REVISI > 0) lines.push(`✏️ Perlu revisi dari Anda: ${countLine(s.minutes.REVISI, s.counts.REVISI)}; perbaiki dan kirim ulang sebelum batas validasi agar masih dapat dihitung.`)
  if (s.counts.DITOLAK > 0) lines.push(`❌ Ditolak: ${countLine(s.minutes.DITOLAK, s.counts.DITOLAK)}; tidak dihitung.`)
  lines.push('', 'Ini perkiraan dari menit yang disetujui, bukan keputusan pembayaran: perhitungan resmi mengikuti peraturan kepala daerah tentang TPP.')
  return headed(heading, lines)
}
