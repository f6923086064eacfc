import { describe, expect, it } from 'vitest'
import { audit } from '../../src/domain/audit.js'
import { people, startHarness, type Harness } from '../helpers/app.js'
import { consoleClient, signIn } from '../helpers/console.js'
import { more } from '../platforms/telegram/evaluation-helpers.js'

// Audit over real HTTP: the trail filtered by person (NIP or part of a name), action (exact or a prefix)
// and local days of TZ_DEFAULT (WITA here), newest first, paged; each filter returns exactly its rows;
// wrong input is said; values are escaped; only an admin gets in.

const admin = { nip: '197406162008012010', telegram: 790_000_012 }
const PATH = '/console/audit'

const idsOn = (html: string) => [...html.matchAll(/<tr data-id="(\d+)"/g)].map((m) => Number(m[1]))
const url = (q: Record<string, string>) => `${PATH}?${new URLSearchParams(q)}`
const idOf = async (h: Harness, nip: string) => (await h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip } })).id

async function entry(h: Harness, e: Parameters<typeof audit>[1]): Promise<number> {
  await audit(h.app.db.prisma, e)
  return (await h.app.db.prisma.auditLog.findFirstOrThrow({ orderBy: { id: 'desc' } })).id
}

describe('console: audit', () => {
  it('filters by person, action and local day, newest first and paged; says what is wrong with a filter; admins only', async () => {
    const h = await startHarness()
    const client = await signIn(h, admin)
    const [kabid, kaban, sekda] = [await idOf(h, people.kabid.nip), await idOf(h, people.kaban.nip), await idOf(h, more.sekda.nip)]
    const at = (iso: string) => new Date(iso)
    // Nurhayati decides at 23:59 WITA on the 20th and at 00:00 WITA on the 21st (16:00 UTC)
    const late20 = await entry(h, { actorId: kabid, platform: 'telegram', externalId: String(people.kabid.telegram), action: 'activity.decide', entity: 'Activity', entityId: 11, before: 'DIAJUKAN', after: 'DISETUJUI', detail: { feedback: '<script>alert(1)</script> & "ok"' }, at: at('2026-11-20T15:59:00Z') })
    const early21 = await entry(h, { actorId: kabid, action: 'activity.decide', entity: 'Activity', entityId: 12, before: 'DIAJUKAN', after: 'DITOLAK', at: at('2026-11-20T16:00:00Z') })
    const sukri = await entry(h, { actorId: kaban, action: 'evaluation.submit', entity: 'Evaluation', entityId: 3, at: at('2026-11-21T10:00:00Z') })
    const yuliana = await entry(h, { actorId: sekda, action: 'evaluation.submit', entity: 'Evaluation', entityId: 4, at: at('2026-11-22T01:00:00Z') })
    const system = await entry(h, { action: 'export', entity: 'export', entityId: 'menit', detail: { unit: 'BKPSDM', rows: 10 }, at: at('2026-11-21T02:00:00Z') })
    // 120 older entries of Nurhayati's, one a minute from 10 November
    const paging: number[] = []
    for (let i = 0; i < 120; i++) paging.push(await entry(h, { actorId: kabid, action: 'test.paging', entity: 'Test', entityId: i, at: new Date(Date.parse('2026-11-10T00:00:00Z') + i * 60_000) }))
    const newestFirst = [...paging].reverse()

    // no filter: newest first (the sign-in of the admin today, then the entries above by time)
    const all = await client.get(PATH)
    expect(all.status).toBe(200)
    const signIns = (await h.app.db.prisma.auditLog.findMany({ where: { action: { startsWith: 'console.' } }, orderBy: { id: 'desc' } })).map((r) => r.id)
    expect(signIns).toHaveLength(2)
    const mine = [yuliana, sukri, system, early21, late20]
    expect(idsOn(all.text).slice(0, 2)).toEqual(signIns)
    expect(idsOn(all.text).filter((id) => mine.includes(id))).toEqual(mine)
    // between them only what the import of the organisation wrote this morning (27 November)
    const between = idsOn(all.text).slice(2, idsOn(all.text).indexOf(yuliana))
    expect((await h.app.db.prisma.auditLog.findMany({ where: { id: { in: between } } })).every((r) => r.at.toISOString() === '2026-11-27T09:00:00.000Z')).toBe(true)
    // the choices of the action filter: every action, and prefixes shared by several
    expect(all.text).toContain('<option value="activity.decide">activity.decide</option>')
    expect(all.text).toContain('<option value="console.*">console.* (semua 2 tindakan)</option>')
    expect(all.text).toContain('<option value="test.paging">test.paging</option>')

    // a person by NIP: exactly theirs, newest first, in pages of 50 that keep the filter
    const byNip = await client.get(url({ orang: people.kabid.nip }))
    expect(idsOn(byNip.text)).toEqual([early21, late20, ...newestFirst.slice(0, 48)])
    expect(byNip.text).toContain(`href="${PATH}?orang=${people.kabid.nip}&amp;page=2"`)
    expect(idsOn((await client.get(url({ orang: people.kabid.nip, page: '2' }))).text)).toEqual(newestFirst.slice(48, 98))
    const last = await client.get(url({ orang: people.kabid.nip, page: '3' }))
    expect(idsOn(last.text)).toEqual(newestFirst.slice(98))
    expect(last.text).not.toContain('Berikutnya')
    expect(idsOn((await client.get(url({ orang: ` ${people.kabid.nip.slice(0, 8)} ${people.kabid.nip.slice(8)} ` }))).text)).toEqual(idsOn(byNip.text))

    // … and the row as shown: actor, action, object, before → after, the detail escaped
    const row = byNip.text.slice(byNip.text.indexOf(`<tr data-id="${late20}"`), byNip.text.indexOf('</tr>', byNip.text.indexOf(`<tr data-id="${late20}"`)))
    expect(row).toContain('20/11/2026 23.59 WITA')
    expect(row).toContain(people.kabid.name)
    expect(row).toContain(`NIP ${people.kabid.nip}`)
    expect(row).toContain(`telegram ${people.kabid.telegram}`)
    expect(row).toContain('<code>activity.decide</code>')
    expect(row).toContain('Activity #11')
    expect(row).toContain('DIAJUKAN → DISETUJUI')
    expect(row).toContain('feedback:</span> &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;ok&quot;')
    expect(byNip.text).not.toContain('<script>alert(1)')

    // local days: the 21st in WITA begins at 16:00 UTC on the 20th
    const day = (d: string, more: Record<string, string> = {}) => client.get(url({ dari: d, sampai: d, ...more })).then((r) => idsOn(r.text))
    expect(await day('2026-11-21', { orang: people.kabid.nip })).toEqual([early21])
    expect(await day('2026-11-20', { orang: people.kabid.nip })).toEqual([late20])
    expect(await day('2026-11-21')).toEqual([sukri, system, early21])
    expect(idsOn((await client.get(url({ dari: '2026-11-21' }))).text).slice(-4)).toEqual([yuliana, sukri, system, early21])
    expect(idsOn((await client.get(url({ sampai: '2026-11-10', orang: people.kabid.nip, page: '3' }))).text)).toEqual(newestFirst.slice(100))

    // actions: exact, or every action under a prefix
    expect(idsOn((await client.get(url({ aksi: 'evaluation.submit' }))).text)).toEqual([yuliana, sukri])
    expect(idsOn((await client.get(url({ aksi: 'console.*' }))).text)).toEqual(signIns)
    expect(idsOn((await client.get(url({ aksi: 'activity.decide', orang: people.kabid.nip, dari: '2026-11-20', sampai: '2026-11-21' }))).text)).toEqual([early21, late20])
    expect(idsOn((await client.get(url({ aksi: 'export' }))).text)).toEqual([system])
    expect((await client.get(url({ aksi: 'export' }))).text).toContain('sistem / baris perintah')

    // part of a name, any case: everyone it matches, said above the list
    const halim = await client.get(url({ orang: 'HALIM' }))
    expect(idsOn(halim.text)).toEqual([yuliana, sukri])
    // five people of the fixture are named Halim: all of them are searched, and named
    const matched = /Cocok dengan ([^<]*)\.<\/p>/.exec(halim.text)![1]!
    expect(matched.split(/\), /)).toHaveLength(5)
    expect(matched).toContain(`Sukri Halim, S.Sos. (${people.kaban.nip})`)
    expect(matched).toContain(`Yuliana Halim, A.Md. (${more.sekda.nip})`)
    expect(idsOn((await client.get(url({ orang: 'nurhayati', aksi: 'activity.decide' }))).text)).toEqual([early21, late20])
    // a name with LIKE's wildcards in it matches them as letters
    expect((await client.get(url({ orang: '%_' }))).text).toContain('Tidak ada pegawai yang namanya memuat &quot;%_&quot;')

    // wrong filters: a clear message, no rows
    const wrong = async (q: Record<string, string>, message: string) => {
      const r = await client.get(url(q))
      expect(r.status, message).toBe(400)
      expect(r.text).toContain(message)
      expect(idsOn(r.text)).toEqual([])
    }
    await wrong({ orang: '199912312099011999' }, 'Tidak ada pegawai dengan NIP 199912312099011999.')
    await wrong({ orang: '12345' }, 'NIP &quot;12345&quot; tidak valid: NIP terdiri dari 18 angka.')
    await wrong({ orang: 'x' }, 'Tulis paling sedikit 2 huruf nama, atau NIP lengkap.')
    await wrong({ orang: 'Zulkarnain' }, 'Tidak ada pegawai yang namanya memuat &quot;Zulkarnain&quot;.')
    await wrong({ dari: '2026-11-31' }, 'Tanggal awal &quot;2026-11-31&quot; bukan tanggal yang valid')
    await wrong({ sampai: '21/11/2026' }, 'Tanggal akhir &quot;21/11/2026&quot; bukan tanggal yang valid')
    await wrong({ dari: '2026-11-22', sampai: '2026-11-21' }, 'Tanggal awal 2026-11-22 jatuh setelah tanggal akhir 2026-11-21: tukar keduanya.')
    await wrong({ aksi: 'activity.delete' }, 'Tindakan &quot;activity.delete&quot; belum pernah tercatat')
    await wrong({ aksi: 'nope.*' }, 'Belum ada tindakan berawalan &quot;nope.&quot;')
    const injected = await client.get(url({ orang: '"><script>alert(2)</script>' }))
    expect(injected.status).toBe(400)
    expect(injected.text).not.toContain('<script>alert(2)')
    expect(injected.text).toContain('value="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"')

    // admins only; no session goes to the sign-in
    for (const person of [people.kaban, people.kabid]) {
      const c = await signIn(h, person)
      expect((await c.get(PATH)).status).toBe(403)
      expect((await c.get(url({ orang: people.kabid.nip }))).status).toBe(403)
    }
    expect(await consoleClient(h).get(url({ orang: people.kabid.nip }))).toMatchObject({ status: 303, location: '/console/masuk' })
  }, 60_000)
})
