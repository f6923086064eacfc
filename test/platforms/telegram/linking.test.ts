import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../../helpers/app.js'

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
    expect((menu?.params.commands as { command: string }[]).map((c) => c.command)).toEqual(['lapor', 'rekap', 'persetujuan', 'umpanbalik', 'batal', 'bantuan'])
    const identity = await h.app.db.prisma.chatIdentity.findFirstOrThrow({ where: { externalId: String(stranger) }, include: { employee: true } })
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
    expect(await h.app.db.prisma.chatIdentity.count({ where: { externalId: String(other) } })).toBe(0)
  })

  it('refuses an expired code', async () => {
    const h = await startHarness()
    const code = await issueCode(h, people.ahmad.nip)
    h.clock.advance(72 * 3_600_000 + 60_000)
    h.tg.userSends(stranger, `/start ${code}`)
    await h.tg.waitForMessageTo(stranger, /tidak valid atau sudah kedaluwarsa/)
    expect(await h.app.db.prisma.chatIdentity.count({ where: { externalId: String(stranger) } })).toBe(0)
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
    expect(await h.app.db.prisma.chatIdentity.count({ where: { externalId: String(stranger) } })).toBe(0)
    // another account is not affected, and after the hour the code works
    h.clock.advance(61 * 60_000)
    h.tg.userSends(stranger, `/start ${code}`)
    await h.tg.waitForMessageTo(stranger, /Selamat datang, Ahmad Anwar/)
    const denied = await h.app.db.prisma.auditLog.count({ where: { action: 'link.denied', actorExternal: String(stranger) } })
    expect(denied).toBe(6)
  })

  it('relinking an employee with a new code replaces the old account', async () => {
    const h = await startHarness()
    h.tg.userSends(stranger, `/start ${await issueCode(h, people.ahmad.nip)}`)
    await h.tg.waitForMessageTo(stranger, /Selamat datang/)
    h.tg.userSends(other, `/start ${await issueCode(h, people.ahmad.nip)}`)
    await h.tg.waitForMessageTo(other, /Selamat datang, Ahmad Anwar/)
    h.tg.userSends(stranger, '/rekap')
    await h.tg.waitForMessageTo(stranger, /belum terhubung/)
    const ids = await h.app.db.prisma.chatIdentity.findMany({ where: { employee: { nip: people.ahmad.nip } } })
    expect(ids.map((i) => i.externalId)).toEqual([String(other)])
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
