import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../../helpers/app.js'

const andi = people.andi.telegram
const stranger = 555_003

describe('/bantuan and the hint for unknown text', () => {
  it('explains every command with examples to a linked user', async () => {
    const h = await startHarness()
    h.tg.userSends(andi, '/bantuan')
    const help = await h.tg.waitForMessageTo(andi, /Perintah kinerja-bot/)
    for (const command of ['/lapor', '/rekap', '/persetujuan', '/umpanbalik', '/batal', '/bantuan']) expect(help.text).toContain(`${command} — `)
    expect(help.text).toContain('/lapor 08:00-10:30 Menyusun laporan keuangan bulanan')
    expect(help.text).toContain('/lapor kemarin 13.00-15.00')
    expect(help.text).not.toMatch(/belum terhubung/)
  })

  it('gives an unlinked user the help and how to get a code', async () => {
    const h = await startHarness()
    h.tg.userSends(stranger, '/bantuan')
    const help = await h.tg.waitForMessageTo(stranger, /Perintah kinerja-bot/)
    expect(help.text).toMatch(/belum terhubung[\s\S]*\/start KODE/)
  })

  it('answers text it does not understand with a hint, and stores nothing', async () => {
    const h = await startHarness()
    // the first message of an imported account is answered by the welcome: talk to a linked one
    h.tg.userSends(andi, '/start')
    await h.tg.waitForMessageTo(andi, /Selamat datang/)
    h.tg.userSends(andi, 'selamat pagi pak')
    const hint = await h.tg.waitForMessageTo(andi, /Maaf, saya tidak mengerti/)
    expect(hint.text).toContain('/lapor 08:00-10:30 Menyusun laporan')
    expect(hint.text).toContain('/bantuan')
    // an unknown command gets the same hint
    h.tg.userSends(andi, '/laporan 1 jam rapat')
    await h.tg.waitFor(() => h.tg.messagesTo(andi).filter((m) => /tidak mengerti/.test(m.text)).length === 2)
    expect(await h.app.db.prisma.activity.count()).toBe(0)
  })
})
