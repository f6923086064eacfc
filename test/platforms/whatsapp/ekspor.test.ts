import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { RA, seedProgres } from '../../helpers/progres.js'
import { seen, startWhatsAppHarness, vouch, waitForWa, waPeople } from '../../helpers/whatsapp-harness.js'

const andi = waPeople.andi

describe('WhatsApp /ekspor and /tpp', () => {
  it('the month\'s XLSX is uploaded and sent as a document captioned with what is in it; tpp is a text', async () => {
    const h = await startWhatsAppHarness({ telegram: false })
    await vouch(h, andi.nip, andi.wa)
    await seedProgres(h)
    await h.wa.inbound(andi.wa, { type: 'text', text: 'ekspor november' })
    const doc = await waitForWa(h.wa, andi.wa, /Progres harian November 2026/)
    expect(doc.type).toBe('document')
    const body = (doc.body as { document: { id: string; filename: string; caption: string } }).document
    expect(body.filename).toBe(`progres-harian-${andi.nip}-2026-11.xlsx`)
    expect(seen(doc).text).toMatch(/3 kegiatan yang disetujui siap diunggah/)
    const upload = h.wa.uploads.get(body.id)!
    expect(upload.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(upload.bytes as unknown as ArrayBuffer)
    expect(wb.worksheets[0]!.getRow(2).getCell(1).value).toBe(RA.analisis)

    await h.wa.inbound(andi.wa, { type: 'text', text: '/tpp' })
    const tpp = await waitForWa(h.wa, andi.wa, /Perkiraan TPP kinerja November 2026/)
    expect(tpp.type).toBe('text')
    expect(seen(tpp).text).toContain('capaian 13,3%')
  })
})
