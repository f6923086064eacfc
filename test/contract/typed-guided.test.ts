import path from 'node:path'
import { describe, expect } from 'vitest'
import { FIXTURES } from '../helpers/app.js'
import { storyFor } from './driver.js'
import { drivers } from './drivers/index.js'

const SKP = path.join(FIXTURES, 'kendari-skp-2026.csv')

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
})
