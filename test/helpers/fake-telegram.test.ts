import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Bot, GrammyError, InlineKeyboard, InputFile, webhookCallback } from 'grammy'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeTelegram, type FakeTelegram, type UploadedFile } from './fake-telegram.js'

let fake: FakeTelegram
const cleanups: (() => Promise<unknown> | unknown)[] = []

beforeEach(async () => {
  fake = await startFakeTelegram({ firstUpdateId: 500 })
})

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
  await fake.close()
})

const newBot = () => new Bot(fake.token, { client: { apiRoot: fake.url } })

/** Starts long polling and registers a stop for afterEach. */
function startPolling(bot: Bot) {
  const running = bot.start({ timeout: 30 })
  // a polling failure surfaces where the cleanup awaits `running`, not as an unhandled rejection before it
  running.catch(() => undefined)
  cleanups.push(async () => {
    if (bot.isRunning()) await bot.stop()
    await running
  })
  return running
}

const apiError = async (p: Promise<unknown>): Promise<GrammyError> => {
  const err: unknown = await p.then(() => undefined, (e: unknown) => e)
  expect(err).toBeInstanceOf(GrammyError)
  return err as GrammyError
}

describe('fake telegram with a real grammY bot (long polling)', () => {
  it('delivers updates to a held long poll, records replies, and bot.stop() confirms the offset', async () => {
    const bot = newBot()
    bot.command('start', (ctx) => ctx.reply(`Halo ${ctx.from?.first_name}! cmd=${ctx.message?.entities?.[0]?.type}`))
    bot.on('message:text', (ctx) => ctx.reply(`echo: ${ctx.message.text}`))
    const running = bot.start({ timeout: 30 })

    // the poll is held (no updates yet) and wakes up as soon as the user writes
    await fake.waitFor(() => fake.calls.some((c) => c.method === 'getUpdates' && c.params.timeout === 30))
    const started = Date.now()
    const update = fake.userSends(42, '/start', { first_name: 'Siti' })
    expect(update.update_id).toBe(500)
    const reply = await fake.waitForMessageTo(42, /Halo Siti! cmd=bot_command/)
    expect(Date.now() - started).toBeLessThan(1000)
    expect(reply).toMatchObject({ chat_id: 42, kind: 'text', edits: 0, message_id: 2 })
    expect(reply.message.from?.id).toBe(fake.botUser.id)

    fake.userSends(42, 'laporan harian')
    await fake.waitForMessageTo(42, 'echo: laporan harian')
    expect(fake.messagesTo(42).map((m) => m.text)).toEqual(['Halo Siti! cmd=bot_command', 'echo: laporan harian'])
    expect(fake.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['getMe', 'deleteWebhook', 'getUpdates', 'sendMessage']))

    await bot.stop() // aborts the held poll, then getUpdates({ offset: last + 1, limit: 1 })
    await running
    const last = fake.calls.at(-1)
    expect(last).toMatchObject({ method: 'getUpdates', params: { offset: 502, limit: 1 } })
    expect(fake.pendingUpdates()).toBe(0)

    // a fresh poller does not see the confirmed updates again
    const next = newBot()
    expect(await next.api.getUpdates({ timeout: 0 })).toEqual([])
  })

  it('keeps an update when the long-polling client aborts, and a newer poller terminates the older one', async () => {
    const bot = newBot()
    const ac = new AbortController()
    const aborted = bot.api.getUpdates({ timeout: 10 }, ac.signal as Parameters<typeof bot.api.getUpdates>[1]).catch((e: unknown) => e)
    await fake.waitFor(() => fake.calls.length === 1)
    ac.abort()
    await aborted
    await fake.waitFor(() => fake.calls[0]?.error?.error_code === 499, { label: 'server noticed the abort' })
    fake.userSends(7, 'masih ada?')
    const [u] = await bot.api.getUpdates({ timeout: 10 })
    expect(u?.message?.text).toBe('masih ada?')
    expect(fake.pendingUpdates()).toBe(1) // not confirmed until a higher offset is sent

    const older = apiError(bot.api.getUpdates({ offset: u!.update_id + 1, timeout: 10 }))
    await fake.waitFor(() => fake.calls.filter((c) => c.method === 'getUpdates').length === 3)
    const newer = bot.api.getUpdates({ offset: u!.update_id + 1, timeout: 10 })
    const conflict = await older
    expect(conflict.error_code).toBe(409)
    expect(conflict.description).toMatch(/^Conflict: terminated by other getUpdates request/)
    fake.userSends(7, 'kedua')
    expect((await newer).map((x) => x.message?.text)).toEqual(['kedua'])
  })

  it('handles callback queries: answer, edit, stale query id', async () => {
    const bot = newBot()
    bot.command('menu', (ctx) =>
      ctx.reply('Pilih:', { reply_markup: new InlineKeyboard().text('Setuju', 'approve:9').text('Tolak', 'reject:9') }),
    )
    bot.callbackQuery(/^(approve|reject):(\d+)$/, async (ctx) => {
      await ctx.answerCallbackQuery({ text: `ok ${ctx.match[1]}` })
      await ctx.editMessageText(`Dipilih: ${ctx.match[1]} #${ctx.match[2]} from msg ${ctx.callbackQuery.message?.message_id}`)
    })
    void startPolling(bot) // polls until the cleanup stops the bot and awaits it

    fake.userSends(5, '/menu')
    const menu = await fake.waitForMessageTo(5, 'Pilih:')
    expect(menu.reply_markup?.inline_keyboard?.[0]?.map((b) => b.callback_data)).toEqual(['approve:9', 'reject:9'])
    expect(menu.message.reply_markup).toBeDefined()

    const click = fake.clickButton(5, 'Setuju')
    expect(click.callback_query).toMatchObject({ data: 'approve:9', from: { id: 5 }, message: { message_id: menu.message_id } })
    const edited = await fake.waitForMessageTo(5, /^Dipilih: approve #9 from msg 2$/)
    expect(edited).toMatchObject({ message_id: menu.message_id, edits: 1 })
    expect(edited.reply_markup).toBeUndefined() // editMessageText without reply_markup removes the keyboard
    expect(fake.callbackAnswers()).toEqual([{ callback_query_id: click.callback_query!.id, text: 'ok approve' }])

    const stale = await apiError(bot.api.answerCallbackQuery(click.callback_query!.id))
    expect(stale.description).toMatch(/^Bad Request: query is too old/)
    const same = await apiError(bot.api.editMessageText(5, menu.message_id, edited.text))
    expect(same.description).toMatch(/^Bad Request: message is not modified/)
    const missing = await apiError(bot.api.editMessageText(5, 999, 'x'))
    expect(missing.description).toBe('Bad Request: message to edit not found')
  })
})

describe('fake telegram API surface', () => {
  it('fails the next call with failNext (429 with retry_after) and then recovers', async () => {
    const bot = newBot()
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } })
    const err = await apiError(bot.api.sendMessage(9, 'first'))
    expect(err.error_code).toBe(429)
    expect(err.parameters.retry_after).toBe(3)
    expect((await bot.api.sendMessage(9, 'second')).text).toBe('second')
    expect(fake.messagesTo(9).map((m) => m.text)).toEqual(['second'])
    expect(fake.calls.map((c) => c.error?.error_code)).toEqual([429, undefined])
  })

  it('rate limits sends per rolling second when enabled', async () => {
    const bot = newBot()
    fake.setRateLimit({ perSecond: 2 })
    const results = await Promise.allSettled([1, 2, 3].map((n) => bot.api.sendMessage(1, `m${n}`)))
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1)
    expect(fake.rateLimited).toBe(1)
    const err = await apiError(bot.api.sendMessage(1, 'm4'))
    expect(err.parameters.retry_after).toBe(1)
    fake.setRateLimit(null)
    await bot.api.sendMessage(1, 'm5')
  })

  it('parses grammY multipart uploads (sendPhoto with InputFile) and serves getFile downloads', async () => {
    const bot = newBot()
    const sent = await bot.api.sendPhoto(42, new InputFile(Buffer.from('png'), 'chart.png'), {
      caption: 'Grafik kinerja',
      reply_markup: new InlineKeyboard().text('Detail', 'detail:1'),
    })
    expect(sent.caption).toBe('Grafik kinerja')
    const call = fake.calls.at(-1)!
    expect(call.params).toMatchObject({ chat_id: 42, caption: 'Grafik kinerja', reply_markup: { inline_keyboard: [[{ text: 'Detail', callback_data: 'detail:1' }]] } })
    const msg = fake.lastMessageTo(42)!
    expect(msg.kind).toBe('photo')
    expect(msg.text).toBe('Grafik kinerja')
    const photo = msg.photo as UploadedFile
    expect(photo).toMatchObject({ upload: true, field: 'photo', filename: 'chart.png', size: 3 })
    expect(photo.data.toString()).toBe('png')

    const file = await bot.api.getFile(sent.photo.at(-1)!.file_id)
    const download = await fetch(`${fake.url}/file/bot${fake.token}/${file.file_path}`)
    expect(await download.text()).toBe('png')

    await bot.api.sendDocument(42, new InputFile(Buffer.from('a,b\n1,2\n'), 'rekap.csv'))
    expect(fake.lastMessageTo(42)).toMatchObject({ kind: 'document', document: { filename: 'rekap.csv', size: 8 } })
    await bot.api.sendDocument(42, 'BQACexisting')
    expect(fake.lastMessageTo(42)?.document).toBe('BQACexisting')
  })

  it('validates like Telegram: text length, empty text, callback_data size, token', async () => {
    const bot = newBot()
    expect((await apiError(bot.api.sendMessage(1, 'x'.repeat(4097)))).description).toBe('Bad Request: message is too long')
    expect((await apiError(bot.api.sendMessage(1, '  '))).description).toBe('Bad Request: message text is empty')
    const big = new InlineKeyboard().text('x', 'd'.repeat(65))
    expect((await apiError(bot.api.sendMessage(1, 'hi', { reply_markup: big }))).description).toBe('Bad Request: BUTTON_DATA_INVALID')
    await bot.api.sendMessage(1, 'x'.repeat(4096))
    const wrong = new Bot('999:wrong', { client: { apiRoot: fake.url } })
    const unauthorized = await apiError(wrong.api.getMe())
    expect(unauthorized).toMatchObject({ error_code: 401, description: 'Unauthorized' })
  })

  it('supports commands, webhook info, form-encoded and query-string params', async () => {
    const bot = newBot()
    await bot.api.setMyCommands([{ command: 'start', description: 'Mulai' }])
    expect(await bot.api.getMyCommands()).toEqual([{ command: 'start', description: 'Mulai' }])
    await bot.api.setWebhook('https://example.test/tg', { secret_token: 'abc', drop_pending_updates: true })
    expect(fake.webhook).toEqual({ url: 'https://example.test/tg', secret_token: 'abc', drop_pending_updates: true })
    expect((await apiError(bot.api.getUpdates())).error_code).toBe(409)
    await bot.api.deleteWebhook()
    expect((await bot.api.getWebhookInfo()).url).toBe('')

    const form = await fetch(`${fake.url}/bot${fake.token}/sendMessage?parse_mode=HTML`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ chat_id: '77', text: '<b>hi</b>', reply_markup: '{"inline_keyboard":[[{"text":"a","callback_data":"b"}]]}' }),
    })
    expect(await form.json()).toMatchObject({ ok: true, result: { chat: { id: 77 }, text: '<b>hi</b>' } })
    expect(fake.calls.at(-1)?.params).toMatchObject({ chat_id: 77, parse_mode: 'HTML', reply_markup: { inline_keyboard: [[{ text: 'a' }]] } })
    const unknown = await (await fetch(`${fake.url}/bot${fake.token}/setChatMenuButton`, { method: 'POST' })).json()
    expect(unknown).toEqual({ ok: true, result: true })
  })

  it('gives a readable error when waitFor times out', async () => {
    const bot = newBot()
    await bot.api.sendMessage(3, 'sesuatu')
    const err = await fake.waitForMessageTo(3, /tidak ada/, { timeoutMs: 50 }).catch((e: Error) => e)
    expect(String(err)).toMatch(/waitFor\(message to 3 matching \/tidak ada\/\) timed out after 50 ms/)
    expect(String(err)).toContain('sendMessage {"chat_id":3,"text":"sesuatu"}')
    expect(String(err)).toContain('#1: "sesuatu"')
  })
})

describe('fake telegram in webhook mode', () => {
  it('posts updates with the secret header to grammY webhookCallback', async () => {
    const bot = newBot()
    let handled = 0
    bot.on('message:text', async (ctx) => {
      handled++
      await ctx.reply(`webhook: ${ctx.message.text}`)
    })
    const callback = webhookCallback(bot, 'http', { secretToken: 's3cret' })
    const server: Server = createServer((req, res) => {
      callback(req, res).catch(() => res.writeHead(500).end())
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    cleanups.push(() => new Promise((r) => { server.close(r); server.closeAllConnections() }))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram`

    const ok = await fake.postUpdate(url, fake.userSends(11, 'halo'), 's3cret')
    expect(ok.status).toBe(200)
    expect(fake.lastMessageTo(11)?.text).toBe('webhook: halo')
    expect(fake.pendingUpdates()).toBe(0) // posted instead of queued for getUpdates

    const denied = await fake.postUpdate(url, fake.userSends(11, 'penyusup'), 'wrong')
    expect(denied.status).toBe(401)
    const missing = await fake.postUpdate(url, fake.userSends(11, 'tanpa header'))
    expect(missing.status).toBe(401)
    expect(handled).toBe(1)
  })
})
