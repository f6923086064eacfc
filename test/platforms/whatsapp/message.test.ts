import { describe, expect, it } from 'vitest'
import { decodeAction, type Action } from '../../../src/conversation/actions.js'
import { textMessage, type Block, type Button, type Message } from '../../../src/conversation/message.js'
import {
  fit,
  sendBody,
  splitTail,
  splitText,
  templateContent,
  toWhatsApp,
  WHATSAPP_CAPABILITIES,
  type WhatsAppContent,
} from '../../../src/platforms/whatsapp/message.js'
import { validateSend } from '../../helpers/fake-whatsapp.js'

const TO = '6281234567890'
const accepted = (c: WhatsAppContent) => validateSend(sendBody(TO, c))
const everyAccepted = (contents: WhatsAppContent[]) => {
  for (const c of contents) expect(accepted(c), JSON.stringify(c).slice(0, 300)).toBeNull()
}

const decide = (choice: 'ok' | 'nt' | 'rv' | 'tl'): Action => ({ kind: 'decide', activityId: 12, version: 3, choice })
const CARD_BUTTONS: Button[] = [
  { label: 'Setujui', action: decide('ok'), role: 'primary' },
  { label: 'Setujui + catatan', action: decide('nt') },
  { label: 'Revisi', action: decide('rv') },
  { label: 'Tolak', action: decide('tl'), role: 'danger' },
]

/** The text a person reads across the payloads, in order. */
const shown = (contents: WhatsAppContent[]) =>
  contents.map((c) => (c.type === 'text' ? c.text.body : c.type === 'interactive' ? c.interactive.body.text : '')).join('\n')
const words = (s: string) => s.split(/\s+/).filter(Boolean)

describe('WHATSAPP_CAPABILITIES', () => {
  it('declares what the Cloud API allows: no edits, three reply buttons of 20 characters (ten as list rows), 1,024-character bodies, no forms', () => {
    expect(WHATSAPP_CAPABILITIES).toMatchObject({
      platform: 'whatsapp',
      editMessages: false,
      maxButtons: 10,
      maxButtonsPerRow: 3,
      maxButtonLabel: 20,
      maxText: 1024,
      maxCaption: 1024,
      forms: false,
    })
  })
})

describe('toWhatsApp', () => {
  it('sends text alone as a text message, headings in bold and notes in italics', () => {
    const m: Message = {
      blocks: [
        { type: 'text', heading: 'Rekap minggu ini', text: 'Total 12 jam 30 menit' },
        { type: 'divider' },
        { type: 'note', text: 'Diperbarui 08:00 WITA' },
      ],
    }
    expect(toWhatsApp(m)).toEqual([{ type: 'text', text: { body: '*Rekap minggu ini*\nTotal 12 jam 30 menit\n\n_Diperbarui 08:00 WITA_' } }])
    expect(toWhatsApp({ blocks: [] })).toEqual([])
  })

  it('draws up to three buttons as reply buttons whose ids decode to their actions, titles cut to 20', () => {
    const out = toWhatsApp(
      textMessage('Laporan baru dari Andi', [
        { label: 'Setujui', action: decide('ok') },
        { label: 'Minta revisi laporan ini sekarang', action: decide('rv') },
        { label: 'Tolak', action: decide('tl') },
      ]),
    )
    expect(out).toHaveLength(1)
    everyAccepted(out)
    const c = out[0]!
    if (c.type !== 'interactive' || c.interactive.type !== 'button') throw new Error(`not reply buttons: ${JSON.stringify(c)}`)
    expect(c.interactive.body.text).toBe('Laporan baru dari Andi')
    expect(c.interactive.action.buttons.map((b) => b.reply.title)).toEqual(['Setujui', 'Minta revisi lapora…', 'Tolak'])
    expect(c.interactive.action.buttons.map((b) => decodeAction(b.reply.id))).toEqual([decide('ok'), decide('rv'), decide('tl')])
  })

  it('puts the approval card’s four decisions in one list, every id decoding to its decision', () => {
    const out = toWhatsApp(textMessage('*Andi Latif* 08:00–10:30\nRapat koordinasi', CARD_BUTTONS))
    expect(out).toHaveLength(1)
    everyAccepted(out)
    const c = out[0]!
    if (c.type !== 'interactive' || c.interactive.type !== 'list') throw new Error('not a list')
    expect(c.interactive.action.button).toBe('Pilih')
    const rows = c.interactive.action.sections.flatMap((s) => s.rows)
    expect(rows.map((r) => r.title)).toEqual(['Setujui', 'Setujui + catatan', 'Revisi', 'Tolak'])
    expect(rows.map((r) => decodeAction(r.id))).toEqual(CARD_BUTTONS.map((b) => b.action))
  })

  it('shows a label too long for a row title whole in its description', () => {
    const label = 'Kegiatan: penyusunan laporan realisasi anggaran triwulan IV'
    const buttons: Button[] = Array.from({ length: 4 }, (_, i) => ({ label: i === 0 ? label : `RHK ${i}`, action: { kind: 'guidedRhk', rhkId: i + 1 } }))
    const [c] = toWhatsApp(textMessage('Pilih RHK', buttons))
    if (c?.type !== 'interactive' || c.interactive.type !== 'list') throw new Error('not a list')
    const row = c.interactive.action.sections[0]!.rows[0]!
    expect(row.title).toBe(fit(label, 24))
    expect(row.description).toBe(label)
    expect(c.interactive.action.sections[0]!.rows[1]).toEqual({ id: 'gr:2', title: 'RHK 1' })
  })

  it('sends more than ten choices as further lists, none over ten rows', () => {
    const buttons: Button[] = Array.from({ length: 23 }, (_, i) => ({ label: `Laporan ${i + 1}`, action: { kind: 'evidence', activityId: i + 1 } }))
    const out = toWhatsApp(textMessage('Persetujuan menunggu', buttons))
    everyAccepted(out)
    expect(out.map((c) => (c.type === 'interactive' && c.interactive.type === 'list' ? c.interactive.action.sections[0]!.rows.length : 0))).toEqual([10, 10, 3])
    expect(out.map((c) => (c.type === 'interactive' ? c.interactive.body.text : ''))).toEqual(['Persetujuan menunggu', 'Pilihan lainnya', 'Pilihan lainnya'])
    const ids = out.flatMap((c) => (c.type === 'interactive' && c.interactive.type === 'list' ? c.interactive.action.sections[0]!.rows.map((r) => r.id) : []))
    expect(ids.map((id) => decodeAction(id))).toEqual(buttons.map((b) => b.action))
  })

  it('splits long text into several messages rather than losing any of it', () => {
    const paragraph = (i: number) => `Paragraf ${i}: ${'kegiatan pelayanan publik '.repeat(30).trim()}.`
    const long = Array.from({ length: 20 }, (_, i) => paragraph(i)).join('\n\n')
    expect(long.length).toBeGreaterThan(4096 * 3)
    const out = toWhatsApp(textMessage(long))
    expect(out.length).toBeGreaterThan(3)
    everyAccepted(out)
    expect(words(shown(out))).toEqual(words(long))
    // cut at paragraphs: each message starts with one
    for (const c of out) expect(c.type === 'text' && c.text.body.startsWith('Paragraf')).toBe(true)
  })

  it('sends the beginning of a long text ahead, and the buttons under its end within 1,024 characters', () => {
    const long = Array.from({ length: 40 }, (_, i) => `${i + 1}. Rapat koordinasi dan evaluasi kinerja unit kerja`).join('\n')
    expect(long.length).toBeGreaterThan(1024)
    const out = toWhatsApp(textMessage(long, CARD_BUTTONS.slice(0, 3)))
    everyAccepted(out)
    expect(out.map((c) => c.type)).toEqual(['text', 'interactive'])
    expect(words(shown(out))).toEqual(words(long))
    const last = out.at(-1)!
    expect(last.type === 'interactive' && last.interactive.body.text.length).toBeLessThanOrEqual(1024)
  })

  it('uses a list when two labels are the same in 20 characters, as reply buttons need distinct titles', () => {
    const out = toWhatsApp(
      textMessage('Pilih', [
        { label: 'Lihat bukti laporan pertama', action: { kind: 'evidence', activityId: 1 } },
        { label: 'Lihat bukti laporan kedua', action: { kind: 'evidence', activityId: 2 } },
      ]),
    )
    everyAccepted(out)
    expect(out[0]).toMatchObject({ type: 'interactive', interactive: { type: 'list' } })
  })

  it('gives buttons without text a body, as an interactive message requires one', () => {
    const out = toWhatsApp({ blocks: [{ type: 'buttons', buttons: CARD_BUTTONS.slice(0, 1) }], summary: 'Laporan baru' })
    everyAccepted(out)
    expect(out[0]).toMatchObject({ type: 'interactive', interactive: { body: { text: 'Laporan baru' } } })
  })

  it('produces only payloads the Cloud API accepts, for messages of any size and shape', () => {
    // a small deterministic generator: texts of every length, labels with emoji, 0–25 buttons
    let seed = 42
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const pieces = ['kegiatan', 'rapat', 'Kendari', '😀', 'laporan\n', 'A'.repeat(300), '\n\n', 'évaluasi', '👩‍💼', ' ']
    const textOf = (max: number) => Array.from({ length: rand(max) }, () => pieces[rand(pieces.length)]).join(' ')
    for (let n = 0; n < 200; n++) {
      const blocks: Block[] = []
      for (let b = rand(4); b >= 0; b--) {
        if (rand(3) === 0) blocks.push({ type: 'note', text: textOf(20) })
        else blocks.push({ type: 'text', text: textOf(300), ...(rand(2) === 0 && { heading: textOf(5) }) })
      }
      const count = rand(26)
      const buttons: Button[] = Array.from({ length: count }, (_, i) => ({ label: textOf(8) || `Tombol ${i}`, action: { kind: 'fullText', activityId: 1000 + i } }))
      if (buttons.length > 0) blocks.push({ type: 'buttons', buttons })
      const m: Message = { blocks }
      const out = toWhatsApp(m)
      everyAccepted(out)
      // every button is on some payload, once
      const ids = out.flatMap((c) =>
        c.type !== 'interactive' ? [] : c.interactive.type === 'button' ? c.interactive.action.buttons.map((b) => b.reply.id) : c.interactive.action.sections.flatMap((s) => s.rows.map((r) => r.id)),
      )
      expect(ids).toHaveLength(count)
    }
  })
})

describe('text splitting', () => {
  it('never cuts between the halves of a surrogate pair', () => {
    const s = `${'a'.repeat(9)}😀${'b'.repeat(9)}`
    for (const piece of splitText(s, 10)) expect(piece).not.toMatch(/[\ud800-\udbff]$|^[\udc00-\udfff]/)
    expect(splitText(s, 10).join('')).toBe(s)
    const { head, tail } = splitTail(`${'a'.repeat(10)}😀${'b'.repeat(9)}`, 10)
    expect(`${head}${tail}`).toBe(`${'a'.repeat(10)}😀${'b'.repeat(9)}`)
    expect(tail).not.toMatch(/^[\udc00-\udfff]/)
    expect(fit('abcdefghi😀', 10)).toBe('abcdefghi…')
    expect(fit('abcdefgh😀x', 10)).toBe('abcdefgh…')
  })
})

describe('request bodies', () => {
  it('quotes the card an outcome answers, and sends templates with their parameters and quick reply', () => {
    const outcome = sendBody(TO, { type: 'text', text: { body: 'Disetujui' } }, 'wamid.card')
    expect(outcome).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: TO, context: { message_id: 'wamid.card' }, type: 'text', text: { body: 'Disetujui' } })
    expect(validateSend(outcome)).toBeNull()
    const t = templateContent('kinerja_menunggu', 'id', ['Andi Latif', '3 laporan'], 'pq:open')
    expect(t).toEqual({
      type: 'template',
      template: {
        name: 'kinerja_menunggu',
        language: { code: 'id' },
        components: [
          { type: 'body', parameters: [{ type: 'text', text: 'Andi Latif' }, { type: 'text', text: '3 laporan' }] },
          { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'pq:open' }] },
        ],
      },
    })
    expect(accepted(t)).toBeNull()
  })
})
