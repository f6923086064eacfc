import { describe, expect, it } from 'vitest'
import { parseRealisasi, parseReportLine, parseStart, parseTime, parseWhen, REALISASI_MAX } from '../../src/domain/report-line.js'

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

describe('the realisasi suffix: +<n> [satuan] at the very end', () => {
  it.each([
    ['08:00-10:30 Menyusun laporan #RHK1 +2 dokumen', { description: 'Menyusun laporan', rhkCode: 'RHK1', realisasi: { amount: 2, satuan: 'dokumen' } }],
    ['08:00-10:30 #RHK-1 Menyusun draf Perwali +2 Dokumen', { description: 'Menyusun draf Perwali', rhkCode: 'RHK-1', realisasi: { amount: 2, satuan: 'Dokumen' } }],
    // a satuan of several words; the suffix before a trailing code is read too
    ['90m Menyiapkan bahan +1 bahan  paparan #RHK-2', { description: 'Menyiapkan bahan', rhkCode: 'RHK-2', realisasi: { amount: 1, satuan: 'bahan paparan' } }],
    // no satuan: the RHK's only rencana aksi (the use case decides)
    ['08:00-09:00 Rapat #RHK-1 +3', { description: 'Rapat', rhkCode: 'RHK-1', realisasi: { amount: 3, satuan: '' } }],
    ['08:00-09:00 Rapat #RHK-1 +9999 data', { description: 'Rapat', rhkCode: 'RHK-1', realisasi: { amount: 9999, satuan: 'data' } }],
    // without a code it is still read: the use case refuses it with what to write
    ['08:00-09:00 Rapat koordinasi +2 dokumen', { description: 'Rapat koordinasi', realisasi: { amount: 2, satuan: 'dokumen' } }],
  ])('%s', (line, expected) => {
    const r = parse(line)
    expect(r.ok && r.value).toMatchObject(expected)
    if (r.ok && !('rhkCode' in expected)) expect(r.value.rhkCode).toBeUndefined()
  })

  it.each(['Belajar C++ dasar', 'Menghubungi +62 812 3456 7890', 'Rapat + evaluasi', 'Rapat dengan +ahli', 'Rapat #2 +'])('"%s" stays text', (text) => {
    const r = parse(`1 jam ${text}`)
    expect(r.ok && r.value).toEqual({ date: today, time: { minutes: 60 }, description: text })
  })

  it.each(['+0 dokumen', '+-2 dokumen', '+1,5 dokumen', '+1.5', '+10000 dokumen', '+00'])('refuses "%s": a whole number from 1 to the maximum', (suffix) => {
    expect(parse(`08:00-09:00 Rapat #RHK-1 ${suffix}`)).toEqual({ ok: false, key: 'realisasi.invalid', params: { text: suffix.split(' ')[0], max: REALISASI_MAX } })
  })

  it('a typed realisasi (the guided step) follows the same rule', () => {
    expect(parseRealisasi('3')).toEqual({ ok: true, value: 3 })
    expect(parseRealisasi(' 12 ')).toEqual({ ok: true, value: 12 })
    for (const bad of ['0', '-1', '2,5', 'dua', '', '10000']) expect(parseRealisasi(bad)).toMatchObject({ ok: false, key: 'realisasi.invalid' })
  })
})

describe('parseStart (the start asked after a duration, when a range is required)', () => {
  it.each([
    ['08:00', 90, { startMinute: 480, endMinute: 570, minutes: 90 }],
    ['8', 60, { startMinute: 480, endMinute: 540, minutes: 60 }],
    ['jam 13.30', 150, { startMinute: 810, endMinute: 960, minutes: 150 }],
    // a whole range is taken as it is
    ['08:00-10:30', 90, { startMinute: 480, endMinute: 630, minutes: 150 }],
    // a night shift as parseTime reads one
    ['23:00', 120, { startMinute: 1380, endMinute: 1500, minutes: 120 }],
  ])('%s with %i minutes', (text, minutes, value) => {
    expect(parseStart(text, minutes)).toEqual({ ok: true, value })
  })

  it.each([
    ['pagi', 'guided.startUnparseable'],
    ['90m', 'guided.startUnparseable'],
    ['25:00', 'report.clockInvalid'],
    ['10:30-08:00', 'report.endBeforeStart'],
    ['10:00', 'report.durationTooLong'],
  ])('refuses %s', (text, key) => {
    expect(parseStart(text, 900)).toMatchObject({ ok: false, key })
  })
})
