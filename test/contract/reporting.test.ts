import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES } from '../helpers/app.js'
import { storyFor, type Session } from './driver.js'
import { drivers } from './drivers/index.js'

const SKP = path.join(FIXTURES, 'kendari-skp-2026.csv')
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const activities = (s: Session) => s.h.app.db.prisma.activity.count()

describe.each(drivers)('contract on $name: linking and reporting', (d) => {
  it('link by code: a wrong code is refused with the attempts left, the right one links and greets by name', async () => {
    const s = await d.start()
    // the supervisor can be reached (has opened the bot): the report is delivered, not waiting for her
    await s.person('supervisor').hello()
    const newcomer = s.person('newcomer')
    const db = s.h.app.db.prisma
    await newcomer.linkByCode('ABCD-EFGH')
    await newcomer.waitForMessage(/Kode tautan tidak valid[\s\S]*sisa percobaan: 4/, { fresh: true })
    const issued = await s.h.cli('link-code', newcomer.nip)
    expect(issued.code).toBe(0)
    await newcomer.linkByCode(issued.out.trim().split('\n').at(-1)!)
    await newcomer.waitForMessage(new RegExp(`Selamat datang, ${escape(newcomer.name)}`), { fresh: true })
    const account = await db.chatAccount.findFirstOrThrow({ where: { platform: d.name, employee: { nip: newcomer.nip } } })
    expect(account).toMatchObject({ vouchedBy: 'code', linkedAt: expect.any(Date) })
    expect(account.externalId).not.toBe('')
    // linked: a report is taken now
    await newcomer.command('lapor', '08:00-09:00 Menyusun laporan')
    await newcomer.waitForMessage(/Laporan #\d+ terkirim ke atasan/, { fresh: true })
  })

  it('refusal: an account that is not linked is told how to link, and nothing is stored', async () => {
    const s = await d.start()
    const newcomer = s.person('newcomer')
    await newcomer.command('rekap')
    await newcomer.waitForMessage(/belum terhubung dengan data pegawai/, { fresh: true })
    await newcomer.command('lapor', '08:00-09:00 Menyusun laporan')
    await newcomer.waitForMessage(/belum terhubung dengan data pegawai/, { fresh: true })
    expect(await activities(s)).toBe(0)
    expect(await s.h.app.db.prisma.chatAccount.count({ where: { platform: d.name, employee: { nip: newcomer.nip } } })).toBe(0)
  })

  it('refusals of a one-line report: bad time, a day not yet come, overlapping, too long a description; nothing stored', async () => {
    const s = await d.start()
    await s.person('supervisor').hello()
    const employee = s.person('employee')
    await employee.hello()
    const refused: [string, RegExp][] = [
      ['25:00-26:00 Rapat', /Jam "25:00-26:00" tidak valid/],
      ['jam delapan rapat', /Waktu kegiatan tidak dikenali di awal "jam delapan rapat"/],
      ['10:30-08:00 Rapat', /Jam selesai harus setelah jam mulai/],
      ['28/11 1 jam Rapat', /Sabtu, 28 November 2026 belum terjadi/],
      ['23/11 1 jam Rapat', /di luar batas pelaporan: laporan mundur paling lama 3 hari/],
      [`1 jam ${'x'.repeat(1001)}`, /Uraian terlalu panjang \(1001 karakter, maksimal 1000\)/],
    ]
    for (const [line, answer] of refused) {
      await employee.command('lapor', line)
      await employee.waitForMessage(answer, { fresh: true })
    }
    expect(await activities(s)).toBe(0)

    await employee.command('lapor', '08:00-10:00 Menyusun laporan')
    const first = await employee.waitForMessage(/Laporan #(\d+) terkirim ke atasan/, { fresh: true })
    const id = /#(\d+)/.exec(first.text)![1]
    await employee.command('lapor', '09:30-11:00 Rapat koordinasi')
    await employee.waitForMessage(new RegExp(`Waktu 09:30–11:00 bertabrakan dengan kegiatan lain pada Jumat, 27 November 2026 \\(#${id} 08:00–10:00: Menyusun laporan\\)`), { fresh: true })
    expect(await activities(s)).toBe(1)
  })

  it('refusal: an activity not over yet today is refused with the time now', async () => {
    // Friday 16:12 WITA
    const s = await d.start({ at: '2026-11-27T08:12:00Z' })
    const employee = s.person('employee')
    await employee.hello()
    await employee.command('lapor', '17:00-18:00 Rapat evaluasi')
    await employee.waitForMessage(/Kegiatan 17:00–18:00 belum selesai: sekarang baru pukul 16:12/, { fresh: true })
    expect(await activities(s)).toBe(0)
  })

  const guided = { description: 'Pemutakhiran data kepegawaian bidang PKP', date: '2026-11-27', start: '13:00', end: '14:30', rhk: 'RHK-1', document: { id: 'BQACAgIAAx-notulen-rapat', name: 'notulen-rapat.pdf' } }
  const rhkLine = 'RHK: RHK-1 — Termutakhirkannya data kepegawaian untuk penilaian kinerja'

  it('guided report with an RHK and a document: the receipt and the card show both; stored with the RHK and the file', async () => {
    const s = await d.start()
    await s.h.cli('import-skp', SKP)
    const employee = s.person('employee')
    const supervisor = s.person('supervisor')
    await supervisor.hello()
    await employee.hello()
    await employee.guidedReport(guided)
    const receipt = await employee.waitForMessage(/Laporan #\d+ terkirim ke atasan/, { fresh: true })
    expect(receipt.text).toContain('Uraian: Pemutakhiran data kepegawaian bidang PKP')
    expect(receipt.text).toContain('Waktu: 13:00–14:30 (1 jam 30 menit)')
    expect(receipt.text).toContain(rhkLine)
    expect(receipt.text).toMatch(/Bukti: \S+ \(notulen-rapat\.pdf\)/)
    const id = Number(/#(\d+)/.exec(receipt.text)![1])
    const card = await supervisor.waitForMessage(new RegExp(`Laporan kegiatan #${id} menunggu persetujuan`))
    expect(card.text).toContain(rhkLine)
    expect(card.text).toMatch(/Bukti: \S+ \(notulen-rapat\.pdf\)/)
    const row = await s.h.app.db.prisma.activity.findUniqueOrThrow({ where: { id }, include: { rhk: true } })
    expect(row).toMatchObject({ date: '2026-11-27', startMinute: 780, endMinute: 870, evidenceName: 'notulen-rapat.pdf', status: 'DIAJUKAN' })
    // the platform's reference to the file (WhatsApp names its media `wa:<id>`: its photos and documents are not Telegram's)
    expect(row.evidenceRef).toMatch(new RegExp(`(^|:)${guided.document.id}$`))
    expect(row.rhk?.code).toBe('RHK-1')
    // and the file itself, kept in the attachment store
    const file = await s.h.app.db.prisma.attachment.findUniqueOrThrow({ where: { id: row.evidenceFileId ?? -1 } })
    expect(Buffer.from(file.data).toString()).toContain('notulen-rapat.pdf')
  })

  storyFor(d, 'evidence-word')('guided report: a document given as evidence is called a document ("dokumen") on the receipt', async () => {
    const s = await d.start()
    await s.h.cli('import-skp', SKP)
    await s.person('supervisor').hello()
    const employee = s.person('employee')
    await employee.hello()
    await employee.guidedReport(guided)
    const receipt = await employee.waitForMessage(/Laporan #\d+ terkirim ke atasan/, { fresh: true })
    expect(receipt.text).toContain('Bukti: dokumen (notulen-rapat.pdf)')
  })

  // The supervisor judges the report on its evidence: a photo or document given as bukti dukung opens
  // from the card with one press (README: reports come "with a photo or document as bukti dukung").
  storyFor(d, 'open-evidence')('the supervisor opens the document given as evidence from the card (📎 Lihat bukti)', async () => {
    const s = await d.start()
    await s.h.cli('import-skp', SKP)
    const employee = s.person('employee')
    const supervisor = s.person('supervisor')
    await supervisor.hello()
    await employee.hello()
    await employee.guidedReport(guided)
    const card = await supervisor.waitForMessage(/Laporan kegiatan #\d+ menunggu persetujuan/)
    const id = Number(/#(\d+)/.exec(card.text)![1])
    expect(card.buttons).toContain('📎 Lihat bukti')
    await supervisor.press('Lihat bukti', { on: card })
    await supervisor.waitForMessage(`Bukti laporan #${id} — ${employee.name}`, { fresh: true })
  })
})
