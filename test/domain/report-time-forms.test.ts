import { describe, expect, it } from 'vitest'
import { formatClock } from '../../src/messages/format.js'
import { parseReportLine, parseTime } from '../../src/domain/report-line.js'

const range = (text: string) => {
  const r = parseTime(text)
  if (!r.ok) throw new Error(`refused: ${text} (${r.key})`)
  return { ...r.value.time, rest: r.value.rest }
}

describe('the ways Indonesians write a time range', () => {
  it.each([
    ['07.30 s.d. 08.00 Apel pagi', 450, 480],
    ['07:30 s/d 08:00 Apel pagi', 450, 480],
    ['07.30 sampai 08.00 Apel pagi', 450, 480],
    ['07.30 sampai dengan 08.00 Apel pagi', 450, 480],
    ['07.30 hingga 08.00 Apel pagi', 450, 480],
    ['07.30 sd 08.00 Apel pagi', 450, 480],
    ['8-10 Apel pagi', 480, 600],
    ['jam 8 sampai jam 10 Apel pagi', 480, 600],
    ['pukul 08.00-10.00 Apel pagi', 480, 600],
    ['08.00 - 10.00 Apel pagi', 480, 600],
    ['8:00 – 10:00 Apel pagi', 480, 600],
    ['Jam 8 s.d. 10.30 Apel pagi', 480, 630],
  ])('%s', (text, start, end) => {
    expect(range(text)).toEqual({ startMinute: start, endMinute: end, minutes: end - start, rest: 'Apel pagi' })
  })

  it('a number before "jam" is a duration, not a range of hours', () => {
    expect(range('2 jam Rapat')).toEqual({ minutes: 120, rest: 'Rapat' })
    expect(parseTime('1-2 jam Rapat').ok).toBe(false)
  })

  it('an unreadable time names the start of the line, where the time belongs', () => {
    const r = parseReportLine('jam delapan rapat koordinasi bulanan', { today: '2026-11-27', maxDescription: 1000 })
    expect(r).toMatchObject({ ok: false, key: 'report.timeUnparseable', params: { text: 'jam delapan rapat…' } })
  })
})

describe('night shifts (puskesmas, damkar)', () => {
  it('a range past midnight is stored on its start date, ending the next day', () => {
    expect(range('23:00-01:00 Jaga malam IGD')).toEqual({ startMinute: 1380, endMinute: 1500, minutes: 120, rest: 'Jaga malam IGD' })
    expect(range('21.00 s.d. 07.00 Piket damkar')).toEqual({ startMinute: 1260, endMinute: 1860, minutes: 600, rest: 'Piket damkar' })
    expect(formatClock(1500)).toBe('01:00 (+1)')
    expect(formatClock(1440)).toBe('24:00')
  })

  it('a morning range written backwards is still a mistake, and so is one over 16 hours', () => {
    expect(parseTime('10:00-08:00 Rapat')).toMatchObject({ ok: false, key: 'report.endBeforeStart' })
    expect(parseTime('13:00-06:00 Rapat')).toMatchObject({ ok: false, key: 'report.endBeforeStart' })
    expect(parseTime('09:00-09:00 Rapat')).toMatchObject({ ok: false, key: 'report.endBeforeStart' })
  })
})
