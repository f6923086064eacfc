import { describe, expect, it } from 'vitest'
import type { Person, Seen, Session } from './driver.js'
import { drivers } from './drivers/index.js'

const reportId = (m: Seen) => Number(/#(\d+)/.exec(m.text)![1])

/** Both have made first contact; the employee reports one line; the supervisor has the card. */
async function reported(s: Session, line = '08:00-10:00 Menyusun laporan keuangan') {
  const employee = s.person('employee')
  const supervisor = s.person('supervisor')
  await supervisor.hello()
  await employee.hello()
  await employee.command('lapor', line)
  const receipt = await employee.waitForMessage(/Laporan #\d+ terkirim ke atasan/, { fresh: true })
  const id = reportId(receipt)
  const card = await supervisor.waitForMessage(new RegExp(`Laporan kegiatan #${id} menunggu persetujuan`))
  return { employee, supervisor, receipt, id, card }
}

const status = async (s: Session, id: number) => (await s.h.app.db.prisma.activity.findUniqueOrThrow({ where: { id } })).status
const decisionButtons = ['✅ Setujui', '✅ Setujui + catatan', '✏️ Revisi', '❌ Tolak']

describe.each(drivers)('contract on $name: reports and decisions', (d) => {
  it('one-line report: a receipt to the employee, a card with the decision buttons to the supervisor', async () => {
    const s = await d.start()
    const { employee, receipt, card, id } = await reported(s, '08:00-10:30 Menyusun laporan keuangan bulanan')
    expect(receipt.text).toMatch(/Jumat, 27 November 2026/)
    expect(receipt.text).toMatch(/08:00–10:30 \(2 jam 30 menit\)/)
    expect(receipt.text).toMatch(/Uraian: Menyusun laporan keuangan bulanan/)
    expect(receipt.text).toMatch(/Status: Diajukan/)
    expect(receipt.buttons.map((b) => b.replace(/^\S+ /, ''))).toEqual(['Ubah', 'Tarik'])
    expect(card.text).toMatch(new RegExp(`Pegawai: ${employee.name}`))
    expect(card.text).toMatch(/Uraian: Menyusun laporan keuangan bulanan/)
    for (const b of decisionButtons) expect(card.buttons).toContain(b)
    const row = await s.h.app.db.prisma.activity.findUniqueOrThrow({ where: { id }, include: { employee: true } })
    expect(row).toMatchObject({ status: 'DIAJUKAN', date: '2026-11-27', startMinute: 480, endMinute: 630, description: 'Menyusun laporan keuangan bulanan' })
    expect(row.employee.nip).toBe(employee.nip)
  })

  it('approve: the card becomes the outcome without buttons, the employee is told, the activity is DISETUJUI', async () => {
    const s = await d.start()
    const { employee, supervisor, card, id } = await reported(s)
    await supervisor.press('Setujui', { on: card })
    const decided = await supervisor.waitForChange(card, /Disetujui oleh Nurhayati Ramli/)
    expect(decided.buttons).toEqual([])
    const notice = await employee.waitForMessage(new RegExp(`Keputusan atas laporan #${id}`))
    expect(notice.text).toMatch(/Disetujui oleh Nurhayati Ramli/)
    expect(await status(s, id)).toBe('DISETUJUI')
  })

  it('Revisi with a reason, then the employee fixes and resubmits: a fresh card (perbaikan ke-1) that can be approved', async () => {
    const s = await d.start()
    const { employee, supervisor, card, id } = await reported(s)
    await supervisor.press('Revisi', { on: card })
    // nothing is decided before the reason is given, and an empty one is no reason
    expect(await status(s, id)).toBe('DIAJUKAN')
    await supervisor.send('   ')
    await supervisor.waitForMessage(/Alasan wajib diisi/, { fresh: true })
    expect(await status(s, id)).toBe('DIAJUKAN')
    await supervisor.send('Lampirkan rincian anggaran per kegiatan')
    const decided = await supervisor.waitForChange(card, /Perlu revisi oleh Nurhayati Ramli/)
    expect(decided.text).toMatch(/Alasan: Lampirkan rincian anggaran per kegiatan/)
    expect(decided.buttons).toEqual([])
    const notice = await employee.waitForMessage(new RegExp(`Keputusan atas laporan #${id}`))
    expect(notice.text).toMatch(/Perlu revisi oleh Nurhayati Ramli[\s\S]*Alasan: Lampirkan rincian anggaran/)
    expect(await status(s, id)).toBe('REVISI')

    await employee.press('Ubah', { on: notice })
    await employee.send('08:00-10:00 Menyusun laporan keuangan dengan rincian anggaran')
    await employee.waitForMessage(new RegExp(`Laporan #${id} diperbarui dan dikirim ulang`))
    const fresh = await supervisor.waitForMessage(new RegExp(`Laporan kegiatan #${id} \\(perbaikan ke-1\\) menunggu`))
    expect(fresh.seq).not.toBe(card.seq)
    expect(fresh.text).toMatch(/Uraian: Menyusun laporan keuangan dengan rincian anggaran/)
    expect(await status(s, id)).toBe('DIAJUKAN')
    // refusal: the first card's Setujui, pressed on the card as it was, is stale now
    await supervisor.press('Setujui', { on: card })
    await supervisor.waitForMessage('Tombol ini sudah tidak berlaku', { fresh: true })
    expect(await status(s, id)).toBe('DIAJUKAN')

    await supervisor.press('Setujui', { on: fresh })
    await supervisor.waitForChange(fresh, /Disetujui oleh Nurhayati Ramli/)
    const row = await s.h.app.db.prisma.activity.findUniqueOrThrow({ where: { id }, include: { decisions: true } })
    expect(row).toMatchObject({ status: 'DISETUJUI', version: 2, description: 'Menyusun laporan keuangan dengan rincian anggaran' })
    expect(row.decisions.map((x) => x.outcome)).toEqual(['REVISI', 'DISETUJUI'])
  })

  it('Tolak with a reason: the card shows Ditolak and the reason, the notice has no Ubah/Tarik, the activity is DITOLAK', async () => {
    const s = await d.start()
    const { employee, supervisor, card, id } = await reported(s)
    await supervisor.press('Tolak', { on: card })
    await supervisor.send('Kegiatan ini bukan tugas jabatan Anda')
    const decided = await supervisor.waitForChange(card, /Ditolak oleh Nurhayati Ramli/)
    expect(decided.text).toMatch(/Alasan: Kegiatan ini bukan tugas jabatan Anda/)
    expect(decided.buttons).toEqual([])
    const notice = await employee.waitForMessage(new RegExp(`Keputusan atas laporan #${id}`))
    expect(notice.text).toMatch(/Ditolak oleh Nurhayati Ramli[\s\S]*Alasan: Kegiatan ini bukan tugas jabatan Anda/)
    expect(notice.buttons).toEqual([])
    const row = await s.h.app.db.prisma.activity.findUniqueOrThrow({ where: { id }, include: { decisions: true } })
    expect(row.status).toBe('DITOLAK')
    expect(row.decisions.map((x) => [x.outcome, x.note])).toEqual([['DITOLAK', 'Kegiatan ini bukan tugas jabatan Anda']])
  })

  it("refusal: another unit's supervisor pressing the card's buttons is told only they may not, nothing is decided", async () => {
    const s = await d.start()
    const { card, id } = await reported(s)
    const other: Person = s.person('otherSupervisor')
    await other.hello()
    await other.press('Setujui', { on: card })
    await other.waitForMessage('Hanya atasan langsung pegawai ini yang dapat memutuskan laporannya.', { fresh: true })
    await other.press('Tolak', { on: card })
    await other.waitForMessage('Hanya atasan langsung pegawai ini yang dapat memutuskan laporannya.', { fresh: true })
    expect(await status(s, id)).toBe('DIAJUKAN')
    expect(await s.h.app.db.prisma.decision.count()).toBe(0)
    // the supervisor's card still offers every decision
    expect(s.person('supervisor').now(card).buttons).toEqual(expect.arrayContaining(decisionButtons))
    expect(await s.h.app.db.prisma.auditLog.count({ where: { action: 'activity.decide.denied', entityId: String(id) } })).toBe(2)
  })

  it('persetujuan lists what waits, and Setujui semua approves every listed report', async () => {
    const s = await d.start()
    const { employee, supervisor } = await reported(s, '08:00-09:00 Menyusun laporan')
    for (const line of ['09:00-10:00 Rapat koordinasi', '10:00-11:00 Entri data kepegawaian']) {
      await employee.command('lapor', line)
      await employee.waitForMessage(/terkirim ke atasan/, { fresh: true })
    }
    await supervisor.command('persetujuan')
    const list = await supervisor.waitForMessage(/Menunggu persetujuan: 3 laporan/, { fresh: true })
    expect(list.text).toMatch(/Menyusun laporan[\s\S]*Rapat koordinasi[\s\S]*Entri data kepegawaian/)
    // the catalogue's words, or their short form where the platform's buttons are short (WhatsApp: 20 characters); never cut
    expect(list.buttons).toContainEqual(expect.stringMatching(/^✅ Setujui semua( di halaman ini)?$/))
    await supervisor.press(/Setujui semua/, { on: list })
    await supervisor.waitForMessage(/3 laporan disetujui/)
    const rows = await s.h.app.db.prisma.activity.findMany({ orderBy: { id: 'asc' } })
    expect(rows.map((r) => r.status)).toEqual(['DISETUJUI', 'DISETUJUI', 'DISETUJUI'])
    // one notice for the lot, naming each report
    const notice = await employee.waitForMessage(/3 laporan Anda disetujui oleh Nurhayati Ramli/)
    expect(notice.text).toMatch(/#1 [\s\S]*Menyusun laporan[\s\S]*#2 [\s\S]*Rapat koordinasi[\s\S]*#3 [\s\S]*Entri data kepegawaian/)
  })
})
