import { describe, expect, it } from 'vitest'
import { people, startHarness, type Harness } from '../helpers/app.js'
import { consoleClient, signIn, type ConsoleClient } from '../helpers/console.js'

// Organisasi over real HTTP against the fixture organisation: who may open which unit and person (an ADMIN
// everything, a LEADER their unit's subtree, anyone else nothing), search by name and NIP, paging done by
// the database, and a person's chat accounts and whether messages reach them.

const admin = { nip: '197406162008012010', telegram: 790_000_012 }
// BKPSDM-PKP: Ahmad Anwar has only a Slack account (Slack does not run here); Andi an imported Telegram id
// that never wrote; DINKES's Sukri Halim, A.Md. shares a name with the head of BKPSDM
const sukriPkm = { nip: '197901092003031004', name: 'Sukri Halim, A.Md.' }

const idOf = async (h: Harness, nip: string) => (await h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip } })).id
const unitId = async (h: Harness, code: string) => (await h.app.db.prisma.unit.findUniqueOrThrow({ where: { code } })).id
/** The names in the result table of a page, in order. */
const namesIn = (html: string) => [...html.matchAll(/<a href="\/console\/organisasi\/pegawai\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]!.replace(/&#39;/g, "'"))

describe('console: Organisasi', () => {
  it('lets an ADMIN see everything and a LEADER only their subtree; others and strangers get nothing', { timeout: 60_000 }, async () => {
    const h = await startHarness()
    const [pkp, sd, andi, otherKabid] = await Promise.all([unitId(h, 'BKPSDM-PKP'), unitId(h, 'DIKBUD-SD'), idOf(h, people.andi.nip), idOf(h, people.otherKabid.nip)])
    const routes = ['/console/organisasi', `/console/organisasi/unit/${pkp}`, `/console/organisasi/pegawai/${andi}`]

    const stranger = consoleClient(h)
    for (const path of routes) {
      const r = await stranger.get(path)
      expect([path, r.status, r.location]).toEqual([path, 303, '/console/masuk'])
    }

    const kabid = await signIn(h, people.kabid) // SUPERVISOR: not this section
    for (const path of routes) expect([path, (await kabid.get(path)).status]).toEqual([path, 403])
    expect((await kabid.get('/console/akun')).text).not.toContain('href="/console/organisasi"')

    const adminClient = await signIn(h, admin)
    const tree = await adminClient.get('/console/organisasi')
    expect(tree.status).toBe(200)
    expect(tree.headers.get('cache-control')).toBe('no-store')
    // the top and one level under it, each with its people (active, direct members) and sub-units
    for (const unit of ['Sekretariat Daerah Kota Kendari', 'Dinas Pendidikan dan Kebudayaan', 'Kecamatan Kadia']) expect(tree.text).toContain(unit)
    expect(tree.text).toMatch(/Badan Kepegawaian dan Pengembangan Sumber Daya Manusia<\/a> <span class="muted">\(BKPSDM, 1 pegawai, 1 sub-unit\)/)
    expect(tree.text).not.toContain('Bidang Pembinaan Sekolah Dasar')
    // further down from a unit's page
    const dikbud = await adminClient.get(`/console/organisasi/unit/${await unitId(h, 'DIKBUD')}`)
    expect(dikbud.text).toMatch(/Bidang Pembinaan Sekolah Dasar<\/a> <span class="muted">\(DIKBUD-SD, 5 pegawai\)/)
    expect(dikbud.text).toMatch(/Sekretariat Dinas Pendidikan dan Kebudayaan<\/a> <span class="muted">\(DIKBUD-SEK, 4 pegawai\)/)
    expect((await adminClient.get(`/console/organisasi/unit/${sd}`)).status).toBe(200)
    expect((await adminClient.get(`/console/organisasi/pegawai/${otherKabid}`)).text).toContain(people.otherKabid.name)
    expect((await adminClient.get('/console/organisasi/unit/999999')).status).toBe(404)
    expect((await adminClient.get('/console/organisasi/pegawai/999999')).status).toBe(404)

    const kaban = await signIn(h, people.kaban) // LEADER of BKPSDM
    const own = await kaban.get('/console/organisasi')
    expect(own.status).toBe(200)
    expect(own.text).toContain('Badan Kepegawaian dan Pengembangan Sumber Daya Manusia')
    expect(own.text).toContain('Bidang Penilaian Kinerja Aparatur dan Penghargaan')
    expect(own.text).not.toContain('Bidang Pembinaan Sekolah Dasar')
    expect(own.text).not.toContain('Sekretariat Daerah Kota Kendari')
    const unitPage = await kaban.get(`/console/organisasi/unit/${pkp}`)
    expect(unitPage.status).toBe(200)
    expect(namesIn(unitPage.text)).toContain(people.andi.name)
    // the unit above the subtree is not offered as a link
    expect(unitPage.text).not.toContain(`/console/organisasi/unit/${await unitId(h, 'SETDA')}"`)
    expect((await kaban.get(`/console/organisasi/pegawai/${andi}`)).status).toBe(200)
    // forged ids of another unit and of a person there
    const forgedUnit = await kaban.get(`/console/organisasi/unit/${sd}`)
    expect(forgedUnit.status).toBe(403)
    expect(forgedUnit.text).not.toContain('Sri Sudirman')
    const forgedPerson = await kaban.get(`/console/organisasi/pegawai/${otherKabid}`)
    expect(forgedPerson.status).toBe(403)
    expect(forgedPerson.text).not.toContain(people.otherKabid.nip)
    // the unit tree's very top is outside too
    expect((await kaban.get(`/console/organisasi/unit/${await unitId(h, 'SETDA')}`)).status).toBe(403)
    // and search keeps to the subtree: the other Sukri Halim and Sri Sudirman are not found
    expect(namesIn((await kaban.get('/console/organisasi?q=sukri+halim')).text)).toEqual([people.kaban.name])
    expect(namesIn((await kaban.get('/console/organisasi?q=Sri')).text)).toEqual([])
    expect(namesIn((await kaban.get(`/console/organisasi?q=${people.otherKabid.nip}`)).text)).toEqual([])
    expect(namesIn((await adminClient.get('/console/organisasi?q=sukri+halim')).text).sort()).toEqual([people.kaban.name, sukriPkm.name].sort())
  })

  it('finds people by a part of the name in any case or by the start of the NIP, and pages long lists in the database', async () => {
    const h = await startHarness()
    const db = h.app.db.prisma
    // 60 more people in KOMINFO-APTIKA (5 already there): two pages of the unit, two pages of a search
    const aptika = await unitId(h, 'KOMINFO-APTIKA')
    await db.employee.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        nip: `2000010120250110${String(i).padStart(2, '0')}`,
        name: `Pegawai Uji ${String(i + 1).padStart(3, '0')}`,
        unitId: aptika,
        position: 'Pranata Komputer',
        positionType: 'FUNGSIONAL',
        grade: 'III/a',
        role: 'EMPLOYEE',
      })),
    })
    const client = await signIn(h, admin)

    const byName = await client.get('/console/organisasi?q=ANDI')
    expect(byName.status).toBe(200)
    expect(namesIn(byName.text).sort()).toEqual(['Andi Latif, S.IP.', 'Andi Ramli, S.T.', 'Andi Syarif, S.Sos.'])
    expect(byName.text).toContain('value="ANDI"')
    // digits are the start of a NIP, spaces and all
    expect(namesIn((await client.get('/console/organisasi?q=1986+0302')).text)).toEqual([people.andi.name])
    expect(namesIn((await client.get(`/console/organisasi?q=${people.andi.nip}`)).text)).toEqual([people.andi.name])
    // LIKE's wildcards are taken literally; markup is escaped
    expect(namesIn((await client.get('/console/organisasi?q=%25')).text)).toEqual([])
    expect(namesIn((await client.get('/console/organisasi?q=_')).text)).toEqual([])
    const script = await client.get('/console/organisasi?q=%3Cscript%3E')
    expect(script.text).not.toContain('<script>')
    expect(script.text).toContain('&lt;script&gt;')

    const first = await client.get('/console/organisasi?q=pegawai+uji')
    const page1 = namesIn(first.text)
    expect(page1).toHaveLength(50)
    expect(page1[0]).toBe('Pegawai Uji 001')
    expect(page1[49]).toBe('Pegawai Uji 050')
    expect(first.text).toContain('href="/console/organisasi?q=pegawai%20uji&amp;page=2"')
    const second = await client.get('/console/organisasi?q=pegawai%20uji&page=2')
    expect(namesIn(second.text)).toEqual(Array.from({ length: 10 }, (_, i) => `Pegawai Uji ${String(51 + i).padStart(3, '0')}`))
    expect(second.text).not.toContain('page=3')
    expect(second.text).toContain('href="/console/organisasi?q=pegawai%20uji&amp;page=1"')

    // the unit's own people: 65, by name, 50 and then 15
    const unit1 = namesIn((await client.get(`/console/organisasi/unit/${aptika}`)).text)
    const unit2 = namesIn((await client.get(`/console/organisasi/unit/${aptika}?page=2`)).text)
    expect(unit1).toHaveLength(50)
    expect(unit2).toHaveLength(15)
    expect(new Set([...unit1, ...unit2]).size).toBe(65)
    expect(unit2.at(-1)).toBe('Syamsul Tamrin, S.H.')
    // a page past the end is empty, not an error; a page that is not a number is the first
    expect(namesIn((await client.get(`/console/organisasi/unit/${aptika}?page=9`)).text)).toEqual([])
    expect(namesIn((await client.get(`/console/organisasi/unit/${aptika}?page=x`)).text)).toEqual(unit1)
  })

  it("shows a person's chat accounts, how each was vouched for, whether messages reach them and what waits or failed", async () => {
    const h = await startHarness()
    const db = h.app.db.prisma
    const client: ConsoleClient = await signIn(h, admin)
    const page = async (nip: string) => (await client.get(`/console/organisasi/pegawai/${await idOf(h, nip)}`)).text

    // Nurhayati wrote to the bot (sign-in marks her Telegram account linked); her Slack is not running here
    await signIn(h, people.kabid)
    const kabid = await page(people.kabid.nip)
    expect(kabid).toContain(people.kabid.nip)
    expect(kabid).toMatch(/<td>Telegram<\/td><td>700000043<\/td><td>data impor<\/td><td>ya, sejak 27\/11\/2026 17\.00 WITA<\/td><td>27\/11\/2026 17\.00 WITA<\/td>/)
    expect(kabid).toMatch(/Slack<span class="muted"> \(tidak aktif di aplikasi ini\)<\/span><\/td><td>U0KDI00007<\/td><td>data impor<\/td><td><span class="bad">belum/)
    expect(kabid).toContain('Ya: pesan sampai lewat Telegram.')

    // Andi: an imported Telegram id that never wrote to the bot
    const andi = await page(people.andi.nip)
    expect(andi).toContain('Tidak: pesan tidak sampai kepadanya.')
    expect(andi).toContain('Akun Telegram 700000050 dari data impor belum pernah membuka bot')
    // Ahmad Anwar: Slack only, and Slack does not run here
    expect(await page(people.ahmad.nip)).toContain('Hanya punya akun Slack U0KDI00009, tetapi Slack tidak diaktifkan di aplikasi ini.')
    // Salmiah: no account at all
    await db.chatAccount.deleteMany({ where: { employee: { nip: people.salmiah.nip } } })
    const salmiah = await page(people.salmiah.nip)
    expect(salmiah).toContain('Belum ada akun chat.')
    expect(salmiah).toContain('Belum punya akun chat: tidak ada di data impor dan belum memakai kode tautan.')
    expect(salmiah).toContain(`href="/console/kode?nip=${people.salmiah.nip}"`)

    // what waits for Andi (HELD) and what was given up on (DEAD, the last send: he cannot be reached)
    const andiId = await idOf(h, people.andi.nip)
    const row = { recipientId: andiId, kind: 'text', payload: '{}' }
    await db.outbox.createMany({
      data: [
        { ...row, status: 'HELD' },
        { ...row, status: 'HELD' },
        { ...row, status: 'HELD' },
        { ...row, status: 'SENT' },
        { ...row, status: 'DEAD', lastError: '403: Forbidden: bot was blocked by the user' },
      ],
    })
    const counted = await page(people.andi.nip)
    expect(counted).toMatch(/<div class="big">3<\/div><div>pesan menunggu \(HELD\)/)
    expect(counted).toMatch(/<div class="big">1<\/div><div>pesan gagal \(DEAD\)/)
    expect(counted).toContain('Pesan terakhir kepadanya gagal terkirim (403: Forbidden: bot was blocked by the user); 1 pesan gagal.')
    // the unit's list says the same in a word per person
    const list = (await client.get(`/console/organisasi/unit/${await unitId(h, 'BKPSDM-PKP')}`)).text
    const rowOf = (name: string) => list.slice(list.indexOf(name), list.indexOf('</tr>', list.indexOf(name)))
    expect(rowOf(people.kabid.name)).toContain('>terjangkau<')
    expect(rowOf(people.andi.name)).toContain('>tidak terjangkau<')
    expect(rowOf(people.andi.name)).toContain('Telegram (belum tertaut)')

    // a deactivated person is said to be so, and gets no code link
    await db.employee.update({ where: { nip: people.ahmad.nip }, data: { active: false } })
    const gone = await page(people.ahmad.nip)
    expect(gone).toContain('nonaktif')
    expect(gone).toContain('Pegawai nonaktif tidak dikirimi pesan.')
    expect(gone).not.toContain('/console/kode?nip=')
  })
})
