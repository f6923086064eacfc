import { describe, expect, it } from 'vitest'
import { people, startHarness, type Harness } from '../helpers/app.js'
import type { DigestView } from '../../src/domain/scheduled-messages.js'
import type { UploadedFile } from '../helpers/fake-telegram.js'
import { addActivity, csvFile, employeeId, link, outboxOf, wita } from './helpers.js'

const { andi, salmiah, kabid, kaban } = people
const anwar = people.ahmad.nip
const sudirman = '199107272020011015'
const waOde = '197406162008012010'

/**
 * The week of 23–29 November 2026 in Sukri Halim's BKPSDM (his own unit, and BKPSDM-PKP under it),
 * built by hand. Thursday the 26th is a holiday; Salmiah is on cuti on the 23rd and 24th. Andi and Sukri
 * keep the fixed 6,750 minutes of the import (20 work days in November: 337.5 a day), the others get a
 * derived target (300 a day).
 */
async function fixtureWeek(h: Harness) {
  await h.cli('import-holidays', csvFile('libur.csv', ['date,name', '2026-11-26,Libur contoh']))
  await h.cli('import-leave', csvFile('cuti.csv', ['nip,from,to,kind', `${salmiah.nip},2026-11-23,2026-11-24,cuti`]))
  await h.app.db.prisma.employee.updateMany({ where: { nip: { in: [kabid.nip, anwar, sudirman, salmiah.nip, waOde] } }, data: { monthlyTargetMinutes: null } })
  const add = (nip: string, date: string, minutes: number, status: string, submitted?: string) =>
    addActivity(h, nip, { date, minutes, status, ...(submitted ? { submittedAt: wita(submitted) } : {}) })
  // the week
  await add(kabid.nip, '2026-11-23', 240, 'DISETUJUI')
  await add(kabid.nip, '2026-11-24', 60, 'DIAJUKAN', '2026-11-24T10:00')
  await add(andi.nip, '2026-11-23', 300, 'DISETUJUI')
  await add(andi.nip, '2026-11-24', 200, 'DISETUJUI')
  await add(andi.nip, '2026-11-25', 100, 'REVISI')
  await add(andi.nip, '2026-11-26', 60, 'DISETUJUI') // on the holiday: minutes count, the day is not expected
  await add(andi.nip, '2026-11-27', 120, 'DIAJUKAN', '2026-11-27T10:00')
  await add(sudirman, '2026-11-23', 100, 'DITOLAK') // rejected and withdrawn: not a report
  await add(sudirman, '2026-11-25', 50, 'DITARIK')
  await add(salmiah.nip, '2026-11-25', 300, 'DISETUJUI')
  await add(salmiah.nip, '2026-11-27', 280, 'DISETUJUI')
  await add(waOde, '2026-11-27', 150, 'DISETUJUI')
  await add(kaban.nip, '2026-11-23', 200, 'DISETUJUI')
  await add(kaban.nip, '2026-11-24', 200, 'DISETUJUI')
  // the week before (16–20, five work days, nobody on leave)
  for (const d of [16, 17, 18, 19, 20]) await add(andi.nip, `2026-11-${d}`, 300, 'DISETUJUI')
  await add(kabid.nip, '2026-11-16', 100, 'DISETUJUI')
  await add(kabid.nip, '2026-11-17', 100, 'DISETUJUI')
  await add(kaban.nip, '2026-11-16', 300, 'DISETUJUI')
  await add(sudirman, '2026-11-19', 90, 'DIAJUKAN', '2026-11-19T16:00')
}

describe('weekly leader digest', () => {
  it('matches the hand-computed week, comes with a chart photo, and is sent once', async () => {
    const h = await startHarness({ at: wita('2026-11-30T07:30').toISOString() }) // Monday
    await link(h, kaban.telegram, kabid.telegram) // the other leaders have not linked: they get nothing
    await fixtureWeek(h)

    const run = await h.app.scheduler.run('weekly-digest', h.clock.now(), 'cron')
    expect(run).toMatchObject({ status: 'done', period: '2026-W48', result: { recipients: 1, enqueued: 1 } })
    const [chart] = await outboxOf(h, 'digest_chart')
    const [text] = await outboxOf(h, 'leader_digest')
    const kabanId = await employeeId(h, kaban.nip)
    expect(chart!.dedupeKey).toBe(`weekly-digest:2026-W48:${kabanId}:chart`)
    expect(text!.dedupeKey).toBe(`weekly-digest:2026-W48:${kabanId}`)
    expect(chart!.id).toBeLessThan(text!.id) // the photo first, then the numbers

    const d = text!.message.digest as DigestView
    expect(d.from).toBe('2026-11-23')
    expect(d.to).toBe('2026-11-29')
    // compliance = days with a report / expected work days; targets prorated per work day
    expect(d.units).toEqual([
      {
        code: 'BKPSDM', name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', depth: 0, employees: 1,
        // Sukri: Mon–Wed + Fri expected, reported Mon and Tue; 4 × 337.5
        week: { expectedDays: 4, reportedDays: 2, approvedMinutes: 400, targetMinutes: 1350 },
        previous: { expectedDays: 5, reportedDays: 1, approvedMinutes: 300, targetMinutes: 1687.5 },
        pending: 0, oldestPendingWorkDays: null,
      },
      {
        code: 'BKPSDM-PKP', name: 'Bidang Penilaian Kinerja Aparatur dan Penghargaan', depth: 1, employees: 6,
        // expected 4+4+4+4+2+4; reported 2 (Nurhayati) + 4 (Andi) + 0 + 0 + 2 (Salmiah) + 1 (Wa Ode)
        // approved 240 + (300+200+60) + 580 + 150; target 1200 + 1350 + 1200 + 1200 + 600 + 1200
        week: { expectedDays: 22, reportedDays: 9, approvedMinutes: 1530, targetMinutes: 6750 },
        previous: { expectedDays: 30, reportedDays: 8, approvedMinutes: 1700, targetMinutes: 9187.5 },
        // waiting since Tue 24 (3 work days), Fri 27 (1) and Thu 19 (6: 20, 23, 24, 25, 27, 30)
        pending: 3, oldestPendingWorkDays: 6,
      },
    ])
    expect(d.total).toMatchObject({
      employees: 7,
      week: { expectedDays: 26, reportedDays: 11, approvedMinutes: 1930, targetMinutes: 8100 },
      previous: { expectedDays: 35, reportedDays: 9, approvedMinutes: 2000, targetMinutes: 10875 },
      pending: 3,
      oldestPendingWorkDays: 6,
    })
    expect(d.backlog).toEqual([
      { name: 'Nurhayati Ramli, M.Si.', unit: 'Bidang Penilaian Kinerja Aparatur dan Penghargaan', pending: 2, oldestWorkDays: 6 },
      { name: 'Sukri Halim, S.Sos.', unit: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', pending: 1, oldestWorkDays: 3 },
    ])
    expect(d.silent.map((s) => s.name)).toEqual(['Ahmad Anwar, S.Kep.', 'Ahmad Sudirman'])

    // on Telegram: a photo (PNG upload) with a caption, then the text
    const photo = await h.tg.waitFor(() => h.tg.messagesTo(kaban.telegram).find((m) => m.kind === 'photo'))
    const upload = photo.photo as UploadedFile
    expect(upload.filename).toBe('kepatuhan-2026-W48.png')
    expect(upload.data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(photo.text).toContain('Keseluruhan: 42,3% (▲ 16,6 poin)') // 11/26 against 9/35
    const digest = await h.tg.waitForMessageTo(kaban.telegram, /Ringkasan kinerja mingguan/)
    expect(digest.message_id).toBeGreaterThan(photo.message_id)
    expect(digest.text).toContain('Senin, 23 November 2026 s.d. Minggu, 29 November 2026')
    expect(digest.text).toContain('Kepatuhan 40,9% (9/22 hari), ▲ 14,2 poin')
    expect(digest.text).toContain('Disetujui 1.530 menit (−170), capaian 22,7% dari 6.750 menit; menunggu 3 (terlama 6 hari kerja)')
    expect(digest.text).toContain('• Nurhayati Ramli, M.Si. (Bidang Penilaian Kinerja Aparatur dan Penghargaan): 2 laporan, terlama 6 hari kerja')
    expect(digest.text).toMatch(/Pegawai tanpa laporan sepanjang minggu:\n• Ahmad Anwar, S\.Kep\. \(Bidang Penilaian[^)]*\)\n• Ahmad Sudirman/)
    expect(h.tg.messagesTo(kabid.telegram).filter((m) => /Ringkasan/.test(m.text))).toHaveLength(0) // not a leader

    // a re-run (operator, second instance) draws and sends nothing new
    expect(await h.app.scheduler.run('weekly-digest', h.clock.now(), 'manual')).toMatchObject({ result: { enqueued: 0, duplicates: 1 } })
    expect(await h.app.db.prisma.attachment.count()).toBe(1)
    await h.app.dispatcher.runOnce()
    expect(h.tg.messagesTo(kaban.telegram).filter((m) => m.kind === 'photo')).toHaveLength(1)
  })
})
