import { type IsoDate, isValidDate } from './dates.js'

const MIN_AGE = 17
const MAX_AGE = 75
/** The first year NI PPPK were issued (PPPK recruitment began with the 2019 intake). */
const PPPK_FIRST_YEAR = 2019

/**
 * Checks an 18-digit NIP: null when it is plausible, otherwise the reason in Bahasa Indonesia.
 *
 * PNS: `YYYYMMDD` birth date, `YYYYMM` TMT CPNS, gender digit `1`/`2`, 3-digit sequence.
 * NI PPPK has the same length and the same birth date, gender and sequence positions, but digits 9–14
 * hold the appointment year followed by two digits that are not a month (e.g. `2023` + `21`). So a number
 * whose "TMT month" is not 01–12 is accepted as NI PPPK when that year is 2019 or later; before 2019 it can
 * only be a mistyped PNS NIP.
 */
export function validateNip(nip: string, today: IsoDate): string | null {
  if (!/^\d{18}$/.test(nip)) return 'NIP harus 18 digit angka'
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number]
  const by = Number(nip.slice(0, 4))
  const bm = Number(nip.slice(4, 6))
  const bd = Number(nip.slice(6, 8))
  const birthText = `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`
  if (!isValidDate(by, bm, bd)) return `tanggal lahir pada NIP tidak valid (${birthText} bukan tanggal)`
  const age = ty - by - (tm * 100 + td < bm * 100 + bd ? 1 : 0)
  if (age < MIN_AGE || age > MAX_AGE) {
    return `tanggal lahir pada NIP tidak valid (${birthText}: umur ${age} tahun pada ${today}, harus ${MIN_AGE}–${MAX_AGE})`
  }

  const sy = Number(nip.slice(8, 12))
  const sm = Number(nip.slice(12, 14))
  const pppk = sm < 1 || sm > 12
  if (pppk && sy < PPPK_FIRST_YEAR) {
    return `TMT pada NIP tidak masuk akal (bulan ${nip.slice(12, 14)} bukan 01–12)`
  }
  // Month precision: TMT is always the first of a month. For NI PPPK only the year is known.
  const tmtText = pppk ? String(sy) : `${nip.slice(8, 12)}-${nip.slice(12, 14)}`
  const startMonth = sy * 12 + (pppk ? 1 : sm)
  if (startMonth > ty * 12 + tm) return `TMT pada NIP tidak masuk akal (${tmtText} setelah ${today})`
  if (startMonth < (by + MIN_AGE) * 12 + (pppk ? 1 : bm)) {
    return `TMT pada NIP tidak masuk akal (${tmtText} kurang dari ${MIN_AGE} tahun setelah lahir ${birthText})`
  }

  if (nip[14] !== '1' && nip[14] !== '2') return 'digit jenis kelamin (ke-15) harus 1 atau 2'
  return null
}
