import { describe, expect, it } from 'vitest'
import { buttonId, seen, startWhatsAppHarness, vouch, waitForWa, waPeople } from '../../helpers/whatsapp-harness.js'

// Media ids expire: a file a person sends is downloaded into the attachment store when it arrives, so
// the report that takes it later (the guided flow's last step, maybe on another instance) needs no
// second download.

const andi = waPeople.andi
const kabid = waPeople.kabid

describe('WhatsApp evidence', () => {
  it('a document sent in the guided flow is stored when it comes; the report sent later links that copy', async () => {
    const h = await startWhatsAppHarness({ telegram: false })
    await vouch(h, andi.nip, andi.wa)
    await vouch(h, kabid.nip, kabid.wa)
    const db = h.app.db.prisma
    const step = async (text: string, expect: RegExp) => {
      const after = h.wa.sent.length
      await h.wa.inbound(andi.wa, { type: 'text', text })
      return waitForWa(h.wa, andi.wa, expect, { after })
    }
    await step('lapor', /Apa kegiatan/)
    await step('Pemutakhiran data kepegawaian bidang PKP', /Kapan\?/)
    await step('27/11 13:00-14:30', /Lampirkan bukti dukung/)

    const bytes = Buffer.from('%PDF-1.4 notulen rapat')
    const mediaId = h.wa.addMedia(bytes, 'application/pdf', { filename: 'notulen-rapat.pdf' })
    const after = h.wa.sent.length
    await h.wa.inbound(andi.wa, { type: 'document', mediaId, filename: 'notulen-rapat.pdf' })
    const summary = await waitForWa(h.wa, andi.wa, /Periksa laporan Anda/, { after })
    // stored already, before the report is
    const stored = await db.attachment.findMany()
    expect(stored.map((a) => [a.filename, a.mime, Buffer.from(a.data).equals(bytes)])).toEqual([['notulen-rapat.pdf', 'application/pdf', true]])

    // the media id is gone by the last step: what counts is the stored copy
    h.wa.expireMedia(mediaId)
    const sentBefore = h.wa.sent.length
    await h.wa.inbound(andi.wa, { type: seen(summary).buttons.length > 3 ? 'list' : 'button', id: buttonId(summary, /Kirim/), title: 'Kirim' }, { replyTo: summary.id })
    const receipt = await waitForWa(h.wa, andi.wa, /Laporan #\d+ terkirim/, { after: sentBefore })
    const id = Number(/#(\d+)/.exec(seen(receipt).text)![1])
    const activity = await db.activity.findUniqueOrThrow({ where: { id } })
    expect(activity).toMatchObject({ evidenceKind: 'document', evidenceRef: `wa:${mediaId}`, evidenceName: 'notulen-rapat.pdf', evidenceFileId: stored[0]!.id })
    expect(await db.attachment.count()).toBe(1)
  })

  it('a file over the cap is refused when it comes, and nothing is stored', async () => {
    const h = await startWhatsAppHarness({ telegram: false, env: { EVIDENCE_MAX_BYTES: '1024' } })
    await vouch(h, andi.nip, andi.wa)
    await vouch(h, kabid.nip, kabid.wa)
    const mediaId = h.wa.addMedia(Buffer.alloc(4096, 1), 'image/jpeg')
    await h.wa.inbound(andi.wa, { type: 'image', mediaId, caption: 'lapor 08:00-09:00 Rapat koordinasi' })
    await waitForWa(h.wa, andi.wa, /Berkas bukti terlalu besar/)
    expect(await h.app.db.prisma.attachment.count()).toBe(0)
    expect(await h.app.db.prisma.activity.count()).toBe(0)
  })
})
