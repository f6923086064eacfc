import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES } from '../helpers/app.js'
import { storyFor } from './driver.js'
import { pairs, startAll } from './drivers/index.js'

const cases = pairs.map(([employeeSide, supervisorSide]) => ({ employeeSide, supervisorSide, name: `employee on ${employeeSide.name}, supervisor on ${supervisorSide.name}` }))

describe.each(cases)('contract across platforms: $name', ({ employeeSide, supervisorSide }) => {
  it('the card goes to the platform the supervisor uses; Revisi, the fix and the approval come back to the employee', async () => {
    const h = await startAll()
    const employee = employeeSide.join(h).person('employee')
    const supervisor = supervisorSide.join(h).person('supervisor')
    // the same supervisor, seen from the employee's platform, where she made no contact
    const supervisorElsewhere = employeeSide.join(h).person('supervisor')
    await supervisor.hello()
    await employee.hello()

    await employee.command('lapor', '08:00-10:30 Menyusun laporan keuangan bulanan')
    const receipt = await employee.waitForMessage(/Laporan #\d+ terkirim ke atasan/, { fresh: true })
    const id = Number(/#(\d+)/.exec(receipt.text)![1])
    const card = await supervisor.waitForMessage(new RegExp(`Laporan kegiatan #${id} menunggu persetujuan`))
    expect(card.text).toContain(`Pegawai: ${employee.name}`)
    expect(supervisorElsewhere.messages()).toEqual([])

    await supervisor.press('Revisi', { on: card })
    await supervisor.send('Sebutkan nama laporannya')
    await supervisor.waitForChange(card, /Perlu revisi oleh Nurhayati Ramli/)
    const notice = await employee.waitForMessage(new RegExp(`Keputusan atas laporan #${id}`))
    expect(notice.text).toMatch(/Perlu revisi oleh Nurhayati Ramli[\s\S]*Alasan: Sebutkan nama laporannya/)
    expect(notice.buttons.map((b) => b.replace(/^\S+ /, ''))).toEqual(['Ubah', 'Tarik'])

    await employee.press('Ubah', { on: notice })
    await employee.send('08:00-10:30 Menyusun laporan keuangan bulanan November')
    const fresh = await supervisor.waitForMessage(new RegExp(`Laporan kegiatan #${id} \\(perbaikan ke-1\\) menunggu`))
    await supervisor.press('Setujui', { on: fresh })
    await supervisor.waitForChange(fresh, /Disetujui oleh Nurhayati Ramli/)
    await employee.waitForMessage(new RegExp(`Keputusan atas laporan #${id}[\\s\\S]*Disetujui oleh Nurhayati Ramli`))

    const row = await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id }, include: { decisions: true } })
    expect(row).toMatchObject({ status: 'DISETUJUI', version: 2, description: 'Menyusun laporan keuangan bulanan November' })
    const audit = await h.app.db.prisma.auditLog.findMany({ where: { entity: 'activity', entityId: String(id) }, orderBy: { id: 'asc' } })
    expect(audit.map((a) => `${a.action}:${a.actorPlatform}`)).toEqual([
      `activity.submit:${employeeSide.name}`,
      `activity.decide:${supervisorSide.name}`,
      `activity.edit:${employeeSide.name}`,
      `activity.decide:${supervisorSide.name}`,
    ])
  })

  // evidence given on one platform, judged on the other: the card names it and opens it (📎 Lihat bukti)
  storyFor({ name: `${employeeSide.name}->${supervisorSide.name}` }, 'open-evidence')('the supervisor opens evidence given on the other platform from the card', async () => {
    const h = await startAll()
    await h.cli('import-skp', path.join(FIXTURES, 'kendari-skp-2026.csv'))
    const employee = employeeSide.join(h).person('employee')
    const supervisor = supervisorSide.join(h).person('supervisor')
    await supervisor.hello()
    await employee.hello()
    await employee.guidedReport({ description: 'Pemutakhiran data kepegawaian', date: '2026-11-27', start: '13:00', end: '14:00', rhk: 'RHK-1', document: { id: 'F0KNOTULEN01', name: 'notulen-rapat.pdf' } })
    const card = await supervisor.waitForMessage(/Laporan kegiatan #\d+ menunggu persetujuan/)
    const id = Number(/#(\d+)/.exec(card.text)![1])
    expect(card.text).toMatch(/Bukti: \S+ \(notulen-rapat\.pdf\)/)
    expect(card.buttons).toContain('📎 Lihat bukti')
    await supervisor.press('Lihat bukti', { on: card })
    await supervisor.waitForMessage(`Bukti laporan #${id} — ${employee.name}`, { fresh: true })
  })
})
