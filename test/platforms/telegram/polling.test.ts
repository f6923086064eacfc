import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../../helpers/app.js'
import { supervisorOpenedBot } from './supervisor-opened.js'

const andi = people.andi.telegram

describe('long polling', () => {
  it('starts again after Telegram stopped it with 409 Conflict (another poller still open), keeping the role', async () => {
    const h = await startHarness()
    await supervisorOpenedBot(h)
    h.tg.failNext('getUpdates', { error_code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' })
    h.tg.userSends(andi, '/rekap')
    await h.tg.waitForMessageTo(andi, /Rekap November/)
    // the next long poll was refused with 409: polling must come back by itself
    h.tg.userSends(andi, '/lapor 08:00-09:00 Rapat koordinasi')
    await h.tg.waitForMessageTo(andi, /terkirim ke atasan/, { timeoutMs: 10_000 })
    expect(h.app.roles()).toContain('telegram-poller')
    expect(h.logs.join('')).toMatch(/telegram polling stopped: starting again/)
  })
})
