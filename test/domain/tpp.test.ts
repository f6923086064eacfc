import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'
import { parseMonth } from '../../src/domain/progres-harian.js'
import { DEFAULT_TPP_FORMULA, monthAtRisk, tppFactor, validationDeadline } from '../../src/domain/tpp.js'
import { tempDir } from '../helpers/db.js'

const token = '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345'
const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/tpp-tiers.json')

const problemsOf = (env: Record<string, string>): string => {
  try {
    loadConfig({ TELEGRAM_BOT_TOKEN: token, ...env })
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.join('\n')
    throw e
  }
  return ''
}

describe('TPP formula', () => {
  it('default: the share met, capped at 100 %; tiers: the highest reached, 0 below the lowest', () => {
    expect(tppFactor(DEFAULT_TPP_FORMULA, 0.4).factor).toBe(0.4)
    expect(tppFactor(DEFAULT_TPP_FORMULA, 1.3).factor).toBe(1)
    const tiers = loadConfig({ TELEGRAM_BOT_TOKEN: token, TPP_FORMULA_FILE: EXAMPLE }).tpp
    expect(tiers).toEqual({ weight: 0.6, validationDeadlineDay: 5, tiers: [{ min: 0.9, factor: 1 }, { min: 0.75, factor: 0.8 }, { min: 0.5, factor: 0.5 }] })
    expect([0.95, 0.9, 0.8, 0.75, 0.74, 0.5, 0.49, 0].map((m) => tppFactor(tiers, m).factor)).toEqual([1, 1, 0.8, 0.8, 0.5, 0.5, 0, 0])
    expect(tppFactor(tiers, 0.8).tier).toEqual({ min: 0.75, factor: 0.8 })
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token }).tpp).toEqual(DEFAULT_TPP_FORMULA)
  })

  it('the validation deadline is a day of the next month; a month is at risk in the week before its deadline', () => {
    expect(validationDeadline(DEFAULT_TPP_FORMULA, '2026-11-27')).toBe('2026-12-05')
    expect(validationDeadline({ validationDeadlineDay: 10 }, '2026-12-31')).toBe('2027-01-10')
    expect(monthAtRisk(DEFAULT_TPP_FORMULA, '2026-11-23', 7)).toBeNull()
    expect(monthAtRisk(DEFAULT_TPP_FORMULA, '2026-11-29', 7)).toEqual({ month: '2026-11', deadline: '2026-12-05' })
    expect(monthAtRisk(DEFAULT_TPP_FORMULA, '2026-12-05', 7)).toEqual({ month: '2026-11', deadline: '2026-12-05' })
    expect(monthAtRisk(DEFAULT_TPP_FORMULA, '2026-12-06', 7)).toBeNull()
  })

  it('a bad formula file stops the start with every problem named', () => {
    const dir = tempDir()
    const file = path.join(dir, 'tpp.json')
    writeFileSync(file, JSON.stringify({ weight: 1.5, validationDeadlineDay: 31, tier: [], tiers: [{ min: 0.5, factor: 0.9 }, { min: 0.8, factor: 0.6 }, { min: 0.5, factor: 0.4 }] }))
    const problems = problemsOf({ TPP_FORMULA_FILE: file })
    expect(problems).toMatch(/TPP_FORMULA_FILE: weight: /)
    expect(problems).toMatch(/TPP_FORMULA_FILE: validationDeadlineDay: /)
    expect(problems).toMatch(/TPP_FORMULA_FILE: .*tier/)
    writeFileSync(file, JSON.stringify({ tiers: [{ min: 0.5, factor: 0.9 }, { min: 0.8, factor: 0.6 }, { min: 0.5, factor: 0.4 }] }))
    const tiers = problemsOf({ TPP_FORMULA_FILE: file })
    expect(tiers).toContain('TPP_FORMULA_FILE: tiers: two tiers start at min 0.5')
    expect(tiers).toContain('TPP_FORMULA_FILE: tiers: the tier from min 0.5 pays more (factor 0.9) than the higher tier from min 0.8')
    expect(problemsOf({ TPP_FORMULA_FILE: path.join(dir, 'none.json') })).toMatch(/TPP_FORMULA_FILE: cannot read/)
    // a secret too short is refused without being quoted
    const short = problemsOf({ EVIDENCE_LINK_SECRET: 'pendek-sekali' })
    expect(short).toMatch(/EVIDENCE_LINK_SECRET: 32–256 printable characters/)
    expect(short).not.toContain('pendek-sekali')
  })
})

describe('/ekspor month', () => {
  it.each([
    ['', '2026-11'],
    ['2026-10', '2026-10'],
    ['10/2026', '2026-10'],
    ['november', '2026-11'],
    ['Desember', '2025-12'],
    ['nov 2025', '2025-11'],
    ['agustus', '2026-08'],
    ['bulan lalu', '2026-10'],
  ])('"%s" on 27 November 2026 is %s', (text, month) => {
    expect(parseMonth(text, '2026-11-27')).toEqual({ ok: true, month })
  })

  it('refuses a month not begun and words that are none', () => {
    expect(parseMonth('2026-12', '2026-11-27')).toEqual({ ok: false, reason: 'future', month: '2026-12' })
    expect(parseMonth('desember 2026', '2026-11-27')).toEqual({ ok: false, reason: 'future', month: '2026-12' })
    for (const text of ['2026-13', 'besok', 'nov 26', '13/2026']) expect(parseMonth(text, '2026-11-27'), text).toEqual({ ok: false, reason: 'unknown' })
  })
})
