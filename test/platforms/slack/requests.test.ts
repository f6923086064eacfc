import { describe, expect, it } from 'vitest'
import { textOf } from '../../helpers/fake-slack.js'
import { SLACK_SECRET, slackPeople, startSlackHarness } from '../../helpers/slack-harness.js'
import { FORM, sign, signedPost } from '../../helpers/slack-requests.js'

const { kabid, ahmad } = slackPeople

describe('Slack request URL: signatures, timestamps, retries', () => {
  it('answers 401 to a bad or missing signature and an old timestamp, and changes nothing', async () => {
    const h = await startSlackHarness({ telegram: false })
    const { req, slack } = h
    const callsBefore = slack.calls.length
    const now = Math.floor(Date.now() / 1000)
    const attempts = [
      req.command(ahmad.id, 'lapor 08:00-09:00 Menyusun laporan', { signature: null }),
      req.command(ahmad.id, 'lapor 08:00-09:00 Menyusun laporan', { secret: 'not-the-signing-secret-0000' }),
      req.command(ahmad.id, 'lapor 08:00-09:00 Menyusun laporan', { signature: 'v0=00' }),
      // six minutes old, correctly signed for that time: a replay
      req.command(ahmad.id, 'lapor 08:00-09:00 Menyusun laporan', { timestamp: now - 6 * 60 }),
      req.dm(ahmad.id, '08:00-09:00 Menyusun laporan', { secret: 'not-the-signing-secret-0000' }),
      req.openHome(kabid.id, { timestamp: now - 301 }),
      req.click(kabid.id, { message: { channel: slack.dmChannel(kabid.id), ts: '1795000000.000001', text: '', blocks: [], edits: 0 } }, { action_id: 'decide_ok', value: '1:1:ok' }, { signature: null }),
    ]
    const results = await Promise.all(attempts)
    expect(results.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401, 401])

    // a body changed after signing is refused as well
    const body = new URLSearchParams({ command: '/kinerja', text: 'rekap', user_id: ahmad.id }).toString()
    const ts = Math.floor(Date.now() / 1000)
    const tampered = await signedPost(req.endpoint(), body.replace('rekap', 'lapor'), FORM, SLACK_SECRET, { signature: sign(SLACK_SECRET, ts, body), timestamp: ts })
    expect(tampered.status).toBe(401)

    await new Promise((r) => setTimeout(r, 300))
    expect(await h.app.db.prisma.activity.count()).toBe(0)
    expect(await h.app.db.prisma.chatAccount.count({ where: { chatId: { not: null } } })).toBe(0)
    expect(await h.app.db.prisma.processedUpdate.count()).toBe(0)
    expect(slack.calls.slice(callsBefore)).toEqual([])
  })

  it('gives a retried or duplicated event (same event_id) one effect', async () => {
    const h = await startSlackHarness({ telegram: false })
    const { req, slack } = h
    const first = await req.dm(ahmad.id, '08:00-09:00 Menyusun laporan', { eventId: 'Ev0KDI0001' })
    expect(first.status).toBe(200)
    // Slack retries when it did not see the ack in time, with the same event_id
    const retries = await Promise.all([
      req.dm(ahmad.id, '08:00-09:00 Menyusun laporan', { eventId: 'Ev0KDI0001', retryNum: 1 }),
      req.dm(ahmad.id, '08:00-09:00 Menyusun laporan', { eventId: 'Ev0KDI0001', retryNum: 2 }),
      req.dm(ahmad.id, '08:00-09:00 Menyusun laporan', { eventId: 'Ev0KDI0001' }),
    ])
    expect(retries.map((r) => r.status)).toEqual([200, 200, 200])
    await slack.waitFor(() => slack.messagesIn(slack.dmChannel(ahmad.id)).find((m) => /terkirim ke atasan/.test(m.text)), 'the receipt')
    await new Promise((r) => setTimeout(r, 400))
    expect(await h.app.db.prisma.activity.count()).toBe(1)
    // one receipt, and no "overlaps with your own report" from a second attempt
    const dms = slack.messagesIn(slack.dmChannel(ahmad.id)).map(textOf)
    expect(dms.filter((t) => /terkirim/.test(t))).toHaveLength(1)
    expect(dms.some((t) => /bertabrakan/.test(t))).toBe(false)
    expect(h.logs.some((l) => /duplicate slack event ignored/.test(l))).toBe(true)

    // App Home opened twice under one event_id: published once
    await req.openHome(kabid.id, { eventId: 'Ev0KDI0002' })
    await req.openHome(kabid.id, { eventId: 'Ev0KDI0002', retryNum: 1 })
    await slack.waitFor(() => slack.homes.get(kabid.id), 'home')
    await new Promise((r) => setTimeout(r, 300))
    expect(slack.callsOf('views.publish')).toHaveLength(1)
  })

  it('answers the URL verification challenge and ignores its own messages', async () => {
    const h = await startSlackHarness({ telegram: false })
    const body = JSON.stringify({ token: 'x', challenge: 'kendari-3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' })
    const res = await signedPost(h.req.endpoint(), body, 'application/json', SLACK_SECRET)
    expect(res.status).toBe(200)
    expect(res.json?.challenge).toMatch(/^kendari-/)
    // the app's own messages come back as events too (bot user id from auth.test)
    await h.req.dm(h.slack.botUserId, '08:00-09:00 Laporan bot')
    await new Promise((r) => setTimeout(r, 300))
    expect(await h.app.db.prisma.activity.count()).toBe(0)
    expect(h.slack.callsOf('users.info')).toHaveLength(0)
  })
})
