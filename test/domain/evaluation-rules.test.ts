import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseEnv } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'
import { checkDistribution, organisationOf } from '../../src/domain/distribution.js'
import { DEFAULT_DISTRIBUTION, DEFAULT_MATRIX, predikatOf, RATINGS, type Predikat, type Rating } from '../../src/domain/evaluation-config.js'
import { parsePeriod, periodOf, previousPeriod, startsNewPeriod } from '../../src/domain/periods.js'
import { splitRhkTag } from '../../src/domain/report-line.js'
import { tempDir } from '../helpers/db.js'

const token = '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345'
const [ATAS, SESUAI, BAWAH] = RATINGS

describe('predikat matrix (kuadran kinerja, PermenPANRB 6/2022)', () => {
  const cells: [Rating, Rating, Predikat][] = [
    [ATAS, ATAS, 'SANGAT_BAIK'],
    [ATAS, SESUAI, 'BAIK'],
    [ATAS, BAWAH, 'KURANG'],
    [SESUAI, ATAS, 'BAIK'],
    [SESUAI, SESUAI, 'BAIK'],
    [SESUAI, BAWAH, 'KURANG'],
    [BAWAH, ATAS, 'BUTUH_PERBAIKAN'],
    [BAWAH, SESUAI, 'BUTUH_PERBAIKAN'],
    [BAWAH, BAWAH, 'SANGAT_KURANG'],
  ]
  it.each(cells)('hasil kerja %s, perilaku kerja %s → %s', (hasil, perilaku, predikat) => {
    expect(predikatOf(DEFAULT_MATRIX, hasil, perilaku)).toBe(predikat)
  })

  it('is configuration: a file replaces it, and a file missing a cell or naming an unknown predikat stops the start', () => {
    const dir = tempDir()
    const file = path.join(dir, 'matrix.json')
    const strict = structuredClone(DEFAULT_MATRIX)
    strict.SESUAI_EKSPEKTASI.DI_ATAS_EKSPEKTASI = 'SANGAT_BAIK'
    writeFileSync(file, JSON.stringify(strict))
    const cfg = loadConfig({ TELEGRAM_BOT_TOKEN: token, EVALUATION_MATRIX_FILE: file })
    expect(predikatOf(cfg.evaluation.matrix, SESUAI, ATAS)).toBe('SANGAT_BAIK')
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token }).evaluation.matrix).toEqual(DEFAULT_MATRIX)

    const broken = { ...strict, DI_BAWAH_EKSPEKTASI: { DI_ATAS_EKSPEKTASI: 'LUMAYAN', SESUAI_EKSPEKTASI: 'BAIK' } }
    writeFileSync(file, JSON.stringify(broken))
    const bad = path.join(dir, 'kurva.json')
    writeFileSync(bad, JSON.stringify({ default: 'BAIK', rules: { BAIK: [{ predikat: ['BAIK'], atMost: 120 }] } }))
    let error: unknown
    try {
      loadConfig({ TELEGRAM_BOT_TOKEN: token, EVALUATION_MATRIX_FILE: file, EVALUATION_DISTRIBUTION_FILE: bad, EVALUATION_PERIOD: 'yearly' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    const problems = (error as ConfigError).problems.join('\n')
    expect(problems).toContain('EVALUATION_PERIOD')
    // the env is checked first; the files only once it parses
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token, EVALUATION_MATRIX_FILE: file, EVALUATION_DISTRIBUTION_FILE: bad })).toThrow(
      /EVALUATION_MATRIX_FILE: DI_BAWAH_EKSPEKTASI\.DI_ATAS_EKSPEKTASI[\s\S]*EVALUATION_MATRIX_FILE: DI_BAWAH_EKSPEKTASI\.DI_BAWAH_EKSPEKTASI[\s\S]*EVALUATION_DISTRIBUTION_FILE: rules\.BAIK\.0\.atMost/,
    )
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token, EVALUATION_MATRIX_FILE: path.join(dir, 'none.json') })).toThrow(/EVALUATION_MATRIX_FILE: cannot read/)
  })
})

describe('evaluation configuration', () => {
  it('has the documented defaults, the same as .env.example', () => {
    const cfg = loadConfig({ TELEGRAM_BOT_TOKEN: token })
    const example = parseEnv(readFileSync(path.resolve(import.meta.dirname, '../../.env.example'), 'utf8'))
    const keys = ['EVALUATION_PERIOD', 'KEBERATAN_DAYS', 'EVALUATION_ESCALATION_WORK_DAYS', 'CRON_EVALUATION_ROUND', 'CRON_EVALUATION_REMINDER', 'CRON_DISTRIBUTION_DIGEST'] as const
    for (const k of keys) expect(String(cfg[k]), k).toBe(example[k])
    expect([example.EVALUATION_MATRIX_FILE, example.EVALUATION_DISTRIBUTION_FILE]).toEqual(['', ''])
    expect(cfg.evaluation).toMatchObject({ period: 'monthly', keberatanDays: 14, escalationWorkDays: 5, distribution: DEFAULT_DISTRIBUTION })
  })
})

describe('pola distribusi', () => {
  const counts = (sb: number, b: number, bp: number, k = 0, sk = 0) => ({ SANGAT_BAIK: sb, BAIK: b, BUTUH_PERBAIKAN: bp, KURANG: k, SANGAT_KURANG: sk })

  it('checks each configured cap and floor against the share of those rated', () => {
    expect(checkDistribution(counts(1, 6, 3), DEFAULT_DISTRIBUTION.rules.BAIK!)).toEqual([
      { predikat: ['SANGAT_BAIK'], bound: 'atMost', limit: 10, percent: 10, ok: true },
      { predikat: ['SANGAT_BAIK', 'BAIK'], bound: 'atMost', limit: 70, percent: 70, ok: true },
    ])
    expect(checkDistribution(counts(1, 7, 2), DEFAULT_DISTRIBUTION.rules.BAIK!).map((c) => c.ok)).toEqual([true, false])
    const floor = [{ predikat: ['BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'] as Predikat[], atLeast: 10 }]
    expect(checkDistribution(counts(2, 8, 0), floor)[0]).toMatchObject({ percent: 0, ok: false })
    expect(checkDistribution(counts(0, 0, 0), floor)[0]).toMatchObject({ ok: true })
  })

  it('places each unit in the nearest organisation a leader heads', () => {
    const units = [
      { id: 1, code: 'SETDA', name: 'Setda', parentId: null },
      { id: 2, code: 'DINKES', name: 'Dinkes', parentId: 1 },
      { id: 3, code: 'YANKES', name: 'Yankes', parentId: 2 },
      { id: 4, code: 'LOOSE', name: 'Tanpa pimpinan', parentId: null },
    ]
    expect([...organisationOf(units, new Set([1, 2])).entries()]).toEqual([[1, 1], [2, 2], [3, 2], [4, null]])
  })
})

describe('evaluation periods', () => {
  it('are months or quarters, named as operators type them', () => {
    expect(periodOf('2026-11-27', 'monthly')).toEqual({ key: '2026-11', from: '2026-11-01', to: '2026-11-30' })
    expect(periodOf('2026-11-27', 'quarterly')).toEqual({ key: '2026-Q4', from: '2026-10-01', to: '2026-12-31' })
    expect(previousPeriod('2026-12-01', 'monthly').key).toBe('2026-11')
    expect(previousPeriod('2027-01-04', 'quarterly')).toEqual({ key: '2026-Q4', from: '2026-10-01', to: '2026-12-31' })
    expect([startsNewPeriod('2027-01-04', 'quarterly'), startsNewPeriod('2026-12-01', 'quarterly'), startsNewPeriod('2026-12-01', 'monthly')]).toEqual([true, false, true])
    expect(parsePeriod('2026-q2')).toEqual({ key: '2026-Q2', from: '2026-04-01', to: '2026-06-30' })
    expect(parsePeriod('2026-TW1')?.key).toBe('2026-Q1')
    expect([parsePeriod('2026-13'), parsePeriod('2026-Q5'), parsePeriod('nov')]).toEqual([null, null, null])
  })
})

describe('RHK tag in the one-line report', () => {
  it('is taken only right after the time or at the very end, and must start with a letter', () => {
    expect(splitRhkTag('#RHK-1 Menyusun laporan')).toEqual({ rhkCode: 'RHK-1', rest: 'Menyusun laporan' })
    expect(splitRhkTag('Menyusun laporan #rhk.2')).toEqual({ rhkCode: 'rhk.2', rest: 'Menyusun laporan' })
    expect(splitRhkTag('Rapat #RHK-1 tim')).toEqual({ rest: 'Rapat #RHK-1 tim' })
    expect(splitRhkTag('Rapat koordinasi #2')).toEqual({ rest: 'Rapat koordinasi #2' })
  })
})
