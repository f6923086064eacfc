import { Resvg } from '@resvg/resvg-js'
import { describe, expect, it } from 'vitest'
import { people, startHarness, type Harness } from '../helpers/app.js'
import type { DigestView } from '../../src/domain/scheduled-messages.js'
import { complianceChartSvg } from '../../src/scheduler/chart.js'
import type { UploadedFile } from '../helpers/fake-telegram.js'
import { addActivity, csvFile, employeeId, link, outboxOf, wita } from './helpers.js'

const { andi, salmiah, kabid, kaban } = people
const anwar = people.ahmad.nip
const sudirman = '199107272020011015'
const waOde = '197406162008012010'
// the Sekda (SETDA, above BKPSDM) and the head of DINKES (another subtree), both leaders
const sekda = { nip: '197312251996012011', telegram: 700000001 }
const kadinkes = { nip: '198710082012121001', telegram: 700000022 }
const fitri = '197103121993122013' // DINKES-YANKES, supervised by Fajar Lamaindi
const nasrunB = '197706052003041005'

/**
 * The week of 23–29 November 2026 in Sukri Halim's BKPSDM (his own unit, and BKPSDM-PKP under it),
 * built by hand. Thursday the 26th is a holiday; Salmiah is on cuti on the 23rd and 24th. Andi and Sukri
 * keep the fixed 6,750 minutes of the import (20 work days in November: 337.5 a day), the others get a
 * derived target (300 a day).
 */
async function fixtureWeek(h: Harness) {
  await h.cli('import-holidays', csvFile('libur.csv', ['date,name', '2026-11-26,Libur contoh']))
  await h.cli('import-leave', csvFile('cuti.csv', ['nip,from,to,kind', `${salmiah.nip},2026-11-23,2026-11-24,cuti`]))
  await h.app.db.prisma.employee.updateMany({ where: { nip: { in: [kabid.nip, anwar, sudirman, salmiah.nip, waOde] } }, data: { monthlyTargetMinutes: null } })
  const add = (nip: string, date: string, minutes: number, status: string, submitted?: string) =>
    addActivity(h, nip, { date, minutes, status, ...(submitted ? { submittedAt: wita(submitted) } : {}) })
  // the week
  await add(kabid.nip, '2026-11-23', 240, 'DISETUJUI')
  await add(kabid.nip, '2026-11-24', 60, 'DIAJUKAN', '2026-11-24T10:00')
  await add(andi.nip, '2026-11-23', 300, 'DISETUJUI')
  await add(andi.nip, '2026-11-24', 200, 'DISETUJUI')
  await add(andi.nip, '2026-11-25', 100, 'REVISI')
  await add(andi.nip, '2026-11-26', 60, 'DISETUJUI') // on the holiday: minutes count, the day is not expected
  await add(andi.nip, '2026-11-27', 120, 'DIAJUKAN', '2026-11-27T10:00')
  await add(sudirman, '2026-11-23', 100, 'DITOLAK') // rejected and withdrawn: not a report
  await add(sudirman, '2026-11-25', 50, 'DITARIK')
  await add(salmiah.nip, '2026-11-25', 300, 'DISETUJUI')
  await add(salmiah.nip, '2026-11-27', 280, 'DISETUJUI')
  await add(waOde, '2026-11-27', 150, 'DISETUJUI')
  await add(kaban.nip, '2026-11-23', 200, 'DISETUJUI')
  await add(kaban.nip, '2026-11-24', 200, 'DISETUJUI')
  // the week before (16–20, five work days, nobody on leave)
  for (const d of [16, 17, 18, 19, 20]) await add(andi.nip, `2026-11-${d}`, 300, 'DISETUJUI')
  await add(kabid.nip, '2026-11-16', 100, 'DISETUJUI')
  await add(kabid.nip, '2026-11-17', 100, 'DISETUJUI')
  await add(kaban.nip, '2026-11-16', 300, 'DISETUJUI')
  await add(sudirman, '2026-11-19', 90, 'DIAJUKAN', '2026-11-19T16:00')
}

describe('weekly leader digest', () => {
  it('matches the hand-computed week, comes with a chart photo, and is sent once', async () => {
    const h = await startHarness({ at: wita('2026-11-30T07:30').toISOString() }) // Monday
    await link(h, kaban.telegram, kabid.telegram) // the other leaders have not linked: they get nothing
    await fixtureWeek(h)

    const run = await h.app.scheduler.run('weekly-digest', h.clock.now(), 'cron')
    expect(run).toMatchObject({ status: 'done', period: '2026-W48', result: { recipients: 1, enqueued: 1 } })
    const [chart] = await outboxOf(h, 'digest_chart')
    const [text] = await outboxOf(h, 'leader_digest')
    const kabanId = await employeeId(h, kaban.nip)
    expect(chart!.dedupeKey).toBe(`weekly-digest:2026-W48:${kabanId}:chart`)
    expect(text!.dedupeKey).toBe(`weekly-digest:2026-W48:${kabanId}`)
    expect(chart!.id).toBeLessThan(text!.id) // the photo first, then the numbers

    const d = text!.message.digest as DigestView
    expect(d.from).toBe('2026-11-23')
    expect(d.to).toBe('2026-11-29')
    // compliance = days with a report / expected work days; targets prorated per work day
    expect(d.units).toEqual([
      {
        code: 'BKPSDM', name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', depth: 0, employees: 1,
        // Sukri: Mon–Wed + Fri expected, reported Mon and Tue; 4 × 337.5
        week: { expectedDays: 4, reportedDays: 2, approvedMinutes: 400, targetMinutes: 1350 },
        previous: { expectedDays: 5, reportedDays: 1, approvedMinutes: 300, targetMinutes: 1687.5 },
        pending: 0, oldestPendingWorkDays: null,
      },
      {
        code: 'BKPSDM-PKP', name: 'Bidang Penilaian Kinerja Aparatur dan Penghargaan', depth: 1, employees: 6,
        // expected 4+4+4+4+2+4; reported 2 (Nurhayati) + 4 (Andi) + 0 + 0 + 2 (Salmiah) + 1 (Wa Ode)
        // approved 240 + (300+200+60) + 580 + 150; target 1200 + 1350 + 1200 + 1200 + 600 + 1200
        week: { expectedDays: 22, reportedDays: 9, approvedMinutes: 1530, targetMinutes: 6750 },
        previous: { expectedDays: 30, reportedDays: 8, approvedMinutes: 1700, targetMinutes: 9187.5 },
        // waiting since Tue 24 (3 work days), Fri 27 (1) and Thu 19 (6: 20, 23, 24, 25, 27, 30)
        pending: 3, oldestPendingWorkDays: 6,
      },
    ])
    expect(d.total).toMatchObject({
      employees: 7,
      week: { expectedDays: 26, reportedDays: 11, approvedMinutes: 1930, targetMinutes: 8100 },
      previous: { expectedDays: 35, reportedDays: 9, approvedMinutes: 2000, targetMinutes: 10875 },
      pending: 3,
      oldestPendingWorkDays: 6,
    })
    expect(d.backlog).toEqual([
      { name: 'Nurhayati Ramli, M.Si.', unit: 'Bidang Penilaian Kinerja Aparatur dan Penghargaan', pending: 2, oldestWorkDays: 6 },
      { name: 'Sukri Halim, S.Sos.', unit: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', pending: 1, oldestWorkDays: 3 },
    ])
    expect(d.silent.map((s) => s.name)).toEqual(['Ahmad Anwar, S.Kep.', 'Ahmad Sudirman'])

    // on Telegram: a photo (PNG upload) with a caption, then the text
    const photo = await h.tg.waitFor(() => h.tg.messagesTo(kaban.telegram).find((m) => m.kind === 'photo'))
    const upload = photo.photo as UploadedFile
    expect(upload.filename).toBe('kepatuhan-2026-W48.png')
    expect(upload.data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(photo.text).toContain('Keseluruhan: 42,3% (▲ 16,6 poin)') // 11/26 against 9/35
    const digest = await h.tg.waitForMessageTo(kaban.telegram, /Ringkasan kinerja mingguan/)
    expect(digest.message_id).toBeGreaterThan(photo.message_id)
    expect(digest.text).toContain('Senin, 23 November 2026 s.d. Minggu, 29 November 2026')
    expect(digest.text).toContain('Kepatuhan 40,9% (9/22 hari), ▲ 14,2 poin')
    expect(digest.text).toContain('Disetujui 1.530 menit (−170), capaian 22,7% dari 6.750 menit; menunggu 3 (terlama 6 hari kerja)')
    expect(digest.text).toContain('• Nurhayati Ramli, M.Si. (Bidang Penilaian Kinerja Aparatur dan Penghargaan): 2 laporan, terlama 6 hari kerja')
    expect(digest.text).toMatch(/Pegawai tanpa laporan sepanjang minggu:\n• Ahmad Anwar, S\.Kep\. \(Bidang Penilaian[^)]*\)\n• Ahmad Sudirman/)
    expect(h.tg.messagesTo(kabid.telegram).filter((m) => /Ringkasan/.test(m.text))).toHaveLength(0) // not a leader

    // a re-run (operator, second instance) draws and sends nothing new
    expect(await h.app.scheduler.run('weekly-digest', h.clock.now(), 'manual')).toMatchObject({ result: { enqueued: 0, duplicates: 1 } })
    expect(await h.app.db.prisma.attachment.count()).toBe(1)
    await h.app.dispatcher.runOnce()
    expect(h.tg.messagesTo(kaban.telegram).filter((m) => m.kind === 'photo')).toHaveLength(1)
  })

  it('computes each unit once for nested leaders, and keeps every backlog inside its scope', async () => {
    const h = await startHarness({ at: wita('2026-11-30T07:30').toISOString() })
    await link(h, kaban.telegram, sekda.telegram, kadinkes.telegram, kabid.telegram)
    await fixtureWeek(h)
    const add = (nip: string, date: string, minutes: number, status: string, submitted: string) =>
      addActivity(h, nip, { date, minutes, status, submittedAt: wita(submitted) })
    // a second report the same day counts its minutes, not a second day
    await add(kaban.nip, '2026-11-23', 30, 'DISETUJUI', '2026-11-23T15:00')
    // Sukri's own item, waiting since Friday 30 October for the Sekda: 20 work days (the holiday on the
    // 26th is long after the calendar months of the digest began), dated outside the two weeks
    await add(kaban.nip, '2026-10-30', 60, 'DIAJUKAN', '2026-10-30T10:00')
    // DINKES: Fitri waits for Fajar since Friday 20 November (5 work days); Nasrun's older item does not
    // count once he is inactive
    await add(fitri, '2026-11-20', 90, 'DIAJUKAN', '2026-11-20T10:00')
    await add(nasrunB, '2026-11-18', 90, 'DIAJUKAN', '2026-11-18T10:00')
    await h.app.db.prisma.employee.update({ where: { nip: nasrunB }, data: { active: false } })

    const run = await h.app.scheduler.run('weekly-digest', h.clock.now(), 'cron')
    expect(run).toMatchObject({ status: 'done', result: { recipients: 3, enqueued: 3, duplicates: 0 } })
    const ids = { kaban: await employeeId(h, kaban.nip), sekda: await employeeId(h, sekda.nip), kadinkes: await employeeId(h, kadinkes.nip) }
    // exactly one chart and one digest per linked leader (the linked supervisor gets none)
    const charts = await outboxOf(h, 'digest_chart')
    const texts = await outboxOf(h, 'leader_digest')
    const leaders = [ids.kaban, ids.sekda, ids.kadinkes].sort((a, b) => a - b)
    expect(charts.map((c) => c.recipientId).sort((a, b) => a - b)).toEqual(leaders)
    expect(texts.map((t) => t.recipientId).sort((a, b) => a - b)).toEqual(leaders)
    expect(await h.app.db.prisma.attachment.count()).toBe(3)
    const digestOf = (id: number) => texts.find((t) => t.recipientId === id)!.message.digest as DigestView

    const kabanDigest = digestOf(ids.kaban)
    expect(kabanDigest.units.map((u) => [u.code, u.depth])).toEqual([['BKPSDM', 0], ['BKPSDM-PKP', 1]])
    expect(kabanDigest.units[0]).toMatchObject({
      employees: 1,
      week: { expectedDays: 4, reportedDays: 2, approvedMinutes: 430, targetMinutes: 1350 },
      pending: 1,
      oldestPendingWorkDays: 20,
    })
    expect(kabanDigest.total).toMatchObject({ employees: 7, pending: 4, oldestPendingWorkDays: 20 })
    // the Sekda is above Sukri's units: her backlog is not Sukri's to see
    expect(kabanDigest.backlog.map((b) => [b.name, b.pending, b.oldestWorkDays])).toEqual([
      ['Nurhayati Ramli, M.Si.', 2, 6],
      ['Sukri Halim, S.Sos.', 1, 3],
    ])

    // the Sekda's digest holds the same BKPSDM figures, one level deeper, and every backlog of the city
    const sekdaDigest = digestOf(ids.sekda)
    expect(sekdaDigest.units[0]).toMatchObject({ code: 'SETDA', depth: 0, employees: 0 })
    for (const u of kabanDigest.units) {
      expect(sekdaDigest.units.find((s) => s.code === u.code)).toEqual({ ...u, depth: u.depth + 1 })
    }
    expect(sekdaDigest.backlog.map((b) => [b.name, b.pending, b.oldestWorkDays])).toEqual([
      ['Yuliana Halim, A.Md.', 1, 20],
      ['Nurhayati Ramli, M.Si.', 2, 6],
      ['Fajar Lamaindi, S.H.', 1, 5],
      ['Sukri Halim, S.Sos.', 1, 3],
    ])
    // 40 people: the Sekda has no supervisor and Nasrun is inactive; 5 reported, so 33 are silent, listed
    // in tree order (units by code, people by name) up to 10
    expect(sekdaDigest.total).toMatchObject({ employees: 38, pending: 5, oldestPendingWorkDays: 20 })
    expect(sekdaDigest.total.week.reportedDays).toBe(11)
    expect(sekdaDigest.silent.slice(0, 4).map((s) => s.name)).toEqual(['Ahmad Anwar, S.Kep.', 'Ahmad Sudirman', 'Nasrun Basri, S.Kep.', 'Muhammad Sudirman, M.Si.'])
    expect(sekdaDigest.silent).toHaveLength(10)
    expect(sekdaDigest.silentMore).toBe(23)
    // the total is the sum of the units
    const sum = (f: (u: DigestView['units'][number]) => number) => sekdaDigest.units.reduce((s, u) => s + f(u), 0)
    expect(sekdaDigest.total.employees).toBe(sum((u) => u.employees))
    expect(sekdaDigest.total.week.expectedDays).toBe(sum((u) => u.week.expectedDays))
    expect(sekdaDigest.total.previous.approvedMinutes).toBe(sum((u) => u.previous.approvedMinutes))

    // another subtree: only its own units and supervisors
    const dinkes = digestOf(ids.kadinkes)
    expect(dinkes.units.map((u) => u.code)).toEqual(['DINKES', 'DINKES-YANKES', 'PKM-MANDONGA'])
    expect(dinkes.units[1]).toMatchObject({ employees: 2, pending: 1, oldestPendingWorkDays: 5 })
    expect(dinkes.backlog).toEqual([{ name: 'Fajar Lamaindi, S.H.', unit: 'Bidang Pelayanan Kesehatan', pending: 1, oldestWorkDays: 5 }])
  })
})

interface SvgElement { tag: string; attrs: Record<string, string>; text: string }

/** The chart's drawing elements in order (it writes one element per line, with no nesting). */
function svgElements(svg: string): SvgElement[] {
  const out: SvgElement[] = []
  for (const m of svg.matchAll(/<(rect|line|text)\b([^>]*?)(?:\/>|>([^<]*)<\/\1>)/g)) {
    const attrs = Object.fromEntries([...m[2]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]))
    const text = (m[3] ?? '').replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!)
    out.push({ tag: m[1]!, attrs, text })
  }
  return out
}

/** A PNG's RGB pixels, decoded by resvg itself: the PNG drawn 1:1 as the only image of an SVG. */
function decodePng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  const width = png.readUInt32BE(16)
  const height = png.readUInt32BE(20)
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="data:image/png;base64,${png.toString('base64')}"/></svg>`
  // `pixels` is a getter that copies the whole buffer: read it once
  const rgba = new Resvg(svg).render().pixels
  const at = (x: number, y: number) => [...rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 3)] as [number, number, number]
  /** Columns of row `y` between x0 and x1 whose pixel passes `test`. */
  const columns = (y: number, x0: number, x1: number, test: (rgb: [number, number, number]) => boolean) => {
    const xs: number[] = []
    for (let x = Math.floor(x0); x < Math.ceil(x1); x++) if (test(at(x, y))) xs.push(x)
    return xs
  }
  return { width, height, at, columns }
}

// a bar is coloured (green, amber or red); the previous-week tick is near black; text is black or grey
const coloured = ([r, g, b]: number[]) => Math.max(r!, g!, b!) - Math.min(r!, g!, b!) > 80
const dark = ([r, g, b]: number[]) => Math.max(r!, g!, b!) < 100

describe('weekly digest chart', () => {
  it('draws one bar per unit as long as its compliance, labelled with the unit and last week as a tick, under the scope as title', async () => {
    const h = await startHarness({ at: wita('2026-11-30T07:30').toISOString() })
    await link(h, kaban.telegram)
    await fixtureWeek(h)
    await h.app.scheduler.run('weekly-digest', h.clock.now(), 'cron')
    const [chart] = await outboxOf(h, 'digest_chart')
    const [text] = await outboxOf(h, 'leader_digest')
    const d = text!.message.digest as DigestView
    // the hand-computed week (see above): days reported / expected, this week and the week before
    const expected = [
      // a name too long for one line is set smaller on two, broken between words: nothing is cut
      { name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', label: ['Badan Kepegawaian dan Pengembangan Sumber Daya', 'Manusia'], now: 2 / 4, before: 1 / 5, pct: '50,0%' },
      { name: 'Bidang Penilaian Kinerja Aparatur dan Penghargaan', label: ['Bidang Penilaian Kinerja Aparatur dan Penghargaan'], now: 9 / 22, before: 8 / 30, pct: '40,9%' },
    ]
    expect(d.units.map((u) => u.name)).toEqual(expected.map((e) => e.name))

    const els = svgElements(complianceChartSvg(d))
    const texts = els.filter((e) => e.tag === 'text')
    // the title shortens the scope's long words as offices do, instead of cutting it off
    expect(texts[0]!.text).toBe('Kepatuhan laporan harian — Badan Kepegawaian dan Pengembangan SDM')
    expect(texts[1]!.text).toBe('Senin, 23 November 2026 – Minggu, 29 November 2026 · garis tipis: minggu sebelumnya')
    // the axis as drawn: the gridlines labelled 0% and 100%
    const gridAt = (label: string) => Number(texts.find((t) => t.text === label)!.attrs.x)
    const x0 = gridAt('0%')
    const full = gridAt('100%') - x0
    expect(els.filter((e) => e.tag === 'line' && e.attrs.stroke === '#dddddd').map((l) => Number(l.attrs.x1))).toEqual([x0, x0 + full / 2, x0 + full])
    // one bar per unit (the other rect is the background), each in the row of its unit's label
    const bars = els.filter((e) => e.tag === 'rect' && e.attrs.width !== '100%')
    expect(bars).toHaveLength(expected.length)
    const ticks = els.filter((e) => e.tag === 'line' && e.attrs.stroke !== '#dddddd')
    expect(ticks).toHaveLength(expected.length)
    const rows = bars.map((bar, i) => {
      const top = Number(bar.attrs.y)
      const bottom = top + Number(bar.attrs.height)
      const inRow = texts.filter((t) => Number(t.attrs.y) > top && Number(t.attrs.y) <= bottom)
      const e = expected[i]!
      expect(Number(bar.attrs.x)).toBe(x0)
      expect(Number(bar.attrs.width) / full).toBeCloseTo(e.now, 3)
      expect(bar.attrs.fill).toBe('#c53030') // under 70%: red
      expect(inRow.map((t) => t.text)).toEqual([...e.label, e.pct])
      expect(e.label.join(' ')).toBe(e.name)
      expect(Number(inRow[0]!.attrs.x)).toBeLessThan(x0)
      expect((Number(ticks[i]!.attrs.x1) - x0) / full).toBeCloseTo(e.before, 3)
      return { top, bottom, labelX: Number(inRow[0]!.attrs.x) }
    })
    expect(rows[1]!.top).toBeGreaterThan(rows[0]!.top)
    expect(rows[1]!.labelX).toBeGreaterThan(rows[0]!.labelX) // BKPSDM-PKP is under BKPSDM: indented

    // the PNG that goes out shows the same: each bar is as long as its share of the axis, the tick sits at
    // last week's share, and the title and labels are drawn (the fonts were found)
    const file = await h.app.db.prisma.attachment.findUniqueOrThrow({ where: { id: chart!.message.attachmentId as number } })
    const png = decodePng(Buffer.from(file.data))
    expect(png.width).toBe(900)
    expect(png.at(2, 2)).toEqual([255, 255, 255])
    rows.forEach((row, i) => {
      const y = Math.round((row.top + row.bottom) / 2)
      const bar = png.columns(y, 0, png.width, coloured)
      expect(bar[0]).toBe(x0)
      expect(Math.abs(bar.at(-1)! + 1 - x0 - full * expected[i]!.now)).toBeLessThanOrEqual(1)
      const tick = png.columns(y - 12, x0, x0 + full, dark) // just above the bar, where only the tick reaches
      expect(tick.length).toBeGreaterThan(0)
      expect(Math.abs((tick[0]! + tick.at(-1)! + 1) / 2 - x0 - full * expected[i]!.before)).toBeLessThanOrEqual(1)
      let ink = 0
      for (let ly = row.top; ly < row.bottom; ly++) ink += png.columns(ly, 0, x0 - 8, dark).length
      expect(ink).toBeGreaterThan(100)
    })
    let titleInk = 0
    for (let y = 10; y < 32; y++) titleInk += png.columns(y, 0, png.width, dark).length
    expect(titleInk).toBeGreaterThan(300)
  })
})
