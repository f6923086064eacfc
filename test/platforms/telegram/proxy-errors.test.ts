import { Api } from 'grammy'
import { describe, expect, it } from 'vitest'
import { createTelegramNotifier } from '../../../src/platforms/telegram/notifier.js'
import { proxyErrorsAsServerErrors } from '../../../src/platforms/telegram/proxy-errors.js'
import { people, startHarness, TOKEN } from '../../helpers/app.js'
import { startFakeTelegram } from '../../helpers/fake-telegram.js'
import { eventually } from '../../helpers/wait.js'

const andi = people.andi.telegram
const kabid = people.kabid.telegram

// what a reverse proxy in front of the Bot API answers when the Bot API is away
const SHAPES = [
  { name: 'an HTML error page', status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>', contentType: 'text/html' },
  { name: 'JSON without error_code', status: 502, body: '{"ok":false}', contentType: 'application/json' },
  { name: 'an empty JSON object', status: 503, body: '{}', contentType: 'application/json' },
  { name: 'an empty body', status: 504, body: '', contentType: 'text/plain' },
]

describe('5xx answers that are no Bot API errors', () => {
  it.each(SHAPES)('$name is a retryable failure with a readable reason', async (shape) => {
    const tg = await startFakeTelegram({ token: TOKEN })
    try {
      tg.userSends(andi, 'halo') // opens the chat
      const api = new Api(TOKEN, { apiRoot: tg.url })
      api.config.use(proxyErrorsAsServerErrors)
      tg.proxyErrorNext('sendMessage', shape)
      const notifier = createTelegramNotifier(api)
      const err = await notifier.send(String(andi), { kind: 'text', key: 'error.generic' }).then(() => null, (e: unknown) => e as Error & { opts: { permanent?: boolean } })
      expect(err).not.toBeNull()
      expect(err!.opts.permanent).toBeFalsy()
      expect(err!.message).not.toMatch(/undefined/)
      expect(err!.message).toMatch(/telegram (502|transport error)/)
      expect(err!.message).not.toContain(TOKEN)
    } finally {
      await tg.close()
    }
  })

  it('a real Bot API refusal (403 blocked by the user) still dead-letters at once', async () => {
    const tg = await startFakeTelegram({ token: TOKEN })
    try {
      tg.userSends(andi, 'halo')
      const api = new Api(TOKEN, { apiRoot: tg.url })
      api.config.use(proxyErrorsAsServerErrors)
      tg.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' })
      const err = await createTelegramNotifier(api).send(String(andi), { kind: 'text', key: 'error.generic' }).then(() => null, (e: unknown) => e as Error & { opts: { permanent?: boolean } })
      expect(err?.opts.permanent).toBe(true)
      expect(err?.message).toBe('telegram 403: Forbidden: bot was blocked by the user')
    } finally {
      await tg.close()
    }
  })

  it('a receipt answered by a proxy with JSON without error_code is sent again: stored once, receipt once', async () => {
    const h = await startHarness()
    h.tg.proxyErrorNext('sendMessage', { status: 502, body: '{"ok":false}', contentType: 'application/json', chatId: andi })
    h.tg.userSends(andi, '/lapor 08:00-09:00 Rapat koordinasi')
    await h.tg.waitForMessageTo(andi, /terkirim|belum|atasan/, { timeoutMs: 15_000 })
    expect(h.tg.calls.filter((c) => c.method === 'sendMessage' && c.error?.error_code === 502)).toHaveLength(1)
    expect(h.tg.messagesTo(andi).filter((m) => /Laporan #1/.test(m.text))).toHaveLength(1)
    expect(h.tg.messagesTo(andi).some((m) => /kesalahan/i.test(m.text))).toBe(false)
    expect(await h.app.db.prisma.activity.count()).toBe(1)
  })

  it('an approval card survives every proxy shape in a row: delivered once, not dead-lettered', async () => {
    const h = await startHarness()
    h.tg.userSends(kabid, '/start')
    await h.tg.waitForMessageTo(kabid, /Selamat datang/)
    for (const shape of SHAPES) h.tg.proxyErrorNext('sendMessage', { ...shape, chatId: kabid })
    h.tg.userSends(andi, '/lapor 08:00-09:00 Rapat koordinasi')
    await h.tg.waitForMessageTo(andi, /terkirim/)
    // the dispatcher backs off on the app's clock: move it on until the card is through
    await eventually(
      async () => {
        h.clock.advance(60_000)
        return h.tg.messagesTo(kabid).some((m) => /Rapat koordinasi/.test(m.text))
      },
      { label: 'card delivered', timeoutMs: 15_000 },
    )
    const failed = h.tg.calls.filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === kabid && c.error)
    expect(failed).toHaveLength(SHAPES.length)
    const row = await eventually(async () => {
      const r = await h.app.db.prisma.outbox.findFirstOrThrow({ where: { kind: 'approval_card' } })
      return r.status === 'SENT' ? r : undefined
    }, { label: 'card marked sent' })
    expect(row.attempts).toBe(SHAPES.length)
    expect(row.lastError ?? '').not.toMatch(/undefined/)
    expect(h.tg.messagesTo(kabid).filter((m) => /Rapat koordinasi/.test(m.text))).toHaveLength(1)
  })
})
