import { describe, expect, it } from 'vitest'
import type { Harness } from '../../helpers/app.js'
import { people, startHarness } from '../../helpers/app.js'
import { buttonData, buttonLabels } from '../../helpers/telegram.js'
import { employeeId, link, outboxOf, wita } from '../../scheduler/helpers.js'
import { actorOf, more, novemberRound } from './evaluation-helpers.js'

const { andi, salmiah, kabid, kaban } = people

/** Rates through the use case (the chat side of rating is covered in evaluation-round.test.ts). */
async function rate(h: Harness, evaluationId: number, hasil: 0 | 1 | 2, perilaku: 0 | 1 | 2) {
  const ratings = ['DI_ATAS_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'DI_BAWAH_EKSPEKTASI'] as const
  const rater = await actorOf(h, kabid.nip)
  await h.app.services.evaluations.choose(rater, evaluationId, { hasil: ratings[hasil], perilaku: ratings[perilaku] })
  await h.app.services.evaluations.submit(rater, evaluationId)
}

async function object(h: Harness, telegram: number, reason: string) {
  const notice = await h.tg.waitForMessageTo(telegram, /Hasil penilaian kinerja periode November 2026/)
  h.tg.userClicks(telegram, notice.message_id, buttonData(notice, /keberatan/)!)
  await h.tg.waitForMessageTo(telegram, /Tuliskan alasan keberatan atas penilaian periode November 2026[\s\S]*Sukri Halim, S.Sos., Atasan Pejabat Penilai/)
  h.tg.userSends(telegram, reason)
  await h.tg.waitForMessageTo(telegram, 'Keberatan terkirim ke Sukri Halim, S.Sos.. Anda akan diberi tahu keputusannya.')
  return notice
}

describe('keberatan', () => {
  it('goes to the Atasan Pejabat Penilai, who changes one rating and confirms another; final after the window', async () => {
    const h = await startHarness()
    const { tg } = h
    const ids = await novemberRound(h)
    await rate(h, ids.get(andi.nip)!, 0, 0)
    await rate(h, ids.get(salmiah.nip)!, 1, 1)
    await rate(h, ids.get(more.ahmadSudirman.nip)!, 2, 1)

    // Salmiah objects to Baik
    await object(h, salmiah.telegram, 'Ketersediaan layanan 99,8% melampaui target; mohon ditinjau.')
    const card = await tg.waitForMessageTo(kaban.telegram, /Keberatan atas penilaian kinerja — November 2026[\s\S]*Salmiah/)
    expect(card.text).toContain('"Ketersediaan layanan 99,8% melampaui target; mohon ditinjau."')
    expect(card.text).toContain('Penilaian semula: hasil kerja Sesuai ekspektasi, perilaku kerja Sesuai ekspektasi, predikat Baik')
    expect(buttonLabels(card)).toEqual([
      '✅ Kukuhkan penilaian',
      'Hasil: Di atas', '✅ Hasil: Sesuai', 'Hasil: Di bawah',
      'Perilaku: Di atas', '✅ Perilaku: Sesuai', 'Perilaku: Di bawah',
      '💾 Simpan perubahan',
    ])
    const salmiahEval = ids.get(salmiah.nip)!
    // the rater cannot decide the objection to her own rating; the same rating again is not a change
    tg.userClicks(kabid.telegram, card.message_id, `kr:${salmiahEval}:ok`)
    await tg.waitFor(() => tg.callbackAnswers().find((a) => /Hanya Atasan Pejabat Penilai/.test(a.text ?? '')))
    tg.userClicks(kaban.telegram, card.message_id, `kr:${salmiahEval}:sv`)
    await tg.waitFor(() => tg.callbackAnswers().find((a) => /sama dengan penilaian semula/.test(a.text ?? '')))
    tg.userClicks(kaban.telegram, card.message_id, `kr:${salmiahEval}:h0`)
    await tg.waitFor(() => tg.messagesTo(kaban.telegram).find((m) => m.message_id === card.message_id && /hasil kerja Di atas ekspektasi; perilaku kerja Sesuai ekspektasi; predikat Baik/.test(m.text)))
    tg.userClicks(kaban.telegram, card.message_id, `kr:${salmiahEval}:p0`)
    await tg.waitFor(() => tg.messagesTo(kaban.telegram).find((m) => m.message_id === card.message_id && /predikat Sangat Baik/.test(m.text)))
    tg.userClicks(kaban.telegram, card.message_id, `kr:${salmiahEval}:sv`)
    await tg.waitFor(() => tg.callbackAnswers().find((a) => /Keberatan Salmiah Djafar, M.Si.: penilaian diubah \(Sangat Baik\)/.test(a.text ?? '')))
    const decided = await tg.waitFor(() => tg.messagesTo(kaban.telegram).find((m) => m.message_id === card.message_id && /Keputusan: penilaian diubah/.test(m.text)))
    expect(buttonLabels(decided)).toEqual([])
    const toSalmiah = await tg.waitForMessageTo(salmiah.telegram, /Keputusan keberatan/)
    expect(toSalmiah.text).toContain('Keputusan Atasan Pejabat Penilai: penilaian diubah.')
    expect(toSalmiah.text).toContain('Rating hasil kerja: Di atas ekspektasi')
    expect(toSalmiah.text).toContain('Predikat kinerja: Sangat Baik')
    expect(toSalmiah.text).toContain('Penilaian periode ini sudah final.')
    await tg.waitForMessageTo(kabid.telegram, /Keputusan keberatan — penilaian periode November 2026 \(Salmiah Djafar, M.Si.\)/)
    // decided once: a second click and a second objection change nothing
    tg.userClicks(kaban.telegram, card.message_id, `kr:${salmiahEval}:ok`)
    await tg.waitFor(() => tg.callbackAnswers().find((a) => /sudah diputuskan/.test(a.text ?? '')))
    tg.userClicks(salmiah.telegram, 1, `kb:${salmiahEval}`)
    await tg.waitFor(() => tg.callbackAnswers().find((a) => /sudah pernah diajukan/.test(a.text ?? '')))

    // Ahmad Sudirman objects to Butuh Perbaikan; Sukri confirms it
    await object(h, more.ahmadSudirman.telegram, 'Revisi laporan sudah saya perbaiki.')
    const second = await tg.waitForMessageTo(kaban.telegram, /Keberatan atas penilaian kinerja[\s\S]*Ahmad Sudirman/)
    tg.userClicks(kaban.telegram, second.message_id, buttonData(second, /Kukuhkan/)!)
    const confirmed = await tg.waitForMessageTo(more.ahmadSudirman.telegram, /Keputusan keberatan/)
    expect(confirmed.text).toContain('Keputusan Atasan Pejabat Penilai: penilaian dikukuhkan.')
    expect(confirmed.text).toContain('Predikat kinerja: Butuh Perbaikan')

    const rows = await h.app.db.prisma.keberatan.findMany({ orderBy: { id: 'asc' }, include: { evaluation: true } })
    expect(rows.map((k) => [k.status, k.predikatBefore, k.evaluation.predikat, k.evaluation.status])).toEqual([
      ['DIUBAH', 'BAIK', 'SANGAT_BAIK', 'DINILAI'],
      ['DIKUKUHKAN', 'BUTUH_PERBAIKAN', 'BUTUH_PERBAIKAN', 'DINILAI'],
    ])
    const trail = await h.app.db.prisma.auditLog.findMany({ where: { entity: 'evaluation', entityId: String(salmiahEval) }, orderBy: { id: 'asc' } })
    expect(trail.map((a) => `${a.action}:${a.beforeStatus ?? ''}>${a.afterStatus ?? ''}`)).toEqual([
      'evaluation.rate:MENUNGGU>DINILAI',
      'keberatan.file:DINILAI>KEBERATAN',
      'keberatan.resolve.denied:>',
      'keberatan.resolve:KEBERATAN>DIUBAH',
      'keberatan.resolve.denied:>',
      'keberatan.file.denied:>',
    ])

    // 14 days after Andi was rated the window has closed: no keberatan, no change by the rater
    await h.app.dispatcher.runOnce()
    h.clock.set(wita('2026-12-15T08:01'))
    const andiNotice = await tg.waitForMessageTo(andi.telegram, /Hasil penilaian kinerja/)
    tg.userClicks(andi.telegram, andiNotice.message_id, `kb:${ids.get(andi.nip)}`)
    await tg.waitFor(() => tg.callbackAnswers().find((a) => a.text === 'Penilaian periode November 2026 sudah final; perubahan tidak dapat dilakukan lagi.'))
    tg.userClicks(kabid.telegram, 1, `er:${ids.get(andi.nip)}:h2`)
    await tg.waitFor(() => tg.callbackAnswers().filter((a) => /sudah final/.test(a.text ?? '')).length === 2)
    expect(await h.app.db.prisma.keberatan.count()).toBe(2)
  })
})

describe('reminders and escalation for evaluations not rated', () => {
  it('reminds each Pejabat Penilai on work days and escalates once after N work days', async () => {
    const h = await startHarness()
    await link(h, more.sekda.telegram)
    const ids = await novemberRound(h)
    const nurhayati = await employeeId(h, kabid.nip)
    // Nurhayati rates three of her five; Ahmad Anwar and Wa Ode wait
    for (const nip of [andi.nip, salmiah.nip, more.ahmadSudirman.nip]) await rate(h, ids.get(nip)!, 1, 1)

    await h.app.dispatcher.runOnce()
    h.clock.set(wita('2026-12-02T08:10'))
    expect(await h.app.scheduler.run('evaluation-reminder', h.clock.now(), 'cron')).toMatchObject({ status: 'done' })
    const reminder = await h.tg.waitForMessageTo(kabid.telegram, /2 penilaian kinerja periode November 2026 menunggu Anda/)
    expect(reminder.text).toContain('Belum dinilai: Ahmad Anwar, S.Kep., Wa Ode Tamrin, S.E..')
    await h.tg.waitForMessageTo(kaban.telegram, /1 penilaian kinerja periode November 2026 menunggu Anda[\s\S]*Nurhayati Ramli/)
    expect((await outboxOf(h, 'evaluation_escalation')).length).toBe(0)

    // Tuesday 8 December: five work days since the round; each goes up once
    await h.app.dispatcher.runOnce()
    h.clock.set(wita('2026-12-08T08:10'))
    await h.app.scheduler.run('evaluation-reminder', h.clock.now(), 'cron')
    const up = await h.tg.waitForMessageTo(kaban.telegram, /Eskalasi: penilaian kinerja belum dikerjakan lebih dari 5 hari kerja/)
    expect(up.text).toContain('• Ahmad Anwar, S.Kep. (November 2026) — penilai: Nurhayati Ramli, M.Si., 5 hari kerja')
    expect(up.text).toContain('• Wa Ode Tamrin, S.E. (November 2026) — penilai: Nurhayati Ramli, M.Si., 5 hari kerja')
    const toSekda = await h.tg.waitForMessageTo(more.sekda.telegram, /Eskalasi: penilaian kinerja/)
    expect(toSekda.text).toContain('• Nurhayati Ramli, M.Si. (November 2026) — penilai: Sukri Halim, S.Sos., 5 hari kerja')
    await h.app.dispatcher.runOnce()
    h.clock.set(wita('2026-12-09T08:10'))
    await h.app.scheduler.run('evaluation-reminder', h.clock.now(), 'cron')
    await h.app.dispatcher.runOnce()
    const escalations = await outboxOf(h, 'evaluation_escalation')
    const expected = [await employeeId(h, kaban.nip), await employeeId(h, more.sekda.nip)]
    expect(escalations.map((e) => e.recipientId).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b))
    // the reminder still comes every work day to whoever has cards waiting
    expect((await outboxOf(h, 'evaluation_reminder')).filter((r) => r.recipientId === nurhayati)).toHaveLength(3)
  })
})

describe('reminders for keberatan not decided', () => {
  it('recalls each undecided keberatan to the Atasan Pejabat Penilai every work day until it is decided', async () => {
    const h = await startHarness()
    const ids = await novemberRound(h)
    for (const nip of [andi.nip, salmiah.nip, more.ahmadSudirman.nip]) await rate(h, ids.get(nip)!, 1, 1)
    await object(h, salmiah.telegram, 'Ketersediaan layanan melampaui target.')
    await object(h, more.ahmadSudirman.telegram, 'Revisi sudah saya perbaiki.')
    const kabanId = await employeeId(h, kaban.nip)

    await h.app.dispatcher.runOnce()
    h.clock.set(wita('2026-12-02T08:10'))
    expect(await h.app.scheduler.run('evaluation-reminder', h.clock.now(), 'cron')).toMatchObject({ status: 'done' })
    const reminder = await h.tg.waitForMessageTo(kaban.telegram, /2 keberatan atas penilaian kinerja menunggu keputusan Anda/)
    expect(reminder.text).toContain('Diajukan oleh: Salmiah Djafar, M.Si., Ahmad Sudirman')
    expect(reminder.text).toContain('yang terlama sejak Selasa, 1 Desember 2026')
    // the same morning again: once
    await h.app.scheduler.run('evaluation-reminder', h.clock.now(), 'manual')
    await h.app.dispatcher.runOnce()
    expect((await outboxOf(h, 'keberatan_reminder')).filter((r) => r.recipientId === kabanId)).toHaveLength(1)

    // one decided: the next work day recalls only the other; Saturday recalls nothing
    await h.app.services.keberatan.resolve(await actorOf(h, kaban.nip), ids.get(salmiah.nip)!, 'confirm')
    await h.app.dispatcher.runOnce()
    h.clock.set(wita('2026-12-03T08:10'))
    await h.app.scheduler.run('evaluation-reminder', h.clock.now(), 'cron')
    const next = await h.tg.waitForMessageTo(kaban.telegram, /1 keberatan atas penilaian kinerja menunggu keputusan Anda/)
    expect(next.text).toContain('Diajukan oleh: Ahmad Sudirman')
    expect(next.text).not.toContain('Salmiah')
    await h.app.dispatcher.runOnce()
    h.clock.set(wita('2026-12-05T08:10'))
    await h.app.scheduler.run('evaluation-reminder', h.clock.now(), 'manual')
    await h.app.dispatcher.runOnce()
    expect((await outboxOf(h, 'keberatan_reminder')).filter((r) => r.recipientId === kabanId)).toHaveLength(2)
  })
})
