import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../helpers/app.js'
import { consoleClient, openedTheBot, requestLink, signIn, signInLinkIn } from '../helpers/console.js'

// Passwordless sign-in and sessions of the web console over real HTTP, the link coming through the fake
// Telegram chat: one-time, 10 minutes, the same answer for every NIP, rate limits, CSRF, timeouts.

const admin = { nip: '197406162008012010', telegram: 790_000_012 }

describe('console sign-in', () => {
  it('sends a one-time link to the linked chat; opening it only asks to confirm; confirming opens a session', async () => {
    const h = await startHarness()
    await openedTheBot(h, people.kabid.nip, people.kabid.telegram)
    const client = consoleClient(h)
    const link = await requestLink(h, client, people.kabid.nip, people.kabid.telegram)
    expect(h.tg.lastMessageTo(people.kabid.telegram)!.text).toMatch(/berlaku 10 menit, sekali pakai/)
    const path = new URL(link).pathname
    // a chat app's link preview opens it: that must not use it up
    expect((await consoleClient(h).get(path)).status).toBe(200)
    expect((await client.get(path)).text).toContain('Masuk</button>')
    const r = await client.post(path)
    expect(r.status).toBe(303)
    const cookie = r.headers.getSetCookie().find((c) => c.startsWith('kb_session='))!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).toMatch(/Path=\/console/)
    expect(cookie).not.toMatch(/Secure/i)
    const account = await client.get('/console/akun')
    expect(account.status).toBe(200)
    expect(account.text).toContain(people.kabid.name)
    // used once: the same link again opens nothing
    expect((await client.request('POST', path, { _csrf: client.cookies.get('kb_pre')! })).status).toBe(410)
    expect((await consoleClient(h).get(path)).status).toBe(410)
    expect(await h.app.db.prisma.consoleSession.count()).toBe(1)
    const trail = await h.app.db.prisma.auditLog.findMany({ where: { action: { startsWith: 'console.' } }, orderBy: { id: 'asc' } })
    expect(trail.map((a) => a.action)).toEqual(['console.signIn.requested', 'console.signIn'])
  })

  it('a link older than CONSOLE_SIGN_IN_MINUTES does not open a session', async () => {
    const h = await startHarness()
    await openedTheBot(h, people.kabid.nip, people.kabid.telegram)
    const client = consoleClient(h)
    const path = new URL(await requestLink(h, client, people.kabid.nip, people.kabid.telegram)).pathname
    h.clock.advance(10 * 60_000 + 1000)
    expect((await client.get(path)).status).toBe(410)
    expect((await client.post(path)).status).toBe(410)
    expect(client.cookies.has('kb_session')).toBe(false)
    expect(await h.app.db.prisma.consoleSession.count()).toBe(0)
  })

  it('answers the same for an unknown NIP, a person without a linked chat and one without a console role, and sends nothing', async () => {
    const h = await startHarness()
    await openedTheBot(h, people.andi.nip, people.andi.telegram) // EMPLOYEE: no console
    const answer = async (nip: string) => {
      const client = consoleClient(h)
      await client.get('/console/masuk')
      const r = await client.post('/console/masuk', { nip })
      return { status: r.status, text: r.text.replace(nip, 'NIP') }
    }
    const known = await (async () => {
      await openedTheBot(h, people.kabid.nip, people.kabid.telegram)
      return answer(people.kabid.nip)
    })()
    for (const nip of ['199912312099011999', people.andi.nip, people.ahmad.nip]) expect(await answer(nip)).toEqual(known)
    await h.app.dispatcher.runOnce()
    expect(await h.app.db.prisma.consoleSignIn.count()).toBe(1)
    expect(h.tg.messagesTo(people.andi.telegram).some((m) => m.text.includes('/console/masuk/'))).toBe(false)
  })

  it('refuses a NIP that is not 18 digits with a message, and a form without its token', async () => {
    const h = await startHarness()
    const client = consoleClient(h)
    await client.get('/console/masuk')
    const bad = await client.post('/console/masuk', { nip: '1234' })
    expect(bad.status).toBe(400)
    expect(bad.text).toContain('NIP terdiri dari 18 angka')
    await openedTheBot(h, people.kabid.nip, people.kabid.telegram)
    const forged = await consoleClient(h).post('/console/masuk', { nip: people.kabid.nip, _csrf: 'x'.repeat(43) })
    expect(forged.status).toBe(403)
    expect(await h.app.db.prisma.consoleSignIn.count()).toBe(0)
    expect(await h.app.db.prisma.consoleAttempt.count()).toBe(0)
  })

  it('limits sign-in requests per NIP and per address', async () => {
    const h = await startHarness({ env: { CONSOLE_SIGN_IN_PER_NIP: '2', CONSOLE_SIGN_IN_PER_ADDRESS: '4' } })
    const client = consoleClient(h)
    await client.get('/console/masuk')
    const ask = (nip: string) => client.post('/console/masuk', { nip }).then((r) => r.status)
    expect([await ask(people.kabid.nip), await ask(people.kabid.nip), await ask(people.kabid.nip)]).toEqual([200, 200, 429])
    expect((await client.post('/console/masuk', { nip: people.kabid.nip })).text).toContain('Terlalu banyak permintaan')
    expect([await ask(people.kaban.nip), await ask(people.andi.nip), await ask(people.salmiah.nip)]).toEqual([200, 200, 429])
    // the window moves on
    h.clock.advance(15 * 60_000 + 1000)
    expect(await ask(people.salmiah.nip)).toBe(200)
  })
})

describe('console sessions', () => {
  it('a forged or replayed cookie opens nothing; sign-out ends the session, sign-out everywhere ends them all', async () => {
    const h = await startHarness()
    const a = await signIn(h, people.kabid)
    const b = await signIn(h, people.kabid)
    const stolen = a.cookies.get('kb_session')!
    const forged = consoleClient(h)
    forged.cookies.set('kb_session', 'A'.repeat(43))
    expect((await forged.get('/console/akun')).status).toBe(303)
    expect((await forged.get('/console/akun')).location).toBe('/console/masuk')

    await a.get('/console/akun')
    expect((await a.post('/console/keluar')).location).toBe('/console/masuk')
    const replay = consoleClient(h)
    replay.cookies.set('kb_session', stolen)
    expect((await replay.get('/console/akun')).status).toBe(303)
    expect((await b.get('/console/akun')).status).toBe(200)

    const c = await signIn(h, people.kabid)
    await c.get('/console/akun')
    await c.post('/console/keluar-semua')
    expect((await b.get('/console/akun')).status).toBe(303)
    expect((await c.get('/console/akun')).status).toBe(303)
    const actions = (await h.app.db.prisma.auditLog.findMany({ where: { action: { startsWith: 'console.signOut' } } })).map((x) => x.action)
    expect(actions).toEqual(['console.signOut', 'console.signOut.everywhere'])
  })

  it('a change without the session CSRF token, or with a wrong one, is refused and changes nothing', async () => {
    const h = await startHarness()
    const client = await signIn(h, people.kabid)
    await client.get('/console/akun')
    expect((await client.post('/console/keluar-semua', {}, { csrf: false })).status).toBe(403)
    expect((await client.post('/console/keluar-semua', { _csrf: 'B'.repeat(43) })).status).toBe(403)
    expect((await client.get('/console/akun')).status).toBe(200)
    expect(await h.app.db.prisma.consoleSession.count({ where: { revokedAt: null } })).toBe(1)
  })

  it('ends after CONSOLE_IDLE_MINUTES without a request, and after CONSOLE_SESSION_HOURS however busy', async () => {
    const h = await startHarness({ env: { CONSOLE_IDLE_MINUTES: '30', CONSOLE_SESSION_HOURS: '1' } })
    const idle = await signIn(h, people.kabid)
    h.clock.advance(29 * 60_000)
    expect((await idle.get('/console/akun')).status).toBe(200)
    h.clock.advance(31 * 60_000)
    expect((await idle.get('/console/akun')).status).toBe(303)

    const busy = await signIn(h, people.kabid)
    for (let i = 0; i < 2; i++) {
      h.clock.advance(25 * 60_000)
      expect((await busy.get('/console/akun')).status).toBe(200)
    }
    h.clock.advance(11 * 60_000)
    expect((await busy.get('/console/akun')).status).toBe(303)
  })

  it('reads the role at every request: a person no longer admin or deactivated is out at once', async () => {
    const h = await startHarness()
    const client = await signIn(h, admin)
    expect((await client.get('/console/akun')).text).toContain('Admin BKPSDM')
    await h.app.db.prisma.employee.update({ where: { nip: admin.nip }, data: { role: 'EMPLOYEE' } })
    expect((await client.get('/console/akun')).status).toBe(303)
    const kabid = await signIn(h, people.kabid)
    await h.app.db.prisma.employee.update({ where: { nip: people.kabid.nip }, data: { active: false } })
    expect((await kabid.get('/console/akun')).status).toBe(303)
  })

  it('sets Secure cookies behind an https proxy (TRUST_PROXY) and counts the client address from X-Forwarded-For', async () => {
    const h = await startHarness({ env: { PUBLIC_URL: 'https://kinerja.kendarikota.go.id', TRUST_PROXY: 'true', CONSOLE_SIGN_IN_PER_ADDRESS: '1' } })
    await openedTheBot(h, people.kabid.nip, people.kabid.telegram)
    const client = consoleClient(h)
    const proxied = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' }
    const page = await client.get('/console/masuk', proxied)
    expect(page.headers.getSetCookie()[0]).toMatch(/Secure/)
    const ask = (addr: string) =>
      client.request('POST', '/console/masuk', { _csrf: client.csrf!, nip: people.kabid.nip }, { ...proxied, 'x-forwarded-for': `10.0.0.1, ${addr}` })
    expect((await ask('203.0.113.7')).status).toBe(200)
    expect((await ask('203.0.113.7')).status).toBe(429)
    expect((await ask('203.0.113.8')).status).toBe(200)
    await h.tg.waitFor(() => signInLinkIn(h, people.kabid.telegram))
    expect(signInLinkIn(h, people.kabid.telegram)).toMatch(/^https:\/\/kinerja\.kendarikota\.go\.id\/console\/masuk\//)
  })
})

describe('console sign-in on the playground', () => {
  it('brings the link to the person playground chat in the demo, where nobody linked anything', async () => {
    const h = await startHarness({ env: { TELEGRAM_BOT_TOKEN: '' } })
    const client = consoleClient(h)
    await client.get('/console/masuk')
    expect((await client.post('/console/masuk', { nip: admin.nip })).status).toBe(200)
    const employee = await h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip: admin.nip } })
    const linkIn = async () => {
      const rows = await h.app.db.prisma.playgroundMessage.findMany({ where: { chatId: String(employee.id) } })
      return rows.map((r) => /http:\/\/127\.0\.0\.1:\d+\/console\/masuk\/[\w-]{43}/.exec(r.payload)?.[0]).find(Boolean)
    }
    await expect.poll(linkIn, { timeout: 10_000 }).toBeTruthy()
    const path = new URL((await linkIn())!).pathname
    await client.get(path)
    expect((await client.post(path)).status).toBe(303)
    expect((await client.get('/console/akun')).text).toContain('Wa Ode Tamrin')
  })
})

describe('console forms', () => {
  it('refuses a form body over 64 KiB before reading it, and changes nothing', async () => {
    const h = await startHarness()
    const client = await signIn(h, people.kabid)
    await client.get('/console/akun')
    const r = await client.post('/console/keluar-semua', { filler: 'x'.repeat(70 * 1024) })
    expect(r.status).toBe(413)
    expect(r.text).toContain('terlalu besar')
    expect((await client.get('/console/akun')).status).toBe(200)
    const masuk = await consoleClient(h).post('/console/masuk', { nip: people.kabid.nip, filler: 'x'.repeat(70 * 1024) })
    expect(masuk.status).toBe(413)
  })
})
