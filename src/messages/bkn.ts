// User text of the progres harian export (/ekspor, the Bukti Dukung links) and of the TPP estimate (/tpp),
// Bahasa Indonesia. Part of the one catalogue: id.ts spreads it in, so every key here is a MessageKey.

import { periodLabel } from './format.js'

type Value = string | number
const s = (v: string | number | undefined) => String(v ?? '')

export const bknMessages = {
  // why an approved activity is not a row of BKN's progres harian form
  'progres.skip.NO_RENCANA_AKSI': () => 'belum ada rencana aksi',
  'progres.skip.NO_TIME': () => 'tanpa jam mulai dan jam selesai (dilaporkan sebagai durasi)',
  'progres.skip.NO_REALISASI': () => 'realisasi belum diisi',
  'progres.skip.OTHER_MONTH': (p: { period: string }) => `rencana aksinya untuk ${periodLabel(p.period)}, bukan untuk bulan kegiatan`,

  // /ekspor
  'ekspor.monthUnknown': (p: { text: Value }) =>
    `Bulan "${s(p.text)}" tidak dikenal. Tulis misalnya /ekspor 2026-11 atau /ekspor november, atau /ekspor saja untuk bulan ini.`,
  'ekspor.monthFuture': (p: { month: string }) => `${periodLabel(p.month)} belum dimulai: pilih bulan ini atau bulan sebelumnya.`,
  'ekspor.empty': (p: { month: string }) =>
    `Belum ada kegiatan yang disetujui atasan pada ${periodLabel(p.month)}, jadi belum ada progres harian untuk BKN e-Kinerja. ` +
    'Hanya kegiatan yang sudah disetujui yang diekspor.',

  // the Bukti Dukung link, opened in a browser
  'bukti.forbidden': () => 'Tautan bukti dukung ini tidak sah. Periksa apakah tautannya tersalin utuh.',
  'bukti.notFound': () => 'Bukti dukung tidak ditemukan.',
  'bukti.revoked': () => 'Tautan bukti dukung ini sudah dicabut. Minta tautan baru kepada pegawai yang bersangkutan atau admin BKPSDM.',

  'slack.fileInDm': (p: { filename: Value }) => `📎 ${s(p.filename)} dikirim ke pesan langsung Anda dengan aplikasi kinerja-bot.`,

  'command.ekspor': () => 'Progres harian sebulan (XLSX) untuk BKN e-Kinerja',
  'command.tpp': () => 'Perkiraan TPP kinerja bulan ini',
} satisfies Record<string, (p: never) => string>
