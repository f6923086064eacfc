import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../../helpers/app.js'
import { supervisorOpenedBot } from './supervisor-opened.js'

const andi = people.andi.telegram

describe('a report with bad input gets a specific message and stores nothing', () => {
  it.each([
    ['/lapor 08:00-10:30', /Uraian kegiatan masih kosong/],
    [`/lapor 1 jam ${'x'.repeat(1001)}`.slice(0) as string, /Uraian terlalu panjang \(1001 karakter, maksimal 1000\)/],
    ['/lapor jam delapan rapat', /Waktu kegiatan tidak dikenali di awal "jam delapan rapat"/],
    ['/lapor 25:00-26:00 Rapat', /Jam "25:00-26:00" tidak valid/],
    ['/lapor 10:30-08:00 Rapat', /Jam selesai harus setelah jam mulai/],
    ['/lapor 31/02 1 jam Rapat', /Tanggal "31\/02" tidak valid/],
    ['/lapor 28/11 1 jam Rapat', /Sabtu, 28 November 2026 belum terjadi/],
    ['/lapor 23/11 1 jam Rapat', /di luar batas pelaporan: laporan mundur paling lama 3 hari/],
  ])('%#: %s', async (text, expected) => {
    const h = await startHarness()
    h.tg.userSends(andi, text)
    await h.tg.waitForMessageTo(andi, expected)
    expect(await h.app.db.prisma.activity.count()).toBe(0)
    expect(await h.app.db.prisma.outbox.count()).toBe(0)
  })

  it('accepts a report exactly REPORT_BACKDATE_DAYS back and refuses one day more', async () => {
    const h = await startHarness()
    await supervisorOpenedBot(h)
    // Friday 27/11: three days back is Tuesday 24/11
    h.tg.userSends(andi, '/lapor 24/11 1 jam Rapat persiapan')
    const receipt = await h.tg.waitForMessageTo(andi, /terkirim ke atasan/)
    expect(receipt.text).toMatch(/Selasa, 24 November 2026/)
    h.tg.userSends(andi, '/lapor 23/11 1 jam Rapat persiapan')
    await h.tg.waitForMessageTo(andi, /Senin, 23 November 2026 di luar batas pelaporan: laporan mundur paling lama 3 hari/)
    expect((await h.app.db.prisma.activity.findMany()).map((a) => a.date)).toEqual(['2026-11-24'])
  })

  it('honours a non-default REPORT_BACKDATE_DAYS, in one line and in the guided flow', async () => {
    const h = await startHarness({ env: { REPORT_BACKDATE_DAYS: '5' } })
    await supervisorOpenedBot(h)
    const { tg } = h
    tg.userSends(andi, '/lapor 22/11 1 jam Rapat persiapan')
    await tg.waitForMessageTo(andi, /terkirim ke atasan/)
    tg.userSends(andi, '/lapor 21/11 1 jam Rapat persiapan')
    await tg.waitForMessageTo(andi, /Sabtu, 21 November 2026 di luar batas pelaporan: laporan mundur paling lama 5 hari/)
    tg.userSends(andi, '/lapor')
    await tg.waitForMessageTo(andi, /Apa kegiatan/)
    tg.userSends(andi, 'Entri data kehadiran')
    await tg.waitForMessageTo(andi, /Kapan\?/)
    tg.userSends(andi, '21/11 2 jam')
    await tg.waitFor(() => tg.messagesTo(andi).filter((m) => /paling lama 5 hari/.test(m.text)).length === 2)
    tg.userSends(andi, '22/11 13:00-14:00')
    await tg.waitForMessageTo(andi, /Lampirkan bukti dukung/)
    expect((await h.app.db.prisma.activity.findMany()).map((a) => a.date)).toEqual(['2026-11-22'])
  })

  it('refuses overlapping ranges and a day total over the maximum, naming the conflict', async () => {
    const h = await startHarness({ env: { REPORT_MAX_DAY_MINUTES: '300' } })
    await supervisorOpenedBot(h)
    const { tg } = h
    tg.userSends(andi, '/lapor 08:00-10:00 Menyusun laporan')
    await tg.waitForMessageTo(andi, /terkirim ke atasan/)
    tg.userSends(andi, '/lapor 09:30-11:00 Rapat koordinasi')
    await tg.waitForMessageTo(andi, /Waktu 09:30–11:00 bertabrakan dengan kegiatan lain pada Jumat, 27 November 2026 \(#\d+ 08:00–10:00: Menyusun laporan\)/)
    // touching ranges do not overlap
    tg.userSends(andi, '/lapor 10:00-11:00 Rapat koordinasi')
    await tg.waitFor(() => tg.messagesTo(andi).filter((m) => /terkirim ke atasan/.test(m.text)).length === 2)
    tg.userSends(andi, '/lapor 2 jam Entri data')
    await tg.waitFor(() => tg.messagesTo(andi).filter((m) => /terkirim ke atasan/.test(m.text)).length === 3)
    tg.userSends(andi, '/lapor 1m Entri data')
    await tg.waitForMessageTo(andi, /menjadi 5 jam 1 menit, melebihi batas 5 jam per hari/)
    expect(await h.app.db.prisma.activity.count()).toBe(3)
  })

  it('a rejected or withdrawn activity frees its time', async () => {
    const h = await startHarness()
    await supervisorOpenedBot(h)
    const { tg } = h
    tg.userSends(andi, '/lapor 08:00-10:00 Menyusun laporan')
    const receipt = await tg.waitForMessageTo(andi, /terkirim ke atasan/)
    tg.userClicks(andi, receipt.message_id, receipt.reply_markup!.inline_keyboard![0]![1]!.callback_data!)
    await tg.waitForMessageTo(andi, /ditarik/)
    tg.userSends(andi, '/lapor 08:00-10:00 Menyusun laporan (ulang)')
    await tg.waitFor(() => tg.messagesTo(andi).filter((m) => /terkirim ke atasan/.test(m.text)).length === 2)
  })
})
