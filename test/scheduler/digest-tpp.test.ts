import { describe, expect, it } from 'vitest'
import type { DigestView } from '../../src/domain/scheduled-messages.js'
import { leaderDigestText } from '../../src/messages/index.js'
import { people, startHarness } from '../helpers/app.js'
import { addActivity, link, outboxOf, wita } from './helpers.js'

const { andi, salmiah, kabid, kaban } = people
const BKPSDM = 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia'
const PKP = 'Bidang Penilaian Kinerja Aparatur dan Penghargaan'

describe('weekly digest: TPP at risk', () => {
  it('names the supervisors whose team\'s reports still wait when the month\'s validation deadline comes before the next digest, and nobody otherwise', async () => {
    // Monday 16 November: the next deadline (5 December) is weeks away
    const h = await startHarness({ at: wita('2026-11-16T07:30').toISOString() })
    await link(h, kaban.telegram)
    await addActivity(h, andi.nip, { date: '2026-11-10', minutes: 60, status: 'DIAJUKAN' })
    await addActivity(h, andi.nip, { date: '2026-11-12', minutes: 60, status: 'DIAJUKAN' })
    await addActivity(h, salmiah.nip, { date: '2026-11-13', minutes: 60, status: 'DIAJUKAN' })
    await addActivity(h, kabid.nip, { date: '2026-11-13', minutes: 60, status: 'DIAJUKAN' })
    // October's deadline has passed: lost, not at risk; approved and returned items wait for no supervisor
    await addActivity(h, andi.nip, { date: '2026-10-30', minutes: 60, status: 'DIAJUKAN' })
    await addActivity(h, salmiah.nip, { date: '2026-11-12', minutes: 60, status: 'REVISI' })
    await addActivity(h, salmiah.nip, { date: '2026-11-11', minutes: 60, status: 'DISETUJUI' })

    expect((await h.app.scheduler.run('weekly-digest', h.clock.now(), 'cron')).status).toBe('done')
    const early = (await outboxOf(h, 'leader_digest'))[0]!.message.digest as DigestView
    expect(early.tppAtRisk).toBeUndefined()
    expect(leaderDigestText(early)).not.toMatch(/TPP tim berisiko/)

    // Monday 30 November: November's approvals count until Saturday 5 December, before the next digest
    h.clock.set(wita('2026-11-30T07:30'))
    expect((await h.app.scheduler.run('weekly-digest', h.clock.now(), 'cron')).status).toBe('done')
    const late = (await outboxOf(h, 'leader_digest'))[1]!.message.digest as DigestView
    expect(late.tppAtRisk).toEqual({
      month: '2026-11',
      deadline: '2026-12-05',
      supervisors: [
        { name: kabid.name, unit: PKP, pending: 3, people: 2 },
        { name: kaban.name, unit: BKPSDM, pending: 1, people: 1 },
      ],
      more: 0,
    })
    const text = leaderDigestText(late)
    expect(text).toContain(
      '⚠️ TPP tim berisiko: laporan November 2026 yang belum disetujui sampai batas validasi Sabtu, 5 Desember 2026 tidak dihitung. Atasan yang perlu segera memutuskan:\n' +
        `• ${kabid.name} (${PKP}): 3 laporan dari 2 pegawai\n` +
        `• ${kaban.name} (${BKPSDM}): 1 laporan dari 1 pegawai`,
    )
    // and the leader reads it in the chat
    await h.app.dispatcher.runOnce()
    await h.tg.waitForMessageTo(kaban.telegram, /TPP tim berisiko: laporan November 2026/)
  })
})
