import { describe, expect, it } from 'vitest'
import { people, startHarness, TOKEN } from '../../helpers/app.js'
import { supervisorOpenedBot } from './supervisor-opened.js'

const andi = people.andi.telegram
const SECRET = 'webhook_secret_0123456789'
const BOT_ID = TOKEN.split(':')[0]!

// A process that claimed an update and died before it finished leaves a claim without doneAt.
describe('an update whose handler died half-way', () => {
  it('is handled by the redelivery once the dead claim has run out: the report is not lost', async () => {
    const h = await startHarness({ env: { TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: SECRET, PUBLIC_URL: 'https://kinerja.kendarikota.go.id' } })
    await supervisorOpenedBot(h)
    const url = `http://127.0.0.1:${h.app.port}/telegram/webhook`
    const update = h.tg.userSends(andi, '/lapor 08:00-09:00 Rapat koordinasi')
    await h.app.db.prisma.processedUpdate.create({ data: { platform: 'telegram', updateKey: `${BOT_ID}:${update.update_id}`, at: h.clock.now() } })

    // Telegram redelivers while the claim is still fresh: the handler waits instead of dropping it
    const redelivered = h.tg.postUpdate(url, update, SECRET)
    await new Promise((r) => setTimeout(r, 500))
    expect(await h.app.db.prisma.activity.count()).toBe(0)
    h.clock.advance(61_000) // the dead claim's lease is over
    expect((await redelivered).status).toBe(200)
    await h.tg.waitForMessageTo(andi, /terkirim ke atasan/)
    expect(await h.app.db.prisma.activity.count()).toBe(1)
    expect(await h.app.db.prisma.processedUpdate.findFirst({ where: { updateKey: `${BOT_ID}:${update.update_id}` } })).toMatchObject({ doneAt: expect.any(Date) })

    // from now on it is a duplicate
    expect((await h.tg.postUpdate(url, update, SECRET)).status).toBe(200)
    expect(await h.app.db.prisma.activity.count()).toBe(1)
    expect(h.tg.messagesTo(andi).filter((m) => /terkirim/.test(m.text))).toHaveLength(1)
  })

  it('is a duplicate when the other handler finishes while the redelivery waits', async () => {
    const h = await startHarness({ env: { TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: SECRET, PUBLIC_URL: 'https://kinerja.kendarikota.go.id' } })
    const url = `http://127.0.0.1:${h.app.port}/telegram/webhook`
    const update = h.tg.userSends(andi, '/lapor 08:00-09:00 Rapat koordinasi')
    const key = `${BOT_ID}:${update.update_id}`
    await h.app.db.prisma.processedUpdate.create({ data: { platform: 'telegram', updateKey: key, at: h.clock.now() } })
    const redelivered = h.tg.postUpdate(url, update, SECRET)
    await new Promise((r) => setTimeout(r, 500))
    // the first handler (another instance) finishes
    await h.app.db.prisma.processedUpdate.updateMany({ where: { updateKey: key }, data: { doneAt: h.clock.now() } })
    expect((await redelivered).status).toBe(200)
    await new Promise((r) => setTimeout(r, 300))
    expect(await h.app.db.prisma.activity.count()).toBe(0)
    expect(h.tg.messagesTo(andi)).toHaveLength(0)
  })
})
