import { describe, expect, it } from 'vitest'
import { textOf } from '../../helpers/fake-slack.js'
import { messageTo, opensView, slackPeople, startSlackHarness } from '../../helpers/slack-harness.js'
import { reportForm } from '../../helpers/slack-requests.js'

const { kabid, ahmad } = slackPeople

describe('Slack report form', () => {
  it("speaks of the form's own fields: an empty description, and a date left empty in the date picker", async () => {
    const h = await startSlackHarness({ telegram: false })
    const form = await opensView(h.slack, 'report', () => h.req.command(ahmad.id, 'lapor'))
    const res = await h.req.submit(ahmad.id, form, reportForm({ description: '   ', date: undefined, duration: '1 jam' }))
    expect(res.json?.response_action).toBe('errors')
    const errors = res.json?.errors as Record<string, string>
    expect(Object.keys(errors).sort()).toEqual(['date', 'description'])
    // not the chat texts: "after the time" belongs to a typed line, "dd/mm" to a typed date
    expect(errors.description).toMatch(/^Uraian kegiatan masih kosong\./)
    expect(errors.description).not.toMatch(/setelah waktu|08:00-10:30/)
    expect(errors.date).toBe('Pilih tanggal kegiatan pada kalender.')
    expect(errors.date).not.toMatch(/dd\/mm/)
    expect(await h.app.db.prisma.activity.count()).toBe(0)
  })

  it('stores an uploaded file as the evidence (over a link), and the receipt and the card name it', async () => {
    const h = await startSlackHarness({ telegram: false })
    await h.req.openHome(kabid.id)
    await h.slack.waitFor(() => h.slack.homes.get(kabid.id), 'home')
    const form = await opensView(h.slack, 'report', () => h.req.command(ahmad.id, 'lapor'))
    const res = await h.req.submit(
      ahmad.id,
      form,
      reportForm({ description: 'Rapat koordinasi kepegawaian', date: '2026-11-27', start: '13:00', end: '14:30', link: 'https://drive.example.org/x', file: { id: 'F0KBUKTI01', name: 'notulen-rapat.pdf' } }),
    )
    expect(res.text).toBe('')
    const receipt = await messageTo(h.slack, ahmad.id, /terkirim ke atasan/)
    expect(textOf(receipt)).toMatch(/Bukti: dokumen \(notulen-rapat\.pdf\)/)
    const card = await messageTo(h.slack, kabid.id, /menunggu persetujuan/)
    expect(textOf(card)).toMatch(/Bukti: dokumen \(notulen-rapat\.pdf\)/)
    const row = await h.app.db.prisma.activity.findFirstOrThrow()
    expect(row).toMatchObject({ evidenceKind: 'file', evidenceRef: 'F0KBUKTI01', evidenceName: 'notulen-rapat.pdf', startMinute: 780, endMinute: 870 })
  })

  it("shows the use case's overlap and day-limit refusals next to the time fields, and stores nothing", async () => {
    // Friday 22:00 WITA: the whole working day is over
    const h = await startSlackHarness({ telegram: false, at: '2026-11-27T14:00:00Z' })
    await h.req.command(ahmad.id, 'lapor 08:00-10:00 Menyusun laporan')
    const first = await messageTo(h.slack, ahmad.id, /terkirim ke atasan/)
    const id = Number(/#(\d+)/.exec(first.text)![1])
    const form = await opensView(h.slack, 'report', () => h.req.command(ahmad.id, 'lapor'))

    // a range: the refusal goes to "Jam mulai"
    const overlap = await h.req.submit(ahmad.id, form, reportForm({ description: 'Rapat', date: '2026-11-27', start: '09:00', end: '11:00' }))
    expect(overlap.json?.response_action).toBe('errors')
    expect(overlap.json?.errors).toEqual({ start: expect.stringMatching(new RegExp(`Waktu 09:00–11:00 bertabrakan dengan kegiatan lain .*#${id} 08:00–10:00`)) })

    // a duration: 2 hours reported + 11 hours > 12 hours a day, next to "Atau durasi"
    const long = await h.req.submit(ahmad.id, form, reportForm({ description: 'Lembur', date: '2026-11-27', duration: '11 jam' }))
    expect(long.json?.errors).toEqual({ duration: expect.stringMatching(/menjadi 13 jam, melebihi batas 12 jam per hari/) })
    // a range over the limit: next to "Jam mulai"
    const range = await h.req.submit(ahmad.id, form, reportForm({ description: 'Lembur', date: '2026-11-27', start: '10:00', end: '21:00' }))
    expect(range.json?.errors).toEqual({ start: expect.stringMatching(/melebihi batas 12 jam per hari/) })
    // not over yet at 22:00
    const later = await h.req.submit(ahmad.id, form, reportForm({ description: 'Lembur', date: '2026-11-27', start: '21:00', end: '23:00' }))
    expect(later.json?.errors).toEqual({ start: expect.stringMatching(/Kegiatan 21:00–23:00 belum selesai: sekarang baru pukul 22:00/) })

    expect(await h.app.db.prisma.activity.count()).toBe(1)
  })
})
