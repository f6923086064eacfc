import { describe, expect, it } from 'vitest'
import { people } from '../../helpers/app.js'
import { buttonsOf, textOf, type SlackMessage } from '../../helpers/fake-slack.js'
import { opensView, slackPeople, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js'
import { buttonLabels } from '../../helpers/telegram.js'
import { employeeId, link, wita } from '../../scheduler/helpers.js'
import { actorOf, addRhkActivity, more, SKP_FIXTURE } from '../telegram/evaluation-helpers.js'

const { kabid, ahmad, otherKabid } = slackPeople
const { andi, salmiah, kaban } = people
// on Slack only: Wa Ode Tamrin (vouched for by slack_user_id); Sukri Halim links with a code
const waOde = { id: 'U0KDI00012', nip: more.waOde.nip }
const sukri = { id: 'U0KSUKRI01', nip: kaban.nip }

// several cards go to one DM in a row: no pacing per channel here
const env = { SLACK_CHANNEL_INTERVAL_MS: '0' }
// a round sends dozens of cards: generous waits on a busy machine (and PostgreSQL)
const WAIT = 15_000
const TEST_TIMEOUT = 90_000
const RATING_LABELS = ['Hasil: Di atas', 'Hasil: Sesuai', 'Hasil: Di bawah', 'Perilaku: Di atas', 'Perilaku: Sesuai', 'Perilaku: Di bawah']

const labels = (m: { blocks?: SlackMessage['blocks'] }) => buttonsOf(m).map((b) => b.text?.text ?? '')

/** A Slack message to a user matching `re` (in their DM with the app). */
const slackMessage = (h: SlackHarness, userId: string, re: RegExp) =>
  h.slack.waitFor(() => h.slack.messagesIn(h.slack.dmChannel(userId)).find((m) => re.test(textOf(m))), `a Slack message to ${userId} matching ${re}`, WAIT)

/** What the app answered through a response URL (ephemeral to the clicker) matching `re`. */
const answered = (h: SlackHarness, re: RegExp) =>
  h.slack.waitFor(() => h.slack.responses.find((r) => re.test(String(r.body.text ?? ''))), `an answer matching ${re}`, WAIT)

/** Links Sukri Halim (Kepala Badan, the Atasan Pejabat Penilai of Nurhayati's ratings) on Slack with a code. */
async function linkSukri(h: SlackHarness) {
  const issued = await h.cli('link-code', sukri.nip)
  await h.req.command(sukri.id, `hubungkan ${issued.out.trim().split('\n').at(-1)!}`)
  await slackMessage(h, sukri.id, /Selamat datang, Sukri Halim/)
}

/** November's evidence and the round of Tuesday 1 December, with Nurhayati (the rater) on Slack. */
async function slackRound(h: SlackHarness): Promise<Map<string, number>> {
  await h.cli('import-skp', SKP_FIXTURE)
  for (const u of [kabid.id, ahmad.id, otherKabid.id, waOde.id]) {
    await h.req.openHome(u)
    await h.slack.waitFor(() => h.slack.homes.get(u), `home of ${u}`, WAIT)
  }
  await linkSukri(h)
  await addRhkActivity(h, andi.nip, { date: '2026-11-10', minutes: 240, status: 'DISETUJUI', rhk: 'RHK-1' })
  await addRhkActivity(h, andi.nip, { date: '2026-11-13', minutes: 90, status: 'DISETUJUI' })
  await addRhkActivity(h, ahmad.nip, { date: '2026-11-16', minutes: 120, status: 'DISETUJUI', rhk: 'RHK-1' })
  await h.app.dispatcher.runOnce()
  h.clock.set(wita('2026-12-01T08:00'))
  const outcome = await h.app.scheduler.run('evaluation-round', h.clock.now(), 'cron')
  if (outcome.status !== 'done') throw new Error(`round did not run: ${outcome.status}`)
  // the five cards of Nurhayati's team delivered (a rating before delivery would skip its card)
  await h.slack.waitFor(() => h.slack.messagesIn(h.slack.dmChannel(kabid.id)).filter((m) => /Penilaian kinerja periodik — November 2026/.test(m.text)).length === 5, 'five cards', WAIT)
  const rows = await h.app.db.prisma.evaluation.findMany({ where: { period: '2026-11' }, select: { id: true, employee: { select: { nip: true } } } })
  return new Map(rows.map((r) => [r.employee.nip, r.id]))
}

/** The rating card of one employee in Nurhayati's Slack DM. */
const cardOf = (h: SlackHarness, name: string) => slackMessage(h, kabid.id, new RegExp(`Penilaian kinerja periodik — November 2026[\\s\\S]*${name}`))

describe('Slack: SKP evaluation', () => {
  it('the Pejabat Penilai on Slack rates with the card buttons and a BerAKHLAK note; the employee is told; others are refused', async () => {
    const h = await startSlackHarness({ env })
    const { slack, req } = h
    await link(h, andi.telegram)
    const ids = await slackRound(h)
    const andiEval = ids.get(andi.nip)!

    const card = await cardOf(h, 'Andi Latif')
    expect(textOf(card)).toContain('• RHK-1 Tersusunnya analisis hasil penilaian kinerja pegawai: 1 kegiatan, 240 menit disetujui')
    expect(textOf(card)).not.toMatch(/Telegram/)
    expect(labels(card)).toEqual([...RATING_LABELS, '📝 Catatan BerAKHLAK', '📨 Kirim penilaian'])
    // the values carry the evaluation id and nothing else
    expect(new Set(buttonsOf(card).map((b) => b.value))).toEqual(new Set([String(andiEval)]))
    // nothing went to her Telegram account: she is linked on Slack only
    expect(h.tg.messagesTo(people.kabid.telegram)).toHaveLength(0)

    // another unit's supervisor clicking (or forging) Andi's card: refused only to her, audited, nothing stored
    const edits = card.edits
    await req.click(otherKabid.id, { message: card }, /^Hasil: Di atas$/)
    await answered(h, /^Hanya Pejabat Penilai \(atasan langsung\) pegawai ini yang dapat menilainya\.$/)
    await req.click(otherKabid.id, { message: card }, { action_id: 'eval_note', value: String(andiEval) })
    await h.slack.waitFor(() => h.slack.responses.filter((r) => /Hanya Pejabat Penilai/.test(String(r.body.text))).length === 2, 'second refusal', WAIT)
    await req.click(otherKabid.id, { message: card }, { action_id: 'eval_send', value: String(andiEval) })
    await h.slack.waitFor(() => h.slack.responses.filter((r) => /Hanya Pejabat Penilai/.test(String(r.body.text))).length === 3, 'third refusal', WAIT)
    expect(h.slack.responses.every((r) => r.body.response_type === 'ephemeral' && r.body.replace_original === false)).toBe(true)
    // a value that is no id, and a rating that does not exist: the button is stale
    await req.click(kabid.id, { message: card }, { action_id: 'eval_rate_h0', value: `${andiEval};DI_ATAS_EKSPEKTASI` })
    await answered(h, /Tombol ini sudah tidak berlaku/)
    await req.click(kabid.id, { message: card }, { action_id: 'eval_rate_h7', value: String(andiEval) })
    await h.slack.waitFor(() => h.slack.responses.filter((r) => /Tombol ini sudah tidak berlaku/.test(String(r.body.text))).length === 2, 'second stale answer', WAIT)
    expect((await h.app.db.prisma.evaluation.findUniqueOrThrow({ where: { id: andiEval } })).draft).toBeNull()
    expect(card.edits).toBe(edits)
    expect([...slack.views.values()].filter((v) => v.callback_id === 'evaluation_note')).toHaveLength(0)

    // sending before both ratings are chosen says what to do
    await req.click(kabid.id, { message: card }, /Kirim penilaian/)
    await answered(h, /Pilih dulu rating hasil kerja dan rating perilaku kerja/)

    // each choice redraws the card where it is, with the choice and the predikat it would give
    await req.click(kabid.id, { message: card }, /^Hasil: Di atas$/)
    await slack.waitFor(() => /hasil kerja Di atas ekspektasi; perilaku kerja —/.test(textOf(card)), 'the card redrawn with hasil', WAIT)
    expect(labels(card)).toContain('✅ Hasil: Di atas')
    await req.click(kabid.id, { message: card }, /^Perilaku: Sesuai$/)
    await slack.waitFor(() => /Predikat bila dikirim: Baik/.test(textOf(card)), 'the card redrawn with the predikat', WAIT)
    await req.click(kabid.id, { message: card }, /^Perilaku: Di atas$/)
    await slack.waitFor(() => /Predikat bila dikirim: Sangat Baik/.test(textOf(card)), 'the card redrawn with the new predikat', WAIT)
    expect(labels(card)).toEqual(['✅ Hasil: Di atas', 'Hasil: Sesuai', 'Hasil: Di bawah', '✅ Perilaku: Di atas', 'Perilaku: Sesuai', 'Perilaku: Di bawah', '📝 Catatan BerAKHLAK', '📨 Kirim penilaian'])
    expect(buttonsOf(card).filter((b) => b.style === 'primary').map((b) => b.text?.text)).toEqual(['✅ Hasil: Di atas', '✅ Perilaku: Di atas', '📨 Kirim penilaian'])

    // 📝 Catatan BerAKHLAK: a form with the seven values; an empty or too long note is shown at the field
    const form = await opensView(slack, 'evaluation_note', () => req.click(kabid.id, { message: card }, /Catatan BerAKHLAK/))
    expect(textOf(form)).toContain('Catatan perilaku kerja untuk Andi Latif, S.IP.: pilih nilai BerAKHLAK.')
    const select = form.blocks.find((b) => b.block_id === 'ev_value')!.element as { options: { text: { text: string }; value: string }[] }
    expect(select.options.map((o) => o.text.text)).toEqual(['Berorientasi Pelayanan', 'Akuntabel', 'Kompeten', 'Harmonis', 'Loyal', 'Adaptif', 'Kolaboratif'])
    expect(select.options.map((o) => o.value)).toEqual(['0', '1', '2', '3', '4', '5', '6'])
    const note = (value: string | null, text: string) => ({
      ev_value: { type: 'static_select', selected_option: value === null ? null : { value } },
      ev_note: { type: 'plain_text_input', value: text },
    })
    const empty = await req.submit(kabid.id, form, note('6', '   \n '))
    expect(empty.json).toEqual({ response_action: 'errors', errors: { ev_note: 'Catatan masih kosong. Tuliskan catatannya.' } })
    const long = await req.submit(kabid.id, form, note('6', 'x'.repeat(1001)))
    expect(long.json).toEqual({ response_action: 'errors', errors: { ev_note: 'Pesan terlalu panjang (maksimal 1000 karakter). Silakan persingkat.' } })
    const noValue = await req.submit(kabid.id, form, note('9', 'Nilai yang tidak ada'))
    expect(noValue.json).toEqual({ response_action: 'errors', errors: { ev_value: 'Pilih salah satu nilai BerAKHLAK.' } })
    // the same form submitted by someone else (its metadata comes from the client): refused in the form
    const forged = await req.submit(otherKabid.id, form, note('6', 'Bukan bawahan saya'))
    expect(JSON.stringify(forged.json)).toContain('Hanya Pejabat Penilai (atasan langsung) pegawai ini yang dapat menilainya.')
    expect((await h.app.db.prisma.evaluation.findUniqueOrThrow({ where: { id: andiEval } })).notes).toBeNull()
    const saved = await req.submit(kabid.id, form, note('6', 'Menjadi  rujukan rekan satu tim'))
    expect(JSON.stringify(saved.json)).toContain('Catatan Kolaboratif untuk Andi Latif, S.IP. disimpan.')
    await slack.waitFor(() => /• Kolaboratif: Menjadi rujukan rekan satu tim/.test(textOf(card)), 'the card redrawn with the note', WAIT)
    expect(labels(card)).toContain('📨 Kirim penilaian')

    // 📨 Kirim penilaian: the card becomes the outcome, without buttons; the employee (on Telegram) is told
    await req.click(kabid.id, { message: card }, /Kirim penilaian/)
    await answered(h, /^Penilaian Andi Latif, S\.IP\. terkirim: Sangat Baik\.$/)
    await slack.waitFor(() => /Dinilai oleh Nurhayati Ramli/.test(textOf(card)) && buttonsOf(card).length === 0, 'the card replaced by the outcome', WAIT)
    expect(textOf(card)).toContain('Predikat kinerja: Sangat Baik')
    const notice = await h.tg.waitForMessageTo(andi.telegram, /Hasil penilaian kinerja periode November 2026/, { timeoutMs: WAIT })
    expect(notice.text).toContain('Predikat kinerja: Sangat Baik')
    expect(notice.text).toContain('• Kolaboratif: Menjadi rujukan rekan satu tim')
    expect(buttonLabels(notice)).toEqual(['⚖️ Ajukan keberatan'])

    // Ahmad Anwar, on Slack, gets his notice there with the keberatan button
    const ahmadCard = await cardOf(h, 'Ahmad Anwar')
    for (const b of [/^Hasil: Sesuai$/, /^Perilaku: Sesuai$/]) {
      const before = ahmadCard.edits
      await req.click(kabid.id, { message: ahmadCard }, b)
      await slack.waitFor(() => ahmadCard.edits > before, 'redrawn', WAIT)
    }
    await req.click(kabid.id, { message: ahmadCard }, /Kirim penilaian/)
    const ahmadNotice = await slackMessage(h, ahmad.id, /Hasil penilaian kinerja periode November 2026/)
    expect(textOf(ahmadNotice)).toContain('Predikat kinerja: Baik')
    expect(buttonsOf(ahmadNotice).map((b) => [b.text?.text, b.action_id, b.value])).toEqual([['⚖️ Ajukan keberatan', 'keberatan_file', String(ids.get(ahmad.nip))]])

    // a click on the sent card changes nothing
    await req.click(kabid.id, { message: card }, { action_id: 'eval_rate_h2', value: String(andiEval) })
    await answered(h, /Penilaian ini sudah dikirim/)
    const stored = await h.app.db.prisma.evaluation.findUniqueOrThrow({ where: { id: andiEval } })
    expect([stored.status, stored.hasilKerja, stored.perilakuKerja, stored.predikat, stored.notes]).toEqual([
      'DINILAI',
      'DI_ATAS_EKSPEKTASI',
      'DI_ATAS_EKSPEKTASI',
      'SANGAT_BAIK',
      JSON.stringify({ KOLABORATIF: 'Menjadi rujukan rekan satu tim' }),
    ])
    // every handled button reached only its own listener (the catch-all for unknown buttons answered the two stale ones only)
    expect(h.slack.responses.filter((r) => /Tombol ini sudah tidak berlaku/.test(String(r.body.text)))).toHaveLength(2)
    const trail = await h.app.db.prisma.auditLog.findMany({ where: { entity: 'evaluation', entityId: String(andiEval) }, orderBy: { id: 'asc' } })
    const hartati = await employeeId(h, otherKabid.nip)
    const nurhayati = await employeeId(h, kabid.nip)
    expect(trail.map((a) => `${a.action}:${a.actorId}:${a.actorPlatform}`)).toEqual([
      `evaluation.rate.denied:${hartati}:slack`,
      `evaluation.rate.denied:${hartati}:slack`,
      `evaluation.rate.denied:${hartati}:slack`,
      `evaluation.rate.denied:${hartati}:slack`,
      `evaluation.rate:${nurhayati}:slack`,
      `evaluation.rate.denied:${nurhayati}:slack`,
    ])
  }, TEST_TIMEOUT)

  it('keberatan from Slack: the employee files it, the Atasan Pejabat Penilai on Slack changes one and confirms another; final after that', async () => {
    const h = await startSlackHarness({ telegram: false, env })
    const { slack, req } = h
    const ids = await slackRound(h)
    const ratings = ['DI_ATAS_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'DI_BAWAH_EKSPEKTASI'] as const
    const rater = await actorOf(h, people.kabid.nip)
    for (const [nip, hasil, perilaku] of [[ahmad.nip, 1, 1], [andi.nip, 2, 1], [waOde.nip, 1, 1]] as const) {
      await h.app.services.evaluations.choose(rater, ids.get(nip)!, { hasil: ratings[hasil], perilaku: ratings[perilaku] })
      await h.app.services.evaluations.submit(rater, ids.get(nip)!)
    }
    const ahmadEval = ids.get(ahmad.nip)!
    const notice = await slackMessage(h, ahmad.id, /Hasil penilaian kinerja periode November 2026/)

    // someone else's notice is not theirs to object to; nothing is opened
    await req.click(otherKabid.id, { message: notice }, /Ajukan keberatan/)
    await answered(h, /^Hanya pegawai yang dinilai yang dapat mengajukan keberatan atas penilaiannya\.$/)

    // ⚖️ Ajukan keberatan: a form for the reason, naming who decides; the reason is required
    const form = await opensView(slack, 'keberatan_reason', () => req.click(ahmad.id, { message: notice }, /Ajukan keberatan/))
    expect(textOf(form)).toContain('Alasan keberatan atas penilaian periode November 2026 (wajib). Keberatan akan diputuskan oleh Sukri Halim, S.Sos., Atasan Pejabat Penilai.')
    const reason = (text: string) => ({ kb_reason: { type: 'plain_text_input', value: text } })
    const empty = await req.submit(ahmad.id, form, reason('  '))
    expect(empty.json).toEqual({ response_action: 'errors', errors: { kb_reason: 'Alasan keberatan wajib diisi. Tuliskan alasannya.' } })
    const long = await req.submit(ahmad.id, form, reason('y'.repeat(1001)))
    expect((long.json?.errors as Record<string, string>).kb_reason).toMatch(/maksimal 1000 karakter/)
    const forged = await req.submit(otherKabid.id, form, reason('Saya keberatan atas nama orang lain'))
    expect(JSON.stringify(forged.json)).toContain('Hanya pegawai yang dinilai')
    expect(await h.app.db.prisma.keberatan.count()).toBe(0)
    const filed = await req.submit(ahmad.id, form, reason('Bahan penilaian jabatan fungsional selesai lebih cepat dari target.'))
    expect(JSON.stringify(filed.json)).toContain('Keberatan terkirim ke Sukri Halim, S.Sos.. Anda akan diberi tahu keputusannya.')
    // filed once
    await req.click(ahmad.id, { message: notice }, /Ajukan keberatan/)
    await answered(h, /Keberatan atas penilaian ini sudah pernah diajukan/)

    // the Atasan Pejabat Penilai's card on Slack
    const card = await slackMessage(h, sukri.id, /Keberatan atas penilaian kinerja — November 2026[\s\S]*Ahmad Anwar/)
    expect(textOf(card)).toContain('"Bahan penilaian jabatan fungsional selesai lebih cepat dari target."')
    expect(textOf(card)).toContain('Penilaian semula: hasil kerja Sesuai ekspektasi, perilaku kerja Sesuai ekspektasi, predikat Baik')
    expect(labels(card)).toEqual(['✅ Kukuhkan penilaian', 'Hasil: Di atas', '✅ Hasil: Sesuai', 'Hasil: Di bawah', 'Perilaku: Di atas', '✅ Perilaku: Sesuai', 'Perilaku: Di bawah', '💾 Simpan perubahan'])
    expect(new Set(buttonsOf(card).map((b) => b.value))).toEqual(new Set([String(ahmadEval)]))

    // the rater cannot decide the objection to her own rating; the same rating is no change
    await req.click(kabid.id, { message: card }, /Kukuhkan penilaian/)
    await answered(h, /^Hanya Atasan Pejabat Penilai \(atasan dari pejabat penilai\) yang dapat memutuskan keberatan ini\.$/)
    await req.click(kabid.id, { message: card }, /^Hasil: Di atas$/)
    await h.slack.waitFor(() => h.slack.responses.filter((r) => /Hanya Atasan Pejabat Penilai/.test(String(r.body.text))).length === 2, 'second refusal', WAIT)
    await req.click(sukri.id, { message: card }, /Simpan perubahan/)
    await answered(h, /sama dengan penilaian semula/)
    await req.click(sukri.id, { message: card }, /^Hasil: Di atas$/)
    await slack.waitFor(() => /hasil kerja Di atas ekspektasi; perilaku kerja Sesuai ekspektasi; predikat Baik/.test(textOf(card)), 'the card redrawn', WAIT)
    await req.click(sukri.id, { message: card }, /^Perilaku: Di atas$/)
    await slack.waitFor(() => /predikat Sangat Baik/.test(textOf(card)), 'the card redrawn with the new predikat', WAIT)
    expect(labels(card)).toContain('✅ Perilaku: Di atas')
    await req.click(sukri.id, { message: card }, /Simpan perubahan/)
    await answered(h, /^Keberatan Ahmad Anwar, S\.Kep\.: penilaian diubah \(Sangat Baik\)\.$/)
    await slack.waitFor(() => /Keputusan: penilaian diubah/.test(textOf(card)) && buttonsOf(card).length === 0, 'the card replaced by the decision', WAIT)
    const decided = await slackMessage(h, ahmad.id, /Keputusan keberatan/)
    expect(textOf(decided)).toContain('Predikat kinerja: Sangat Baik')
    expect(textOf(decided)).toContain('Penilaian periode ini sudah final.')
    await slackMessage(h, kabid.id, /Keputusan keberatan — penilaian periode November 2026 \(Ahmad Anwar, S\.Kep\.\)/)
    // decided once: a second click (forged, the card has no buttons any more) changes nothing
    await req.click(sukri.id, { message: card }, { action_id: 'keberatan_confirm', value: String(ahmadEval) })
    await answered(h, /Keberatan ini sudah diputuskan/)

    // Andi objects (on no chat; through the use case); Sukri confirms on Slack
    await h.app.services.keberatan.file(await actorOf(h, andi.nip), ids.get(andi.nip)!, 'Revisi laporan sudah saya perbaiki.')
    const second = await slackMessage(h, sukri.id, /Keberatan atas penilaian kinerja[\s\S]*Andi Latif/)
    await req.click(sukri.id, { message: second }, /Kukuhkan penilaian/)
    await answered(h, /^Keberatan Andi Latif, S\.IP\.: penilaian dikukuhkan\.$/)
    await slack.waitFor(() => /Keputusan: penilaian dikukuhkan/.test(textOf(second)) && buttonsOf(second).length === 0, 'the second card replaced', WAIT)

    const rows = await h.app.db.prisma.keberatan.findMany({ orderBy: { id: 'asc' }, include: { evaluation: true } })
    expect(rows.map((k) => [k.status, k.predikatBefore, k.evaluation.predikat, k.evaluation.status])).toEqual([
      ['DIUBAH', 'BAIK', 'SANGAT_BAIK', 'DINILAI'],
      ['DIKUKUHKAN', 'BUTUH_PERBAIKAN', 'BUTUH_PERBAIKAN', 'DINILAI'],
    ])
    const trail = await h.app.db.prisma.auditLog.findMany({ where: { entity: 'evaluation', entityId: String(ahmadEval) }, orderBy: { id: 'asc' } })
    expect(trail.map((a) => `${a.action}:${a.actorPlatform}`)).toEqual([
      'evaluation.rate:telegram',
      'keberatan.file.denied:slack',
      'keberatan.file.denied:slack',
      'keberatan.file:slack',
      'keberatan.file.denied:slack',
      'keberatan.resolve.denied:slack',
      'keberatan.resolve.denied:slack',
      'keberatan.resolve:slack',
      'keberatan.resolve.denied:slack',
    ])

    // 14 days after the rating the window has closed: Wa Ode's rating is final, for her and for the rater
    await h.app.dispatcher.runOnce()
    h.clock.set(wita('2026-12-15T08:01'))
    const waOdeNotice = await slackMessage(h, waOde.id, /Hasil penilaian kinerja periode November 2026/)
    await req.click(waOde.id, { message: waOdeNotice }, /Ajukan keberatan/)
    await answered(h, /^Penilaian periode November 2026 sudah final; perubahan tidak dapat dilakukan lagi\.$/)
    const waOdeCard = await cardOf(h, 'Wa Ode Tamrin')
    await req.click(kabid.id, { message: waOdeCard }, { action_id: 'eval_rate_h0', value: String(ids.get(waOde.nip)) })
    await h.slack.waitFor(() => h.slack.responses.filter((r) => /sudah final/.test(String(r.body.text))).length === 2, 'the rater refused too', WAIT)
    await req.click(kabid.id, { message: waOdeCard }, { action_id: 'eval_note', value: String(ids.get(waOde.nip)) })
    await h.slack.waitFor(() => h.slack.responses.filter((r) => /sudah final/.test(String(r.body.text))).length === 3, 'the note refused too', WAIT)
    expect(await h.app.db.prisma.keberatan.count()).toBe(2)
    expect((await h.app.db.prisma.evaluation.findUniqueOrThrow({ where: { id: ids.get(waOde.nip)! } })).hasilKerja).toBe('SESUAI_EKSPEKTASI')
    expect(await h.app.db.prisma.keberatan.count({ where: { evaluation: { employee: { nip: salmiah.nip } } } })).toBe(0)
  }, TEST_TIMEOUT)
})
