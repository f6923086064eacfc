import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../../helpers/app.js'
import { supervisorOpenedBot } from './supervisor-opened.js'

const andi = people.andi.telegram

describe('when a report may be sent', () => {
  it('a range that has not ended yet today is refused with the time now; one already over is stored', async () => {
    // Friday 16:12 WITA
    const h = await startHarness({ at: '2026-11-27T08:12:00Z' })
    await supervisorOpenedBot(h)
    h.tg.userSends(andi, '/lapor 17:00-18:00 Rapat evaluasi')
    await h.tg.waitForMessageTo(andi, /Kegiatan 17:00–18:00 belum selesai: sekarang baru pukul 16:12/)
    h.tg.userSends(andi, '/lapor 15:00-16:30 Rapat evaluasi')
    await h.tg.waitFor(() => h.tg.messagesTo(andi).filter((m) => /belum selesai/.test(m.text)).length === 2)
    h.tg.userSends(andi, '/lapor 17 jam Menyusun laporan')
    await h.tg.waitForMessageTo(andi, /Durasi 17 jam lebih lama dari waktu yang sudah lewat hari ini/)
    h.tg.userSends(andi, '/lapor 07.30 s.d. 08.00 Apel pagi')
    await h.tg.waitForMessageTo(andi, /terkirim ke atasan/)
    // yesterday's evening is over, whatever the time now
    h.tg.userSends(andi, '/lapor kemarin 17:00-18:00 Rapat evaluasi')
    await h.tg.waitFor(() => h.tg.messagesTo(andi).filter((m) => /terkirim ke atasan/.test(m.text)).length === 2)
    expect(await h.app.db.prisma.activity.count()).toBe(2)
  })

  it('a night shift is stored on its start date and shown ending the next day', async () => {
    const h = await startHarness()
    await supervisorOpenedBot(h)
    h.tg.userSends(andi, '/lapor kemarin 23:00-01:00 Jaga malam IGD puskesmas')
    const receipt = await h.tg.waitForMessageTo(andi, /terkirim ke atasan/)
    expect(receipt.text).toContain('23:00–01:00 (+1)')
    expect(receipt.text).toContain('Kamis, 26 November 2026')
    expect(await h.app.db.prisma.activity.findFirst({ select: { date: true, startMinute: true, endMinute: true, minutes: true } })).toEqual({
      date: '2026-11-26', startMinute: 1380, endMinute: 1500, minutes: 120,
    })
  })
})
