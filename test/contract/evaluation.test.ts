import { describe, expect, it } from 'vitest'
import { wita } from '../scheduler/helpers.js'
import { addRhkActivity, SKP_FIXTURE } from '../platforms/telegram/evaluation-helpers.js'
import { drivers } from './drivers/index.js'

// a round sends a card for each member of the team: generous on a busy machine (and PostgreSQL)
const TIMEOUT = 60_000

describe.each(drivers)('contract on $name: SKP evaluation', (d) => {
  it('the supervisor rates with the card buttons; the employee files a keberatan; the head of agency confirms it', async () => {
    const s = await d.start()
    const { h } = s
    const employee = s.person('employee')
    const supervisor = s.person('supervisor')
    const head = s.person('headOfAgency')
    await h.cli('import-skp', SKP_FIXTURE)
    for (const p of [supervisor, employee, head]) await p.hello()
    await addRhkActivity(h, employee.nip, { date: '2026-11-16', minutes: 120, status: 'DISETUJUI', rhk: 'RHK-1' })
    // the round of Tuesday 1 December (the first work day)
    h.clock.set(wita('2026-12-01T08:00'))
    expect(await h.app.scheduler.run('evaluation-round', h.clock.now(), 'cron')).toMatchObject({ status: 'done' })

    const card = await supervisor.waitForMessage(new RegExp(`Penilaian kinerja periodik — November 2026[\\s\\S]*${employee.name}`))
    expect(card.text).toContain('• RHK-1 Termutakhirkannya data kepegawaian untuk penilaian kinerja: 1 kegiatan, 120 menit disetujui')
    expect(card.buttons).toEqual(['Hasil: Di atas', 'Hasil: Sesuai', 'Hasil: Di bawah', 'Perilaku: Di atas', 'Perilaku: Sesuai', 'Perilaku: Di bawah', '📝 Catatan BerAKHLAK', '📨 Kirim penilaian'])
    const evaluation = await h.app.db.prisma.evaluation.findFirstOrThrow({ where: { period: '2026-11', employee: { nip: employee.nip } } })

    // each choice redraws the card in place with the predikat it would give
    await supervisor.press('Hasil: Di atas', { on: card })
    await supervisor.waitForChange(card, /hasil kerja Di atas ekspektasi; perilaku kerja —/)
    await supervisor.press('Perilaku: Sesuai', { on: supervisor.now(card) })
    const chosen = await supervisor.waitForChange(card, /Predikat bila dikirim: Baik/)
    expect(chosen.buttons).toEqual(expect.arrayContaining(['✅ Hasil: Di atas', '✅ Perilaku: Sesuai']))
    await supervisor.press('Kirim penilaian', { on: chosen })
    const outcome = await supervisor.waitForChange(card, /Dinilai oleh Nurhayati/)
    expect(outcome.text).toContain('Predikat kinerja: Baik')
    expect(outcome.buttons).toEqual([])
    expect(await h.app.db.prisma.evaluation.findUniqueOrThrow({ where: { id: evaluation.id } })).toMatchObject({ status: 'DINILAI', predikat: 'BAIK' })

    const notice = await employee.waitForMessage(/Hasil penilaian kinerja periode November 2026/)
    expect(notice.text).toContain('Rating hasil kerja: Di atas ekspektasi')
    expect(notice.text).toContain('Rating perilaku kerja: Sesuai ekspektasi')
    expect(notice.text).toContain('Predikat kinerja: Baik')
    expect(notice.buttons).toEqual(['⚖️ Ajukan keberatan'])

    // the keberatan: a reason, sent to the Atasan Pejabat Penilai
    await employee.press('Ajukan keberatan', { on: notice })
    await employee.send('Pemutakhiran data selesai lebih cepat dari target; mohon ditinjau.')
    await employee.waitForMessage('Keberatan terkirim ke Sukri Halim, S.Sos.. Anda akan diberi tahu keputusannya.', { fresh: true })
    const objection = await head.waitForMessage(new RegExp(`Keberatan atas penilaian kinerja — November 2026[\\s\\S]*${employee.name}`))
    expect(objection.text).toContain('Pemutakhiran data selesai lebih cepat dari target; mohon ditinjau.')
    expect(objection.text).toContain('Penilaian semula: hasil kerja Di atas ekspektasi, perilaku kerja Sesuai ekspektasi, predikat Baik')
    expect(objection.buttons).toContain('✅ Kukuhkan penilaian')
    expect(await h.app.db.prisma.evaluation.findUniqueOrThrow({ where: { id: evaluation.id } })).toMatchObject({ status: 'KEBERATAN' })

    await head.press('Kukuhkan penilaian', { on: objection })
    const decided = await employee.waitForMessage(/Keputusan keberatan/)
    expect(decided.text).toContain('Keputusan Atasan Pejabat Penilai: penilaian dikukuhkan.')
    expect(decided.text).toContain('Predikat kinerja: Baik')
    expect((await head.waitForChange(objection, /Keputusan: penilaian dikukuhkan/)).buttons).toEqual([])
    const rows = await h.app.db.prisma.keberatan.findMany({ include: { evaluation: true } })
    expect(rows.map((k) => [k.status, k.evaluation.predikat, k.evaluation.status])).toEqual([['DIKUKUHKAN', 'BAIK', 'DINILAI']])
  }, TIMEOUT)
})
