import path from 'node:path'
import { describe, expect } from 'vitest'
import { FIXTURES } from '../helpers/app.js'
import { storyFor } from './driver.js'
import { drivers } from './drivers/index.js'

const SKP = path.join(FIXTURES, 'kendari-skp-2026.csv')
const RENCANA_AKSI = path.join(FIXTURES, 'kendari-rencana-aksi-2026.csv')

// The guided report typed in the chat, one answer at a time: every platform runs the same conversation
// (the core's), whatever richer front end it also has (Slack's report form).

describe.each(drivers)('contract on $name: the typed guided report', (d) => {
  const rhkLine = 'RHK: RHK-1 — Termutakhirkannya data kepegawaian untuk penilaian kinerja'

  storyFor(d, 'typed-guided')('typed: /lapor, the description, the time, the RHK by its button, Lewati, the summary, Kirim', async () => {
    const s = await d.start()
    await s.h.cli('import-skp', SKP)
    const employee = s.person('employee')
    const supervisor = s.person('supervisor')
    await supervisor.hello()
    await employee.hello()

    await employee.send('/lapor')
    await employee.waitForMessage(/Apa kegiatan yang Anda lakukan\?/, { fresh: true })
    await employee.send('Pemutakhiran data kepegawaian bidang PKP')
    await employee.waitForMessage(/Kapan\?/, { fresh: true })
    await employee.send('13:00-14:30')
    const ask = await employee.waitForMessage(/mendukung RHK/, { fresh: true })
    expect(ask.buttons.some((b) => b.startsWith('RHK-1 — '))).toBe(true)
    await employee.press(/^RHK-1 — /)
    await employee.waitForMessage(/Lampirkan bukti dukung/, { fresh: true })
    await employee.press('Lewati')
    const summary = await employee.waitForMessage(/Periksa laporan Anda/, { fresh: true })
    expect(summary.text).toContain(rhkLine)
    expect(summary.text).toContain('Waktu: 13:00–14:30 (1 jam 30 menit)')
    expect(await s.h.app.db.prisma.activity.count()).toBe(0)
    await employee.press(/Kirim/)

    const receipt = await employee.waitForMessage(/Laporan #\d+ terkirim ke atasan/, { fresh: true })
    expect(receipt.text).toContain('Uraian: Pemutakhiran data kepegawaian bidang PKP')
    expect(receipt.text).toContain(rhkLine)
    const id = Number(/#(\d+)/.exec(receipt.text)![1])
    const card = await supervisor.waitForMessage(new RegExp(`Laporan kegiatan #${id} menunggu persetujuan`))
    expect(card.text).toContain(rhkLine)
    const row = await s.h.app.db.prisma.activity.findUniqueOrThrow({ where: { id }, include: { rhk: true } })
    expect(row).toMatchObject({ startMinute: 780, endMinute: 870, evidenceRef: null, status: 'DIAJUKAN' })
    expect(row.rhk?.code).toBe('RHK-1')
  })

  // BKN e-Kinerja's progres harian: a rencana aksi of the RHK for the month and a whole-number realisasi,
  // the same on every platform: typed one answer at a time, or as a one-line suffix
  storyFor(d, 'typed-rencana-aksi')('rencana aksi and realisasi: one line "+1 laporan", the guided buttons, card, receipt and /rekap against the target', async () => {
    const s = await d.start()
    expect((await s.h.cli('import-skp', SKP)).code).toBe(0)
    expect((await s.h.cli('import-rencana-aksi', RENCANA_AKSI)).code).toBe(0)
    const employee = s.person('employee')
    const supervisor = s.person('supervisor')
    await supervisor.hello()
    await employee.hello()

    await employee.command('lapor', '08:00-09:00 Menyusun laporan pemutakhiran #RHK-1 +2 lembar')
    await employee.waitForMessage('Satuan "lembar" tidak ada di rencana aksi RHK RHK-1 untuk November 2026. Satuan yang tersedia: data, laporan.', { fresh: true })
    await employee.command('lapor', '08:00-09:00 Menyusun laporan pemutakhiran #RHK-1 +1 laporan')
    const oneLine = await employee.waitForMessage(/Laporan #\d+ terkirim ke atasan/, { fresh: true })
    expect(oneLine.text).toContain('Rencana aksi: Menyusun laporan pemutakhiran data pegawai · Realisasi: 1 laporan')

    await employee.send('/lapor')
    await employee.waitForMessage(/Apa kegiatan yang Anda lakukan\?/, { fresh: true })
    await employee.send('Pemutakhiran data pegawai bidang PKP')
    await employee.waitForMessage(/Kapan\?/, { fresh: true })
    await employee.send('13:00-14:30')
    await employee.waitForMessage(/mendukung RHK/, { fresh: true })
    await employee.press(/^RHK-1 — /)
    const ask = await employee.waitForMessage(/Rencana aksi RHK RHK-1 untuk November 2026 yang mana\?/, { fresh: true })
    expect(ask.text).toContain('• Memutakhirkan data pegawai BKPSDM (target 40 data)')
    expect(ask.buttons).toContain('Lewati')
    await employee.press(/^Memutakhirkan data/)
    const howMuch = await employee.waitForMessage(/Berapa realisasi kegiatan ini/, { fresh: true })
    expect(howMuch.text).toContain('dalam data? (target bulan ini: 40 data)')
    expect(howMuch.buttons).toContain('1 data')
    await employee.send('1,5')
    await employee.waitForMessage(/Realisasi "1,5" tidak valid/, { fresh: true })
    await employee.send('12')
    await employee.waitForMessage(/Lampirkan bukti dukung/, { fresh: true })
    await employee.press('Lewati')
    const line = 'Rencana aksi: Memutakhirkan data pegawai BKPSDM · Realisasi: 12 data'
    const summary = await employee.waitForMessage(/Periksa laporan Anda/, { fresh: true })
    expect(summary.text).toContain(line)
    await employee.press(/Kirim/)
    const receipt = await employee.waitForMessage(/Laporan #\d+ terkirim ke atasan/, { fresh: true })
    expect(receipt.text).toContain(line)
    const id = Number(/#(\d+)/.exec(receipt.text)![1])
    const card = await supervisor.waitForMessage(new RegExp(`Laporan kegiatan #${id} menunggu persetujuan`))
    expect(card.text).toContain(line)
    const row = await s.h.app.db.prisma.activity.findUniqueOrThrow({ where: { id }, include: { rencanaAksi: true } })
    expect([row.rencanaAksi?.text, row.realisasi]).toEqual(['Memutakhirkan data pegawai BKPSDM', 12])

    await supervisor.press('Setujui', { on: card })
    await supervisor.waitForChange(card, /Disetujui oleh/)
    await employee.command('rekap')
    const rekap = await employee.waitForMessage(/Rekap November 2026/, { fresh: true })
    expect(rekap.text).toContain('• RHK-1 Memutakhirkan data pegawai BKPSDM: 12/40 data')
    expect(rekap.text).toContain('• RHK-1 Menyusun laporan pemutakhiran data pegawai: 0/1 laporan')
  })
})
