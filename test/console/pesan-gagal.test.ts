import { describe, expect, it } from 'vitest'
import { enqueue } from '../../src/domain/outbox.js'
import { people, startHarness, TOKEN, type Harness } from '../helpers/app.js'
import { consoleClient, openedTheBot, signIn } from '../helpers/console.js'
import { eventually } from '../helpers/wait.js'
import { more } from '../platforms/telegram/evaluation-helpers.js'

// Pesan gagal over real HTTP, with messages the fake Telegram really refused (403: the person blocked the
// bot): listed with their reason (no token in it), retried (and then delivered) or discarded one, several
// or all, each audited with the admin as actor; a message settled by someone else meanwhile changes nothing.

const admin = { nip: '197406162008012010', telegram: 790_000_012 }
const PATH = '/console/pesan-gagal'
const BLOCKED = 'telegram 403: Forbidden: bot was blocked by the user'
const ASK_CODE = 'Silakan ketik kode tautan'

/** A form with repeated fields (the checkboxes). */
function form(...fields: [string, string | number][]): FormData {
  const f = new FormData()
  for (const [k, v] of fields) f.append(k, String(v))
  return f
}

const idsOn = (html: string) => [...html.matchAll(/<tr data-id="(\d+)"/g)].map((m) => Number(m[1]))
const statusOf = async (h: Harness, id: number) => (await h.app.db.prisma.outbox.findUniqueOrThrow({ where: { id } })).status
const trail = (h: Harness) =>
  h.app.db.prisma.auditLog.findMany({ where: { entity: 'outbox' }, orderBy: { id: 'asc' }, select: { actorId: true, action: true, entityId: true, beforeStatus: true, afterStatus: true, detail: true } })

/** Three messages the platform refused for good (the people blocked the bot), then 50 more dead ones to page through. */
async function deadLetters(h: Harness) {
  const db = h.app.db.prisma
  const recipients = [
    await openedTheBot(h, people.andi.nip, people.andi.telegram),
    await openedTheBot(h, people.salmiah.nip, people.salmiah.telegram),
    await openedTheBot(h, more.ahmadSudirman.nip, more.ahmadSudirman.telegram),
  ]
  h.tg.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' }, 3)
  await db.$transaction(async (tx) => {
    for (const recipientId of recipients) await enqueue(tx, { recipientId, message: { kind: 'text', key: 'link.askCode' }, at: h.clock.now() })
  })
  await eventually(async () => {
    await h.app.dispatcher.runOnce()
    return (await db.outbox.count({ where: { status: 'DEAD' } })) === 3
  }, { label: 'three dead letters' })
  const real = (await db.outbox.findMany({ where: { status: 'DEAD' }, orderBy: { id: 'asc' } })).map((r) => r.id)
  // a reason a library could have passed through with the token in a URL and a header
  await db.outbox.update({ where: { id: real[2]! }, data: { lastError: `telegram transport error: request to ${h.tg.url}/bot${TOKEN}/sendMessage failed, Authorization: Bearer sk_live_abcdefgh12345678` } })
  await db.outbox.createMany({
    data: Array.from({ length: 50 }, () => ({
      recipientId: recipients[0]!,
      kind: 'text',
      payload: JSON.stringify({ kind: 'text', key: 'link.askCode' }),
      status: 'DEAD',
      attempts: 5,
      lastError: 'telegram 502: Bad Gateway',
      createdAt: h.clock.now(),
    })),
  })
  const extra = (await db.outbox.findMany({ where: { status: 'DEAD', id: { notIn: real } }, orderBy: { id: 'asc' } })).map((r) => r.id)
  return { real, extra }
}

describe('console: pesan gagal', () => {
  it('lists, retries and discards dead letters one, several or all, audited with the admin; stale selections change nothing', async () => {
    // the dispatcher polls once a minute: what is sent within the test was sent because the console woke it
    const h = await startHarness({ env: { OUTBOX_POLL_MS: '60000' } })
    const a = await signIn(h, admin)
    const b = await signIn(h, admin) // the same admin in another browser, or a colleague: "someone else"
    const adminId = (await h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip: admin.nip } })).id
    const { real, extra } = await deadLetters(h)
    const [andiMsg, salmiahMsg, sudirmanMsg] = real as [number, number, number]

    // the list: oldest first, paged, with who, what, when, attempts and why, no credential in a reason
    const first = await a.get(PATH)
    expect(first.status).toBe(200)
    expect(first.text).toContain('53 pesan gagal.')
    expect(idsOn(first.text)).toEqual([...real, ...extra.slice(0, 47)])
    const row = (html: string, id: number) => html.slice(html.indexOf(`<tr data-id="${id}"`), html.indexOf('</tr>', html.indexOf(`<tr data-id="${id}"`)))
    expect(row(first.text, andiMsg)).toContain(`#${andiMsg} text`)
    expect(row(first.text, andiMsg)).toContain(people.andi.name)
    expect(row(first.text, andiMsg)).toContain(`NIP ${people.andi.nip}`)
    expect(row(first.text, andiMsg)).toContain('27/11/2026 17.00 WITA')
    expect(row(first.text, andiMsg)).toContain(BLOCKED)
    expect(row(first.text, andiMsg)).toMatch(/<td class="num">1<\/td>/)
    expect(row(first.text, sudirmanMsg)).toContain('request to')
    expect(first.text).not.toContain(TOKEN)
    expect(first.text).not.toContain(TOKEN.split(':')[1])
    expect(first.text).not.toContain('sk_live_abcdefgh12345678')
    expect(row(first.text, sudirmanMsg)).toContain('bot[redacted]/sendMessage')
    expect(first.text).toContain(`href="${PATH}?page=2"`)
    const second = await a.get(`${PATH}?page=2`)
    expect(idsOn(second.text)).toEqual(extra.slice(47))
    expect(second.text).toContain(`href="${PATH}?page=1"`)
    await b.get(PATH) // b's page is from now on stale

    // retry one: PENDING at once, the dispatcher woken, delivered to Andi's chat
    const before = h.tg.messagesTo(people.andi.telegram).length
    const retried = await a.post(PATH, { one: `retry:${andiMsg}` })
    expect(retried).toMatchObject({ status: 303, location: `${PATH}?retry=1&id=${andiMsg}` })
    expect(['PENDING', 'SENDING', 'SENT']).toContain(await statusOf(h, andiMsg))
    await h.tg.waitFor(() => h.tg.messagesTo(people.andi.telegram).slice(before).find((m) => m.text.includes(ASK_CODE)), { label: 'the retried message' })
    await eventually(async () => (await statusOf(h, andiMsg)) === 'SENT', { label: 'marked sent' })
    const after = await a.get(retried.location!)
    expect(after.text).toContain(`1 pesan dijadwalkan untuk dikirim lagi: #${andiMsg}.`)
    expect(idsOn(after.text)).not.toContain(andiMsg)

    // discard several (checkboxes): gone from the list, kept as SKIPPED
    const discarded = await a.post(PATH, form(['action', 'discard'], ['id', salmiahMsg], ['id', extra[0]!]))
    expect(discarded.location).toBe(`${PATH}?discard=2&id=${salmiahMsg},${extra[0]}`)
    expect((await a.get(discarded.location!)).text).toContain(`2 pesan dilepaskan: #${salmiahMsg}, #${extra[0]}.`)
    expect(await statusOf(h, salmiahMsg)).toBe('SKIPPED')
    const list = idsOn((await a.get(PATH)).text)
    expect(list).not.toContain(salmiahMsg)
    expect(list).not.toContain(extra[0])
    expect(list[0]).toBe(sudirmanMsg)

    // b, from the stale page: Andi's (already retried) and another one: said so, nothing changed, nothing audited twice
    const countBefore = (await trail(h)).length
    const stale = await b.post(PATH, { one: `discard:${andiMsg}` })
    expect(stale.status).toBe(409)
    expect(stale.text).toContain(`Pesan #${andiMsg} sudah tidak ada di daftar pesan gagal`)
    expect(stale.text).toContain('Tidak ada yang diubah')
    expect(await statusOf(h, andiMsg)).toBe('SENT')
    const mixed = await b.post(PATH, form(['action', 'retry'], ['id', salmiahMsg], ['id', extra[1]!]))
    expect(mixed.status).toBe(409)
    expect(mixed.text).toContain(`#${salmiahMsg} sudah tidak ada`)
    expect(await statusOf(h, salmiahMsg)).toBe('SKIPPED')
    expect(await statusOf(h, extra[1]!)).toBe('DEAD')
    expect(await trail(h)).toHaveLength(countBefore)

    // wrong or incomplete forms: said so, nothing changed
    const none = await a.post(PATH, { action: 'retry' })
    expect(none.status).toBe(400)
    expect(none.text).toContain('Pilih minimal satu pesan')
    const unsure = await a.post(PATH, { all: '1', action: 'discard' })
    expect(unsure.status).toBe(400)
    expect(unsure.text).toContain('Centang &quot;Saya yakin&quot;')
    expect(await h.app.db.prisma.outbox.count({ where: { status: 'DEAD' } })).toBe(50)

    // no CSRF token, another role, no session: 403/401/303 and nothing changed
    expect((await a.post(PATH, { one: `discard:${sudirmanMsg}` }, { csrf: false })).status).toBe(403)
    expect((await a.post(PATH, { one: `discard:${sudirmanMsg}`, _csrf: 'x'.repeat(43) })).status).toBe(403)
    const leader = await signIn(h, people.kaban)
    const supervisor = await signIn(h, people.kabid)
    for (const c of [leader, supervisor]) {
      expect((await c.get(PATH)).status).toBe(403)
      expect((await c.get(`${PATH}?page=2`)).status).toBe(403)
      expect((await c.post(PATH, { one: `discard:${sudirmanMsg}` })).status).toBe(403)
    }
    const anonymous = consoleClient(h)
    expect(await anonymous.get(PATH)).toMatchObject({ status: 303, location: '/console/masuk' })
    expect((await anonymous.post(PATH, { one: `discard:${sudirmanMsg}` })).status).toBe(401)
    expect(await statusOf(h, sudirmanMsg)).toBe('DEAD')
    expect(await trail(h)).toHaveLength(countBefore)

    // two admins on the same message at the same moment: one wins, the other is told, one audit entry
    const contested = extra[1]!
    const race = await Promise.all([a.post(PATH, { one: `retry:${contested}` }), b.post(PATH, { one: `discard:${contested}` })])
    expect(race.map((r) => r.status).sort()).toEqual([303, 409])
    expect(race.find((r) => r.status === 409)!.text).toContain(`Pesan #${contested} sudah tidak ada di daftar pesan gagal`)
    const contestedEntries = (await trail(h)).filter((e) => Number(e.entityId) === contested)
    expect(contestedEntries).toHaveLength(1)

    // retry all (confirmed): every dead letter, not only the page's, is sent
    const rest = [sudirmanMsg, ...extra.slice(2)]
    const all = await a.post(PATH, { all: '1', confirm: '1', action: 'retry' })
    expect(all.location).toMatch(new RegExp(`^${PATH}\\?retry=49&id=${sudirmanMsg},`))
    expect((await a.get(all.location!)).text).toContain('49 pesan dijadwalkan untuk dikirim lagi')
    await eventually(async () => (await h.app.db.prisma.outbox.count({ where: { status: 'SENT', id: { in: rest } } })) === 49, { label: 'all sent' })
    expect(h.tg.messagesTo(more.ahmadSudirman.telegram).some((m) => m.text.includes(ASK_CODE))).toBe(true)
    const empty = await a.get(PATH)
    expect(empty.text).toContain('Tidak ada pesan gagal.')
    expect(idsOn(empty.text)).toEqual([])
    // nothing left: "all" again is no error and changes nothing
    expect((await a.post(PATH, { all: '1', confirm: '1', action: 'discard' })).location).toBe(`${PATH}?discard=0&id=`)

    // every action in the trail, once, with the admin as actor, as the CLI writes it
    const entries = await trail(h)
    expect(entries.every((e) => e.actorId === adminId && e.detail === '{"by":"console"}' && e.beforeStatus === 'DEAD')).toBe(true)
    expect(entries.slice(0, 3).map((e) => [e.action, Number(e.entityId), e.afterStatus])).toEqual([
      ['outbox.retry', andiMsg, 'PENDING'],
      ['outbox.discard', salmiahMsg, 'SKIPPED'],
      ['outbox.discard', extra[0], 'SKIPPED'],
    ])
    expect(entries[3]).toEqual(contestedEntries[0])
    expect(entries.slice(4).map((e) => [e.action, Number(e.entityId)])).toEqual(rest.map((id) => ['outbox.retry', id]))
  }, 60_000)
})
