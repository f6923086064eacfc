import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { decodeWebhook, verifySignature, type WhatsAppEvent } from '../../src/platforms/whatsapp/webhook.js'
import { startFakeWhatsApp, type FakeWhatsAppOptions, type Json } from './fake-whatsapp.js'
import { eventually } from './wait.js'

// The fake's own rules, over HTTP: what the adapter will be tested against must behave as documented.

const USER = '6281234567890'

/** A stand-in for the app's webhook route: records raw bodies and their signature headers. */
async function receiver() {
  const got: { raw: string; signature: string | undefined }[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      got.push({ raw: Buffer.concat(chunks).toString('utf8'), signature: req.headers['x-hub-signature-256'] as string | undefined })
      res.writeHead(200).end()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/whatsapp/webhook`,
    got,
    events: (): WhatsAppEvent[] =>
      got.flatMap((g) => {
        const r = decodeWebhook(JSON.parse(g.raw))
        return r.ok ? r.events : []
      }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

let cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})

async function setup(opts: FakeWhatsAppOptions = {}) {
  const app = await receiver()
  const wa = await startFakeWhatsApp({ webhookUrl: app.url, statusDelayMs: 5, ...opts })
  cleanup.push(() => app.close(), () => wa.close())
  const call = async (path: string, body?: Json, token: string | null = wa.token) => {
    const res = await fetch(`${wa.url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { ...(token !== null && { authorization: `Bearer ${token}` }), ...(body && { 'content-type': 'application/json' }) },
      ...(body && { body: JSON.stringify(body) }),
    })
    return { status: res.status, json: (await res.json()) as Json & { error?: Json & { error_data?: Json } } }
  }
  const sendTo = (to: string, content: Json, token?: string | null) => call(`/${wa.phoneNumberId}/messages`, { messaging_product: 'whatsapp', recipient_type: 'individual', to, ...content }, token)
  return { wa, app, call, sendTo }
}

const text = (body: string) => ({ type: 'text', text: { body } })
const buttons = (n: number, make = (i: number) => ({ id: `b${i}`, title: `Pilihan ${i}` })) => ({
  type: 'interactive',
  interactive: { type: 'button', body: { text: 'Pilih satu' }, action: { buttons: Array.from({ length: n }, (_, i) => ({ type: 'reply', reply: make(i) })) } },
})
const list = (rows: Json[], extra: Json = {}) => ({
  type: 'interactive',
  interactive: { type: 'list', body: { text: 'Pilih laporan' }, action: { button: 'Pilih', sections: [{ rows }] }, ...extra },
})
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${i}`, title: `Baris ${i}` }))
const template = (name: string) => ({ type: 'template', template: { name, language: { code: 'id' } } })

const code = (r: { json: { error?: Json } }) => r.json.error?.code

describe('fake WhatsApp Cloud API', () => {
  it('answers a send with the documented shape and records it', async () => {
    const { wa, sendTo } = await setup()
    wa.userWrote(USER)
    const r = await sendTo(USER, text('Halo'))
    expect(r.status).toBe(200)
    expect(r.json).toEqual({ messaging_product: 'whatsapp', contacts: [{ input: USER, wa_id: USER }], messages: [{ id: expect.stringMatching(/^wamid\./) }] })
    expect(wa.sent).toHaveLength(1)
    expect(wa.sent[0]).toMatchObject({ id: (r.json.messages as { id: string }[])[0]!.id, to: USER, type: 'text', windowOpen: true })
  })

  it('refuses a missing or wrong bearer token with 401 and OAuthException 190, and records nothing', async () => {
    const { wa, sendTo, call } = await setup()
    for (const token of [null, 'wrong']) {
      const r = await sendTo(USER, text('Halo'), token)
      expect(r.status).toBe(401)
      expect(r.json.error).toMatchObject({ type: 'OAuthException', code: 190, fbtrace_id: expect.any(String) })
    }
    expect((await call('/123', undefined, 'wrong')).status).toBe(401)
    expect(wa.sent).toHaveLength(0)
  })

  it('holds interactive messages to the documented limits with 131009, missing parts with 131008', async () => {
    const { wa, sendTo } = await setup()
    wa.userWrote(USER)
    expect((await sendTo(USER, buttons(3))).status).toBe(200)
    const refused = async (content: Json, expected = 131009) => {
      const r = await sendTo(USER, content)
      expect(r.status, JSON.stringify(content).slice(0, 200)).toBe(400)
      expect(r.json.error).toMatchObject({ code: expected, type: 'OAuthException', error_data: { messaging_product: 'whatsapp', details: expect.any(String) } })
      return String(r.json.error!.error_data!.details)
    }
    expect(await refused(buttons(4))).toMatch(/Max: 3/)
    expect(await refused(buttons(1, () => ({ id: 'x', title: 'T'.repeat(21) })))).toMatch(/Button title length invalid.*Max length: 20/)
    expect(await refused(buttons(1, () => ({ id: 'x'.repeat(257), title: 'Ok' })))).toMatch(/Button id length invalid/)
    expect(await refused(buttons(2, (i) => ({ id: 'same', title: `T${i}` })))).toMatch(/Duplicate button id/)
    await refused(buttons(1, () => ({ id: 'x', title: '' })), 131008)
    // a title of 20 characters counts characters, not bytes
    expect((await sendTo(USER, buttons(1, () => ({ id: 'x', title: 'Setujui 😀 dengan cat' })))).status).toBe(200)

    expect((await sendTo(USER, list(rows(10)))).status).toBe(200)
    expect(await refused(list(rows(11)))).toMatch(/Total row count exceed max allowed count: 10/)
    expect(await refused(list([{ id: 'a', title: 'T'.repeat(25) }]))).toMatch(/Row title length invalid/)
    expect(await refused(list([{ id: 'a', title: 'T', description: 'D'.repeat(73) }]))).toMatch(/Row description length invalid/)
    expect(await refused(list([{ id: 'a'.repeat(201), title: 'T' }]))).toMatch(/Row id length invalid/)
    expect(await refused(list([{ id: 'a', title: 'T' }, { id: 'a', title: 'U' }]))).toMatch(/Duplicate row id/)
    const longBody = { ...list(rows(1)) }
    ;(longBody.interactive as { body: { text: string } }).body = { text: 'x'.repeat(1025) }
    expect(await refused(longBody)).toMatch(/interactive.body.text length invalid.*Max length: 1024/)
    expect(await refused(text('x'.repeat(4097)))).toMatch(/Max length: 4096/)
    expect(await refused({ type: 'video', video: { id: '1' } }, 100)).toMatch(/Unsupported message type/)
    expect(wa.sent).toHaveLength(3)
  })

  it('takes a free-form message into a closed window, then fails it with 131047 in a signed status webhook', async () => {
    const { wa, app, sendTo } = await setup()
    const r = await sendTo(USER, text('Ada laporan menunggu'))
    expect(r.status).toBe(200)
    const id = (r.json.messages as { id: string }[])[0]!.id
    await eventually(() => app.events().length === 1, { label: 'the failed status' })
    expect(app.events()).toEqual([
      {
        kind: 'status',
        messageId: id,
        status: 'failed',
        recipient: USER,
        at: expect.any(Date),
        phoneNumberId: wa.phoneNumberId,
        errors: [{ code: 131047, title: 'Re-engagement message', details: expect.stringMatching(/more than 24 hours/) }],
      },
    ])
    expect(verifySignature(app.got[0]!.raw, app.got[0]!.signature, wa.appSecret)).toBe(true)
    expect(wa.webhooks[0]).toMatchObject({ status: 200 })
  })

  it('closes the window 24 hours after the last message, by its clock', async () => {
    let clock = new Date('2026-12-01T08:00:00Z')
    const { wa, app, sendTo } = await setup({ now: () => clock })
    wa.userWrote(USER, new Date('2026-12-01T07:00:00Z'))
    await sendTo(USER, text('dalam jendela'))
    clock = new Date('2026-12-02T07:00:00Z')
    await sendTo(USER, text('tepat 24 jam'))
    await wa.settled()
    const byMessage = (i: number) => app.events().filter((e) => e.kind === 'status' && e.messageId === wa.sent[i]!.id).map((e) => (e.kind === 'status' ? e.status : ''))
    expect(byMessage(0)).toEqual(['sent', 'delivered'])
    expect(byMessage(1)).toEqual(['failed'])
    expect(wa.sent.map((m) => m.windowOpen)).toEqual([true, false])
  })

  it('delivers templates whatever the window, and refuses an unknown name with 132001 when names are configured', async () => {
    const { wa, app, sendTo } = await setup({ templates: ['kinerja_menunggu'], readReceipts: true })
    const ok = await sendTo(USER, template('kinerja_menunggu'))
    expect(ok.status).toBe(200)
    const unknown = await sendTo(USER, template('kinerja_lain'))
    expect(unknown.status).toBe(404)
    expect(unknown.json.error).toMatchObject({ code: 132001, error_data: { details: 'template name (kinerja_lain) does not exist in id' } })
    await wa.settled()
    expect(app.events().map((e) => (e.kind === 'status' ? e.status : e.kind))).toEqual(['sent', 'delivered', 'read'])
    expect(wa.sent).toHaveLength(1)
  })

  it('fails a send to a number not on WhatsApp with 131026 later, and a forced error at once', async () => {
    const { wa, app, sendTo } = await setup()
    wa.notOnWhatsApp('6281300000000')
    expect((await sendTo('6281300000000', template('x'))).status).toBe(200)
    wa.failNext({ code: 130429, status: 429 })
    const limited = await sendTo(USER, template('x'))
    expect(limited.status).toBe(429)
    expect(code(limited)).toBe(130429)
    expect((await sendTo(USER, template('x'))).status).toBe(200)
    await wa.settled()
    const failed = app.events().find((e) => e.kind === 'status' && e.status === 'failed')
    expect(failed).toMatchObject({ recipient: '6281300000000', errors: [{ code: 131026 }] })
  })

  it('serves media: metadata by id, then the bytes at its url with the token only; expired ids are unknown', async () => {
    const { wa, call } = await setup()
    const bytes = Buffer.from('%PDF-1.4 notulen rapat')
    const id = wa.addMedia(bytes, 'application/pdf', { filename: 'notulen.pdf' })
    const meta = await call(`/${id}`)
    expect(meta.status).toBe(200)
    expect(meta.json).toEqual({
      messaging_product: 'whatsapp',
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/whatsapp_business\/attachments\/\?mid=/),
      mime_type: 'application/pdf',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      file_size: String(bytes.length),
      id,
    })
    const url = meta.json.url as string
    const download = await fetch(url, { headers: { authorization: `Bearer ${wa.token}` } })
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes)
    expect((await fetch(url)).status).toBe(401)

    wa.expireMedia(id)
    const gone = await call(`/${id}`)
    expect(gone.status).toBe(400)
    expect(gone.json.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' })
  })

  it('takes an upload as multipart and answers its media id, which can then be sent and read back', async () => {
    const { wa } = await setup()
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])
    const form = new FormData()
    form.set('messaging_product', 'whatsapp')
    form.set('type', 'image/png')
    form.set('file', new Blob([png], { type: 'image/png' }), 'rekap.png')
    const res = await fetch(`${wa.url}/${wa.phoneNumberId}/media`, { method: 'POST', headers: { authorization: `Bearer ${wa.token}` }, body: form })
    expect(res.status).toBe(200)
    const { id } = (await res.json()) as { id: string }
    expect(wa.uploads.get(id)).toEqual({ bytes: png, mimeType: 'image/png', filename: 'rekap.png' })
    const meta = (await (await fetch(`${wa.url}/${id}`, { headers: { authorization: `Bearer ${wa.token}` } })).json()) as Json
    expect(meta).toMatchObject({ id, mime_type: 'image/png', file_size: String(png.length) })

    const noProduct = new FormData()
    noProduct.set('file', new Blob([png], { type: 'image/png' }), 'x.png')
    const refused = await fetch(`${wa.url}/${wa.phoneNumberId}/media`, { method: 'POST', headers: { authorization: `Bearer ${wa.token}` }, body: noProduct })
    expect(refused.status).toBe(400)
  })

  it('posts signed inbound webhooks of every kind the adapter reads, and opens the sender’s window', async () => {
    const { wa, app } = await setup()
    const photo = wa.addMedia(Buffer.from('jpeg bytes'), 'image/jpeg')
    const doc = wa.addMedia(Buffer.from('%PDF'), 'application/pdf', { filename: 'sk.pdf' })
    const first = await wa.inbound(USER, { type: 'text', text: 'rekap' }, { name: 'Andi Latif' })
    expect(first.status).toBe(200)
    expect(wa.lastInbound(USER)).toBeInstanceOf(Date)
    await wa.inbound(USER, { type: 'button', id: 'dc:12:1:ok', title: 'Setujui' }, { replyTo: 'wamid.card' })
    await wa.inbound(USER, { type: 'list', id: 'dc:12:1:nt', title: 'Setujui + catatan' })
    await wa.inbound(USER, { type: 'templateButton', payload: 'pq:open', text: 'Lihat' })
    await wa.inbound(USER, { type: 'image', mediaId: photo, caption: 'lapor 08:00-09:00 apel' })
    await wa.inbound(USER, { type: 'document', mediaId: doc })
    await wa.inbound(USER, { type: 'sticker', mediaId: '9' })
    for (const g of app.got) expect(verifySignature(g.raw, g.signature, wa.appSecret)).toBe(true)
    expect(app.events().map((e) => (e.kind === 'status' ? e.status : e.kind === 'media' ? `${e.media}:${e.mimeType}:${e.filename ?? e.caption}` : e.kind))).toEqual([
      'text',
      'button',
      'list',
      'templateButton',
      'image:image/jpeg:lapor 08:00-09:00 apel',
      'document:application/pdf:sk.pdf',
      'unsupported',
    ])
    expect(app.events()[1]).toMatchObject({ kind: 'button', id: 'dc:12:1:ok', replyTo: 'wamid.card', from: USER })

    // a bad or missing signature is the app's to refuse: the fake sends what it is told
    await wa.inbound(USER, { type: 'text', text: 'x' }, { signature: 'sha256=00' })
    await wa.inbound(USER, { type: 'text', text: 'y' }, { signature: null })
    expect(app.got.at(-2)!.signature).toBe('sha256=00')
    expect(app.got.at(-1)!.signature).toBeUndefined()
  })

  it('lets a redelivery carry the same message id', async () => {
    const { wa, app } = await setup()
    const { messageId } = await wa.inbound(USER, { type: 'text', text: 'bantuan' })
    await wa.inbound(USER, { type: 'text', text: 'bantuan' }, { id: messageId })
    expect(app.events().map((e) => (e.kind === 'text' ? e.messageId : ''))).toEqual([messageId, messageId])
  })
})
