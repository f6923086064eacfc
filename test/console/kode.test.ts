import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'
import { hashCode, normalizeCode } from '../../src/domain/linking.js'
import { people, startHarness, type Harness } from '../helpers/app.js'
import { consoleClient, signIn } from '../helpers/console.js'
import { waitForWa, startWhatsAppHarness, WA_DISPLAY } from '../helpers/whatsapp-harness.js'

// Kode tautan over real HTTP: only an ADMIN issues; a code is shown once, on the answer to the POST, as a
// printable sheet whose QR codes carry each platform's deep link; a code from the sheet really links the
// chat account that sends it; only hashes are stored and every issue is in the audit trail.

const admin = { nip: '197406162008012010', telegram: 790_000_012 }
const stranger = 555_001

interface SheetCard {
  nip: string
  name: string
  code: string
  links: { platform: string; url: string; svg: string }[]
}

/** The cards of a code sheet as the HTML has them. */
function cardsIn(html: string): SheetCard[] {
  return [...html.matchAll(/<article class="kcard" data-nip="(\d{18})">([\s\S]*?)<\/article>/g)].map(([, nip, body]) => ({
    nip: nip!,
    name: /<div class="name">([^<]*)<\/div>/.exec(body!)![1]!,
    code: /<div class="code">([A-Z2-9]{4}-[A-Z2-9]{4})<\/div>/.exec(body!)![1]!,
    links: [...body!.matchAll(/<figure data-platform="(\w+)">(<svg[\s\S]*?<\/svg>)\s*<figcaption><strong>\w+<\/strong><div class="url">([^<]+)<\/div>/g)].map(
      ([, platform, svg, url]) => ({ platform: platform!, svg: svg!, url: url!.replace(/&amp;/g, '&') }),
    ),
  }))
}

/** The QR code the sheet should show for a link, drawn the same way independently of the page. */
const qrOf = async (url: string, label: string) =>
  (await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })).replace('<svg ', `<svg role="img" aria-label="QR ${label}" `).trim()

const issued = (h: Harness) => h.app.db.prisma.linkCode.count()
const issueAudits = (h: Harness) => h.app.db.prisma.auditLog.findMany({ where: { action: 'link_code.issue' }, orderBy: { id: 'asc' } })
const idOf = async (h: Harness, nip: string) => (await h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip } })).id

describe('console: Kode tautan', () => {
  it('only an ADMIN issues; a code for one person is shown once, stored hashed, audited, and links the Telegram account that sends it', { timeout: 60_000 }, async () => {
    const h = await startHarness()
    const db = h.app.db.prisma

    // no session: the pages send to the sign-in, a form changes nothing
    const anonymous = consoleClient(h)
    expect([(await anonymous.get('/console/kode')).status, (await anonymous.get('/console/kode')).location]).toEqual([303, '/console/masuk'])
    expect((await anonymous.post('/console/kode/pegawai', { nip: people.ahmad.nip, _csrf: 'x'.repeat(43) })).status).toBe(401)
    // a SUPERVISOR and a LEADER: neither the page nor the forms, even with their own valid token
    for (const person of [people.kabid, people.kaban]) {
      const client = await signIn(h, person)
      await client.get('/console/akun')
      expect((await client.get('/console/kode')).status).toBe(403)
      expect((await client.get('/console/kode?nip=' + people.ahmad.nip)).status).toBe(403)
      expect((await client.post('/console/kode/pegawai', { nip: people.ahmad.nip })).status).toBe(403)
      expect((await client.post('/console/kode/unit', { unit: 'BKPSDM-PKP' })).status).toBe(403)
      expect((await client.get('/console/akun')).text).not.toContain('href="/console/kode"')
    }
    expect(await issued(h)).toBe(0)

    const client = await signIn(h, admin)
    const form = await client.get(`/console/kode?nip=${people.ahmad.nip}`)
    expect(form.status).toBe(200)
    expect(form.text).toContain(`name="nip" inputmode="numeric" maxlength="40" value="${people.ahmad.nip}"`)
    expect(form.text).toContain('<option value="BKPSDM-PKP">')
    // without the session's token, or with another: refused, nothing issued
    expect((await client.post('/console/kode/pegawai', { nip: people.ahmad.nip }, { csrf: false })).status).toBe(403)
    expect((await client.post('/console/kode/pegawai', { nip: people.ahmad.nip, _csrf: 'B'.repeat(43) })).status).toBe(403)
    expect((await client.post('/console/kode/unit', { unit: 'BKPSDM-PKP' }, { csrf: false })).status).toBe(403)

    // bad input: a clear message, nothing issued
    const short = await client.post('/console/kode/pegawai', { nip: '1234' })
    expect([short.status, short.text.includes('NIP terdiri dari 18 angka')]).toEqual([400, true])
    const unknown = await client.post('/console/kode/pegawai', { nip: '199912312099011999' })
    expect([unknown.status, unknown.text.includes('Tidak ada pegawai dengan NIP 199912312099011999')]).toEqual([404, true])
    await db.employee.update({ where: { nip: people.salmiah.nip }, data: { active: false } })
    const inactive = await client.post('/console/kode/pegawai', { nip: people.salmiah.nip })
    expect(inactive.status).toBe(409)
    expect(inactive.text).toContain(`${people.salmiah.name} (NIP ${people.salmiah.nip}) tidak aktif`)
    expect(inactive.text).toContain('Tidak ada kode yang dibuat.')
    expect(await issued(h)).toBe(0)
    expect(await issueAudits(h)).toEqual([])

    // Ahmad Anwar has no Telegram account: a code for him, with spaces in the NIP as people type it
    const sheet = await client.post('/console/kode/pegawai', { nip: people.ahmad.nip.replace(/^(\d{8})(\d{6})/, '$1 $2 ') })
    expect(sheet.status).toBe(200)
    expect(sheet.headers.get('cache-control')).toBe('no-store')
    const [card, ...more] = cardsIn(sheet.text)
    expect(more).toEqual([])
    expect(card).toMatchObject({ nip: people.ahmad.nip, name: people.ahmad.name })
    expect(sheet.text).toContain('berlaku sampai 30/11/2026 17.00 WITA') // 72 hours
    // the QR code next to the Telegram deep link is that link's, and it carries the code
    expect(card!.links.map((l) => [l.platform, l.url])).toEqual([['telegram', `https://t.me/fake_test_bot?start=${card!.code}`]])
    expect(card!.links[0]!.svg).toBe(await qrOf(card!.links[0]!.url, 'Telegram'))

    // only the hash is stored; the audit names the admin and the console, never the code
    const [row, ...others] = await db.linkCode.findMany()
    expect(others).toEqual([])
    expect(row!.codeHash).toBe(hashCode(normalizeCode(card!.code)!))
    expect(JSON.stringify(row)).not.toContain(card!.code.replace('-', ''))
    const [trail] = await issueAudits(h)
    expect(trail).toMatchObject({ actorId: await idOf(h, admin.nip), entity: 'employee', entityId: String(await idOf(h, people.ahmad.nip)) })
    expect(JSON.parse(trail!.detail!)).toMatchObject({ via: 'console' })
    expect(trail!.detail).not.toContain(card!.code.replace('-', ''))

    // shown once: nothing that can be opened again shows it
    for (const path of ['/console/kode', '/console/kode/pegawai', `/console/kode?nip=${people.ahmad.nip}`, `/console/organisasi/pegawai/${await idOf(h, people.ahmad.nip)}`]) {
      const again = await client.get(path)
      expect(again.text).not.toContain(card!.code)
    }
    const reload = await client.get('/console/kode/pegawai')
    expect([reload.status, reload.location]).toEqual([303, '/console/kode'])
    // the person page counts it, unused
    expect((await client.get(`/console/organisasi/pegawai/${await idOf(h, people.ahmad.nip)}`)).text).toMatch(/<div class="big">1<\/div><div>kode tautan berlaku, belum dipakai/)

    // the deep link's start parameter, sent to the bot as Telegram sends it, links that account to Ahmad
    const start = new URL(card!.links[0]!.url).searchParams.get('start')!
    h.tg.userSends(stranger, `/start ${start}`)
    await h.tg.waitForMessageTo(stranger, /Selamat datang, Ahmad Anwar/)
    const account = await db.chatAccount.findUniqueOrThrow({ where: { platform_externalId: { platform: 'telegram', externalId: String(stranger) } }, include: { employee: true } })
    expect([account.employee.nip, account.vouchedBy, account.linkedAt !== null]).toEqual([people.ahmad.nip, 'code', true])
  })

  it('a whole unit: by default only people without a linked account, with or without sub-units; a QR per platform and each code links', { timeout: 60_000 }, async () => {
    // Telegram and WhatsApp both run: each card has both deep links
    const h = await startWhatsAppHarness()
    const db = h.app.db.prisma
    const client = await signIn(h, admin) // the admin's Telegram is now linked
    await client.get('/console/kode')
    // Andi wrote to the bot: linked; Ahmad Sudirman left
    await db.chatAccount.updateMany({ where: { employee: { nip: people.andi.nip }, platform: 'telegram' }, data: { chatId: String(people.andi.telegram), linkedAt: h.clock.now() } })
    await db.employee.update({ where: { nip: '199107272020011015' }, data: { active: false } })

    // bad input first: nothing issued
    const nowhere = await client.post('/console/kode/unit', { unit: 'NOPE' })
    expect([nowhere.status, nowhere.text.includes('Unit dengan kode “NOPE” tidak ada.')]).toEqual([404, true])
    expect((await client.post('/console/kode/unit', { unit: '' })).status).toBe(400)
    // BKPSDM itself has only its head; once he has written to the bot, nobody there lacks a linked account
    await db.chatAccount.updateMany({ where: { employee: { nip: people.kaban.nip }, platform: 'telegram' }, data: { chatId: String(people.kaban.telegram), linkedAt: h.clock.now() } })
    const none = await client.post('/console/kode/unit', { unit: 'BKPSDM' })
    expect(none.status).toBe(409)
    expect(none.text).toContain('Tidak ada pegawai aktif yang belum punya akun chat tertaut di Badan Kepegawaian dan Pengembangan Sumber Daya Manusia.')
    expect(await issued(h)).toBe(0)

    // BKPSDM-PKP: Nurhayati, Ahmad Anwar, Salmiah (Andi and the admin are linked, Sudirman is inactive)
    const sheet = await client.post('/console/kode/unit', { unit: 'BKPSDM-PKP' })
    expect(sheet.status).toBe(200)
    expect(sheet.headers.get('cache-control')).toBe('no-store')
    const cards = cardsIn(sheet.text)
    expect(cards.map((c) => c.name)).toEqual([people.ahmad.name, people.kabid.name, people.salmiah.name])
    expect(new Set(cards.map((c) => c.code)).size).toBe(3)
    expect(sheet.text.match(/<svg /g)).toHaveLength(6)
    for (const card of cards) {
      expect(card.links.map((l) => [l.platform, l.url])).toEqual([
        ['telegram', `https://t.me/fake_test_bot?start=${card.code}`],
        ['whatsapp', `https://wa.me/${WA_DISPLAY}?text=${card.code}`],
      ])
      for (const l of card.links) expect(l.svg).toBe(await qrOf(l.url, l.platform === 'telegram' ? 'Telegram' : 'WhatsApp'))
    }
    const pkp = await issueAudits(h)
    expect(pkp.map((a) => Number(a.entityId))).toEqual(await Promise.all(cards.map((c) => idOf(h, c.nip))))
    for (const a of pkp) {
      expect(a.actorId).toBe(await idOf(h, admin.nip))
      expect(JSON.parse(a.detail!)).toMatchObject({ via: 'console', unit: 'BKPSDM-PKP', subUnits: false, linked: false })
    }

    // Salmiah opens the WhatsApp link: the chat opens with the code typed, she presses Send
    const salmiahCard = cards.find((c) => c.nip === people.salmiah.nip)!
    const typed = new URL(salmiahCard.links[1]!.url).searchParams.get('text')!
    await h.wa.inbound('6281299990071', { type: 'text', text: typed })
    await waitForWa(h.wa, '6281299990071', /Selamat datang, Salmiah Djafar/)
    expect(await db.chatAccount.findFirst({ where: { platform: 'whatsapp', externalId: '6281299990071' }, select: { employee: { select: { nip: true } } } })).toEqual({
      employee: { nip: people.salmiah.nip },
    })
    // Nurhayati scans the Telegram QR
    const kabidCard = cards.find((c) => c.nip === people.kabid.nip)!
    h.tg.userSends(stranger, `/start ${new URL(kabidCard.links[0]!.url).searchParams.get('start')}`)
    await h.tg.waitForMessageTo(stranger, /Selamat datang, Nurhayati Ramli/)
    expect((await db.chatAccount.findFirstOrThrow({ where: { platform: 'telegram', externalId: String(stranger) }, include: { employee: true } })).employee.nip).toBe(people.kabid.nip)

    // with sub-units and the linked too: BKPSDM's head, then PKP's five active people (Salmiah now linked, still in)
    const all = await client.post('/console/kode/unit', { unit: 'BKPSDM', subUnits: 'ya', linked: 'ya' })
    expect(all.status).toBe(200)
    const everyone = cardsIn(all.text)
    expect(everyone.map((c) => c.name)).toEqual([people.kaban.name, people.ahmad.name, people.andi.name, people.kabid.name, people.salmiah.name, 'Wa Ode Tamrin, S.E.'])
    expect(all.text).toContain('<section class="sheet">')
    expect(all.text.match(/<section class="sheet">/g)).toHaveLength(1)
    expect(await issued(h)).toBe(9)
    expect((await issueAudits(h)).slice(3).every((a) => JSON.parse(a.detail!).subUnits === true && JSON.parse(a.detail!).linked === true)).toBe(true)
    // the same without the linked ones: Ahmad Anwar only (Nurhayati and Salmiah linked now, Sukri and Andi before)
    expect(cardsIn((await client.post('/console/kode/unit', { unit: 'BKPSDM', subUnits: 'ya' })).text).map((c) => c.nip)).toEqual([people.ahmad.nip])

    // more than one sheet holds is refused whole
    const aptika = (await db.unit.findUniqueOrThrow({ where: { code: 'KOMINFO-APTIKA' } })).id
    await db.employee.createMany({
      data: Array.from({ length: 500 }, (_, i) => ({
        nip: `200001012025011${String(i).padStart(3, '0')}`,
        name: `Pegawai Uji ${i}`,
        unitId: aptika,
        position: 'Pranata Komputer',
        positionType: 'FUNGSIONAL',
        grade: 'III/a',
        role: 'EMPLOYEE',
      })),
    })
    const before = await issued(h)
    const big = await client.post('/console/kode/unit', { unit: 'KOMINFO', subUnits: 'ya' })
    expect(big.status).toBe(400)
    expect(big.text).toMatch(/50\d pegawai di Dinas Komunikasi dan Informatika dan sub-unitnya: terlalu banyak untuk satu lembar \(paling banyak 500\)/)
    expect(await issued(h)).toBe(before)

    // an organisation of thousands of units: the form asks for the unit's code instead of listing them all
    expect((await client.get('/console/kode?unit=BKPSDM-PKP')).text).toContain('<option value="BKPSDM-PKP" selected="">')
    await db.unit.createMany({ data: Array.from({ length: 300 }, (_, i) => ({ code: `UJI-${i}`, name: `Unit Uji ${i}`, kind: 'BIDANG', parentId: aptika })) })
    const byCode = await client.get('/console/kode?unit=BKPSDM-PKP')
    expect(byCode.text).not.toContain('<option')
    expect(byCode.text).toContain('<input id="unit" name="unit" maxlength="100" value="BKPSDM-PKP"')
  })
})
