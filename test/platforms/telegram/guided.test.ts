import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../../helpers/app.js'
import { buttonData, reportId } from '../../helpers/telegram.js'
import { supervisorOpenedBot } from './supervisor-opened.js'

const andi = people.andi.telegram
const kabid = people.kabid.telegram

describe('guided /lapor', () => {
  it('asks for description, time and evidence, shows a summary, and submits on Kirim', async () => {
    const h = await startHarness()
    const { tg } = h
    tg.userSends(kabid, '/start')
    await tg.waitForMessageTo(kabid, /Selamat datang/)

    tg.userSends(andi, '/lapor')
    await tg.waitForMessageTo(andi, /Apa kegiatan yang Anda lakukan/)
    tg.userSends(andi, 'Verifikasi berkas kenaikan pangkat')
    await tg.waitForMessageTo(andi, /Kapan\?/)
    tg.userSends(andi, 'jam sembilan')
    // the error is about the time, the one thing this step asks for
    const timeError = await tg.waitForMessageTo(andi, /Waktu "jam sembilan" tidak dikenali/)
    expect(timeError.text).not.toMatch(/uraian/i)
    tg.userSends(andi, '01/11 2 jam')
    await tg.waitForMessageTo(andi, /di luar batas pelaporan/)
    tg.userSends(andi, 'kemarin 13.00-15.30')
    const askEvidence = await tg.waitForMessageTo(andi, /Lampirkan bukti dukung/)
    expect(buttonData(askEvidence, /Lewati/)).toBe('gd:skip')
    tg.userSends(andi, 'ini buktinya')
    await tg.waitForMessageTo(andi, /Kirim foto atau dokumen/)
    tg.userSendsPhoto(andi, 'AgACAgIAAx-photo-file-id')
    const summary = await tg.waitForMessageTo(andi, /Periksa laporan Anda/)
    expect(summary.text).toMatch(/Kamis, 26 November 2026/)
    expect(summary.text).toMatch(/13:00–15:30 \(2 jam 30 menit\)/)
    expect(summary.text).toMatch(/Bukti: foto terlampir/)
    expect(await h.app.db.prisma.activity.count()).toBe(0)

    tg.userClicks(andi, summary.message_id, 'gd:send')
    const receipt = await tg.waitForMessageTo(andi, /terkirim ke atasan/)
    const id = reportId(receipt.text)
    const row = await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id } })
    expect(row).toMatchObject({ date: '2026-11-26', startMinute: 780, endMinute: 930, minutes: 150, evidenceKind: 'photo', evidenceRef: 'AgACAgIAAx-photo-file-id' })

    // the supervisor sees the evidence with one click, by file_id (nothing is downloaded)
    const card = await tg.waitForMessageTo(kabid, /menunggu persetujuan/)
    expect(card.text).toMatch(/Bukti: foto terlampir/)
    tg.userClicks(kabid, card.message_id, buttonData(card, /Lihat bukti/)!)
    const photo = await tg.waitFor(() => tg.messagesTo(kabid).find((m) => m.kind === 'photo'))
    expect(photo.photo).toBe('AgACAgIAAx-photo-file-id')
    // a second click on Kirim does not submit twice
    tg.userClicks(andi, summary.message_id, 'gd:send')
    await tg.waitFor(() => tg.callbackAnswers().find((a) => /tidak berlaku/.test(a.text ?? '')))
    expect(await h.app.db.prisma.activity.count()).toBe(1)
  })

  it('keeps a half-finished report across a restart, and /batal cancels it', async () => {
    const h = await startHarness()
    const { tg } = h
    tg.userSends(andi, '/lapor')
    await tg.waitForMessageTo(andi, /Apa kegiatan/)
    tg.userSends(andi, 'Menyusun notulen rapat')
    await tg.waitForMessageTo(andi, /Kapan\?/)
    await h.restart()
    tg.userSends(andi, '45 menit')
    await tg.waitForMessageTo(andi, /Lampirkan bukti dukung/)
    tg.userSendsDocument(andi, 'BQACAgIAAx-doc-id', 'notulen.pdf')
    const summary = await tg.waitForMessageTo(andi, /Periksa laporan Anda/)
    expect(summary.text).toMatch(/Uraian: Menyusun notulen rapat/)
    expect(summary.text).toMatch(/dokumen \(notulen\.pdf\)/)
    tg.userSends(andi, '/batal')
    await tg.waitForMessageTo(andi, /Dibatalkan/)
    tg.userClicks(andi, summary.message_id, 'gd:send')
    await tg.waitFor(() => tg.callbackAnswers().find((a) => /tidak berlaku/.test(a.text ?? '')))
    expect(await h.app.db.prisma.activity.count()).toBe(0)
  })

  it('the Batal button ends the flow at the evidence step and at the summary, and stores nothing', async () => {
    const h = await startHarness()
    const { tg } = h
    const untilEvidence = async (afterMessageId = 0) => {
      for (const [text, answer] of [['/lapor', /Apa kegiatan/], ['Rapat evaluasi kinerja', /Kapan\?/], ['1 jam', /Lampirkan bukti dukung/]] as const) {
        tg.userSends(andi, text)
        afterMessageId = (await tg.waitForMessageTo(andi, answer, { afterMessageId })).message_id
      }
      return tg.messagesTo(andi).find((m) => m.message_id === afterMessageId)!
    }
    const askEvidence = await untilEvidence()
    tg.userClicks(andi, askEvidence.message_id, buttonData(askEvidence, /Batal/)!)
    const first = await tg.waitForMessageTo(andi, /Dibatalkan\. Tidak ada yang disimpan\./)
    // the buttons are taken off the message that had them; the next text is not an answer any more
    await tg.waitFor(() => tg.messagesTo(andi).find((m) => m.message_id === askEvidence.message_id && !m.reply_markup))
    tg.userSends(andi, 'lewati')
    await tg.waitForMessageTo(andi, /tidak mengerti/, { afterMessageId: first.message_id })

    await untilEvidence(first.message_id)
    tg.userSends(andi, 'lewati')
    const summary = await tg.waitForMessageTo(andi, /Periksa laporan Anda/)
    expect(buttonData(summary, /Batal/)).toBe('gd:cancel')
    tg.userClicks(andi, summary.message_id, 'gd:cancel')
    await tg.waitForMessageTo(andi, /Dibatalkan/, { afterMessageId: summary.message_id })
    // Kirim on the cancelled summary does nothing
    tg.userClicks(andi, summary.message_id, 'gd:send')
    await tg.waitFor(() => tg.callbackAnswers().find((a) => /tidak berlaku/.test(a.text ?? '')))
    expect(await h.app.db.prisma.activity.count()).toBe(0)
    expect(await h.app.db.prisma.outbox.count()).toBe(0)
  })

  it('a report as a photo caption keeps the photo as evidence', async () => {
    const h = await startHarness()
    await supervisorOpenedBot(h)
    h.tg.userSendsPhoto(andi, 'AgAC-caption-photo', '/lapor 90m Sosialisasi SKP di aula')
    await h.tg.waitForMessageTo(andi, /terkirim ke atasan/)
    const row = await h.app.db.prisma.activity.findFirstOrThrow()
    expect(row).toMatchObject({ minutes: 90, description: 'Sosialisasi SKP di aula', evidenceKind: 'photo', evidenceRef: 'AgAC-caption-photo' })
  })
})
