import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { decodeWebhook, signBody, verifyChallenge, verifySignature, type WhatsAppEvent } from '../../../src/platforms/whatsapp/webhook.js'

// Sample bodies in the shapes of Meta's webhook reference (messages and status webhooks).
const PHONE_NUMBER_ID = '106540352242922'
const envelope = (value: Record<string, unknown>) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '102290129340398',
      changes: [
        {
          field: 'messages',
          value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID }, ...value },
        },
      ],
    },
  ],
})
const contacts = [{ profile: { name: 'Andi Latif' }, wa_id: '6281234567890' }]
const inbound = (message: Record<string, unknown>) =>
  envelope({ contacts, messages: [{ from: '6281234567890', id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=', timestamp: '1749416383', ...message }] })
const base = {
  from: '6281234567890',
  messageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
  at: new Date(1749416383 * 1000),
  phoneNumberId: PHONE_NUMBER_ID,
  name: 'Andi Latif',
}
const events = (body: unknown): WhatsAppEvent[] => {
  const r = decodeWebhook(body)
  if (!r.ok) throw new Error(r.reason)
  return r.events
}

describe('verifyChallenge', () => {
  const q = (s: string) => new URLSearchParams(s)
  it('echoes the challenge for subscribe with the right token', () => {
    expect(verifyChallenge(q('hub.mode=subscribe&hub.verify_token=rahasia-kendari&hub.challenge=1158201444'), 'rahasia-kendari')).toEqual({
      status: 200,
      body: '1158201444',
    })
    expect(verifyChallenge({ 'hub.mode': 'subscribe', 'hub.verify_token': 'rahasia-kendari', 'hub.challenge': 'abc' }, 'rahasia-kendari')).toEqual({
      status: 200,
      body: 'abc',
    })
  })

  it('answers 403 to a wrong or missing token, another mode, a missing challenge, or an unset verify token', () => {
    for (const query of [
      'hub.mode=subscribe&hub.verify_token=rahasia-kendarj&hub.challenge=1',
      'hub.mode=subscribe&hub.verify_token=rahasia-kendari-lebih-panjang&hub.challenge=1',
      'hub.mode=subscribe&hub.challenge=1',
      'hub.mode=unsubscribe&hub.verify_token=rahasia-kendari&hub.challenge=1',
      'hub.mode=subscribe&hub.verify_token=rahasia-kendari',
      '',
    ]) {
      expect(verifyChallenge(q(query), 'rahasia-kendari').status, query).toBe(403)
    }
    expect(verifyChallenge(q('hub.mode=subscribe&hub.verify_token=&hub.challenge=1'), '').status).toBe(403)
    expect(verifyChallenge({ 'hub.mode': 'subscribe', 'hub.verify_token': ['rahasia-kendari', 'x'], 'hub.challenge': '1' }, 'rahasia-kendari').status).toBe(403)
  })
})

describe('verifySignature', () => {
  const secret = 'app-secret-123'
  const raw = Buffer.from(JSON.stringify(inbound({ type: 'text', text: { body: 'rekap' } })))
  const good = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`

  it('accepts the HMAC-SHA256 of the raw body with the app secret, prefixed sha256=', () => {
    expect(verifySignature(raw, good, secret)).toBe(true)
    expect(verifySignature(raw.toString('utf8'), good.toUpperCase().replace('SHA256=', 'sha256='), secret)).toBe(true)
    expect(signBody(raw, secret)).toBe(good)
  })

  it('refuses another body, another secret, a missing prefix, a malformed or missing header', () => {
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(raw.toString()), null, 1))
    expect(verifySignature(reformatted, good, secret)).toBe(false)
    expect(verifySignature(raw, good, 'other-secret')).toBe(false)
    expect(verifySignature(raw, good.slice('sha256='.length), secret)).toBe(false)
    expect(verifySignature(raw, `sha1=${good.slice(7)}`, secret)).toBe(false)
    expect(verifySignature(raw, `${good.slice(0, -2)}`, secret)).toBe(false)
    expect(verifySignature(raw, `${good.slice(0, -1)}g`, secret)).toBe(false)
    expect(verifySignature(raw, undefined, secret)).toBe(false)
    expect(verifySignature(raw, [good, good], secret)).toBe(false)
    expect(verifySignature(raw, good, '')).toBe(false)
  })
})

describe('decodeWebhook', () => {
  it('reads a text message with its sender, id, time and profile name', () => {
    expect(events(inbound({ type: 'text', text: { body: 'lapor 08:00-10:30 rapat koordinasi' } }))).toEqual([
      { ...base, kind: 'text', text: 'lapor 08:00-10:30 rapat koordinasi' },
    ])
  })

  it('reads a reply button, a list row and a template quick reply by their ids, with the message they answer', () => {
    const context = { from: '15550783881', id: 'wamid.card' }
    expect(events(inbound({ type: 'interactive', context, interactive: { type: 'button_reply', button_reply: { id: 'dc:12:1:ok', title: 'Setujui' } } }))).toEqual([
      { ...base, replyTo: 'wamid.card', kind: 'button', id: 'dc:12:1:ok', title: 'Setujui' },
    ])
    expect(
      events(inbound({ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'dc:12:1:nt', title: 'Setujui + catatan', description: 'Setujui dengan catatan' } } })),
    ).toEqual([{ ...base, kind: 'list', id: 'dc:12:1:nt', title: 'Setujui + catatan' }])
    expect(events(inbound({ type: 'button', context, button: { payload: 'pq:open', text: 'Lihat' } }))).toEqual([
      { ...base, replyTo: 'wamid.card', kind: 'templateButton', payload: 'pq:open', text: 'Lihat' },
    ])
  })

  it('reads a photo and a document with their media id, type, file name and caption', () => {
    const image = { caption: 'lapor 08:00-09:00 apel pagi', mime_type: 'image/jpeg', sha256: 'NVlhZ8Kr9JW4LoFiUvv7bkm4+zQ8ZDVT0WoCn1pBdnw=', id: '1003383421387256' }
    expect(events(inbound({ type: 'image', image }))).toEqual([
      { ...base, kind: 'media', media: 'image', mediaId: '1003383421387256', mimeType: 'image/jpeg', sha256: image.sha256, caption: image.caption },
    ])
    const document = { filename: 'notulen.pdf', mime_type: 'application/pdf', sha256: 'abc=', id: '2003383421387256' }
    expect(events(inbound({ type: 'document', document }))).toEqual([
      { ...base, kind: 'media', media: 'document', mediaId: '2003383421387256', mimeType: 'application/pdf', sha256: 'abc=', filename: 'notulen.pdf' },
    ])
  })

  it('names what it does not handle instead of dropping it', () => {
    expect(events(inbound({ type: 'sticker', sticker: { id: '1', mime_type: 'image/webp' } }))).toEqual([{ ...base, kind: 'unsupported', type: 'sticker' }])
    expect(events(inbound({ type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: { response_json: '{}' } } }))).toEqual([
      { ...base, kind: 'unsupported', type: 'interactive:nfm_reply' },
    ])
  })

  it('reads statuses: delivered, and failed with the 131047 of a closed window', () => {
    const body = envelope({
      statuses: [
        {
          id: 'wamid.sent-1',
          status: 'delivered',
          timestamp: '1749416400',
          recipient_id: '6281234567890',
          conversation: { id: 'c1', origin: { type: 'service' } },
          pricing: { billable: true, pricing_model: 'PMP', category: 'service', type: 'free_customer_service' },
        },
        {
          id: 'wamid.sent-2',
          status: 'failed',
          timestamp: '1749416401',
          recipient_id: '6281234567890',
          errors: [
            {
              code: 131047,
              title: 'Re-engagement message',
              message: 'Re-engagement message',
              error_data: { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
              href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
            },
          ],
        },
      ],
    })
    expect(events(body)).toEqual([
      { kind: 'status', messageId: 'wamid.sent-1', status: 'delivered', recipient: '6281234567890', at: new Date(1749416400_000), phoneNumberId: PHONE_NUMBER_ID, errors: [] },
      {
        kind: 'status',
        messageId: 'wamid.sent-2',
        status: 'failed',
        recipient: '6281234567890',
        at: new Date(1749416401_000),
        phoneNumberId: PHONE_NUMBER_ID,
        errors: [
          {
            code: 131047,
            title: 'Re-engagement message',
            details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
          },
        ],
      },
    ])
  })

  it('keeps the order of several entries and ignores other fields', () => {
    const a = inbound({ type: 'text', text: { body: 'satu' } })
    const b = inbound({ id: 'wamid.two', type: 'text', text: { body: 'dua' } })
    const body = {
      object: 'whatsapp_business_account',
      entry: [a.entry[0]!, { id: 'x', changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED' } }] }, b.entry[0]!],
    }
    expect(events(body).map((e) => (e.kind === 'text' ? e.text : e.kind))).toEqual(['satu', 'dua'])
  })

  it('refuses a body that is not a WhatsApp Business webhook', () => {
    expect(decodeWebhook({ object: 'page', entry: [] }).ok).toBe(false)
    expect(decodeWebhook('hello').ok).toBe(false)
    expect(decodeWebhook(envelope({ messages: [{ from: '62812', type: 'text', text: { body: 'x' } }] })).ok).toBe(false)
  })
})
