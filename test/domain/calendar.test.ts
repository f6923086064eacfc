import { describe, expect, it } from 'vitest'
import {
  calendarOf,
  firstWorkDayOfMonth,
  isOrgWorkDay,
  isWorkDayFor,
  workDays,
  workDaysSince,
} from '../../src/domain/calendar.js'
import { previousWeek } from '../../src/domain/digest.js'
import { monthTarget, proratedTarget } from '../../src/domain/targets.js'
import { parseAt } from '../../src/cli/commands/run-job.js'
import { dueTimesBackwards, lastDueTime, zonedInstant } from '../../src/scheduler/cron-time.js'
import { previousMonth } from '../../src/scheduler/jobs/monthly-summary.js'
import { isoWeek } from '../../src/scheduler/jobs/weekly-digest.js'

// November 2026: the 1st is a Sunday; 21 weekdays. Thursday 26th is made a holiday here.
const cal = calendarOf(
  [
    { date: '2026-11-26', name: 'Libur contoh', kind: 'libur' },
    { date: '2026-12-01', name: 'Cuti Bersama contoh', kind: 'cuti_bersama' },
  ],
  [{ employeeId: 7, from: '2026-11-23', to: '2026-11-24', kind: 'cuti' }],
)

describe('work calendar', () => {
  it('takes out weekends, holidays and cuti bersama for everyone, and leave for the person on leave', () => {
    expect(isOrgWorkDay(cal, '2026-11-27')).toBe(true) // Friday
    expect(isOrgWorkDay(cal, '2026-11-28')).toBe(false) // Saturday
    expect(isOrgWorkDay(cal, '2026-11-26')).toBe(false) // holiday
    expect(isWorkDayFor(cal, 7, '2026-11-23')).toBe(false) // own leave
    expect(isWorkDayFor(cal, 8, '2026-11-23')).toBe(true)
    expect(workDays(cal, '2026-11-01', '2026-11-30')).toHaveLength(20)
    expect(workDays(cal, '2026-11-01', '2026-11-30', 7)).toHaveLength(18)
  })

  it('counts the work days an item has waited, not counting the day it came in, leave or no leave', () => {
    expect(workDaysSince(cal, '2026-11-23', '2026-11-23')).toBe(0)
    expect(workDaysSince(cal, '2026-11-23', '2026-11-25')).toBe(2)
    expect(workDaysSince(cal, '2026-11-23', '2026-11-27')).toBe(3) // Thursday is a holiday
    expect(workDaysSince(cal, '2026-11-20', '2026-11-23')).toBe(1) // over a weekend
  })

  it('finds the first work day of a month after weekends and holidays', () => {
    expect(firstWorkDayOfMonth(cal, '2026-11-15')).toBe('2026-11-02')
    expect(firstWorkDayOfMonth(cal, '2026-12-31')).toBe('2026-12-02') // the 1st is cuti bersama here
    expect(previousMonth('2026-12-02')).toBe('2026-11-01')
    expect(previousMonth('2026-01-05')).toBe('2025-12-01')
  })

  it('names the previous Monday–Sunday week and its ISO week', () => {
    expect(previousWeek('2026-11-30')).toEqual({ from: '2026-11-23', to: '2026-11-29' })
    expect(previousWeek('2026-12-06')).toEqual({ from: '2026-11-23', to: '2026-11-29' }) // a Sunday
    expect(isoWeek('2026-11-23')).toBe('2026-W48')
    expect(isoWeek('2026-12-28')).toBe('2026-W53')
    expect(isoWeek('2027-01-04')).toBe('2027-W01')
  })
})

describe('targets', () => {
  it('is the fixed number when the import gives one, else work days × minutes per day', () => {
    expect(monthTarget(cal, { id: 8, monthlyTargetMinutes: 6750 }, '2026-11-10', 300)).toMatchObject({ minutes: 6750, mode: 'fixed', workDays: 20 })
    expect(monthTarget(cal, { id: 8, monthlyTargetMinutes: null }, '2026-11-10', 300)).toMatchObject({ minutes: 6000, mode: 'derived', workDays: 20 })
    expect(monthTarget(cal, { id: 7, monthlyTargetMinutes: null }, '2026-11-10', 300)).toMatchObject({ minutes: 5400, workDays: 18 })
  })

  it('prorates over a week by the share of the month each work day carries, across months', () => {
    // 23–29 Nov: four work days; a fixed 6,750 over 20 days is 337.5 a day
    expect(proratedTarget(cal, { id: 8, monthlyTargetMinutes: 6750 }, '2026-11-23', '2026-11-29', 300)).toBe(1350)
    expect(proratedTarget(cal, { id: 7, monthlyTargetMinutes: null }, '2026-11-23', '2026-11-29', 300)).toBe(600)
    // 30 Nov – 6 Dec: Monday in November, 2–4 Dec in December (1 Dec is cuti bersama here)
    expect(proratedTarget(cal, { id: 8, monthlyTargetMinutes: null }, '2026-11-30', '2026-12-06', 300)).toBe(1200)
  })
})

describe('cron times', () => {
  const tz = 'Asia/Makassar'
  it('converts wall time in a zone to an instant', () => {
    expect(zonedInstant('2026-11-30', 7 * 3600 + 30 * 60, tz).toISOString()).toBe('2026-11-29T23:30:00.000Z')
    expect(zonedInstant('2026-03-08', 3 * 3600, 'America/New_York').toISOString()).toBe('2026-03-08T07:00:00.000Z') // after the DST jump
  })

  it('lists the times an expression was due, newest first, the way node-cron reads it', () => {
    const now = new Date('2026-11-30T08:00:00Z') // Monday 16:00 WITA
    const week = new Date(now.getTime() - 8 * 86_400_000)
    expect(lastDueTime('30 15 * * 1-5', tz, now, week)?.toISOString()).toBe('2026-11-30T07:30:00.000Z')
    expect(lastDueTime('30 7 * * 1', tz, now, week)?.toISOString()).toBe('2026-11-29T23:30:00.000Z')
    expect([...dueTimesBackwards('0 8 * * 1-5', tz, now, week)].map((d) => d.toISOString().slice(0, 10))).toEqual([
      '2026-11-30', '2026-11-27', '2026-11-26', '2026-11-25', '2026-11-24', '2026-11-23',
    ])
    expect(lastDueTime('0 8 1 * *', tz, now, week)).toBeUndefined()
    expect(lastDueTime('*/10 * * * * *', tz, now, week)?.toISOString()).toBe('2026-11-30T08:00:00.000Z')
  })

  it('reads run-job --at as local time unless it carries a zone', () => {
    expect(parseAt('2026-11-30T07:30', tz)?.toISOString()).toBe('2026-11-29T23:30:00.000Z')
    expect(parseAt('2026-11-30T07:30:00+07:00', tz)?.toISOString()).toBe('2026-11-30T00:30:00.000Z')
    expect(parseAt('2026-11-29T23:30Z', tz)?.toISOString()).toBe('2026-11-29T23:30:00.000Z')
    expect(parseAt('2026-11-30', tz)).toBeNull()
    expect(parseAt('2026-11-30T25:00', tz)).toBeNull()
  })
})
