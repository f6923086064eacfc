import { describe, expect, it } from 'vitest'
import type { DigestUnit, DigestView } from '../../src/domain/scheduled-messages.js'
import { digestForMessage, leaderDigestText } from '../../src/messages/index.js'

const week = (reportedDays: number) => ({ expectedDays: 5, reportedDays, approvedMinutes: reportedDays * 240, targetMinutes: 1500 })
const unit = (i: number, employees: number): DigestUnit => ({
  code: `U${i}`,
  name: `Unit ${i}`,
  depth: i === 0 ? 0 : 1,
  employees,
  week: week(i % 5),
  previous: week((i + 1) % 5),
  pending: i % 3,
  oldestPendingWorkDays: i % 3 ? i : null,
})

function cityDigest(units: number): DigestView {
  // every third unit has nobody in it (a bagian without staff, a unit above the leaders)
  const list = Array.from({ length: units }, (_, i) => unit(i, i % 3 === 0 ? 0 : 4))
  return {
    scope: { code: 'SETDA', name: 'Sekretariat Daerah' },
    from: '2026-11-23',
    to: '2026-11-29',
    units: list,
    total: { ...unit(0, list.reduce((n, u) => n + u.employees, 0)), code: 'SETDA', name: 'Sekretariat Daerah' },
    backlogThreshold: 3,
    backlog: [],
    silent: [],
    silentMore: 0,
  }
}

describe('the leader digest as stored for its message', () => {
  it('keeps only the units the text lists, and the text stays the same', () => {
    const big = cityDigest(3000)
    const stored = digestForMessage(big)
    expect(leaderDigestText(stored)).toBe(leaderDigestText(big))
    expect(leaderDigestText(stored)).toContain('…dan 1988 unit lainnya (lihat grafik).')
    expect(stored.units).toHaveLength(12)
    expect(stored.units.every((u) => u.employees > 0)).toBe(true)
    expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(big).length / 100)
  })

  it('leaves a small digest as it is', () => {
    const small = cityDigest(10)
    expect(digestForMessage(small)).toBe(small)
  })
})

describe('the digest layout', () => {
  const tree = (): DigestView => {
    const u = (code: string, name: string, depth: number, reportedDays: number): DigestUnit => ({
      code,
      name,
      depth,
      employees: 4,
      week: { expectedDays: 9, reportedDays, approvedMinutes: 100, targetMinutes: 1500 },
      previous: { expectedDays: 9, reportedDays: 1, approvedMinutes: 0, targetMinutes: 1500 },
      pending: 0,
      oldestPendingWorkDays: null,
    })
    const units = [u('A', 'Dinas A', 0, 9), u('B', 'Bidang B', 1, 4), u('C', 'Seksi C', 2, 1), u('D', 'Bidang D', 1, 0)]
    return { ...cityDigest(1), units, total: { ...units[0]!, name: 'Dinas A' } }
  }
  const lead = (line: string) => /^\u00A0*/.exec(line)![0].length

  it('indents each unit by its depth and its figures one step further, with the same steps everywhere', () => {
    const lines = leaderDigestText(tree()).split('\n')
    const heads = ['Dinas A', 'Bidang B', 'Seksi C', 'Bidang D'].map((n) => lines.findIndex((l) => l.endsWith(`• ${n}`)))
    expect(heads.every((i) => i >= 0)).toBe(true)
    expect(heads.map((i) => lead(lines[i]!))).toEqual([0, 4, 8, 4])
    // the figures under a unit sit one step (four no-break spaces) right of its name
    for (const i of heads) expect(lead(lines[i + 1]!)).toBe(lead(lines[i]!) + 4)
  })

  it('writes every percentage and every change with one decimal and a comma', () => {
    const text = leaderDigestText(tree())
    expect(text).toContain('Kepatuhan 100,0% (9/9 hari), ▲ 88,9 poin')
    expect(text).toContain('Kepatuhan 44,4% (4/9 hari), ▲ 33,3 poin')
    expect(text).toContain('Kepatuhan 0,0% (0/9 hari), ▼ 11,1 poin')
    // no percentage without its decimal ("44%")
    expect(text).not.toMatch(/(^|[^,\d])\d+%/m)
  })
})
