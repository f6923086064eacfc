import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../../helpers/app.js'
import { supervisorOpenedBot } from './supervisor-opened.js'

const stranger = 555_001
const other = 555_002

async function issueCode(h: Awaited<ReturnType<typeof startHarness>>, nip: string): Promise<string> {
  const r = await h.cli('link-code', nip)
  expect(r.code).toBe(0)
  return r.out.trim().split('\n').pop()!
}

describe('linking a Telegram account', () => {
  it('links with /start <code> (the deep link), greets by name and role, and sets the menu', async () => {
    const h = await startHarness()
    const code = await issueCode(h, people.ahmad.nip)
    h.tg.userSends(stranger, `/start ${code}`)
    const welcome = await h.tg.waitForMessageTo(stranger, /Selamat datang, Ahmad Anwar/)
    expect(welcome.text).toMatch(/sebagai Pegawai — Analis Sumber Daya Manusia Aparatur Ahli Pertama, Bidang Penilaian Kinerja/)
    const menu = h.tg.calls.find((c) => c.method === 'setMyCommands' && (c.params.scope as { chat_id?: number } | undefined)?.chat_id === stranger)
    expect((menu?.params.commands as { command: string }[]).map((c) => c.command)).toEqual(['lapor', 'rekap', 'tpp', 'ekspor', 'batal', 'bantuan'])
    const identity = await h.app.db.prisma.chatAccount.findFirstOrThrow({ where: { chatId: { not: null }, externalId: String(stranger) }, include: { employee: true } })
    expect(identity.employee.nip).toBe(people.ahmad.nip)
  })

  it('links with /start and then the code, and the code is single use', async () => {
    const h = await startHarness()
    const code = await issueCode(h, people.ahmad.nip)
    h.tg.userSends(stranger, '/start')
    await h.tg.waitForMessageTo(stranger, /ketik kode tautan/)
    h.tg.userSends(stranger, code.toLowerCase().replace('-', ' '))
    await h.tg.waitForMessageTo(stranger, /Selamat datang, Ahmad Anwar/)

    h.tg.userSends(other, `/start ${code}`)
    await h.tg.waitForMessageTo(other, /Kode tautan tidak valid atau sudah kedaluwarsa/)
    expect(await h.app.db.prisma.chatAccount.count({ where: { chatId: { not: null }, externalId: String(other) } })).toBe(0)
  })

  it('refuses an expired code', async () => {
    const h = await startHarness()
    const code = await issueCode(h, people.ahmad.nip)
    h.clock.advance(72 * 3_600_000 + 60_000)
    h.tg.userSends(stranger, `/start ${code}`)
    await h.tg.waitForMessageTo(stranger, /tidak valid atau sudah kedaluwarsa/)
    expect(await h.app.db.prisma.chatAccount.count({ where: { chatId: { not: null }, externalId: String(stranger) } })).toBe(0)
  })

  it('locks an account out for an hour after five wrong codes, even for a right one', async () => {
    const h = await startHarness()
    const code = await issueCode(h, people.ahmad.nip)
    for (let i = 1; i <= 4; i++) {
      h.tg.userSends(stranger, `/start WRNG-C0DE`.replace('0', 'X'))
      await h.tg.waitForMessageTo(stranger, new RegExp(`sisa percobaan: ${5 - i}`))
    }
    h.tg.userSends(stranger, '/start ABCD-EFGH')
    await h.tg.waitForMessageTo(stranger, /Terlalu banyak percobaan/)
    h.tg.userSends(stranger, `/start ${code}`)
    await h.tg.waitFor(() => h.tg.messagesTo(stranger).filter((m) => /Terlalu banyak percobaan/.test(m.text)).length === 2)
    expect(await h.app.db.prisma.chatAccount.count({ where: { chatId: { not: null }, externalId: String(stranger) } })).toBe(0)
    // another account is not affected, and after the hour the code works
    h.clock.advance(61 * 60_000)
    h.tg.userSends(stranger, `/start ${code}`)
    await h.tg.waitForMessageTo(stranger, /Selamat datang, Ahmad Anwar/)
    const denied = await h.app.db.prisma.auditLog.count({ where: { action: 'link.denied', actorExternal: String(stranger) } })
    expect(denied).toBe(6)
  })

  it('locks for an hour from the fifth wrong code within an hour, and says how many minutes are left', async () => {
    const h = await startHarness()
    const code = await issueCode(h, people.ahmad.nip)
    // five wrong codes spread over 58 minutes (t0, +15, +30, +45, +58)
    for (const [i, gap] of [0, 15, 15, 15, 13].entries()) {
      h.clock.advance(gap * 60_000)
      h.tg.userSends(stranger, '/start ABCD-EFGH')
      if (i < 4) await h.tg.waitForMessageTo(stranger, `sisa percobaan: ${4 - i})`)
    }
    await h.tg.waitForMessageTo(stranger, /Terlalu banyak percobaan kode yang salah\. Coba lagi setelah 60 menit/)
    // an hour after the first failure but three minutes after the fifth: still locked, 57 minutes to go
    h.clock.advance(3 * 60_000)
    h.tg.userSends(stranger, `/start ${code}`)
    await h.tg.waitForMessageTo(stranger, /Coba lagi setelah 57 menit/)
    h.clock.advance(56 * 60_000)
    h.tg.userSends(stranger, `/start ${code}`)
    await h.tg.waitForMessageTo(stranger, /Coba lagi setelah 1 menit/)
    expect(await h.app.db.prisma.chatAccount.count({ where: { chatId: { not: null }, externalId: String(stranger) } })).toBe(0)
    // an hour after the fifth failure the right code works
    h.clock.advance(60_000)
    h.tg.userSends(stranger, `/start ${code}`)
    await h.tg.waitForMessageTo(stranger, /Selamat datang, Ahmad Anwar/)
  })

  it('audits a successful link: who, which employee and how', async () => {
    const h = await startHarness()
    h.tg.userSends(stranger, `/start ${await issueCode(h, people.ahmad.nip)}`)
    await h.tg.waitForMessageTo(stranger, /Selamat datang/)
    h.tg.userSends(people.andi.telegram, '/start')
    await h.tg.waitForMessageTo(people.andi.telegram, /Selamat datang/)
    const ahmad = await h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip: people.ahmad.nip } })
    const andi = await h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip: people.andi.nip } })
    const links = await h.app.db.prisma.auditLog.findMany({ where: { action: 'link' }, orderBy: { id: 'asc' } })
    expect(links.map((l) => ({ actorId: l.actorId, platform: l.actorPlatform, external: l.actorExternal, entityId: l.entityId, via: JSON.parse(l.detail!).via }))).toEqual([
      { actorId: ahmad.id, platform: 'telegram', external: String(stranger), entityId: String(ahmad.id), via: 'code' },
      { actorId: andi.id, platform: 'telegram', external: String(people.andi.telegram), entityId: String(andi.id), via: 'import' },
    ])
    expect(links.every((l) => l.at.toISOString() === h.clock.now().toISOString())).toBe(true)
  })

  it('a link made with a code wins over the import: the account the import vouched for is not linked back', async () => {
    const h = await startHarness()
    const old = people.andi.telegram
    // the imported account links on first contact...
    h.tg.userSends(old, '/start')
    await h.tg.waitForMessageTo(old, /Selamat datang, Andi Latif/)
    // ...then Andi moves to a new account with a code
    h.tg.userSends(stranger, `/start ${await issueCode(h, people.andi.nip)}`)
    await h.tg.waitForMessageTo(stranger, /Selamat datang, Andi Latif/)
    h.tg.userSends(old, '/rekap')
    await h.tg.waitForMessageTo(old, /belum terhubung[\s\S]*kode tautan/)
    h.tg.userSends(stranger, '/rekap')
    await h.tg.waitForMessageTo(stranger, /Rekap November 2026 — Andi Latif/)
    const ids = await h.app.db.prisma.chatAccount.findMany({ where: { chatId: { not: null }, employee: { nip: people.andi.nip } } })
    expect(ids.map((i) => i.externalId)).toEqual([String(stranger)])
  })

  it('a link made with a code before the imported account was ever used also stays', async () => {
    const h = await startHarness()
    await supervisorOpenedBot(h)
    const old = people.andi.telegram
    h.tg.userSends(stranger, `/start ${await issueCode(h, people.andi.nip)}`)
    await h.tg.waitForMessageTo(stranger, /Selamat datang, Andi Latif/)
    h.tg.userSends(old, '/lapor 08:00-09:00 Rapat koordinasi')
    await h.tg.waitForMessageTo(old, /belum terhubung/)
    h.tg.userSends(stranger, '/lapor 08:00-09:00 Rapat koordinasi')
    await h.tg.waitForMessageTo(stranger, /terkirim ke atasan/)
    const ids = await h.app.db.prisma.chatAccount.findMany({ where: { chatId: { not: null }, employee: { nip: people.andi.nip } } })
    expect(ids.map((i) => i.externalId)).toEqual([String(stranger)])
    expect(await h.app.db.prisma.activity.count()).toBe(1)
  })

  it('relinking an employee with a new code replaces the old account', async () => {
    const h = await startHarness()
    h.tg.userSends(stranger, `/start ${await issueCode(h, people.ahmad.nip)}`)
    await h.tg.waitForMessageTo(stranger, /Selamat datang/)
    h.tg.userSends(other, `/start ${await issueCode(h, people.ahmad.nip)}`)
    await h.tg.waitForMessageTo(other, /Selamat datang, Ahmad Anwar/)
    h.tg.userSends(stranger, '/rekap')
    await h.tg.waitForMessageTo(stranger, /belum terhubung/)
    const ids = await h.app.db.prisma.chatAccount.findMany({ where: { chatId: { not: null }, employee: { nip: people.ahmad.nip } } })
    expect(ids.map((i) => i.externalId)).toEqual([String(other)])
    // the old chat's own menu (lapor, rekap …) is taken away: it shows the menu for the unlinked again
    const resets = h.tg.calls.filter((c) => c.method === 'deleteMyCommands').map((c) => (c.params.scope as { chat_id?: number }).chat_id)
    expect(resets).toEqual([stranger])
  })

  it('explains how to get a code to unlinked users and does nothing else for them', async () => {
    const h = await startHarness()
    h.tg.userSends(stranger, '/lapor 08:00-09:00 Rapat')
    await h.tg.waitForMessageTo(stranger, /belum terhubung[\s\S]*kode tautan/)
    h.tg.userClicks(stranger, 1, 'dc:1:1:ok')
    await h.tg.waitFor(() => h.tg.callbackAnswers().find((a) => /belum terhubung/.test(a.text ?? '')))
    h.tg.userSends(stranger, 'halo')
    await h.tg.waitFor(() => h.tg.messagesTo(stranger).length === 2)
    expect(await h.app.db.prisma.activity.count()).toBe(0)
  })
})

describe('text that is not a code', () => {
  it('after /start, a question gets the hint and uses up no attempt; a code-shaped guess does', async () => {
    const h = await startHarness()
    h.tg.userSends(stranger, '/start')
    await h.tg.waitForMessageTo(stranger, /ketik kode tautan/)
    for (const text of ['saya belum dapat kode', 'Selamat pagi', 'kode saya hilang pak']) {
      h.tg.userSends(stranger, text)
      await h.tg.waitFor(() => h.tg.messagesTo(stranger).filter((m) => /belum terlihat seperti kode tautan/.test(m.text)).length >= 1)
    }
    await h.tg.waitFor(() => h.tg.messagesTo(stranger).filter((m) => /belum terlihat seperti kode tautan/.test(m.text)).length === 3)
    expect(await h.app.db.prisma.linkAttempt.count()).toBe(0)
    h.tg.userSends(stranger, 'ABCD-EFGH')
    await h.tg.waitForMessageTo(stranger, 'sisa percobaan: 4)')
    expect(await h.app.db.prisma.linkAttempt.count()).toBe(1)
    const code = await issueCode(h, people.ahmad.nip)
    h.tg.userSends(stranger, code.toLowerCase())
    await h.tg.waitForMessageTo(stranger, /Selamat datang/)
  })
})
