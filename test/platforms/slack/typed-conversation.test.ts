import { describe, expect, it } from 'vitest'
import { buttonsOf, textOf } from '../../helpers/fake-slack.js'
import { messageTo, opensView, slackPeople, startSlackHarness } from '../../helpers/slack-harness.js'
import { SKP_FIXTURE } from '../telegram/evaluation-helpers.js'

// The conversation core on Slack's DM with the app: what a Telegram user types, a Slack user can type
// too (the modals stay the richer front end). Real signed HTTP requests, the fake Web API, the database.

const { kabid, ahmad } = slackPeople

describe('Slack: typed conversations in the DM', () => {
  it('the typed guided report: description, time, the RHK by button, a file shared as evidence, the summary, Kirim', async () => {
    const h = await startSlackHarness({ telegram: false })
    const { slack, req } = h
    const db = h.app.db.prisma
    await h.cli('import-skp', SKP_FIXTURE)
    await req.openHome(kabid.id)

    await req.dm(ahmad.id, 'lapor')
    await messageTo(slack, ahmad.id, /Apa kegiatan yang Anda lakukan\?[\s\S]*Ketik \/kinerja batal/)
    await req.dm(ahmad.id, 'Pemutakhiran bahan penilaian jabatan fungsional')
    await messageTo(slack, ahmad.id, /Kapan\? Tulis rentang jam/)
    // a time that cannot be read is asked again, the flow stays where it is
    await req.dm(ahmad.id, 'nanti sore')
    await messageTo(slack, ahmad.id, /Waktu "nanti sore" tidak dikenali/)
    await req.dm(ahmad.id, '13:00-14:30')
    const rhkAsk = await messageTo(slack, ahmad.id, /mendukung RHK/)
    const rhkButtons = buttonsOf(rhkAsk)
    expect(rhkButtons.map((b) => b.action_id)).toEqual(['guided_rhk', 'guided_rhk', 'guided_rhk', 'guided_cancel'].slice(4 - rhkButtons.length))
    // each RHK option in an actions block of its own: action ids are unique within a block
    const actionBlocks = rhkAsk.blocks.filter((b) => b.type === 'actions')
    expect(new Set(actionBlocks.map((b) => b.block_id)).size).toBe(actionBlocks.length)
    await req.click(ahmad.id, { message: rhkAsk }, /^RHK-1 — /)
    await messageTo(slack, ahmad.id, /Lampirkan bukti dukung/)
    // the question's buttons are taken away once answered
    await slack.waitFor(() => buttonsOf(rhkAsk).length === 0 || undefined, 'the RHK buttons taken away')

    slack.userFiles.set('F0KNOTULEN1', { name: 'notulen.pdf', mimetype: 'application/pdf', content: Buffer.from('%PDF-1.4 notulen') })
    await req.dmFile(ahmad.id, { id: 'F0KNOTULEN1', name: 'notulen.pdf' })
    const summary = await messageTo(slack, ahmad.id, /Periksa laporan Anda/)
    expect(textOf(summary)).toMatch(/RHK: RHK-1 — Tersusunnya bahan penilaian/)
    expect(textOf(summary)).toMatch(/notulen\.pdf/)
    expect(buttonsOf(summary).map((b) => b.action_id)).toEqual(['guided_send', 'guided_cancel'])
    expect(await db.activity.count()).toBe(0)

    await req.click(ahmad.id, { message: summary }, /Kirim/)
    const receipt = await messageTo(slack, ahmad.id, /Laporan #1 terkirim ke atasan/)
    expect(textOf(receipt)).toMatch(/Waktu: 13:00–14:30 \(1 jam 30 menit\)/)
    expect(buttonsOf(receipt).map((b) => b.action_id)).toEqual(['edit', 'withdraw'])
    await slack.waitFor(() => buttonsOf(summary).length === 0 || undefined, 'the summary buttons taken away')
    const card = await messageTo(slack, kabid.id, /Laporan kegiatan #1 menunggu persetujuan/)
    expect(textOf(card)).toMatch(/RHK: RHK-1/)
    expect(buttonsOf(card).map((b) => b.text?.text)).toContain('📎 Lihat bukti')
    const row = await db.activity.findUniqueOrThrow({ where: { id: 1 }, include: { rhk: true } })
    expect(row).toMatchObject({ description: 'Pemutakhiran bahan penilaian jabatan fungsional', startMinute: 780, endMinute: 870, evidenceRef: 'F0KNOTULEN1', evidenceName: 'notulen.pdf' })
    expect(row.rhk?.code).toBe('RHK-1')
    expect(await db.attachment.count()).toBe(1)

    // "batal" typed mid-flow ends it; nothing more is stored
    await req.dm(ahmad.id, 'lapor')
    await req.dm(ahmad.id, 'batal')
    await messageTo(slack, ahmad.id, /Dibatalkan\. Tidak ada yang disimpan\./)
    await req.dm(ahmad.id, 'Rapat yang tidak jadi')
    await messageTo(slack, ahmad.id, /Maaf, saya tidak mengerti/)
    expect(await db.activity.count()).toBe(1)
  })

  it('the typed fix after Revisi: Ubah opens the form and asks in the DM; a typed time keeps the description', async () => {
    const h = await startSlackHarness({ telegram: false })
    const { slack, req } = h
    const db = h.app.db.prisma
    await req.openHome(kabid.id)

    await req.dm(ahmad.id, '08:00-10:30 Menyusun laporan keuangan bulanan')
    await messageTo(slack, ahmad.id, /Laporan #1 terkirim ke atasan/)
    const card = await messageTo(slack, kabid.id, /Laporan kegiatan #1 menunggu persetujuan/)
    const reason = await opensView(slack, 'decide_reason', () => req.click(kabid.id, { message: card }, /Revisi/))
    await req.submit(kabid.id, reason, { reason: { type: 'plain_text_input', value: 'Jamnya terlalu panjang' } })
    const notice = await messageTo(slack, ahmad.id, /Keputusan atas laporan #1[\s\S]*Perlu revisi/)

    // the form (the richer front end) and, in the DM, the typed way
    await opensView(slack, 'report', () => req.click(ahmad.id, { message: notice }, /Ubah/))
    await messageTo(slack, ahmad.id, /Kirim perbaikan laporan #1\. Cukup kirim yang berubah/)
    // an unreadable fix is refused and may be typed again
    await req.dm(ahmad.id, '99:00-10:00')
    await messageTo(slack, ahmad.id, /Jam "99:00-10:00" tidak valid/)
    await req.dm(ahmad.id, '08:00-10:00')
    const fixed = await messageTo(slack, ahmad.id, /Laporan #1 diperbarui dan dikirim ulang ke atasan/)
    expect(textOf(fixed)).toMatch(/08:00–10:00 \(2 jam\)/)
    expect(buttonsOf(fixed).map((b) => b.action_id)).toEqual(['edit', 'withdraw'])
    const card2 = await messageTo(slack, kabid.id, /Laporan kegiatan #1 \(perbaikan ke-1\) menunggu/)
    expect(textOf(card2)).toMatch(/Menyusun laporan keuangan bulanan/)
    expect(await db.activity.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ version: 2, startMinute: 480, endMinute: 600, description: 'Menyusun laporan keuangan bulanan', status: 'DIAJUKAN' })
    // the fix is done: the next typed line is a report of its own
    await req.dm(ahmad.id, '13:00-14:00 Rapat koordinasi')
    await messageTo(slack, ahmad.id, /Laporan #2 terkirim ke atasan/)
  })
})
