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
