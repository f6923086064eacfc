import { describe, expect, it } from 'vitest'
import type { DigestView } from '../../src/domain/scheduled-messages.js'
import { capaianPercent, compliancePercent, formatPercent } from '../../src/messages/index.js'
import { people, startHarness, type Harness } from '../helpers/app.js'
import { consoleClient, signIn } from '../helpers/console.js'
import { addActivity, csvFile, employeeId, link, outboxOf, wita } from '../scheduler/helpers.js'

// The Dasbor over real HTTP: the week of 23–29 November 2026 made through the (fake) Telegram chat —
// reports on the days they were made, approvals by clicking the card — then the weekly digest job run on
// Monday morning, and the dashboard's figures compared with what that job sent to each leader. Then the
// drill-down to a unit and a person, the week picker, the trend, and who may open what.

const admin = { nip: '197406162008012010', telegram: 790_000_012 }
const sekda = { nip: '197312251996012011', telegram: 700000001 }
const sudirman = { nip: '199107272020011015', telegram: 700000064 }
const muhammad = { nip: '197910092011011012', telegram: 700000127 } // DIKBUD-SD, supervised by Sri Sudirman
const fitri = '197103121993122013' // DINKES-YANKES
const { andi, salmiah, kabid, kaban, otherKabid } = people

function rows(html: string, tableId: string): string[][] {
  const table = new RegExp(`<table id="${tableId}">([\\s\\S]*?)</table>`).exec(html)
  if (!table) return []
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table[1]!)?.[1] ?? ''
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim()),
  )
}

function card(html: string, id: string): { value: string; note: string } {
  const m = new RegExp(`<div class="card" id="${id}"><div class="muted">[^<]*</div><div class="big">([^<]*)</div>(?:<div class="muted">([\\s\\S]*?)</div>)?</div>`).exec(html)
  if (!m) throw new Error(`no card ${id}`)
  return { value: m[1]!, note: (m[2] ?? '').replace(/<[^>]+>/g, '') }
}

const num = (n: number) => Math.round(n).toLocaleString('id-ID')
const pct = (v: number | null) => (v === null ? '—' : formatPercent(v))

/** A unit's digest figures as the dashboard's unit table cells show them (from "Pegawai" on). */
const unitCells = (u: DigestView['total']) => [
  num(u.employees),
  `${pct(compliancePercent(u.week))} (${u.week.reportedDays}/${u.week.expectedDays})`,
  expect.any(String),
  num(u.week.approvedMinutes),
  num(u.week.targetMinutes),
  pct(capaianPercent(u.week.approvedMinutes, Math.round(u.week.targetMinutes))),
  num(u.pending),
]

/** The headline cards as they must read for a digest total. */
function expectTotals(html: string, t: DigestView['total']) {
  expect(card(html, 'kepatuhan').value).toBe(pct(compliancePercent(t.week)))
  expect(card(html, 'kepatuhan').note).toContain(`${t.week.reportedDays}/${t.week.expectedDays} hari`)
  expect(card(html, 'menit').value).toBe(num(t.week.approvedMinutes))
  expect(card(html, 'menit').note).toBe(`capaian ${pct(capaianPercent(t.week.approvedMinutes, Math.round(t.week.targetMinutes)))} dari target ${num(t.week.targetMinutes)} menit`)
  expect(card(html, 'menunggu').value).toBe(num(t.pending))
  expect(card(html, 'pegawai').value).toBe(num(t.employees))
}

async function report(h: Harness, telegram: number, text: string): Promise<number> {
  const before = h.tg.messagesTo(telegram).at(-1)?.message_id ?? 0
  h.tg.userSends(telegram, text)
  const receipt = await h.tg.waitForMessageTo(telegram, /Laporan #\d+ terkirim/, { afterMessageId: before })
  return Number(/#(\d+)/.exec(receipt.text)![1])
}

/** The supervisor approves from the card the bot sent them. */
async function approve(h: Harness, supervisor: number, id: number) {
  const card = await h.tg.waitForMessageTo(supervisor, new RegExp(`Laporan kegiatan #${id} menunggu persetujuan`))
  h.tg.userClicks(supervisor, card.message_id, `dc:${id}:1:ok`)
  await h.tg.waitFor(() => h.tg.messagesTo(supervisor).find((m) => m.message_id === card.message_id && /Disetujui oleh/.test(m.text)), { label: `approved #${id}` })
}

const unitId = async (h: Harness, code: string) => (await h.app.db.prisma.unit.findUniqueOrThrow({ where: { code } })).id

describe('Dasbor', () => {
  it('shows the weekly digest’s numbers for the same week, per unit and person, with charts and a trend', { timeout: 60_000 }, async () => {
    const h = await startHarness({ at: wita('2026-11-23T16:00').toISOString() }) // Monday
    await link(h, kabid.telegram, andi.telegram, salmiah.telegram, sudirman.telegram, kaban.telegram, sekda.telegram, otherKabid.telegram, muhammad.telegram)
    await h.cli('import-holidays', csvFile('libur.csv', ['date,name', '2026-11-26,Libur contoh']))
    await h.cli('import-leave', csvFile('cuti.csv', ['nip,from,to,kind', `${salmiah.nip},2026-11-23,2026-11-24,cuti`]))
    // the week before, for the trend: Andi approved on three days
    for (const d of ['2026-11-17', '2026-11-18', '2026-11-19']) await addActivity(h, andi.nip, { date: d, minutes: 300, status: 'DISETUJUI' })

    // Monday 23
    await approve(h, kabid.telegram, await report(h, andi.telegram, '/lapor 08:00-10:00 Menyusun laporan kinerja'))
    await report(h, sudirman.telegram, '/lapor 09:00-10:00 Memutakhirkan data pegawai')
    await approve(h, sekda.telegram, await report(h, kaban.telegram, '/lapor 08:00-11:00 Rapat pimpinan'))
    await approve(h, otherKabid.telegram, await report(h, muhammad.telegram, '/lapor 08:00-09:00 Menelaah kurikulum'))
    // Tuesday 24
    h.clock.set(wita('2026-11-24T16:00'))
    await approve(h, kabid.telegram, await report(h, andi.telegram, '/lapor 08:00-11:00 Menyusun instrumen penilaian'))
    // Wednesday 25: Andi's report waits; Salmiah is back from leave
    h.clock.set(wita('2026-11-25T16:00'))
    await report(h, andi.telegram, '/lapor 13:00-14:00 Konsultasi kinerja')
    await approve(h, kabid.telegram, await report(h, salmiah.telegram, '/lapor 08:00-12:00 Membangun dasbor kinerja'))
    // Thursday 26 is a holiday; Friday 27
    h.clock.set(wita('2026-11-27T16:00'))
    await approve(h, kabid.telegram, await report(h, salmiah.telegram, '/lapor 08:00-10:00 Menguji dasbor'))
    await report(h, andi.telegram, '/lapor 08:00-09:00 Menyusun notulen')
    // in DINKES, an item waiting since Friday 20 November
    await addActivity(h, fitri, { date: '2026-11-20', minutes: 90, status: 'DIAJUKAN', submittedAt: wita('2026-11-20T10:00') })

    // Monday morning: the digest goes to every linked leader
    h.clock.set(wita('2026-11-30T07:30'))
    const run = await h.app.scheduler.run('weekly-digest', h.clock.now(), 'cron')
    expect(run).toMatchObject({ status: 'done', period: '2026-W48' })
    const digests = await outboxOf(h, 'leader_digest')
    const ids = { kaban: await employeeId(h, kaban.nip), sekda: await employeeId(h, sekda.nip) }
    const kabanDigest = digests.find((d) => d.recipientId === ids.kaban)!.message.digest as DigestView
    const sekdaDigest = digests.find((d) => d.recipientId === ids.sekda)!.message.digest as DigestView
    // the hand-made week as the digest counts it: BKPSDM-PKP expected Mon–Wed + Fri of six people, Salmiah
    // two days (leave), Nurhayati and the others none reported; Andi 4 days, Salmiah 2, Sudirman 1. The
    // 6,750 minutes a month are spread over each one's own work days: 20 in November (337.5 a day), 18
    // for Salmiah (375 a day)
    expect(kabanDigest.units[1]).toMatchObject({
      code: 'BKPSDM-PKP',
      week: { expectedDays: 22, reportedDays: 7, approvedMinutes: 300 + 240 + 120, targetMinutes: 5 * 4 * 337.5 + 2 * 375 },
      pending: 3,
    })

    // the leader of BKPSDM: his digest, figure for figure
    const sukri = await signIn(h, kaban)
    const mine = await sukri.get('/console/dasbor')
    expect(mine.status).toBe(200)
    expect(mine.text).toContain('2026-W48 · Senin, 23 November 2026 – Minggu, 29 November 2026')
    expectTotals(mine.text, kabanDigest.total)
    expect(card(mine.text, 'kepatuhan').note).toContain(kabanDigest.total.previous.expectedDays > 0 ? 'poin' : 'tidak ada pembanding')
    const pkp = await unitId(h, 'BKPSDM-PKP')
    expect(rows(mine.text, 'unit-bawah')).toEqual([['Bidang Penilaian Kinerja Aparatur dan Penghargaan', ...unitCells(kabanDigest.units[1]!)]])
    expect(mine.text).toContain(`href="/console/dasbor?unit=${pkp}&amp;minggu=2026-11-23"`)
    // his own unit's people: himself, Monday only
    expect(rows(mine.text, 'pegawai-unit')).toEqual([['Sukri Halim, S.Sos.', '1/4', '25,0%', '180', '1.350', '13,3%', '0']])
    // the charts, inline SVG from the digest's renderer: the units' bars, and the trend
    expect(mine.text).toMatch(/<figure class="chart" id="grafik-kepatuhan" role="img"[^>]*><svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="900" height="\d+" viewBox="0 0 900 \d+"/)
    expect(mine.text).toContain('Kepatuhan laporan harian — Badan Kepegawaian dan Pengembangan SDM')
    expect(mine.text).toMatch(/<figure class="chart" id="grafik-tren"[^>]*><svg/)
    // the trend: eight weeks, the last two the digest's week and the one before
    const trend = rows(mine.text, 'tren-tabel')
    expect(trend).toHaveLength(8)
    expect(trend[0]![0]).toMatch(/^2026-W41/)
    const t = kabanDigest.total
    expect(trend[7]).toEqual([expect.stringMatching(/^2026-W48/), pct(compliancePercent(t.week)), `${t.week.reportedDays}/${t.week.expectedDays}`, num(t.week.approvedMinutes), num(t.week.targetMinutes), pct(capaianPercent(t.week.approvedMinutes, Math.round(t.week.targetMinutes)))])
    expect(trend[6]!.slice(1, 4)).toEqual([pct(compliancePercent(t.previous)), `${t.previous.reportedDays}/${t.previous.expectedDays}`, num(t.previous.approvedMinutes)])
    expect(trend[6]![3]).toBe('900') // Andi's three days of the week before
    expect(trend[0]!.slice(1, 4)).toEqual(['0,0%', `0/${7 * 5}`, '0'])
    // waiting: Andi's two (Wednesday, Friday) and Sudirman's from Monday the 23rd, 4 work days old (the 26th is a holiday)
    expect(card(mine.text, 'menunggu').note).toBe(`terlama ${t.oldestPendingWorkDays} hari kerja · 1 menunggu ≥ 3 hari kerja`)
    expect(rows(mine.text, 'tunggakan')).toEqual(kabanDigest.backlog.map((b) => [b.name, b.unit, String(b.pending), `${b.oldestWorkDays} hari kerja`]))
    expect(rows(mine.text, 'tunggakan')).toEqual([['Nurhayati Ramli, M.Si.', 'Bidang Penilaian Kinerja Aparatur dan Penghargaan', '3', '4 hari kerja']])
    expect(mine.text).toContain('<li>Ahmad Anwar, S.Kep. <span class="muted">(Bidang Penilaian Kinerja Aparatur dan Penghargaan)</span></li>')

    // drill down: his unit → BKPSDM-PKP → Andi
    const unitPage = await sukri.get(`/console/dasbor?unit=${pkp}&minggu=2026-11-23`)
    expect(unitPage.status).toBe(200)
    expectTotals(unitPage.text, kabanDigest.units[1]!)
    expect(rows(unitPage.text, 'unit-bawah')).toEqual([])
    const staff = rows(unitPage.text, 'pegawai-unit')
    expect(staff.map((r) => r[0])).toEqual(['Ahmad Anwar, S.Kep.', 'Ahmad Sudirman', 'Andi Latif, S.IP.', 'Nurhayati Ramli, M.Si.', 'Salmiah Djafar, M.Si.', 'Wa Ode Tamrin, S.E.'])
    expect(staff[2]).toEqual(['Andi Latif, S.IP.', '4/4', '100,0%', '300', '1.350', '22,2%', '2'])
    expect(staff[4]).toEqual(['Salmiah Djafar, M.Si.', '2/2', '100,0%', '360', '750', '48,0%', '0'])
    expect(staff[1]).toEqual(['Ahmad Sudirman', '1/4', '25,0%', '0', '1.350', '0,0%', '1'])
    // the people's rows add up to the unit's digest figures
    const sum = (i: number) => staff.reduce((s, r) => s + Number(r[i]!.replace(/\./g, '')), 0)
    expect([sum(3), sum(4), sum(6)]).toEqual([kabanDigest.units[1]!.week.approvedMinutes, kabanDigest.units[1]!.week.targetMinutes, kabanDigest.units[1]!.pending])
    expect(unitPage.text).toMatch(/<nav class="crumbs"[^>]*><a href="\/console\/dasbor\?unit=\d+&amp;minggu=2026-11-23">Badan Kepegawaian/)
    const andiId = await employeeId(h, andi.nip)
    expect(unitPage.text).toContain(`href="/console/dasbor/pegawai/${andiId}?minggu=2026-11-23"`)

    const person = await sukri.get(`/console/dasbor/pegawai/${andiId}?minggu=2026-11-23`)
    expect(person.status).toBe(200)
    expect(card(person.text, 'kepatuhan')).toEqual({ value: '4/4', note: 'kepatuhan 100,0%' })
    expect(card(person.text, 'menit')).toEqual({ value: '300', note: 'capaian 22,2% dari target 1.350 menit' })
    expect(card(person.text, 'menunggu').value).toBe('2')
    expect(rows(person.text, 'hari').map((r) => r.slice(1))).toEqual([
      ['Hari kerja', '1 laporan', '2 jam', '120'],
      ['Hari kerja', '1 laporan', '3 jam', '180'],
      ['Hari kerja', '1 laporan', '1 jam', '—'],
      ['Libur: Libur contoh', '—', '—', '—'],
      ['Hari kerja', '1 laporan', '1 jam', '—'],
      ['Akhir pekan', '—', '—', '—'],
      ['Akhir pekan', '—', '—', '—'],
    ])
    expect(rows(person.text, 'laporan').map((r) => [r[2], r[3], r[4]])).toEqual([
      ['120', 'Menyusun laporan kinerja', 'Disetujui'],
      ['180', 'Menyusun instrumen penilaian', 'Disetujui'],
      ['60', 'Konsultasi kinerja', 'Diajukan'],
      ['60', 'Menyusun notulen', 'Diajukan'],
    ])
    // waiting since Wednesday (2 work days: Friday and today) and Friday (1)
    expect(rows(person.text, 'menunggu-daftar').map((r) => r[4])).toEqual(['2 hari kerja', '1 hari kerja'])
    const silentPerson = await sukri.get(`/console/dasbor/pegawai/${await employeeId(h, people.ahmad.nip)}`)
    expect(rows(silentPerson.text, 'hari').map((r) => r[2])).toEqual(['Tidak melapor', 'Tidak melapor', 'Tidak melapor', '—', 'Tidak melapor', '—', '—'])

    // the week before, by ISO week or any date in it; a week not over yet is not shown
    const before = await sukri.get(`/console/dasbor?unit=${pkp}&minggu=2026-W47`)
    expect(before.text).toContain('2026-W47 · Senin, 16 November 2026')
    expect(rows(before.text, 'pegawai-unit')[2]!.slice(0, 4)).toEqual(['Andi Latif, S.IP.', '3/5', '60,0%', '900'])
    expect((await sukri.get(`/console/dasbor/pegawai/${andiId}?minggu=2026-11-19`)).text).toContain('2026-W47 · Senin, 16 November 2026')
    for (const asked of ['2026-W49', '2026-12-30', 'kemarin', '2026-02-30']) {
      const r = await sukri.get(`/console/dasbor?minggu=${asked}`)
      expect(r.status).toBe(200)
      expect(r.text).toContain('2026-W48 · Senin, 23 November 2026')
      expect(r.text).toMatch(/ditampilkan minggu lengkap terakhir/)
    }

    // the admin: the city (SETDA is the one top unit) is the Sekda's digest; BKPSDM's row is Sukri's
    const waOde = await signIn(h, admin)
    const city = await waOde.get('/console/dasbor')
    expect(city.status).toBe(200)
    expectTotals(city.text, sekdaDigest.total)
    const cityUnits = rows(city.text, 'unit-bawah')
    expect(cityUnits.map((r) => r[0])).toEqual([
      'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia',
      'Dinas Pendidikan dan Kebudayaan',
      'Dinas Kesehatan',
      'Kecamatan Kadia',
      'Dinas Komunikasi dan Informatika',
    ])
    expect(cityUnits[0]).toEqual([cityUnits[0]![0], ...unitCells(kabanDigest.total)])
    // the pending item of DINKES is five work days old: over the escalation age
    expect(card(city.text, 'menunggu').note).toBe(`terlama ${sekdaDigest.total.oldestPendingWorkDays} hari kerja · 2 menunggu ≥ 3 hari kerja`)
    expect(rows(city.text, 'tunggakan')).toEqual(sekdaDigest.backlog.map((b) => [b.name, b.unit, String(b.pending), `${b.oldestWorkDays} hari kerja`]))
    // the admin drills into another subtree, down to its people
    const dikbud = await waOde.get(`/console/dasbor?unit=${await unitId(h, 'DIKBUD-SD')}`)
    expect(rows(dikbud.text, 'pegawai-unit').find((r) => r[0] === 'Muhammad Sudirman, M.Si.')!.slice(1, 4)).toEqual(['1/4', '25,0%', '60'])
  })

  it('lets ADMIN and LEADER in, a LEADER only to their subtree; a SUPERVISOR and no session are refused', async () => {
    const h = await startHarness()
    const pkp = await unitId(h, 'BKPSDM-PKP')
    const bkpsdm = await unitId(h, 'BKPSDM')
    const dinkes = await unitId(h, 'DINKES')
    const andiId = await employeeId(h, andi.nip)
    const fitriId = await employeeId(h, fitri)
    const sukriId = await employeeId(h, kaban.nip)
    const sekdaId = await employeeId(h, sekda.nip)
    const paths = ['/console/dasbor', `/console/dasbor?unit=${pkp}`, `/console/dasbor/pegawai/${andiId}`, `/console/dasbor?unit=${dinkes}&minggu=2026-W47`]

    const nobody = consoleClient(h)
    for (const p of [...paths, '/console']) {
      const r = await nobody.get(p)
      expect([p, r.status, r.location]).toEqual([p, 303, '/console/masuk'])
    }

    const nur = await signIn(h, kabid)
    for (const p of paths) {
      const r = await nur.get(p)
      expect([p, r.status]).toEqual([p, 403])
      expect(r.text).toContain('Halaman ini tidak termasuk wewenang Anda.')
    }
    expect((await nur.get('/console')).status).toBe(200)

    // the leader of BKPSDM: his subtree, nothing above or beside it, whatever id is typed
    const sukri = await signIn(h, kaban)
    for (const p of ['/console/dasbor', `/console/dasbor?unit=${bkpsdm}`, `/console/dasbor?unit=${pkp}`, `/console/dasbor/pegawai/${andiId}`, `/console/dasbor/pegawai/${sukriId}`]) {
      expect([p, (await sukri.get(p)).status]).toEqual([p, 200])
    }
    for (const p of [
      `/console/dasbor?unit=${dinkes}`,
      `/console/dasbor?unit=${await unitId(h, 'SETDA')}`,
      '/console/dasbor?unit=0',
      '/console/dasbor?unit=999999',
      `/console/dasbor/pegawai/${fitriId}`,
      `/console/dasbor/pegawai/${sekdaId}`,
      '/console/dasbor/pegawai/999999',
    ]) {
      const r = await sukri.get(p)
      expect([p, r.status]).toEqual([p, 403])
      expect(r.text).not.toContain('Fitri Djafar')
    }
    // his page says nothing of other units
    const his = await sukri.get('/console/dasbor')
    expect(his.text).not.toContain('Dinas Kesehatan')
    expect(his.text).not.toMatch(/<a href="\/console\/dasbor\?unit=\d+[^"]*">Sekretariat Daerah/)

    const waOde = await signIn(h, admin)
    for (const p of [...paths, `/console/dasbor?unit=${dinkes}`, `/console/dasbor/pegawai/${fitriId}`, '/console']) {
      expect([p, (await waOde.get(p)).status]).toEqual([p, 200])
    }
    for (const p of ['/console/dasbor?unit=999999', '/console/dasbor?unit=abc', '/console/dasbor/pegawai/999999']) {
      expect([p, (await waOde.get(p)).status]).toEqual([p, 404])
    }
  })
})
