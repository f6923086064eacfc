import { eventually } from '../../helpers/wait.js'
import { networkInterfaces } from 'node:os'
import { describe, expect, it } from 'vitest'
import type { ChatEntry } from '../../../src/platforms/playground/chat.js'
import ExcelJS from 'exceljs'
import { people, startHarness, type Harness } from '../../helpers/app.js'
import { seedProgres } from '../../helpers/progres.js'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

// The playground through its real routes, with the real app and a real SQLite database: no token at all,
// so the playground is the one platform, as on a fresh clone.

type Person = { id: number; nip: string; name: string; role: string; unit: { code: string } }

const start = (env: Record<string, string> = {}) => startHarness({ env: { TELEGRAM_BOT_TOKEN: '', ...env } })
const url = (h: Harness, path: string) => `http://127.0.0.1:${h.app.port}/playground${path}`

async function getJson<T>(h: Harness, path: string): Promise<T> {
  const r = await fetch(url(h, path))
  expect(r.status).toBe(200)
  return (await r.json()) as T
}
async function post(h: Harness, path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const r = await fetch(url(h, path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return { status: r.status, json: (await r.json()) as Record<string, unknown> }
}

const textOf = (m: ChatEntry) => m.blocks.map((b) => (b.type === 'text' ? [b.heading, b.text].filter(Boolean).join('\n') : b.type === 'note' ? b.text : '')).join('\n')
const buttonsOf = (m: ChatEntry) => m.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))

/** A person's chat as the page shows it: each message in its latest state, in the order first seen. */
async function chat(h: Harness, as: number): Promise<ChatEntry[]> {
  const { messages } = await getJson<{ messages: ChatEntry[] }>(h, `/api/chat?as=${as}`)
  const byRef = new Map<string, ChatEntry>()
  for (const m of messages) byRef.set(m.ref, m)
  return [...byRef.values()]
}

async function waitFor(h: Harness, as: number, pattern: RegExp, opts: { from?: ChatEntry['from'] } = {}): Promise<ChatEntry> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const found = (await chat(h, as)).filter((m) => (opts.from ?? 'bot') === m.from && pattern.test(textOf(m))).at(-1)
    if (found) return found
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} in chat ${as}:\n${(await chat(h, as)).map((m) => `  [${m.from}] ${JSON.stringify(textOf(m).slice(0, 160))}`).join('\n')}`)
    await new Promise((r) => setTimeout(r, 30))
  }
}

const say = async (h: Harness, as: number, text: string) => expect((await post(h, '/api/send', { as, text })).status).toBe(200)
async function press(h: Harness, as: number, m: ChatEntry, label: RegExp) {
  const b = buttonsOf(m).find((x) => label.test(x.label))
  if (!b) throw new Error(`no button ${label} on ${JSON.stringify(m)}`)
  expect((await post(h, '/api/send', { as, data: b.data, ref: m.ref })).status).toBe(200)
}

async function cast(h: Harness) {
  const { people: all } = await getJson<{ people: Person[] }>(h, '/api/people')
  const by = (nip: string) => all.find((p) => p.nip === nip)!
  return { all, andi: by(people.andi.nip), kabid: by(people.kabid.nip) }
}

describe('playground', () => {
  it('serves the page with the sandbox banner, and the organisation with roles', async () => {
    const h = await start()
    expect(h.app.platforms.map((p) => p.platform)).toEqual(['playground'])
    const page = await fetch(url(h, ''))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    expect(await page.text()).toContain('Mode latihan (sandbox)')
    const { all, andi, kabid } = await cast(h)
    expect(andi).toMatchObject({ name: people.andi.name, role: 'EMPLOYEE', unit: { code: expect.any(String) } })
    expect(kabid.role).toBe('SUPERVISOR')
    // everyone of the organisation can be picked: each has a playground account the import vouches for
    const accounts = await h.app.db.prisma.chatAccount.count({ where: { platform: 'playground', vouchedBy: 'import' } })
    expect(accounts).toBe(all.length)

    // /ekspor: the workbook travels with its message, offered by the page as a download
    await seedProgres(h)
    await say(h, andi.id, '/ekspor')
    const exported = await waitFor(h, andi.id, /Progres harian November 2026 untuk e-Kinerja BKN/)
    expect(exported.file).toMatchObject({ name: `progres-harian-${people.andi.nip}-2026-11.xlsx`, mime: XLSX })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(exported.file!.url.slice(`data:${XLSX};base64,`.length), 'base64') as unknown as ArrayBuffer)
    expect(book.worksheets[0]!.getCell('A1').value).toBe('Rencana Aksi')
  })

  it('report → card with buttons → Revisi asks for a reason → resubmit → Setujui → rekap', async () => {
    const h = await start()
    const { andi, kabid } = await cast(h)
    await say(h, andi.id, '/lapor 08:00-10:00 Menyusun laporan keuangan')
    // the first input links the vouched account: welcome, then the receipt
    await waitFor(h, andi.id, /Selamat datang/)
    const receipt = await waitFor(h, andi.id, /Laporan #(\d+) terkirim ke atasan/)
    const id = Number(/#(\d+)/.exec(textOf(receipt))![1])
    expect((await chat(h, andi.id)).some((m) => m.from === 'person' && textOf(m).includes('/lapor 08:00-10:00'))).toBe(true)

    // the supervisor never opened the page: the card reaches her chat all the same
    const card = await waitFor(h, kabid.id, new RegExp(`Laporan kegiatan #${id} menunggu persetujuan`))
    expect(buttonsOf(card).map((b) => b.label)).toEqual(expect.arrayContaining(['✅ Setujui', '✏️ Revisi', '❌ Tolak']))
    expect(buttonsOf(card).every((b) => /^[a-z]+:/.test(b.data))).toBe(true)

    await press(h, kabid.id, card, /Revisi/)
    await waitFor(h, kabid.id, /alasan/i)
    expect((await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id } })).status).toBe('DIAJUKAN')
    await say(h, kabid.id, 'Lampirkan rincian anggaran')
    // the card is redrawn in place (same ref), without buttons
    const decided = await waitFor(h, kabid.id, /Perlu revisi oleh Nurhayati Ramli/)
    expect(decided.ref).toBe(card.ref)
    expect(buttonsOf(decided)).toEqual([])

    const notice = await waitFor(h, andi.id, new RegExp(`Keputusan atas laporan #${id}[\\s\\S]*Alasan: Lampirkan rincian anggaran`))
    await press(h, andi.id, notice, /Ubah/)
    await say(h, andi.id, '08:00-10:00 Menyusun laporan keuangan dengan rincian anggaran')
    await waitFor(h, andi.id, new RegExp(`Laporan #${id} diperbarui dan dikirim ulang`))
    const fresh = await waitFor(h, kabid.id, new RegExp(`Laporan kegiatan #${id} \\(perbaikan ke-1\\) menunggu`))
    expect(fresh.ref).not.toBe(card.ref)

    // a stale button (the first card as it was) is refused with a notice, nothing changes
    await press(h, kabid.id, card, /^✅ Setujui$/)
    await waitFor(h, kabid.id, /Tombol ini sudah tidak berlaku/, { from: 'notice' })
    await press(h, kabid.id, fresh, /^✅ Setujui$/)
    await waitFor(h, kabid.id, /Disetujui oleh Nurhayati Ramli/)
    expect(await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'DISETUJUI', version: 2 })
    await waitFor(h, andi.id, new RegExp(`Keputusan atas laporan #${id}[\\s\\S]*Disetujui`))

    await say(h, andi.id, '/rekap')
    await waitFor(h, andi.id, /Rekap/i)
  })

  it('reads a chat from a cursor: only what is new, an edit as the new state of its ref', async () => {
    const h = await start()
    const { andi } = await cast(h)
    await say(h, andi.id, '/bantuan')
    const first = await getJson<{ messages: ChatEntry[]; cursor: number }>(h, `/api/chat?as=${andi.id}`)
    expect(first.messages.length).toBeGreaterThan(0)
    const again = await getJson<{ messages: ChatEntry[]; cursor: number }>(h, `/api/chat?as=${andi.id}&after=${first.cursor}`)
    expect(again).toEqual({ messages: [], cursor: first.cursor })
    await say(h, andi.id, 'halo')
    const next = await getJson<{ messages: ChatEntry[] }>(h, `/api/chat?as=${andi.id}&after=${first.cursor}`)
    expect(next.messages.map((m) => m.from)).toEqual(['person', 'bot'])
    expect(textOf(next.messages[1]!)).toMatch(/Maaf, saya tidak mengerti/)
    // unknown people and malformed requests are refused
    expect((await fetch(url(h, '/api/chat?as=999999'))).status).toBe(404)
    expect((await post(h, '/api/send', { as: andi.id })).status).toBe(400)
  })

  it('runs a scheduled job as of a chosen time: the reminder reaches who has not reported', async () => {
    const h = await start()
    const { andi } = await cast(h)
    const r = await post(h, '/api/run-job', { job: 'activity-reminder', at: '2026-11-27T15:30' })
    expect(r.status).toBe(200)
    expect(r.json).toMatchObject({ job: 'activity-reminder', status: 'done', at: '2026-11-27T07:30:00.000Z' })
    await waitFor(h, andi.id, /belum|lapor/i)
    expect((await post(h, '/api/run-job', { job: 'housekeeping' })).status).toBe(400)
    expect((await post(h, '/api/run-job', { job: 'activity-reminder', at: 'sore ini' })).status).toBe(400)
  })

  it('runs the weekly digest as of a chosen Monday: every leader gets it in the playground', async () => {
    const h = await start()
    const { all } = await cast(h)
    const leaders = all.filter((p) => p.role === 'LEADER')
    expect(leaders.length).toBeGreaterThan(0)
    const r = await post(h, '/api/run-job', { job: 'weekly-digest', at: '2026-11-30T07:30' })
    expect(r.status).toBe(200)
    expect(r.json).toMatchObject({ job: 'weekly-digest', status: 'done', ahead: true })
    const db = h.app.db.prisma
    const digests = () => db.outbox.findMany({ where: { kind: 'leader_digest' }, select: { status: true, platform: true, recipientId: true } })
    await eventually(async () => (await digests()).filter((x) => x.status === 'SENT').length === leaders.length)
    const rows = await digests()
    expect(rows.map((x) => x.recipientId).sort((a, b) => a - b)).toEqual(leaders.map((l) => l.id).sort((a, b) => a - b))
    expect(rows.every((x) => x.platform === 'playground')).toBe(true)
    expect((await chat(h, leaders[0]!.id)).filter((m) => m.from === 'bot').length).toBeGreaterThan(0)
  })

  it('runs the evaluation round as of the first work day of a month: the Pejabat Penilai gets the cards to rate', async () => {
    const h = await start()
    const { kabid } = await cast(h)
    const r = await post(h, '/api/run-job', { job: 'evaluation-round', at: '2026-12-01T08:00' })
    expect(r.status).toBe(200)
    // later than the harness's clock: allowed in the sandbox, and said
    expect(r.json).toMatchObject({ job: 'evaluation-round', status: 'done', period: '2026-11', ahead: true })
    const db = h.app.db.prisma
    const opened = await db.evaluation.count({ where: { period: '2026-11' } })
    expect(opened).toBeGreaterThan(0)
    const cards = () => db.outbox.findMany({ where: { kind: 'evaluation_card' }, select: { status: true, platform: true } })
    await eventually(async () => (await cards()).filter((x) => x.status === 'SENT').length === opened)
    expect((await cards()).every((x) => x.platform === 'playground')).toBe(true)
    const card = await waitFor(h, kabid.id, /Penilaian|penilaian/)
    expect(JSON.stringify(card)).toContain('Kirim penilaian')
  })

  // an address of this machine that is not loopback: a request to it comes from "another machine" as far as
  // the socket can tell
  const outside = Object.values(networkInterfaces()).flat().find((a) => a && !a.internal && a.family === 'IPv4')?.address
  it.skipIf(!outside)('answers this machine only, unless PLAYGROUND=true opens it for a training room', async () => {
    const closed = await start({ HOST: '0.0.0.0' })
    const from = (h: Harness, path: string) => fetch(`http://${outside}:${h.app.port}/playground${path}`)
    expect((await from(closed, '')).status).toBe(403)
    expect((await from(closed, '/api/people')).status).toBe(403)
    expect((await fetch(url(closed, ''))).status).toBe(200)
    const open = await start({ HOST: '0.0.0.0', PLAYGROUND: 'true' })
    expect((await from(open, '')).status).toBe(200)
  })

  it('is off with a real platform enabled unless PLAYGROUND=true, and on without any token unless PLAYGROUND=false', async () => {
    const withTelegram = await startHarness()
    expect(withTelegram.app.platforms.map((p) => p.platform)).toEqual(['telegram'])
    expect((await fetch(url(withTelegram, ''))).status).toBe(404)
    const both = await startHarness({ env: { PLAYGROUND: 'true' } })
    expect(both.app.platforms.map((p) => p.platform)).toEqual(['telegram', 'playground'])
    expect((await fetch(url(both, ''))).status).toBe(200)
  })
})
