import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { validateNip } from '../../src/domain/nip.js'

const TODAY = '2026-11-28'
const fixtureNips = readFileSync(new URL('../fixtures/kendari-employees.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',')[0]!)

describe('validateNip', () => {
  it('accepts every NIP of the Kendari fixture', () => {
    expect(fixtureNips).toHaveLength(40)
    for (const nip of fixtureNips) expect(validateNip(nip, TODAY), nip).toBeNull()
  })

  it('accepts an NI PPPK: appointment year from 2019 followed by two digits that are no month', () => {
    expect(validateNip('198507032023212018', TODAY)).toBeNull()
    expect(validateNip('199912312019211001', TODAY)).toBeNull()
  })

  it('rejects a PPPK shape before 2019 or in the future', () => {
    expect(validateNip('198507032015212018', TODAY)).toMatch(/^TMT pada NIP tidak masuk akal \(bulan 21 bukan 01–12\)/)
    expect(validateNip('198507032027212018', TODAY)).toMatch(/^TMT pada NIP tidak masuk akal \(2027 setelah 2026-11-28\)/)
  })

  it.each(['19731225199601201', '1973122519960120111', '19731225199601201X', ' 97312251996012011', ''])(
    'rejects %j: not 18 digits',
    (nip) => {
      expect(validateNip(nip, TODAY)).toBe('NIP harus 18 digit angka')
    },
  )

  it('rejects a birth date that is no date', () => {
    expect(validateNip('197302301996012011', TODAY)).toBe('tanggal lahir pada NIP tidak valid (1973-02-30 bukan tanggal)')
    expect(validateNip('197313011996012011', TODAY)).toMatch(/^tanggal lahir pada NIP tidak valid/)
  })

  it('rejects ages outside 17–75, at the exact birthday boundary', () => {
    expect(validateNip('200911282026111001', TODAY)).toBeNull() // 17 today
    expect(validateNip('200911292026111001', TODAY)).toMatch(/^tanggal lahir pada NIP tidak valid \(2009-11-29: umur 16 tahun/)
    expect(validateNip('195011291975011001', TODAY)).toBeNull() // 75, turns 76 tomorrow
    expect(validateNip('195011281975011001', TODAY)).toMatch(/umur 76 tahun/)
  })

  it('rejects a TMT month outside 01–12, in the future, or before the 17th birthday', () => {
    expect(validateNip('197312251996132011', TODAY)).toBe('TMT pada NIP tidak masuk akal (bulan 13 bukan 01–12)')
    expect(validateNip('197312251996002011', TODAY)).toBe('TMT pada NIP tidak masuk akal (bulan 00 bukan 01–12)')
    expect(validateNip('199001012026121001', TODAY)).toBe('TMT pada NIP tidak masuk akal (2026-12 setelah 2026-11-28)')
    expect(validateNip('199005012007041001', TODAY)).toBe(
      'TMT pada NIP tidak masuk akal (2007-04 kurang dari 17 tahun setelah lahir 1990-05-01)',
    )
    expect(validateNip('199005012007051001', TODAY)).toBeNull()
  })

  it('rejects a gender digit other than 1 or 2', () => {
    for (const g of ['0', '3', '9']) {
      expect(validateNip(`19731225199601${g}011`, TODAY)).toBe('digit jenis kelamin (ke-15) harus 1 atau 2')
    }
  })
})
