import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../../helpers/app.js'
import { buttonData } from '../../helpers/telegram.js'
import { supervisorOpenedBot } from './supervisor-opened.js'

const andi = people.andi.telegram

describe('a fix of a report sends only what changes', () => {
  it('only a time keeps the description; only words keep the date and time; both replace both', async () => {
    const h = await startHarness()
    await supervisorOpenedBot(h)
    const { tg } = h
    const row = () => h.app.db.prisma.activity.findFirstOrThrow({ select: { date: true, startMinute: true, endMinute: true, minutes: true, description: true, version: true } })
    tg.userSends(andi, '/lapor 08:00-10:30 Menyusun laporan keuangan bulanan')
    const receipt = await tg.waitForMessageTo(andi, /terkirim ke atasan/)

    const edit = async (text: string, version: number) => {
      const last = tg.messagesTo(andi).filter((m) => buttonData(m, /Ubah/)).at(-1)!
      tg.userClicks(andi, last.message_id, buttonData(last, /Ubah/)!)
      const ask = await tg.waitForMessageTo(andi, /Cukup kirim yang berubah/, { afterMessageId: last.message_id })
      tg.userSends(andi, text)
      await tg.waitForMessageTo(andi, /diperbarui dan dikirim ulang/, { afterMessageId: ask.message_id })
      expect((await row()).version).toBe(version)
    }

    await edit('09:00-11:00', 2)
    expect(await row()).toMatchObject({ date: '2026-11-27', startMinute: 540, endMinute: 660, description: 'Menyusun laporan keuangan bulanan' })

    await edit('Menyusun laporan keuangan bulan November', 3)
    expect(await row()).toMatchObject({ date: '2026-11-27', startMinute: 540, endMinute: 660, minutes: 120, description: 'Menyusun laporan keuangan bulan November' })

    await edit('kemarin 2 jam', 4)
    expect(await row()).toMatchObject({ date: '2026-11-26', startMinute: null, endMinute: null, minutes: 120, description: 'Menyusun laporan keuangan bulan November' })

    await edit('13:00-14:00 Rapat koordinasi', 5)
    expect(await row()).toMatchObject({ date: '2026-11-26', startMinute: 780, endMinute: 840, description: 'Rapat koordinasi' })
    expect(receipt).toBeDefined()
  })
})
