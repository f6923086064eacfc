import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES } from '../helpers/app.js'
import { storyFor, type Session } from './driver.js'
import { drivers } from './drivers/index.js'

const SKP = path.join(FIXTURES, 'kendari-skp-2026.csv')

/** Two reports (one for RHK-1, approved; one without an RHK, still waiting), then the employee's /rekap. */
async function rekap(s: Session) {
  await s.h.cli('import-skp', SKP)
  const employee = s.person('employee')
  const supervisor = s.person('supervisor')
  await supervisor.hello()
  await employee.hello()
  await employee.command('lapor', '08:00-10:00 #RHK-1 Pemutakhiran data kepegawaian')
  const id = Number(/#(\d+) terkirim/.exec((await employee.waitForMessage(/Laporan #\d+ terkirim ke atasan/, { fresh: true })).text)![1])
  await employee.command('lapor', '10:00-10:45 Rapat koordinasi bidang')
  await employee.waitForMessage(/Rapat koordinasi bidang/, { fresh: true })
  const card = await supervisor.waitForMessage(new RegExp(`Laporan kegiatan #${id} menunggu persetujuan`))
  await supervisor.press('Setujui', { on: card })
  await supervisor.waitForChange(card, /Disetujui oleh/)
  await employee.command('rekap')
  return employee.waitForMessage(/Rekap November 2026/, { fresh: true })
}

describe.each(drivers)('contract on $name: rekap and feedback', (d) => {
  it("rekap: the month's minutes by status against the target, and the capaian", async () => {
    const s = await d.start()
    const shown = await rekap(s)
    expect(shown.text).toMatch(/Disetujui: 120 menit \(1 kegiatan\)/)
    expect(shown.text).toMatch(/Menunggu persetujuan: 45 menit \(1 kegiatan\)/)
    expect(shown.text).toMatch(/Target bulanan: 6\.750 menit/)
    expect(shown.text).toMatch(/Capaian: 1,8%/)
  })

  // docs/evaluation.md: "/rekap adds minutes (approved) and activity counts per RHK for the month:
  // every RHK of the plan, then Tanpa RHK"
  storyFor(d, 'rekap-per-rhk')('rekap: per RHK of the plan, then Tanpa RHK, as docs/evaluation.md promises', async () => {
    const s = await d.start()
    const shown = await rekap(s)
    expect(shown.text).toMatch(/Per RHK \(bulan ini\)/)
    expect(shown.text).toContain('• RHK-1 Termutakhirkannya data kepegawaian untuk penilaian kinerja: 1 kegiatan, 120 menit disetujui')
    expect(shown.text).toContain('• Tanpa RHK: 1 kegiatan, 0 menit disetujui')
  })

  it('feedback: the supervisor sends a BerAKHLAK note to a subordinate, who gets it; it is stored', async () => {
    const s = await d.start()
    const employee = s.person('employee')
    const supervisor = s.person('supervisor')
    await supervisor.hello()
    await employee.hello()
    await supervisor.feedback({ to: employee, value: 'Akuntabel', note: 'Data kepegawaian sudah rapi dan lengkap.' })
    await supervisor.waitForMessage(`Umpan balik terkirim ke ${employee.name}`, { fresh: true })
    const got = await employee.waitForMessage(/Umpan balik dari Nurhayati Ramli/)
    expect(got.text).toContain('Nilai BerAKHLAK: Akuntabel')
    expect(got.text).toContain('Data kepegawaian sudah rapi dan lengkap.')
    const stored = await s.h.app.db.prisma.feedback.findMany({ include: { employee: true } })
    expect(stored.map((f) => [f.employee.nip, f.value, f.note])).toEqual([[employee.nip, 'AKUNTABEL', 'Data kepegawaian sudah rapi dan lengkap.']])
  })
})
