// User text of SKP, continuous feedback, periodic evaluation and keberatan (Bahasa Indonesia). Part of the
// one catalogue: id.ts spreads it in, so every key here is a MessageKey.

import { periodLabel, shortDescription } from './format.js'

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

  // rencana aksi and realisasi on activities (BKN e-Kinerja's progres harian)
  'realisasi.invalid': (p: { text: Value; max: number }) =>
    `Realisasi "${s(p.text)}" tidak valid: harus bilangan bulat 1 sampai ${p.max.toLocaleString('id-ID')} (misalnya 2), bukan 0, negatif, atau pecahan.`,
  'realisasi.needsRhk': (p: { amount: number; satuan: string }) =>
    `Realisasi "+${p.amount}${p.satuan ? ` ${p.satuan}` : ''}" perlu kode RHK: rencana aksinya dicari pada RHK laporan. ` +
    `Tulis kode RHK sebelum realisasi, misalnya: /lapor 08:00-10:30 Menyusun laporan #RHK-1 +${p.amount} ${p.satuan || 'dokumen'}. Atau kirim /lapor saja dan pilih dengan tombol.`,
  'realisasi.noPlan': (p: { code: Value; period: string }) =>
    `RHK ${s(p.code)} tidak memiliki rencana aksi untuk ${periodLabel(p.period)}, jadi realisasi tidak dapat dicatat. Kirim tanpa +jumlah, atau minta admin BKPSDM mengimpor rencana aksinya.`,
  'realisasi.unknownSatuan': (p: { satuan: Value; code: Value; period: string; satuans: readonly string[] }) =>
    `Satuan "${s(p.satuan)}" tidak ada di rencana aksi RHK ${s(p.code)} untuk ${periodLabel(p.period)}. Satuan yang tersedia: ${p.satuans.join(', ')}. ` +
    `Tulis misalnya +2 ${p.satuans[0] ?? 'dokumen'}.`,
  'realisasi.ambiguous': (p: { satuan: string; code: Value; period: string; actions: readonly string[]; satuans: readonly string[] }) =>
    p.satuan === '' && p.satuans.length > 1
      ? `RHK ${s(p.code)} memiliki beberapa rencana aksi untuk ${periodLabel(p.period)}: tulis satuannya setelah jumlah, misalnya +2 ${p.satuans[0]} (satuan yang tersedia: ${p.satuans.join(', ')}).`
      : `Beberapa rencana aksi RHK ${s(p.code)} untuk ${periodLabel(p.period)} ${p.satuan ? `bersatuan "${p.satuan}"` : 'ada'}: ${p.actions.map(shortDescription).join('; ')}. ` +
        'Satu baris tidak dapat memilih di antaranya: kirim /lapor saja (terpandu) lalu pilih rencana aksinya dengan tombol.',
  'rencanaAksi.notOfRhk': () => 'Rencana aksi yang dipilih bukan rencana aksi RHK laporan ini untuk bulan tanggal kegiatannya. Pilih lagi.',
  'rencanaAksi.required': (p: { code: Value; period: string; satuans: readonly string[] }) =>
    `Instansi Anda mewajibkan rencana aksi: RHK ${s(p.code)} memiliki rencana aksi untuk ${periodLabel(p.period)}. ` +
    `Tambahkan realisasinya di akhir, misalnya +1 ${p.satuans[0] ?? 'dokumen'} (satuan: ${p.satuans.join(', ')}), atau kirim /lapor saja dan pilih dengan tombol.`,
  'guided.askRencanaAksi': (p: { code: Value; period: string; canSkip: boolean; options: readonly { text: string; target: number; satuan: string }[] }) =>
    [
      `Rencana aksi RHK ${s(p.code)} untuk ${periodLabel(p.period)} yang mana?`,
      ...p.options.map((o) => `• ${o.text} (target ${o.target.toLocaleString('id-ID')} ${o.satuan})`),
      p.canSkip ? 'Pilih salah satu, atau "Lewati".' : 'Pilih salah satu.',
    ].join('\n'),
  'guided.useRencanaAksiButtons': (p: { canSkip: boolean }) =>
    `Pilih rencana aksi dengan tombol di atas${p.canSkip ? ', atau tekan "Lewati"' : ''}. Ketik /batal untuk membatalkan.`,
  'guided.askRealisasi': (p: { text: string; target: number; satuan: string }) =>
    `Berapa realisasi kegiatan ini untuk "${shortDescription(p.text)}", dalam ${p.satuan}? (target bulan ini: ${p.target.toLocaleString('id-ID')} ${p.satuan})\n` +
    `Ketik bilangan bulat, atau tekan "1 ${p.satuan}".`,
  'button.realisasiOne': (p: { satuan: Value }) => `1 ${s(p.satuan)}`,

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
  'slack.fieldRencanaAksi': () => 'Rencana aksi bulan ini',
  'slack.fieldRencanaAksiHint': () => 'Rencana aksi RHK yang dipilih untuk bulan tanggal kegiatan (BKN e-Kinerja).',
  'slack.noRencanaAksi': () => 'Tanpa rencana aksi',
  'slack.rencanaAksiGroup': (p: { period: string }) => periodLabel(p.period),
  'slack.rencanaAksiOption': (p: { text: string; target: number; satuan: string }) => `${p.text} (target ${p.target.toLocaleString('id-ID')} ${p.satuan})`,
  'slack.fieldRealisasi': () => 'Realisasi',
  'slack.fieldRealisasiHint': () => 'Jumlah yang dicapai kegiatan ini dalam satuan rencana aksi yang dipilih: bilangan bulat, 1 bila dikosongkan.',
  'slack.rhkNotYours': () =>
    'RHK yang dipilih bukan bagian dari SKP Anda untuk tahun tanggal kegiatan ini. Pilih RHK lain, atau "Tanpa RHK".',
} satisfies Record<string, (p: never) => string>
