import { describe, expect, it } from 'vitest'
import { parseReportLine, parseTime, parseWhen } from '../../src/domain/report-line.js'

const today = '2026-11-27' // a Friday
const parse = (text: string, defaultDate?: string) =>
  parseReportLine(text, { today, maxDescription: 1000, ...(defaultDate ? { defaultDate } : {}) })

describe('parseTime: accepted forms', () => {
  it.each([
    ['08:00-10:30', { startMinute: 480, endMinute: 630, minutes: 150 }],
    ['08.00-10.30', { startMinute: 480, endMinute: 630, minutes: 150 }],
    ['8:05 - 9:10', { startMinute: 485, endMinute: 550, minutes: 65 }],
    ['13:00–15:00', { startMinute: 780, endMinute: 900, minutes: 120 }],
    ['22:00-24:00', { startMinute: 1320, endMinute: 1440, minutes: 120 }],
    ['90m', { minutes: 90 }],
    ['90 menit', { minutes: 90 }],
    ['45 mnt', { minutes: 45 }],
    ['1,5 jam', { minutes: 90 }],
    ['1.5 jam', { minutes: 90 }],
    ['2 jam', { minutes: 120 }],
    ['2j', { minutes: 120 }],
    ['1j30m', { minutes: 90 }],
    ['1 jam 30 menit', { minutes: 90 }],
    ['1J30M', { minutes: 90 }],
  ])('%s', (text, time) => {
    const r = parseTime(`${text} Rapat`)
    expect(r).toEqual({ ok: true, value: { time, rest: 'Rapat' } })
  })
})

describe('parseTime: rejected forms name what to fix', () => {
  it.each([
    ['jam delapan rapat', 'report.timeUnparseable'],
    ['Rapat koordinasi', 'report.timeUnparseable'],
    ['0800-1030 Rapat', 'report.timeUnparseable'],
    ['25:00-26:00 Rapat', 'report.clockInvalid'],
    ['08:75-09:00 Rapat', 'report.clockInvalid'],
    ['10:30-08:00 Rapat', 'report.endBeforeStart'],
    ['10:00-10:00 Rapat', 'report.endBeforeStart'],
    ['0m Rapat', 'report.durationZero'],
    ['0 jam Rapat', 'report.durationZero'],
    ['25 jam Rapat', 'report.durationTooLong'],
  ])('%s → %s', (text, key) => {
    expect(parseTime(text)).toMatchObject({ ok: false, key })
  })
})

describe('parseReportLine', () => {
  it('defaults to today', () => {
    expect(parse('08:00-10:30 Menyusun laporan keuangan bulanan')).toEqual({
      ok: true,
      value: { date: today, time: { startMinute: 480, endMinute: 630, minutes: 150 }, description: 'Menyusun laporan keuangan bulanan' },
    })
  })

  it.each([
    ['kemarin 13:00-15:00 Verifikasi', '2026-11-26'],
    ['Kemarin 2 jam Verifikasi', '2026-11-26'],
    ['26/11 2 jam Entri data', '2026-11-26'],
    ['5/1/2026 2 jam Entri data', '2026-01-05'],
    ['24/11/2026 90m Entri data', '2026-11-24'],
    // written on 2 January, "30/12" means last December (not this one, which is in the future)
  ])('date prefix: %s → %s', (text, date) => {
    const r = parse(text)
    expect(r.ok && r.value.date).toBe(date)
  })

  it('a dd/mm later in the year than today means last year', () => {
    const r = parseReportLine('30/12 1 jam Tutup buku', { today: '2027-01-02', maxDescription: 1000 })
    expect(r.ok && r.value.date).toBe('2026-12-30')
  })

  it('a date just ahead stays in this year (and is refused later as future)', () => {
    const r = parse('28/11 1 jam Rapat')
    expect(r.ok && r.value.date).toBe('2026-11-28')
  })

  it('an edit keeps the activity date unless another is written', () => {
    const r = parse('09:00-10:00 Diperbaiki', '2026-11-25')
    expect(r.ok && r.value.date).toBe('2026-11-25')
  })

  it('collapses white space in the description', () => {
    const r = parse('1 jam   Rapat\n  koordinasi ')
    expect(r.ok && r.value.description).toBe('Rapat koordinasi')
  })

  it.each([
    ['', 'report.lineEmpty'],
    ['08:00-10:30', 'report.descriptionEmpty'],
    ['08:00-10:30    ', 'report.descriptionEmpty'],
    ['31/02 1 jam Rapat', 'report.dateInvalid'],
    ['12/13/2026 1 jam Rapat', 'report.dateInvalid'],
    ['kemarin Rapat tanpa jam', 'report.timeUnparseable'],
    [`1 jam ${'x'.repeat(1001)}`, 'report.descriptionTooLong'],
  ])('rejects %j with %s', (text, key) => {
    expect(parse(text)).toMatchObject({ ok: false, key })
  })

  it('accepts a description of exactly the maximum length', () => {
    expect(parse(`1 jam ${'x'.repeat(1000)}`).ok).toBe(true)
  })
})

describe('parseWhen (guided time step)', () => {
  it('takes a date and a time and nothing else', () => {
    expect(parseWhen('kemarin 08:00-09:00', today)).toEqual({
      ok: true,
      value: { date: '2026-11-26', time: { startMinute: 480, endMinute: 540, minutes: 60 } },
    })
    expect(parseWhen('90 menit rapat', today)).toMatchObject({ ok: false, key: 'guided.timeOnly' })
  })
})
