import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../../helpers/app.js'

const andi = people.andi.telegram

describe('an account the import vouched for', () => {
  it('gets the full command menu when its first message is not /start', async () => {
    const h = await startHarness()
    const menus = () => h.tg.calls.filter((c) => c.method === 'setMyCommands' && (c.params.scope as { chat_id?: number } | undefined)?.chat_id === andi)
    expect(menus()).toHaveLength(0)
    h.tg.userSends(andi, '/rekap')
    await h.tg.waitForMessageTo(andi, /Rekap November/)
    expect(menus()).toHaveLength(1)
    expect((menus()[0]!.params.commands as { command: string }[]).map((c) => c.command)).toContain('lapor')
    // only once: the next message finds the account linked
    h.tg.userSends(andi, '/rekap')
    await h.tg.waitFor(() => h.tg.messagesTo(andi).filter((m) => /Rekap November/.test(m.text)).length === 2)
    expect(menus()).toHaveLength(1)
  })
})
