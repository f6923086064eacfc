import { describe, expect, it } from 'vitest'
import { normalizeIndonesianMobile } from '../../src/domain/phone.js'

const waId = (s: string) => {
  const r = normalizeIndonesianMobile(s)
  return r.ok ? r.waId : `refused: ${r.reason}`
}
const reason = (s: string) => {
  const r = normalizeIndonesianMobile(s)
  return r.ok ? `accepted: ${r.waId}` : r.reason
}

describe('normalizeIndonesianMobile', () => {
  it('reads the usual ways of writing one number as the same WhatsApp id', () => {
    for (const written of [
      '081234567890',
      '0812-3456-7890',
      '0812 3456 7890',
      '0812.3456.7890',
      '(0812) 3456-7890',
      '+62 812-3456-7890',
      '+6281234567890',
      '6281234567890',
      '62 812 3456 7890',
      '0062 812 3456 7890',
      '+62 (0)812-3456-7890',
      ' 0812\u00a03456\u00a07890 ',
      // a spreadsheet column taken for numbers drops the leading 0
      '81234567890',
    ]) {
      expect(waId(written), written).toBe('6281234567890')
    }
  })

  it('accepts the lengths the operators hand out: 10 to 13 digits with the leading 0', () => {
    expect(waId('0812345678')).toBe('62812345678')
    expect(waId('0812-3456-78901')).toBe('62812345678901')
    expect(reason('081234567')).toBe('terlalu pendek (9 digit dengan 0 di depan, seharusnya 10–13)')
    expect(reason('+62 812-3456-789012')).toBe('terlalu panjang (14 digit dengan 0 di depan, seharusnya 10–13)')
  })

  it('refuses other countries, landlines, toll-free lines and mangled cells, saying why', () => {
    expect(reason('')).toBe('nomor kosong')
    expect(reason('+60 12-345 6789')).toBe('bukan nomor Indonesia (kode negara harus +62)')
    expect(reason('001 202 555 0123')).toBe('bukan nomor Indonesia (kode negara harus +62)')
    expect(reason('0401-3121234')).toMatch(/^bukan nomor seluler \(nomor seluler Indonesia diawali 08\)/)
    expect(reason('+62 401 312 1234')).toMatch(/^bukan nomor seluler \(nomor seluler Indonesia diawali 08\)/)
    expect(reason('0800-1-234567')).toBe('bukan nomor seluler (0800 dan 0809 adalah nomor bebas pulsa dan premium)')
    expect(reason('6.28123E+12')).toMatch(/^tertulis sebagai angka ilmiah/)
    expect(reason('0812-3456-789O')).toBe('hanya boleh berisi angka, spasi, tanda - dan tanda + di depan')
    expect(reason('0812+34567890')).toBe('hanya boleh berisi angka, spasi, tanda - dan tanda + di depan')
    expect(reason('12345678901')).toMatch(/^bukan nomor seluler Indonesia/)
  })
})
