// User text of SKP, continuous feedback, periodic evaluation and keberatan (Bahasa Indonesia). Part of the
// one catalogue: id.ts spreads it in, so every key here is a MessageKey.

import { periodLabel } from './format.js'

/** A value a message words as given (names, numbers, codes); dates, minutes and periods have their own types and formatting. */
type Value = string | number
const s = (v: string | number | undefined) => String(v ?? '')
/** A name that closes a sentence: "S.Kep." already ends with its full stop. */
export const closing = (v: string | number | undefined) => (s(v).endsWith('.') ? s(v) : `${s(v)}.`)

export const evaluationMessages = {
  // RHK on activities
  'rhk.unknown': (p: { code: Value; year: Value; codes: readonly string[] }) =>
    `RHK "#${s(p.code)}" tidak ada di SKP Anda tahun ${s(p.year)}. Kode yang tersedia: ${p.codes.join(', ')}. Periksa kodenya, atau kirim tanpa #kode.`,
  'rhk.noSkp': (p: { year: Value }) =>
    `Anda belum memiliki SKP tahun ${s(p.year)}, jadi laporan tidak dapat dikaitkan ke RHK. Kirim tanpa #kode, atau hubungi admin BKPSDM.`,
  'rhk.notYours': () => 'RHK yang dipilih bukan bagian dari SKP Anda untuk tahun kegiatan ini. Pilih lagi dari tombol.',
  'guided.askRhk': () => 'Kegiatan ini mendukung RHK (Rencana Hasil Kerja) yang mana? Pilih salah satu, atau "Tanpa RHK".',
  'guided.useRhkButtons': () => 'Pilih RHK dengan tombol di atas, atau tekan "Tanpa RHK". Ketik /batal untuk membatalkan.',
  'button.noRhk': () => 'Tanpa RHK',

  // continuous feedback
  'feedback.noSubordinates': () => 'Anda tidak memiliki bawahan langsung, jadi tidak ada yang dapat diberi umpan balik.',
  'feedback.pickEmployee': () => 'Umpan balik untuk siapa? Pilih pegawai:',
  'feedback.pickValue': (p: { employee: Value }) => `Umpan balik untuk ${closing(p.employee)} Tentang nilai BerAKHLAK yang mana? (boleh "Umum")`,
  'feedback.askNote': (p: { employee: Value; value: Value }) =>
    `Tuliskan umpan balik untuk ${s(p.employee)}${p.value ? ` (${s(p.value)})` : ''}. Ketik /batal untuk membatalkan.`,
  'feedback.noteEmpty': () => 'Umpan balik masih kosong. Tuliskan catatannya, atau ketik /batal.',
  'feedback.done': (p: { employee: Value }) => `Umpan balik terkirim ke ${s(p.employee)} dan tersimpan untuk penilaian periodik.`,
  'feedback.notSubordinate': () => 'Hanya atasan langsung (Pejabat Penilai) pegawai ini yang dapat memberi umpan balik kepadanya.',
  'button.generalFeedback': () => 'Umum (tanpa nilai)',

  // periodic evaluation: the Pejabat Penilai's card
  'evaluation.notRater': () => 'Hanya Pejabat Penilai (atasan langsung) pegawai ini yang dapat menilainya.',
  'evaluation.alreadyRated': () => 'Penilaian ini sudah dikirim. Perubahan hanya melalui keberatan pegawai kepada Atasan Pejabat Penilai.',
  'evaluation.final': (p: { period: string }) => `Penilaian periode ${periodLabel(p.period)} sudah final; perubahan tidak dapat dilakukan lagi.`,
  'evaluation.incomplete': () => 'Pilih dulu rating hasil kerja dan rating perilaku kerja, lalu tekan Kirim penilaian.',
  'evaluation.pickValue': (p: { employee: Value }) => `Catatan perilaku kerja untuk ${s(p.employee)}: pilih nilai BerAKHLAK.`,
  'evaluation.askNote': (p: { value: Value; employee: Value }) => `Tuliskan catatan untuk nilai ${s(p.value)} (${s(p.employee)}). Ketik /batal untuk membatalkan.`,
  'evaluation.noteEmpty': () => 'Catatan masih kosong. Tuliskan catatannya, atau ketik /batal.',
  'evaluation.noteSaved': (p: { value: Value; employee: Value }) => `Catatan ${s(p.value)} untuk ${s(p.employee)} disimpan. Kirim penilaian bila sudah lengkap.`,
  'evaluation.sent': (p: { employee: Value; predikat: Value }) => `Penilaian ${s(p.employee)} terkirim: ${s(p.predikat)}.`,
  'button.hasil': (p: { selected: Value; label: Value }) => `${p.selected ? '✅ ' : ''}Hasil: ${s(p.label)}`,
  'button.perilaku': (p: { selected: Value; label: Value }) => `${p.selected ? '✅ ' : ''}Perilaku: ${s(p.label)}`,
  'button.berakhlakNote': () => '📝 Catatan BerAKHLAK',
  'button.sendEvaluation': () => '📨 Kirim penilaian',

  // keberatan
  'keberatan.notOwner': () => 'Hanya pegawai yang dinilai yang dapat mengajukan keberatan atas penilaiannya.',
  'keberatan.notRated': () => 'Penilaian ini belum dikirim oleh Pejabat Penilai.',
  'keberatan.already': () => 'Keberatan atas penilaian ini sudah pernah diajukan.',
  'keberatan.noApp': () =>
    'Pejabat Penilai Anda tidak memiliki atasan di data kepegawaian, sehingga keberatan tidak dapat diproses di sini. Hubungi admin BKPSDM.',
  'keberatan.askReason': (p: { period: Value; app: Value }) =>
    `Tuliskan alasan keberatan atas penilaian periode ${s(p.period)} (wajib). Keberatan akan diputuskan oleh ${s(p.app)}, Atasan Pejabat Penilai. Ketik /batal untuk membatalkan.`,
  'keberatan.reasonEmpty': () => 'Alasan keberatan wajib diisi. Tuliskan alasannya, atau ketik /batal.',
  'keberatan.filed': (p: { app: Value }) => `Keberatan terkirim ke ${s(p.app)}. Anda akan diberi tahu keputusannya.`,
  'keberatan.notApp': () => 'Hanya Atasan Pejabat Penilai (atasan dari pejabat penilai) yang dapat memutuskan keberatan ini.',
  'keberatan.notPending': () => 'Keberatan ini sudah diputuskan. Tidak ada perubahan.',
  'keberatan.unchanged': () => 'Rating yang dipilih sama dengan penilaian semula. Tekan "Kukuhkan penilaian" bila penilaian tidak diubah.',
  'keberatan.resolved': (p: { employee: Value; outcome: Value }) => `Keberatan ${s(p.employee)}: ${s(p.outcome)}.`,
  'keberatan.outcomeChanged': (p: { predikat: Value }) => `penilaian diubah (${s(p.predikat)})`,
  'keberatan.outcomeConfirmed': () => 'penilaian dikukuhkan',
  'button.keberatan': () => '⚖️ Ajukan keberatan',
  'button.confirmRating': () => '✅ Kukuhkan penilaian',
  'button.saveChange': () => '💾 Simpan perubahan',

  'command.umpanbalik': () => 'Beri umpan balik kepada bawahan',
  'slack.modalFeedback': () => 'Umpan balik',
  'slack.fieldEmployee': () => 'Pegawai',
  'slack.fieldBerakhlak': () => 'Nilai BerAKHLAK (opsional)',
  'slack.fieldFeedback': () => 'Umpan balik',

  // Slack: the evaluation card's note form, the keberatan form, and the RHK field of the report form
  'slack.modalEvaluationNote': () => 'Catatan BerAKHLAK',
  'slack.modalKeberatan': () => 'Ajukan keberatan',
  'slack.modalSave': () => 'Simpan',
  'slack.fieldBerakhlakValue': () => 'Nilai BerAKHLAK',
  'slack.fieldEvaluationNote': () => 'Catatan perilaku kerja',
  'slack.evaluationNoteHint': () => 'Bila nilai ini sudah memiliki catatan, catatan baru menggantikannya.',
  'slack.currentNotes': () => 'Catatan yang sudah ada:',
  'slack.pickBerakhlak': () => 'Pilih salah satu nilai BerAKHLAK.',
  'slack.evaluationNoteEmpty': () => 'Catatan masih kosong. Tuliskan catatannya.',
  'slack.keberatanPrompt': (p: { period: Value; app: Value }) =>
    `Alasan keberatan atas penilaian periode ${s(p.period)} (wajib). Keberatan akan diputuskan oleh ${s(p.app)}, Atasan Pejabat Penilai.`,
  'slack.fieldKeberatanReason': () => 'Alasan keberatan',
  'slack.keberatanReasonEmpty': () => 'Alasan keberatan wajib diisi. Tuliskan alasannya.',
  'slack.decideReasonEmpty': () => 'Alasan wajib diisi. Tuliskan alasannya.',
  'slack.feedbackNoteEmpty': () => 'Umpan balik masih kosong. Tuliskan catatannya.',
  'slack.fieldRhk': () => 'RHK dari SKP Anda (opsional)',
  'slack.rhkGroup': (p: { year: Value }) => `SKP ${s(p.year)}`,
  'slack.rhkGroupNone': () => 'Lainnya',
  'slack.rhkNotYours': () =>
    'RHK yang dipilih bukan bagian dari SKP Anda untuk tahun tanggal kegiatan ini. Pilih RHK lain, atau "Tanpa RHK".',
} satisfies Record<string, (p: never) => string>
