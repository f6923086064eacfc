import { describe, expect, it } from 'vitest'
import { buttonsOf, textOf } from '../../helpers/fake-slack.js'
import { messageTo, opensView, slackPeople, startSlackHarness } from '../../helpers/slack-harness.js'
import { reportForm } from '../../helpers/slack-requests.js'

const { kabid, ahmad } = slackPeople

describe('Slack core loop: link → form → card → Revisi → resubmit → Setujui', () => {
  it('goes end to end through signed HTTP requests, the fake Web API and the database', async () => {
    const h = await startSlackHarness({ telegram: false })
    const { slack, req } = h
    const db = h.app.db.prisma

    // the supervisor opens App Home: vouched for by slack_user_id in the import, linked on first contact
    expect((await req.openHome(kabid.id)).status).toBe(200)
    const home = await slack.waitFor(() => slack.homes.get(kabid.id), 'the supervisor home')
    expect(textOf(home)).toMatch(/Rekap November 2026 — Nurhayati Ramli/)
    expect(textOf(home)).toMatch(/Tidak ada laporan yang menunggu persetujuan/)

    // /kinerja lapor answers at once and opens the form
    let opened: Awaited<ReturnType<typeof req.command>> | undefined
    const form = await opensView(slack, 'report', async () => (opened = await req.command(ahmad.id, 'lapor')))
    expect(opened?.status).toBe(200)
    expect(opened?.text).toBe('')
    expect(form.title?.text).toBe('Lapor kegiatan')
    expect(JSON.stringify(form.blocks)).toContain('"initial_date":"2026-11-27"')

    // invalid fields come back next to the fields; nothing is stored
    const invalid = await req.submit(ahmad.id, form, reportForm({ description: '  ', date: '2026-11-27', start: '10:00', end: '08:00' }))
    expect(invalid.status).toBe(200)
    expect(invalid.json?.response_action).toBe('errors')
    const errors = invalid.json?.errors as Record<string, string>
    expect(errors.description).toMatch(/Uraian kegiatan masih kosong/)
    expect(errors.end).toMatch(/Jam selesai harus setelah jam mulai/)
    expect(errors.start).toBeUndefined()
    const future = await req.submit(ahmad.id, form, reportForm({ description: 'Rapat', date: '2026-11-30', duration: '1 jam' }))
    expect((future.json?.errors as Record<string, string>).date).toMatch(/belum terjadi/)
    expect(await db.activity.count()).toBe(0)

    // a valid form closes the modal (empty ack) and the receipt lands in the DM
    const ok = await req.submit(ahmad.id, form, reportForm({ description: 'Menyusun laporan keuangan bulanan', date: '2026-11-27', start: '08:00', end: '10:30', link: 'https://drive.example.org/laporan.pdf' }))
    expect(ok.status).toBe(200)
    expect(ok.text).toBe('')
    const receipt = await messageTo(slack, ahmad.id, /Laporan #\d+ terkirim ke atasan/)
    expect(textOf(receipt)).toMatch(/08:00–10:30 \(2 jam 30 menit\)/)
    expect(textOf(receipt)).toMatch(/Bukti: tautan: https:\/\/drive\.example\.org\/laporan\.pdf/)
    expect(buttonsOf(receipt).map((b) => b.action_id)).toEqual(['edit', 'withdraw'])
    const id = Number(/#(\d+)/.exec(receipt.text)![1])

    // the card reaches the supervisor as a DM with Block Kit buttons
    const card = await messageTo(slack, kabid.id, new RegExp(`Laporan kegiatan #${id} menunggu persetujuan`))
    expect(textOf(card)).toMatch(/Pegawai: Ahmad Anwar, S\.Kep\./)
    expect(buttonsOf(card).map((b) => [b.text?.text, b.value])).toEqual([
      ['✅ Setujui', `${id}:1:ok`],
      ['✅ Setujui + catatan', `${id}:1:nt`],
      ['✏️ Revisi', `${id}:1:rv`],
      ['❌ Tolak', `${id}:1:tl`],
    ])

    // Revisi opens a modal asking for the reason; nothing is decided before it is submitted
    const reason = await opensView(slack, 'decide_reason', () => req.click(kabid.id, { message: card }, /Revisi/))
    expect(reason.private_metadata).toBe(`${id}:1:rv`)
    expect(textOf(reason)).toMatch(/Alasan perlu revisi untuk laporan #\d+ dari Ahmad Anwar/)
    expect((await db.activity.findUniqueOrThrow({ where: { id } })).status).toBe('DIAJUKAN')
    const empty = await req.submit(kabid.id, reason, { reason: { type: 'plain_text_input', value: '   ' } })
    expect((empty.json?.errors as Record<string, string>).reason).toBe('Alasan wajib diisi. Tuliskan alasannya.')
    const decided = await req.submit(kabid.id, reason, { reason: { type: 'plain_text_input', value: 'Lampirkan rincian anggaran <per kegiatan>' } })
    expect(decided.text).toBe('')

    // the card is replaced (chat.update) by the outcome, without decision buttons
    await slack.waitFor(() => card.edits > 0 && /Perlu revisi oleh Nurhayati/.test(textOf(card)), 'the card replaced')
    expect(textOf(card)).toMatch(/Alasan: Lampirkan rincian anggaran &lt;per kegiatan&gt;/)
    expect(buttonsOf(card)).toHaveLength(0)
    const notice = await messageTo(slack, ahmad.id, new RegExp(`Keputusan atas laporan #${id}`))
    expect(textOf(notice)).toMatch(/Perlu revisi oleh Nurhayati Ramli/)

    // Ubah opens the form filled in; the fix goes to the supervisor as a fresh card (version 2)
    const editForm = await opensView(slack, 'report', () => req.click(ahmad.id, { message: notice }, /Ubah/))
    expect(editForm.private_metadata).toBe(JSON.stringify({ edit: id }))
    expect(JSON.stringify(editForm.blocks)).toContain('"initial_value":"Menyusun laporan keuangan bulanan"')
    expect(JSON.stringify(editForm.blocks)).toContain('"initial_time":"10:30"')
    const resubmit = await req.submit(ahmad.id, editForm, reportForm({ description: 'Menyusun laporan keuangan bulanan dengan rincian anggaran', date: '2026-11-27', start: '08:00', end: '10:00' }))
    expect(resubmit.text).toBe('')
    await messageTo(slack, ahmad.id, new RegExp(`Laporan #${id} diperbarui dan dikirim ulang`))
    const card2 = await messageTo(slack, kabid.id, new RegExp(`Laporan kegiatan #${id} \\(perbaikan ke-1\\) menunggu`))
    expect(textOf(card2)).toMatch(/08:00–10:00 \(2 jam\)/)

    // a click on the first card's (forged) Setujui is stale now: an answer only the clicker sees
    await req.click(kabid.id, { message: card }, { action_id: 'decide_ok', value: `${id}:1:ok` })
    await slack.waitFor(() => slack.responses.find((r) => /tidak berlaku/.test(String(r.body.text))), 'the stale answer')
    expect(slack.responses.at(-1)?.body.response_type).toBe('ephemeral')

    // Setujui decides at once; the card shows the outcome, the employee is told
    await req.click(kabid.id, { message: card2 }, /^✅ Setujui$/)
    await slack.waitFor(() => /Disetujui oleh Nurhayati/.test(textOf(card2)) && buttonsOf(card2).length === 0, 'the second card replaced')
    await messageTo(slack, ahmad.id, /Keputusan atas laporan #\d+[\s\S]*Disetujui oleh Nurhayati Ramli/)

    const row = await db.activity.findUniqueOrThrow({ where: { id }, include: { decisions: true } })
    expect(row).toMatchObject({ status: 'DISETUJUI', version: 2, evidenceKind: 'link' })
    expect(row.decisions.map((d) => d.outcome)).toEqual(['REVISI', 'DISETUJUI'])
    const audit = await db.auditLog.findMany({ where: { entity: 'activity', entityId: String(id) }, orderBy: { id: 'asc' } })
    expect(audit.map((a) => `${a.action}:${a.actorPlatform}`)).toEqual([
      'activity.submit:slack',
      'activity.decide:slack',
      'activity.edit:slack',
      'activity.decide.denied:slack',
      'activity.decide:slack',
    ])

    // /kinerja rekap answers only to the person
    await req.command(ahmad.id, 'rekap')
    const rekap = await slack.waitFor(() => slack.responses.find((r) => /Rekap November 2026/.test(String(r.body.text))), 'the rekap')
    expect(String(rekap.body.text)).toMatch(/Disetujui: 120 menit \(1 kegiatan\)/)
    expect(rekap.body.response_type).toBe('ephemeral')
  })

  it('Tolak by the supervisor: the reason modal, the card shows Ditolak without buttons, the employee is told', async () => {
    const h = await startSlackHarness({ telegram: false })
    const { slack, req } = h
    await req.openHome(kabid.id)
    await slack.waitFor(() => slack.homes.get(kabid.id), 'the supervisor home')
    await req.command(ahmad.id, 'lapor 13:00-15:00 Verifikasi berkas kenaikan pangkat')
    const card = await messageTo(slack, kabid.id, /menunggu persetujuan/)
    const id = Number(/#(\d+)/.exec(card.text)![1])

    const reason = await opensView(slack, 'decide_reason', () => req.click(kabid.id, { message: card }, /Tolak/))
    expect(reason.title?.text).toBe('Tolak laporan')
    expect(reason.private_metadata).toBe(`${id}:1:tl`)
    expect(textOf(reason)).toMatch(new RegExp(`Alasan ditolak untuk laporan #${id} dari Ahmad Anwar`))
    const done = await req.submit(kabid.id, reason, { reason: { type: 'plain_text_input', value: 'Bukan tugas jabatan Anda' } })
    expect(done.text).toBe('')

    await slack.waitFor(() => card.edits > 0 && /Ditolak oleh Nurhayati Ramli/.test(textOf(card)), 'the card replaced')
    expect(textOf(card)).toMatch(/Alasan: Bukan tugas jabatan Anda/)
    expect(buttonsOf(card)).toHaveLength(0)
    const notice = await messageTo(slack, ahmad.id, new RegExp(`Keputusan atas laporan #${id}`))
    expect(textOf(notice)).toMatch(/Ditolak oleh Nurhayati Ramli[\s\S]*Alasan: Bukan tugas jabatan Anda/)
    // a rejected report is closed: no Ubah / Tarik
    expect(buttonsOf(notice)).toHaveLength(0)

    const row = await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id }, include: { decisions: true } })
    expect(row.status).toBe('DITOLAK')
    expect(row.decisions.map((d) => [d.outcome, d.note])).toEqual([['DITOLAK', 'Bukan tugas jabatan Anda']])
    const audit = await h.app.db.prisma.auditLog.findMany({ where: { entity: 'activity', entityId: String(id) }, orderBy: { id: 'asc' } })
    expect(audit.map((a) => `${a.action}:${a.actorExternal}`)).toEqual([`activity.submit:${ahmad.id}`, `activity.decide:${kabid.id}`])
  })

  it('answers direct messages to the app: "lapor <line>" reports, "bantuan" lists the commands', async () => {
    const h = await startSlackHarness({ telegram: false })
    const { slack, req } = h
    expect((await req.dm(ahmad.id, 'lapor 08:00-09:00 Rapat koordinasi <Bidang> & evaluasi')).status).toBe(200)
    const receipt = await messageTo(slack, ahmad.id, /terkirim ke atasan/)
    expect(receipt.text).toMatch(/08:00–09:00 \(1 jam\)/)
    expect(receipt.text).toMatch(/Uraian: Rapat koordinasi <Bidang> & evaluasi/)
    expect(await h.app.db.prisma.activity.findFirstOrThrow()).toMatchObject({ date: '2026-11-27', startMinute: 480, endMinute: 540, description: 'Rapat koordinasi <Bidang> & evaluasi' })

    await req.dm(ahmad.id, 'bantuan')
    const help = await messageTo(slack, ahmad.id, /Perintah kinerja-bot di Slack/)
    expect(help.text).toMatch(/\/kinerja lapor[\s\S]*\/kinerja rekap[\s\S]*\/kinerja persetujuan/)
    // both answers in the DM with the app, as ordinary messages
    expect(slack.messagesIn(slack.dmChannel(ahmad.id)).map((m) => m.ts)).toEqual([receipt.ts, help.ts])
    expect(slack.responses).toEqual([])
  })

  it('takes a report as one line, in the slash command and in a direct message', async () => {
    const h = await startSlackHarness({ telegram: false })
    const { slack, req } = h
    const res = await req.command(ahmad.id, 'lapor 08:00-10:30 Menyusun laporan & rekap')
    expect(res.status).toBe(200)
    const receipt = await messageTo(slack, ahmad.id, /terkirim ke atasan/)
    expect(receipt.text).toMatch(/Uraian: Menyusun laporan & rekap/)
    expect(JSON.stringify(receipt.blocks)).toContain('Menyusun laporan &amp; rekap')

    await req.dm(ahmad.id, 'kemarin 13.00-15.00 Verifikasi berkas')
    const second = await messageTo(slack, ahmad.id, /Kamis, 26 November 2026/)
    expect(second.text).toMatch(/13:00–15:00/)

    // a line that does not parse gets the same explanation as on Telegram
    await req.command(ahmad.id, 'lapor 25:00-26:00 Lembur')
    await slack.waitFor(() => slack.responses.find((r) => /Jam "25:00-26:00" tidak valid/.test(String(r.body.text))), 'the parse error')
    await req.dm(ahmad.id, 'halo')
    await messageTo(slack, ahmad.id, /Maaf, saya tidak mengerti/)

    const rows = await h.app.db.prisma.activity.findMany({ orderBy: { id: 'asc' } })
    expect(rows.map((r) => [r.date, r.startMinute, r.description])).toEqual([
      ['2026-11-27', 480, 'Menyusun laporan & rekap'],
      ['2026-11-26', 780, 'Verifikasi berkas'],
    ])
  })
})
