import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../../helpers/app.js'
import { buttonData, buttonLabels } from '../../helpers/telegram.js'
import { eventually } from '../../helpers/wait.js'
import { supervisorOpenedBot } from './supervisor-opened.js'

const andi = people.andi.telegram
const kabid = people.kabid.telegram
const SECRET = 'webhook_secret_0123456789'

describe('webhook mode', () => {
  it('sets the webhook with the secret without dropping updates; wrong or missing secret gets 401 and changes nothing', async () => {
    const h = await startHarness({ env: { TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: SECRET, PUBLIC_URL: 'https://kinerja.kendarikota.go.id' } })
    await supervisorOpenedBot(h)
    expect(h.tg.webhook).toMatchObject({ url: 'https://kinerja.kendarikota.go.id/telegram/webhook', secret_token: SECRET, drop_pending_updates: false })
    const url = `http://127.0.0.1:${h.app.port}/telegram/webhook`
    const update = h.tg.userSends(andi, '/lapor 08:00-09:00 Rapat koordinasi')

    expect((await h.tg.postUpdate(url, update, 'wrong_secret_000000000')).status).toBe(401)
    expect((await h.tg.postUpdate(url, update)).status).toBe(401)
    expect(await h.app.db.prisma.activity.count()).toBe(0)

    expect((await h.tg.postUpdate(url, update, SECRET)).status).toBe(200)
    await h.tg.waitForMessageTo(andi, /terkirim ke atasan/)
    // Telegram redelivers the same update (e.g. after a timeout): one effect
    expect((await h.tg.postUpdate(url, update, SECRET)).status).toBe(200)
    expect((await h.tg.postUpdate(url, update, SECRET)).status).toBe(200)
    expect(await h.app.db.prisma.activity.count()).toBe(1)
    expect(h.tg.messagesTo(andi).filter((m) => /terkirim/.test(m.text))).toHaveLength(1)
  })
})

describe('long polling', () => {
  it('a graceful stop confirms the offset: a restart does not replay handled updates', async () => {
    const h = await startHarness()
    await supervisorOpenedBot(h)
    h.tg.userSends(andi, '/lapor 08:00-09:00 Rapat koordinasi')
    await h.tg.waitForMessageTo(andi, /terkirim ke atasan/)
    await h.restart()
    h.tg.userSends(andi, '/rekap')
    await h.tg.waitForMessageTo(andi, /Rekap November/)
    expect(h.tg.messagesTo(andi).filter((m) => /terkirim/.test(m.text))).toHaveLength(1)
  })
})

describe('graceful stop in polling mode', () => {
  it('confirms the offset of an update still being handled: nothing is left pending at the fake after stop', async () => {
    const h = await startHarness()
    // the reply waits unanswered, so the poller has taken the update but not asked for the next batch yet
    h.tg.holdSends()
    const update = h.tg.userSends(andi, '/bantuan')
    await h.tg.waitFor(() => h.tg.heldSends() === 1, { label: 'reply on its way' })
    expect(h.tg.pendingUpdates()).toBe(1)
    const stopped = h.app.stop()
    await h.tg.waitFor(() => h.tg.pendingUpdates() === 0, { label: 'offset confirmed by stop' })
    h.tg.releaseSends()
    await stopped
    expect(h.tg.pendingUpdates()).toBe(0)
    expect(h.tg.messagesTo(andi).filter((m) => /Perintah kinerja-bot/.test(m.text))).toHaveLength(1)
    const confirm = h.tg.calls.filter((c) => c.method === 'getUpdates').at(-1)
    expect(Number(confirm?.params.offset)).toBe(update.update_id + 1)
  })
})

describe('cards for supervisors who have not linked yet', () => {
  it('holds the card and delivers it when the supervisor links', async () => {
    const h = await startHarness()
    h.tg.userSends(andi, '/lapor 08:00-09:00 Rapat koordinasi')
    // she has never opened the bot, which cannot write first: the receipt says the report waits for her
    await h.tg.waitForMessageTo(andi, /tercatat\. Atasan Anda belum membuka bot; laporan akan sampai begitu beliau membukanya/)
    await eventually(async () => (await h.app.db.prisma.outbox.findFirst({ where: { kind: 'approval_card', status: 'HELD' } })) !== null, { label: 'card held' })
    expect(h.tg.messagesTo(kabid)).toHaveLength(0)
    h.tg.userSends(kabid, '/start')
    await h.tg.waitForMessageTo(kabid, /menunggu persetujuan/)
  })
})

describe('/persetujuan', () => {
  it('lists pending items in pages, and Setujui semua approves exactly the listed page', async () => {
    const h = await startHarness()
    const { tg } = h
    tg.userSends(kabid, '/start')
    await tg.waitForMessageTo(kabid, /Selamat datang/)
    for (let i = 0; i < 7; i++) {
      tg.userSends(andi, `/lapor ${String(8 + i).padStart(2, '0')}:00-${String(9 + i).padStart(2, '0')}:00 Kegiatan ke-${i + 1}`)
      await tg.waitFor(() => tg.messagesTo(andi).filter((m) => /terkirim/.test(m.text)).length === i + 1)
    }
    tg.userSends(kabid, '/persetujuan')
    const list = await tg.waitForMessageTo(kabid, /Menunggu persetujuan: 7 laporan \(halaman 1 dari 2\)/)
    expect(list.text).toMatch(/Kegiatan ke-1/)
    expect(list.text).not.toMatch(/Kegiatan ke-6/)
    expect(buttonLabels(list)).toEqual(['✅ Setujui semua di halaman ini', 'Berikutnya »'])
    tg.userClicks(kabid, list.message_id, buttonData(list, /Berikutnya/)!)
    await tg.waitFor(() => tg.messagesTo(kabid).find((m) => m.message_id === list.message_id && /halaman 2 dari 2/.test(m.text)))
    tg.userClicks(kabid, list.message_id, 'pg:1')
    await tg.waitFor(() => tg.messagesTo(kabid).find((m) => m.message_id === list.message_id && /halaman 1 dari 2/.test(m.text)))
    const page1 = tg.messagesTo(kabid).find((m) => m.message_id === list.message_id)!
    tg.userClicks(kabid, list.message_id, buttonData(page1, /Setujui semua/)!)
    await tg.waitFor(() => tg.messagesTo(kabid).find((m) => m.message_id === list.message_id && /5 laporan disetujui/.test(m.text)))
    const statuses = await h.app.db.prisma.activity.groupBy({ by: ['status'], _count: { _all: true } })
    expect(Object.fromEntries(statuses.map((s) => [s.status, s._count._all]))).toEqual({ DISETUJUI: 5, DIAJUKAN: 2 })
    const approved = await h.app.db.prisma.activity.findMany({ where: { status: 'DISETUJUI' }, orderBy: { id: 'asc' } })
    expect(approved.map((a) => a.description)).toEqual([1, 2, 3, 4, 5].map((n) => `Kegiatan ke-${n}`))
  })

  it('a forged Setujui semua approves only what the clicker may decide', async () => {
    const h = await startHarness()
    await supervisorOpenedBot(h)
    h.tg.userSends(andi, '/lapor 08:00-09:00 Rapat koordinasi')
    await h.tg.waitForMessageTo(andi, /terkirim ke atasan/)
    h.tg.userSends(people.otherKabid.telegram, '/start')
    await h.tg.waitForMessageTo(people.otherKabid.telegram, /Selamat datang/)
    h.tg.userClicks(people.otherKabid.telegram, 1, 'pa:1')
    await h.tg.waitFor(() => h.tg.callbackAnswers().find((a) => /0 laporan disetujui\. 1 dilewati/.test(a.text ?? '')))
    expect((await h.app.db.prisma.activity.findFirstOrThrow()).status).toBe('DIAJUKAN')
  })
})

describe('replies under a flood limit', () => {
  it('a receipt refused with 429 is sent again after retry_after: the report is stored once and the person gets their receipt', async () => {
    const h = await startHarness()
    h.tg.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } })
    // Nurhayati never opened the bot: no card goes out to take the 429, the receipt says it waits for her
    h.tg.userSends(andi, '/lapor 08:00-09:00 Rapat koordinasi')
    const receipt = await h.tg.waitForMessageTo(andi, /Laporan #1 tercatat/, { timeoutMs: 5000 })
    const refused = h.tg.calls.filter((c) => c.method === 'sendMessage' && c.error?.error_code === 429)
    expect(refused).toHaveLength(1)
    const sent = h.tg.calls.find((c) => c.method === 'sendMessage' && !c.error && Number(c.params.chat_id) === andi && /Laporan #1 tercatat/.test(String(c.params.text)))
    expect(receipt.text).toMatch(/Laporan #1 tercatat/)
    expect(sent!.at - refused[0]!.at).toBeGreaterThanOrEqual(900) // waited retry_after
    expect(h.tg.messagesTo(andi).filter((m) => /Laporan #1 tercatat/.test(m.text))).toHaveLength(1)
    expect(await h.app.db.prisma.activity.count()).toBe(1)
    expect(h.tg.messagesTo(andi).some((m) => /kesalahan/i.test(m.text))).toBe(false)
  })
})

describe('health', () => {
  it('serves /healthz and /readyz', async () => {
    const h = await startHarness()
    const base = `http://127.0.0.1:${h.app.port}`
    expect((await fetch(`${base}/healthz`)).status).toBe(200)
    const ready = await fetch(`${base}/readyz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ready' })
    expect((await fetch(`${base}/nope`)).status).toBe(404)
  })

  it('exports Prometheus metrics: updates by outcome, latency, sends, outbox depth and the roles held', async () => {
    const h = await startHarness()
    // the supervisor links first: this test is about metrics, not about releasing a held card
    h.tg.userSends(kabid, '/start')
    await h.tg.waitForMessageTo(kabid, /Selamat datang/)
    const update = h.tg.userSends(andi, '/lapor 08:00-09:00 Rapat koordinasi')
    await h.tg.waitForMessageTo(andi, /terkirim/)
    h.tg.queue(update)
    await h.tg.waitForMessageTo(kabid, /menunggu persetujuan/)
    const url = `http://127.0.0.1:${h.app.port}/metrics`
    expect((await fetch(url)).headers.get('content-type')).toMatch(/text\/plain/)
    // the fake has the card once the platform accepted it; the dispatcher counts it a moment later, when it marks the row SENT
    const sent = /kinerja_outbox_sends_total\{[^}]*platform="telegram"[^}]*outcome="sent"[^}]*\} [1-9]/
    const text = await eventually(async () => {
      const body = await (await fetch(url)).text()
      return sent.test(body) && body
    }, { label: 'sent counted in /metrics' })
    expect(text).toMatch(/kinerja_updates_total\{[^}]*platform="telegram"[^}]*outcome="handled"[^}]*\} [2-9]/)
    expect(text).toMatch(/kinerja_handler_duration_seconds_count\{[^}]*platform="telegram"/)
    expect(text).toMatch(/kinerja_leader\{[^}]*role="dispatcher"[^}]*\} 1/)
    expect(text).toMatch(/kinerja_outbox_oldest_pending_seconds/)
  })

  it('never logs the bot token', async () => {
    const h = await startHarness()
    await supervisorOpenedBot(h)
    h.tg.userSends(andi, '/lapor 08:00-09:00 Rapat koordinasi')
    await h.tg.waitForMessageTo(andi, /terkirim/)
    expect(h.logs.join('')).not.toContain(h.tg.token.split(':')[1])
    expect(h.logs.join('')).not.toContain('Rapat koordinasi')
  })
})
