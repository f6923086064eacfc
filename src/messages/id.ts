// Every user-facing text of the bot, in Bahasa Indonesia. Plain text only: each platform adds its own
// buttons and escaping, so a user's description can never break the layout.

import type { IsoDate } from '../domain/dates.js'
import type { ActivityStatus } from '../domain/types.js'
import { bknMessages } from './bkn.js'
import { closing, evaluationMessages } from './evaluation.js'
import { formatClock, formatClockRange, formatDateId, formatFileSize, formatMinutes, shortDescription } from './format.js'

/** A value a message words as given (names, numbers, codes); dates, minutes and periods have their own types and formatting. */
type Value = string | number
const s = (v: string | number | undefined) => String(v ?? '')

const STATUS: Record<ActivityStatus, string> = {
  DIAJUKAN: 'Diajukan',
  DISETUJUI: 'Disetujui',
  DITOLAK: 'Ditolak',
  REVISI: 'Perlu revisi',
  DITARIK: 'Ditarik',
}

export const id = {
  // errors and refusals
  'error.generic': () => 'Maaf, terjadi kesalahan di sisi kami. Silakan coba lagi sebentar lagi.',
  'error.notLinked': () =>
    'Akun Anda belum terhubung dengan data pegawai.\n\n' +
    'Minta kode tautan kepada admin BKPSDM, lalu kirim: /start KODE\n' +
    '(atau kirim /start lalu ketik kodenya).',
  'error.forbidden': () => 'Anda tidak berwenang melakukan tindakan ini.',
  'error.notFound': () => 'Data tidak ditemukan. Mungkin sudah dihapus atau tombolnya sudah kedaluwarsa.',
  // no status: another decision won the race, its outcome is not known here
  'error.alreadyDecided': (p: { status?: ActivityStatus }) => `Laporan ini sudah diputuskan (${p.status ? STATUS[p.status] : '—'}). Tidak ada perubahan.`,
  'error.withdrawn': (p: { id: Value }) => `Laporan #${s(p.id)} sudah ditarik oleh pegawai, jadi tidak perlu diputuskan. Tidak ada perubahan.`,
  'evidence.tooLarge': (p: { size: number; max: number }) =>
    `Berkas bukti terlalu besar (${formatFileSize(p.size)}; paling besar ${formatFileSize(p.max)}). Laporan belum disimpan: kirim berkas yang lebih kecil, atau cantumkan tautan ke berkasnya.`,
  'evidence.caption': (p: { id: Value; employee: Value }) => `Bukti laporan #${s(p.id)} — ${s(p.employee)}`,
  'evidence.unavailable': (p: { id: Value; evidence: Value }) => `Bukti laporan #${s(p.id)} tidak tersimpan di kinerja-bot, jadi tidak bisa dibuka di sini (${s(p.evidence)}).`,
  'report.mediaHint': () =>
    'Foto atau dokumen diterima, tetapi tanpa laporan. Kirim ulang dengan baris laporan sebagai keterangan (caption), misalnya:\n' +
    '/lapor 08:00-10:30 Rapat koordinasi\nAtau kirim /lapor dan ikuti langkahnya: bukti dukung diminta di akhir.',
  'error.staleButton': () => 'Tombol ini sudah tidak berlaku. Tidak ada perubahan.',
  'error.notAuthorSupervisor': () => 'Hanya atasan langsung pegawai ini yang dapat memutuskan laporannya.',
  'error.notAuthor': () => 'Hanya pegawai yang membuat laporan ini yang dapat mengubah atau menariknya.',
  'error.notEditable': (p: { status: ActivityStatus }) => `Laporan berstatus ${STATUS[p.status]} tidak dapat diubah atau ditarik lagi.`,
  'error.tooLong': (p: { max: Value }) => `Pesan terlalu panjang (maksimal ${s(p.max)} karakter). Silakan persingkat.`,

  // linking
  'link.askCode': () => 'Silakan ketik kode tautan yang Anda terima dari admin BKPSDM.',
  'link.notACode': () =>
    'Itu belum terlihat seperti kode tautan. Kode terdiri dari 8 huruf/angka, misalnya K7M4-PQ9X, dan diberikan oleh admin BKPSDM ' +
    'di unit Anda. Belum punya kode? Hubungi admin BKPSDM, lalu ketik kodenya di sini. Ketik /batal untuk berhenti.',
  'link.invalid': (p: { left: Value }) =>
    `Kode tautan tidak valid atau sudah kedaluwarsa. Periksa kembali kodenya (sisa percobaan: ${s(p.left)}).`,
  'link.locked': (p: { minutes: Value }) =>
    `Terlalu banyak percobaan kode yang salah. Coba lagi setelah ${s(p.minutes)} menit, atau minta kode baru kepada admin.`,
  'link.codeShape': () => 'Format kode tidak dikenali. Kode terdiri dari huruf dan angka, misalnya: K7M4-PQ9X.',
  'link.welcome': (p: { name: Value; role: Value; position: Value; unit: Value }) =>
    `Selamat datang, ${s(p.name)}!\nAkun Anda terhubung sebagai ${s(p.role)} — ${s(p.position)}, ${s(p.unit)}.\n\n` +
    'Laporkan kegiatan dengan /lapor, lihat rekap bulan ini dengan /rekap, dan bantuan dengan /bantuan.',
  'link.welcomeSupervisor': () => 'Laporan tim Anda datang sebagai kartu persetujuan; semua yang menunggu ada di /persetujuan, dan umpan balik lewat /umpanbalik.',
  'console.signInLink': (p: { url: Value; minutes: Value }) =>
    `Tautan masuk ke konsol kinerja-bot (berlaku ${s(p.minutes)} menit, sekali pakai):\n${s(p.url)}\n\n` +
    'Jika Anda tidak meminta tautan ini, abaikan pesan ini: tanpa tautannya tidak ada yang bisa masuk.',
  'link.already': (p: { name: Value }) => `Akun ini sudah terhubung sebagai ${closing(p.name)} Ketik /bantuan untuk melihat perintah.`,
  'role.EMPLOYEE': () => 'Pegawai',
  'role.SUPERVISOR': () => 'Atasan langsung',
  'role.LEADER': () => 'Pimpinan',
  'role.ADMIN': () => 'Admin',

  // reporting: parse and validation errors, each saying what to fix
  'report.lineEmpty': () => 'Tuliskan waktu dan uraian kegiatan, misalnya: /lapor 08:00-10:30 Menyusun laporan keuangan',
  'report.timeUnparseable': (p: { text: Value }) =>
    `Waktu kegiatan tidak dikenali di awal "${s(p.text)}". Mulailah dengan rentang jam (08:00-10:30, 08.00 s.d. 10.30, 8-10) atau durasi (90 menit, 1,5 jam, 1j30m), lalu uraiannya.`,
  'report.clockInvalid': (p: { text: Value }) => `Jam "${s(p.text)}" tidak valid. Gunakan jam 00:00 sampai 24:00, misalnya 08:00-10:30.`,
  'report.endBeforeStart': (p: { text: Value }) =>
    `Jam selesai harus setelah jam mulai ("${s(p.text)}"). Contoh: 08:00-10:30. Shift malam yang melewati tengah malam ditulis dengan jam mulainya, misalnya 23:00-07:00.`,
  'report.endInFuture': (p: { startMinute: number; endMinute: number; now: number }) =>
    `Kegiatan ${formatClockRange(p.startMinute, p.endMinute)} belum selesai: sekarang baru pukul ${formatClock(p.now)}. Laporkan setelah kegiatannya selesai.`,
  'report.durationInFuture': (p: { minutes: number; now: number }) =>
    `Durasi ${formatMinutes(p.minutes)} lebih lama dari waktu yang sudah lewat hari ini (sekarang pukul ${formatClock(p.now)}). Periksa durasinya, atau laporkan untuk tanggal lain.`,
  'report.durationZero': () => 'Durasi harus lebih dari 0 menit, misalnya 30m atau 1 jam.',
  'report.durationTooLong': () => 'Durasi melebihi satu hari. Tulis durasi kegiatan dalam satu hari kerja.',
  'report.dateInvalid': (p: { text: Value }) => `Tanggal "${s(p.text)}" tidak valid. Gunakan format dd/mm atau dd/mm/yyyy, misalnya 27/11.`,
  'report.dateFuture': (p: { date: IsoDate }) => `Tanggal ${formatDateId(p.date)} belum terjadi. Kegiatan hanya dapat dilaporkan untuk hari ini atau sebelumnya.`,
  'report.dateTooOld': (p: { date: IsoDate; days: number }) =>
    `Tanggal ${formatDateId(p.date)} di luar batas pelaporan: laporan mundur paling lama ${s(p.days)} hari. Hubungi atasan Anda untuk kegiatan yang lebih lama.`,
  'report.descriptionEmpty': () => 'Uraian kegiatan masih kosong. Tuliskan apa yang Anda kerjakan setelah waktu, misalnya: 08:00-10:30 Menyusun laporan.',
  'report.descriptionTooLong': (p: { length: Value; max: Value }) =>
    `Uraian terlalu panjang (${s(p.length)} karakter, maksimal ${s(p.max)}). Silakan persingkat.`,
  'report.overlap': (p: {
    startMinute: number
    endMinute: number
    date: IsoDate
    otherId: number
    otherStartMinute: number
    otherEndMinute: number
    otherDescription: string
  }) =>
    `Waktu ${formatClockRange(p.startMinute, p.endMinute)} bertabrakan dengan kegiatan lain pada ${formatDateId(p.date)} ` +
    `(#${p.otherId} ${formatClockRange(p.otherStartMinute, p.otherEndMinute)}: ${shortDescription(p.otherDescription)}). Periksa kembali jamnya.`,
  'report.dayLimit': (p: { date: IsoDate; total: number; max: number }) =>
    `Total kegiatan pada ${formatDateId(p.date)} menjadi ${formatMinutes(p.total)}, melebihi batas ${formatMinutes(p.max)} per hari. Periksa kembali durasinya.`,
  'report.similar': (p: { id: number; description: string; date: IsoDate }) =>
    `Laporan serupa sudah ada (#${p.id}): ${shortDescription(p.description)} pada ${formatDateId(p.date)}. Kirim lagi sebagai kegiatan terpisah?`,
  'report.similarCancelled': () => 'Tidak dikirim. Laporan yang sudah ada tetap seperti semula.',
  'report.rangeRequired': (p: { minutes: number }) =>
    `Tulis jam mulai dan jam selesai, misalnya 08:00-10:30, bukan hanya durasi (${formatMinutes(p.minutes)}): BKN e-Kinerja mencatat Jam Mulai dan Jam Selesai setiap kegiatan.`,
  'report.notForSupervisorless': () =>
    'Data Anda belum memiliki atasan langsung, sehingga laporan tidak dapat divalidasi. Hubungi admin BKPSDM.',

  // guided report
  'guided.askDescription': () => 'Apa kegiatan yang Anda lakukan? Tuliskan uraiannya (maksimal 1.000 karakter).\nKetik /batal untuk membatalkan.',
  'guided.askTime': () =>
    'Kapan? Tulis rentang jam atau durasi, boleh diawali tanggal:\n• 08:00-10:30\n• 90 menit atau 1,5 jam\n• kemarin 13:00-15:00\n• 26/11 2 jam',
  'guided.askEvidence': () => 'Lampirkan bukti dukung (foto atau dokumen), atau tekan "Lewati".',
  'guided.evidenceExpected': () => 'Kirim foto atau dokumen sebagai bukti dukung, atau tekan "Lewati".',
  'guided.timeUnparseable': (p: { text: Value }) =>
    `Waktu "${s(p.text)}" tidak dikenali. Tulis rentang jam (08:00-10:30, 08.00 s.d. 10.30, 8-10) atau durasi (90 menit, 1,5 jam), boleh diawali tanggal (kemarin, 26/11).`,
  'guided.askStart': (p: { minutes: number }) =>
    `BKN e-Kinerja mencatat jam mulai dan jam selesai. Kegiatan ${formatMinutes(p.minutes)} itu mulai pukul berapa? ` +
    'Tulis jamnya, misalnya 08:00 (atau rentang lengkapnya, misalnya 08:00-10:30).',
  'guided.startUnparseable': (p: { text: Value }) => `Jam mulai "${s(p.text)}" tidak dikenali. Tulis jamnya saja, misalnya 08:00 atau 13.30, atau rentangnya, misalnya 08:00-10:30.`,
  'guided.timeOnly': () => 'Cukup tuliskan waktunya saja (misalnya 08:00-10:30 atau 90 menit).',
  'guided.useButtons': () => 'Gunakan tombol Kirim atau Batal di bawah ringkasan, atau ketik /batal.',
  'guided.cancelled': () => 'Dibatalkan. Tidak ada yang disimpan.',
  'guided.nothingToCancel': () => 'Tidak ada proses yang sedang berjalan.',
  'guided.summaryTitle': () => 'Periksa laporan Anda:',
  'conversation.expired': () => 'Langkah sebelumnya yang belum selesai dibatalkan karena terlalu lama tidak dilanjutkan. Tidak ada yang disimpan dari langkah itu.',

  // edit after Revisi (or before a decision)
  'edit.ask': (p: { id: Value; current: Value }) =>
    `Kirim perbaikan laporan #${s(p.id)}. Cukup kirim yang berubah:\n` +
    `• hanya waktu (misalnya 08:00-10:30 atau kemarin 2 jam): uraiannya tetap\n` +
    `• hanya uraian: tanggal dan waktunya tetap\n` +
    `• waktu lalu uraian: keduanya diganti\n` +
    `Saat ini: ${s(p.current)}\nKetik /batal untuk membatalkan.`,
  'edit.done': (p: { id: Value }) => `Laporan #${s(p.id)} diperbarui dan dikirim ulang ke atasan.`,
  'edit.doneWaiting': (p: { id: Value }) =>
    `Laporan #${s(p.id)} diperbarui. Atasan Anda belum membuka bot; laporan akan sampai begitu beliau membukanya.`,
  'receipt.heading': (p: { id: Value }) => `📝 Laporan #${s(p.id)} terkirim ke atasan`,
  // the supervisor cannot be reached yet (Telegram: has never opened the bot, which cannot write first)
  'receipt.headingWaiting': (p: { id: Value }) =>
    `📝 Laporan #${s(p.id)} tercatat. Atasan Anda belum membuka bot; laporan akan sampai begitu beliau membukanya.`,
  'receipt.headingEdited': (p: { id: Value }) => `📝 Laporan #${s(p.id)}`,
  'receipt.headingRepeated': (p: { id: Value }) => `📝 Laporan #${s(p.id)} sudah tercatat sebelumnya (tidak dikirim dua kali)`,
  'withdraw.done': (p: { id: Value }) => `Laporan #${s(p.id)} ditarik. Tidak akan dinilai atasan.`,

  // decisions
  'decide.askReason': (p: { outcome: Value; id: Value; employee: Value }) =>
    `Tuliskan alasan ${s(p.outcome).toLowerCase()} untuk laporan #${s(p.id)} dari ${s(p.employee)} (wajib). Ketik /batal untuk membatalkan.`,
  'decide.askFeedback': (p: { id: Value; employee: Value }) => `Tuliskan catatan/umpan balik untuk laporan #${s(p.id)} dari ${closing(p.employee)} Laporan akan disetujui. Ketik /batal untuk membatalkan.`,
  'decide.reasonEmpty': () => 'Alasan wajib diisi. Tuliskan alasannya, atau ketik /batal.',
  'decide.done': (p: { id: Value; outcome: Value }) => `Laporan #${s(p.id)}: ${s(p.outcome)}.`,
  'decide.bulkDone': (p: { count: Value; skipped: Value }) => `${s(p.count)} laporan disetujui.${Number(p.skipped) > 0 ? ` ${s(p.skipped)} dilewati karena sudah diputuskan atau bukan wewenang Anda.` : ''}`,

  'status.DIAJUKAN': () => STATUS.DIAJUKAN,
  'status.DISETUJUI': () => STATUS.DISETUJUI,
  'status.DITOLAK': () => STATUS.DITOLAK,
  'status.REVISI': () => STATUS.REVISI,
  'status.DITARIK': () => STATUS.DITARIK,

  'button.approve': () => '✅ Setujui',
  'button.approveNote': () => '✅ Setujui + catatan',
  'button.revise': () => '✏️ Revisi',
  'button.reject': () => '❌ Tolak',
  'button.edit': () => '✏️ Ubah',
  'button.withdraw': () => '🗑 Tarik',
  'button.send': () => '📨 Kirim',
  'button.sendAgain': () => '📨 Kirim lagi',
  'button.cancel': () => 'Batal',
  'button.skip': () => 'Lewati',
  'button.approveAll': () => '✅ Setujui semua di halaman ini',
  // the short forms, for platforms whose buttons take fewer characters (WhatsApp: 20)
  'button.approveAllShort': () => '✅ Setujui semua',
  'button.prev': () => '« Sebelumnya',
  'button.next': () => 'Berikutnya »',
  'button.fullText': () => 'Lihat uraian lengkap',
  'button.evidence': () => '📎 Lihat bukti',

  // cards replaced after the employee changed or withdrew the report
  'card.supersededEdited': (p: { id: Value }) => `ℹ️ Laporan #${s(p.id)} telah diperbarui oleh pegawai; kartu baru sudah dikirim.`,
  'card.supersededWithdrawn': (p: { id: Value }) => `ℹ️ Laporan #${s(p.id)} ditarik oleh pegawai.`,
  // a platform that cannot edit a sent message posts the new state below this line, quoting the old one
  'card.quoteActivity': (p: { id: Value }) => `↪️ Kartu laporan #${s(p.id)}`,
  'card.quoteReceipt': (p: { id: Value }) => `↪️ Laporan #${s(p.id)} yang Anda kirim`,
  'card.quoteEvaluation': (p: { employee: Value; period: Value }) => `↪️ Kartu penilaian ${s(p.employee)}, ${s(p.period)}`,

  // Slack: one slash command with subcommands, modals instead of conversations
  'slack.notLinked': () =>
    'Akun Slack Anda belum terhubung dengan data pegawai.\n\n' +
    'Minta kode tautan kepada admin BKPSDM, lalu ketik: /kinerja hubungkan KODE',
  'slack.linkUsage': () => 'Tuliskan kode tautan setelah perintah, misalnya: /kinerja hubungkan K7M4-PQ9X',
  'slack.welcome': (p: { name: Value; role: Value; position: Value; unit: Value }) =>
    `Selamat datang, ${s(p.name)}!\nAkun Anda terhubung sebagai ${s(p.role)} — ${s(p.position)}, ${s(p.unit)}.\n\n` +
    'Laporkan kegiatan dengan /kinerja lapor, lihat rekap bulan ini dengan /kinerja rekap, dan bantuan dengan /kinerja bantuan.',
  'slack.help': () =>
    'Perintah kinerja-bot di Slack:\n\n' +
    '/kinerja lapor — buka formulir laporan kegiatan harian.\n' +
    '  • Satu baris: /kinerja lapor 08:00-10:30 Menyusun laporan keuangan bulanan\n' +
    '  • Durasi: /kinerja lapor 90m Rapat koordinasi (juga: 90 menit, 1,5 jam, 2 jam, 1j30m)\n' +
    '  • Tanggal lalu: /kinerja lapor kemarin 13.00-15.00 Verifikasi berkas\n' +
    '  • Dengan RHK dari SKP Anda: /kinerja lapor 08:00-10:30 #RHK-1 Menyusun laporan (atau pilih RHK di formulir)\n' +
    '  • Dengan realisasi rencana aksi RHK itu: /kinerja lapor 08:00-10:30 Menyusun laporan #RHK-1 +2 dokumen\n' +
    '  • Atau kirim pesan langsung ke aplikasi ini: 08:00-10:30 Menyusun laporan\n' +
    '/kinerja rekap — menit bulan ini per status, target, dan capaian\n' +
    '/kinerja tpp — perkiraan TPP kinerja bulan ini: capaian, yang menunggu atasan, yang ditolak\n' +
    '/kinerja ekspor [bulan] — progres harian sebulan (XLSX) siap diunggah ke e-Kinerja BKN, misalnya /kinerja ekspor november\n' +
    '/kinerja persetujuan — (atasan) daftar laporan yang menunggu keputusan Anda\n' +
    '/kinerja umpanbalik — (atasan) beri umpan balik kepada bawahan langsung\n' +
    '/kinerja hubungkan KODE — hubungkan akun Slack dengan kode tautan dari admin\n' +
    '/kinerja bantuan — pesan ini\n\n' +
    'Setiap laporan dikirim ke atasan langsung untuk disetujui, direvisi, atau ditolak. Tab Beranda aplikasi ini menampilkan rekap Anda.',
  'slack.unknownSubcommand': (p: { sub: Value }) =>
    `Perintah "/kinerja ${s(p.sub)}" tidak dikenal. Gunakan: lapor, rekap, tpp, ekspor, persetujuan, umpanbalik, hubungkan, atau bantuan.\n` +
    'Contoh: /kinerja lapor 08:00-10:30 Menyusun laporan',
  'slack.dmUnknown': () =>
    'Maaf, saya tidak mengerti. Untuk melaporkan kegiatan, kirim misalnya:\n08:00-10:30 Menyusun laporan\n' +
    'atau gunakan /kinerja lapor. Ketik /kinerja bantuan untuk daftar perintah.',
  'slack.modalReport': () => 'Lapor kegiatan',
  'slack.modalEdit': (p: { id: Value }) => `Perbaiki laporan #${s(p.id)}`,
  'slack.modalSubmit': () => 'Kirim',
  'slack.modalClose': () => 'Tutup',
  'slack.modalRevise': () => 'Minta revisi',
  'slack.modalReject': () => 'Tolak laporan',
  'slack.modalNote': () => 'Setujui + catatan',
  'slack.modalFullText': (p: { id: Value }) => `Uraian laporan #${s(p.id)}`,
  'slack.modalNotice': () => 'kinerja-bot',
  'slack.fieldDescription': () => 'Uraian kegiatan',
  'slack.fieldDate': () => 'Tanggal',
  'slack.fieldStart': () => 'Jam mulai',
  'slack.fieldEnd': () => 'Jam selesai',
  'slack.fieldDuration': () => 'Atau durasi',
  'slack.fieldDurationHint': () => 'Isi jam mulai dan selesai, atau durasi saja: 90m, 90 menit, 1,5 jam, 1j30m.',
  'slack.fieldEvidenceLink': () => 'Tautan bukti dukung (opsional)',
  'slack.fieldEvidenceFile': () => 'Berkas bukti dukung (opsional)',
  'slack.fieldReason': () => 'Alasan',
  'slack.fieldNote': () => 'Catatan/umpan balik',
  'slack.timeMissing': () => 'Isi jam mulai dan jam selesai, atau durasi kegiatan.',
  'slack.startMissing': () => 'Isi juga jam mulai (atau kosongkan jam selesai dan isi durasi).',
  'slack.endMissing': () => 'Isi juga jam selesai (atau kosongkan jam mulai dan isi durasi).',
  'slack.timeTwice': () => 'Isi rentang jam atau durasi saja, jangan keduanya.',
  'slack.linkInvalid': () => 'Tautan bukti harus diawali http:// atau https://.',
  // the form's own wording: the chat texts of these speak of a typed line ("setelah waktu", "dd/mm")
  'slack.descriptionEmpty': () => 'Uraian kegiatan masih kosong. Tuliskan apa yang Anda kerjakan, misalnya: Menyusun laporan keuangan bulanan.',
  'slack.datePick': () => 'Pilih tanggal kegiatan pada kalender.',
  'slack.reasonPrompt': (p: { outcome: Value; id: Value; employee: Value }) => `Alasan ${s(p.outcome).toLowerCase()} untuk laporan #${s(p.id)} dari ${s(p.employee)} (wajib).`,
  'slack.notePrompt': (p: { id: Value; employee: Value }) => `Catatan/umpan balik untuk laporan #${s(p.id)} dari ${closing(p.employee)} Laporan akan disetujui.`,
  'slack.triggerExpired': () => 'Formulir tidak dapat dibuka tepat waktu. Silakan ulangi perintahnya.',
  'slack.formNotSaved': (p: { reason: Value }) => `Laporan dari formulir tidak tersimpan: ${s(p.reason)}`,

  // pending list
  'pending.empty': () => 'Tidak ada laporan yang menunggu persetujuan Anda. 👍',
  'pending.title': (p: { total: Value; page: Value; pages: Value }) => `Menunggu persetujuan: ${s(p.total)} laporan (halaman ${s(p.page)} dari ${s(p.pages)})`,

  // rekap
  'rekap.noTarget': () => 'belum ditetapkan',
  'rekap.noSupervisor': () =>
    'Target dan capaian: tidak berlaku. Data kepegawaian Anda tidak mencantumkan atasan langsung, jadi laporan harian tidak divalidasi di aplikasi ini (kinerja pejabat tertinggi dinilai di luar aplikasi).',

  // scheduled reminders (the rest of the scheduled texts are composed in scheduled.ts)
  'reminder.activityTitle': () => '⏰ Pengingat laporan kegiatan',
  'reminder.activity': (p: { date: Value }) =>
    `Anda belum melaporkan kegiatan untuk hari ini, ${s(p.date)}.\n\n` +
    'Tekan "Lapor sekarang", atau kirim satu baris, misalnya:\n/lapor 08:00-10:30 Menyusun laporan keuangan',
  'reminder.activityFinalTitle': () => '🔔 Pengingat terakhir hari ini',
  'reminder.activityFinal': (p: { date: Value }) =>
    `Belum ada laporan kegiatan Anda untuk ${s(p.date)}. ` +
    'Mohon laporkan sebelum jam kerja berakhir: tekan "Lapor sekarang" atau kirim /lapor.',
  'reminder.approvalTitle': (p: { count: Value }) => `📥 ${s(p.count)} laporan menunggu persetujuan Anda.`,
  'reminder.approval': (p: { id: Value; employee: Value; date: Value; age: Value }) =>
    `Terlama: #${s(p.id)} dari ${s(p.employee)} (${s(p.date)}), menunggu ${s(p.age)} hari kerja.\n\n` +
    'Buka daftarnya untuk menyetujui, meminta revisi, atau menolak.',
  'button.reportNow': () => '📝 Lapor sekarang',
  'button.openQueue': () => '📋 Buka daftar persetujuan',
  'button.openQueueShort': () => '📋 Buka persetujuan',

  // help and fallbacks
  'help.text': () =>
    'Perintah kinerja-bot:\n\n' +
    '/lapor — laporkan kegiatan harian.\n' +
    '  • Satu baris: /lapor 08:00-10:30 Menyusun laporan keuangan bulanan\n' +
    '  • Durasi: /lapor 90m Rapat koordinasi (juga: 90 menit, 1,5 jam, 2 jam, 1j30m)\n' +
    '  • Tanggal lalu: /lapor kemarin 13.00-15.00 Verifikasi berkas, /lapor 26/11 2 jam Entri data\n' +
    '  • Dengan RHK dari SKP Anda: /lapor 08:00-10:30 #RHK-1 Menyusun laporan (kode RHK setelah waktu)\n' +
    '  • Dengan realisasi rencana aksi RHK itu bulan ini: /lapor 08:00-10:30 Menyusun laporan #RHK-1 +2 dokumen (jumlah dan satuannya di akhir)\n' +
    '  • Terpandu: /lapor saja, lalu ikuti pertanyaannya (bisa melampirkan foto/dokumen)\n' +
    '/rekap — menit bulan ini per status, target, dan capaian\n' +
    '/tpp — perkiraan TPP kinerja bulan ini: capaian, yang menunggu atasan, yang ditolak\n' +
    '/ekspor [bulan] — progres harian sebulan (XLSX) siap diunggah ke e-Kinerja BKN, misalnya /ekspor november\n' +
    '/persetujuan — (atasan) daftar laporan yang menunggu keputusan Anda\n' +
    '/umpanbalik — (atasan) beri umpan balik kepada bawahan langsung\n' +
    '/batal — batalkan proses yang sedang berjalan\n' +
    '/bantuan — pesan ini\n\n' +
    'Setiap laporan dikirim ke atasan langsung untuk disetujui, direvisi, atau ditolak.',
  'help.unknown': () => 'Maaf, saya tidak mengerti. Untuk melaporkan kegiatan, kirim misalnya:\n/lapor 08:00-10:30 Menyusun laporan\nKetik /bantuan untuk daftar perintah.',

  'command.start': () => 'Hubungkan akun dengan kode tautan',
  'command.lapor': () => 'Laporkan kegiatan harian',
  'command.rekap': () => 'Rekap menit dan capaian bulan ini',
  'command.persetujuan': () => 'Laporan yang menunggu persetujuan',
  'command.batal': () => 'Batalkan proses yang berjalan',
  'command.bantuan': () => 'Bantuan dan contoh',

  // SKP, feedback, evaluation and keberatan: kept in their own file of the catalogue
  ...evaluationMessages,
  // the progres harian export for BKN e-Kinerja and the TPP estimate
  ...bknMessages,
} satisfies Record<string, (p: never) => string>
