// Indonesian mobile numbers as people and spreadsheets write them, to the id WhatsApp gives the account:
// the number in international form without the plus (`6281234567890`), which is also the chat to write to.
//
// Accepted forms (separators: spaces, `-`, `.`, `/` and parentheses):
//   `0812-3456-7890`, `+62 812-3456-7890`, `62812…`, `0062 812…`, `+62 (0)812…` (the trunk 0 kept by habit),
//   and `812…`: a spreadsheet that takes the column for numbers drops the leading 0, and the admin should not
//   have to fix hundreds of cells for it (no other Indonesian number starts with 8, so nothing is guessed).
// Refused, with the reason in Bahasa Indonesia (the import shows it with the line):
//   - a number of another country (`+60…`, `001…`);
//   - a number that is not mobile: only mobile numbers (`08…`) carry WhatsApp accounts people use, a landline
//     (`0401…`, Kendari) is almost always the office's; `0800`/`0809` are toll-free and premium lines;
//   - a length outside 10–13 digits counted with the leading 0 (0812-345-678 to 0812-3456-78901), the range
//     the operators hand out;
//   - a number a spreadsheet turned into scientific notation (`6.28123E+12`): its last digits are lost.
// The operators' prefixes (0811 Telkomsel, 0817 XL, 0896 Tri, …) are not checked: they are reassigned and
// new ones open, and a wrong digit inside a valid prefix would pass such a check anyway.

export type PhoneCheck = { ok: true; waId: string } | { ok: false; reason: string }

/** Digits of the national number without its trunk 0: 9–12 (10–13 written with the 0). */
const MIN_NATIONAL = 9
const MAX_NATIONAL = 12

const refuse = (reason: string): PhoneCheck => ({ ok: false, reason })

/** The WhatsApp id (`62812…`) of an Indonesian mobile number, or why it is not one. */
export function normalizeIndonesianMobile(input: string): PhoneCheck {
  const raw = input.trim()
  if (raw === '') return refuse('nomor kosong')
  if (/^[+\d.,]+e\+?\d+$/i.test(raw)) {
    return refuse('tertulis sebagai angka ilmiah (angka terakhir hilang): format kolom sebagai Teks di spreadsheet lalu tulis ulang nomornya')
  }
  const compact = raw.replace(/[\s\u00a0\-./()]/g, '')
  if (!/^\+?\d+$/.test(compact)) return refuse('hanya boleh berisi angka, spasi, tanda - dan tanda + di depan')

  const international = /^(?:\+|00)/.test(compact)
  if (international && !/^(?:\+|00)62/.test(compact)) return refuse('bukan nomor Indonesia (kode negara harus +62)')
  let national: string
  if (international) national = compact.replace(/^(?:\+|00)62/, '')
  else if (compact.startsWith('62')) national = compact.slice(2)
  else if (compact.startsWith('0')) national = compact.slice(1)
  else if (compact.startsWith('8')) national = compact // the leading 0 dropped by a spreadsheet
  else return refuse('bukan nomor seluler Indonesia (tulis seperti 0812-3456-7890 atau +62 812-3456-7890)')

  // "+62 (0)812…": the trunk 0 written after the country code
  if (national.startsWith('0') && (international || compact.startsWith('62'))) national = national.slice(1)
  if (!national.startsWith('8')) return refuse('bukan nomor seluler (nomor seluler Indonesia diawali 08); nomor telepon kantor atau rumah tidak bisa dipakai')
  if (national.startsWith('80')) return refuse('bukan nomor seluler (0800 dan 0809 adalah nomor bebas pulsa dan premium)')
  if (national.length < MIN_NATIONAL) return refuse(`terlalu pendek (${national.length + 1} digit dengan 0 di depan, seharusnya 10–13)`)
  if (national.length > MAX_NATIONAL) return refuse(`terlalu panjang (${national.length + 1} digit dengan 0 di depan, seharusnya 10–13)`)
  return { ok: true, waId: `62${national}` }
}
