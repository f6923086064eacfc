import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../../helpers/app.js'
import { reportId } from '../../helpers/telegram.js'
import { supervisorOpenedBot } from './supervisor-opened.js'

const andi = people.andi.telegram
const kabid = people.kabid.telegram

describe('/rekap', () => {
  it('counts pending, revision and rejected minutes as well as approved ones; withdrawn ones not at all', async () => {
    const h = await startHarness()
    await supervisorOpenedBot(h)
    const { tg } = h
    const lines = ['08:00-09:00 Rapat pagi', '09:00-10:30 Menyusun konsep surat', '10:30-11:00 Entri data', '13:00-13:45 Arsip berkas', '14:00-14:20 Koordinasi']
    const ids: number[] = []
    for (const line of lines) {
      tg.userSends(andi, `/lapor ${line}`)
      await tg.waitFor(() => tg.messagesTo(andi).filter((m) => /terkirim ke atasan/.test(m.text)).length === ids.length + 1)
      ids.push(reportId(tg.messagesTo(andi).filter((m) => /terkirim ke atasan/.test(m.text)).at(-1)!.text))
    }
    const [approved, revisi, tolak, , withdrawn] = ids as [number, number, number, number, number]
    const kabidActor = (await h.app.services.linking.identify({ platform: 'telegram', externalId: String(kabid), chatId: String(kabid) }))!
    const andiActor = (await h.app.services.linking.identify({ platform: 'telegram', externalId: String(andi), chatId: String(andi) }))!
    const { decisions, reports } = h.app.services
    await decisions.decide(kabidActor, { activityId: approved, outcome: 'DISETUJUI' })
    await decisions.decide(kabidActor, { activityId: revisi, outcome: 'REVISI', note: 'Lengkapi nomor surat' })
    await decisions.decide(kabidActor, { activityId: tolak, outcome: 'DITOLAK', note: 'Bukan tugas jabatan' })
    await reports.withdraw(andiActor, withdrawn)

    tg.userSends(andi, '/rekap')
    const rekap = await tg.waitForMessageTo(andi, /Rekap November 2026/)
    expect(rekap.text).toMatch(/Disetujui: 60 menit \(1 kegiatan\)/)
    expect(rekap.text).toMatch(/Menunggu persetujuan: 45 menit \(1 kegiatan\)/)
    expect(rekap.text).toMatch(/Perlu revisi: 90 menit \(1 kegiatan\)/)
    expect(rekap.text).toMatch(/Ditolak: 30 menit \(1 kegiatan\)/)
    expect(rekap.text).not.toMatch(/Ditarik/)
    // capaian counts approved minutes only: 60 of 6,750
    expect(rekap.text).toMatch(/Capaian: 0,9%/)
  })
})
