import { readFileSync } from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { people, startHarness, type Harness } from '../helpers/app.js'
import { consoleClient, signIn, type ConsoleClient } from '../helpers/console.js'
import { tempDir } from '../helpers/db.js'
import { novemberRound } from '../platforms/telegram/evaluation-helpers.js'

// Ekspor over real HTTP: the files the console serves hold exactly what the CLI writes for the same unit
// and range (the same code); who may export what is decided on the server; every export is audited.

const admin = { nip: '197406162008012010', telegram: 790_000_012 }
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' }
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

async function sheetOf(bytes: Buffer | string) {
  const wb = new ExcelJS.Workbook()
  if (typeof bytes === 'string') await wb.xlsx.readFile(bytes)
  else await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  return wb.worksheets[0]!
}

/** Every cell of a sheet by row, with what the XLSX says about its look (bold, number format). */
function cellsOf(ws: ExcelJS.Worksheet) {
  const out: unknown[][] = []
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: unknown[] = []
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = row.getCell(c)
      cells.push([cell.value ?? null, cell.font?.bold ?? false, cell.numFmt ?? null])
    }
    out[r - 1] = cells
  })
  return out
}

async function cliFile(h: Harness, kind: string, unit: string, format: 'xlsx' | 'csv', extra: string[] = []) {
  const file = path.join(tempDir(), `${kind}-${unit}.${format}`)
  const r = await h.cli('export', kind, '--unit', unit, '--from', NOVEMBER.from, '--to', NOVEMBER.to, '--format', format, '--out', file, ...extra)
  if (r.code !== 0) throw new Error(r.err)
  return file
}

const exportsAudited = (h: Harness) => h.app.db.prisma.auditLog.findMany({ where: { action: 'export' }, orderBy: { id: 'asc' } })

async function exportForm(client: ConsoleClient, form: Record<string, string>) {
  return client.download('/console/ekspor', { kind: 'aktivitas', unit: 'BKPSDM-PKP', ...NOVEMBER, format: 'xlsx', ...form })
}

describe('console: ekspor', () => {
  it('serves the CLI’s exports (same cells, same CSV bytes) with their file names, audited as the CLI audits with the admin as actor', async () => {
    const h = await startHarness()
    await novemberRound(h) // the clock is now 1 December
    const client = await signIn(h, admin)
    const page = await client.get('/console/ekspor')
    expect(page.status).toBe(200)
    expect(page.text).toContain('Seluruh organisasi')
    expect(page.text).toMatch(/<option value="DINKES"[^>]*>[^<]*Dinas Kesehatan \(DINKES\)/)
    expect(page.text).toContain('value="2026-12-01"') // this month so far, by default

    // XLSX (the default), each kind, against the CLI's file of the same unit and range
    for (const [kind, unit] of [
      ['aktivitas', 'BKPSDM-PKP'],
      ['menit', 'BKPSDM'],
      ['evaluasi', 'BKPSDM-PKP'],
    ] as const) {
      const r = await exportForm(client, { kind, unit, format: '' })
      expect(r.status, kind).toBe(200)
      expect(r.headers.get('content-type')).toBe(XLSX)
      expect(r.headers.get('content-disposition')).toBe(`attachment; filename="${kind}-${unit}-2026-11-01-2026-11-30.xlsx"`)
      expect(r.headers.get('cache-control')).toBe('no-store')
      const served = await sheetOf(r.bytes)
      const cli = await sheetOf(await cliFile(h, kind, unit, 'xlsx'))
      expect(served.name).toBe(cli.name)
      expect(served.rowCount).toBeGreaterThan(2)
      expect(cellsOf(served), kind).toEqual(cellsOf(cli))
      expect(served.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    }
    const menit = await sheetOf((await exportForm(client, { kind: 'menit', unit: 'BKPSDM' })).bytes)
    expect((menit.getRow(11).values as unknown[]).slice(1)).toEqual(['2026-11', 'BKPSDM', 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', undefined, 'Total Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', undefined, undefined, undefined, 810, 47250, 1.7])

    // CSV: byte for byte the CLI's file, comma and the Indonesian Excel variant
    const csv = await exportForm(client, { format: 'csv' })
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="aktivitas-BKPSDM-PKP-2026-11-01-2026-11-30.csv"')
    expect(csv.bytes.equals(readFileSync(await cliFile(h, 'aktivitas', 'BKPSDM-PKP', 'csv')))).toBe(true)
    expect(csv.bytes.toString('utf8').split('\r\n')).toHaveLength(8)
    const semi = await exportForm(client, { kind: 'menit', format: 'csv-id' })
    expect(semi.bytes.equals(readFileSync(await cliFile(h, 'menit', 'BKPSDM-PKP', 'csv', ['--separator', ';'])))).toBe(true)

    // the whole organisation (one root in the fixture: the same rows as its root unit's export)
    const all = await exportForm(client, { unit: '*' })
    expect(all.headers.get('content-disposition')).toBe('attachment; filename="aktivitas-SEMUA-2026-11-01-2026-11-30.xlsx"')
    const setda = await sheetOf(await cliFile(h, 'aktivitas', 'SETDA', 'xlsx'))
    expect(cellsOf(await sheetOf(all.bytes))).toEqual(cellsOf(setda))
    expect(setda.rowCount).toBe(7)

    // the trail: the console's entries are the CLI's with the admin as actor and where it came from
    const adminId = (await h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip: admin.nip } })).id
    const trail = await exportsAudited(h)
    const fromConsole = trail.filter((a) => a.actorId !== null)
    const fromCli = trail.filter((a) => a.actorId === null)
    expect(fromConsole.map((a) => [a.actorId, a.entity, a.entityId, JSON.parse(a.detail!)])).toEqual([
      [adminId, 'export', 'aktivitas', { via: 'console', kind: 'aktivitas', unit: 'BKPSDM-PKP', from: NOVEMBER.from, to: NOVEMBER.to, rows: 6 }],
      [adminId, 'export', 'menit', { via: 'console', kind: 'menit', unit: 'BKPSDM', from: NOVEMBER.from, to: NOVEMBER.to, rows: 10 }],
      [adminId, 'export', 'evaluasi', { via: 'console', kind: 'evaluasi', unit: 'BKPSDM-PKP', from: NOVEMBER.from, to: NOVEMBER.to, rows: 12 }],
      [adminId, 'export', 'menit', expect.objectContaining({ via: 'console', unit: 'BKPSDM' })],
      [adminId, 'export', 'aktivitas', expect.objectContaining({ via: 'console', unit: 'BKPSDM-PKP' })],
      [adminId, 'export', 'menit', expect.objectContaining({ via: 'console', unit: 'BKPSDM-PKP' })],
      [adminId, 'export', 'aktivitas', expect.objectContaining({ via: 'console', unit: 'SEMUA', rows: 6 })],
    ])
    expect(fromCli.map((a) => JSON.parse(a.detail!))[0]).toEqual({ unit: 'BKPSDM-PKP', from: NOVEMBER.from, to: NOVEMBER.to, rows: 6 })
    expect(new Set(trail.map((a) => a.action))).toEqual(new Set(['export']))

    // wrong input: the form again with what is wrong, nothing served, nothing audited
    const count = trail.length
    const wrong = async (form: Record<string, string>, message: string) => {
      const r = await client.post('/console/ekspor', { kind: 'aktivitas', unit: 'BKPSDM-PKP', ...NOVEMBER, format: 'xlsx', ...form })
      expect(r.status, message).toBe(400)
      expect(r.headers.get('content-type')).toMatch(/^text\/html/)
      expect(r.text).toContain(message)
    }
    await wrong({ from: '2026-11-30', to: '2026-11-01' }, 'Tanggal awal 2026-11-30 jatuh setelah tanggal akhir 2026-11-01: tukar keduanya')
    await wrong({ from: '2025-11-01', to: '2026-11-02' }, 'mencakup 367 hari: satu ekspor paling banyak 366 hari')
    await wrong({ from: '2026-02-30' }, 'Tanggal awal &quot;2026-02-30&quot; bukan tanggal yang valid')
    await wrong({ to: '' }, 'tanggal akhir &quot;&quot; bukan tanggal yang valid')
    await wrong({ kind: 'gaji' }, 'Pilih jenis ekspor')
    await wrong({ format: 'pdf' }, 'Format &quot;pdf&quot; tidak didukung')
    await wrong({ unit: 'XX' }, 'Unit &quot;XX&quot; tidak ada')
    // a full year (366 days) is allowed
    expect((await exportForm(client, { from: '2025-12-01', to: '2026-12-01' })).status).toBe(200)
    expect(await h.app.db.prisma.auditLog.count({ where: { action: 'export' } })).toBe(count + 1)
  }, 60_000)

  it('lets ADMIN and LEADER in, a LEADER only within their unit’s subtree; no session, no CSRF token or another role: nothing served', async () => {
    const h = await startHarness()
    const admins = await signIn(h, admin)
    const leader = await signIn(h, people.kaban) // BKPSDM
    const supervisor = await signIn(h, people.kabid)
    const other = await signIn(h, people.otherKabid)
    const audited = () => h.app.db.prisma.auditLog.count({ where: { action: 'export' } })

    // the LEADER's form lists their subtree only, and no "whole organisation"
    const page = await leader.get('/console/ekspor')
    expect(page.status).toBe(200)
    const options = [...page.text.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]).filter((v) => !['xlsx', 'csv', 'csv-id'].includes(v!))
    expect(options).toEqual(['BKPSDM', 'BKPSDM-PKP'])
    const ok = await exportForm(leader, { unit: 'BKPSDM-PKP' })
    expect(ok.status).toBe(200)
    expect((await sheetOf(ok.bytes)).name).toBe('Aktivitas')
    expect(await audited()).toBe(1)

    // forged units outside the subtree: refused on the server, nothing served, nothing audited
    for (const unit of ['DINKES', 'SETDA', '*', 'dinkes']) {
      const r = await exportForm(leader, { unit })
      expect(r.status, unit).toBe(403)
      expect(r.headers.get('content-type')).toMatch(/^text\/html/)
      expect(r.headers.get('content-disposition')).toBeNull()
      expect(r.bytes.toString('utf8')).toContain('Anda hanya dapat mengekspor unit Anda dan unit di bawahnya')
    }
    // even with the range wrong as well: the unit is judged first
    expect((await exportForm(leader, { unit: 'DINKES', from: 'x' })).status).toBe(403)
    expect(await audited()).toBe(1)

    // supervisors have no exports at all
    for (const c of [supervisor, other]) {
      expect((await c.get('/console/ekspor')).status).toBe(403)
      expect((await exportForm(c, { unit: 'BKPSDM-PKP' })).status).toBe(403)
    }
    // no session: the page sends to the sign-in, a post is refused
    const anonymous = consoleClient(h)
    expect(await anonymous.get('/console/ekspor')).toMatchObject({ status: 303, location: '/console/masuk' })
    expect((await anonymous.download('/console/ekspor', { kind: 'aktivitas', unit: 'BKPSDM', ...NOVEMBER })).status).toBe(401)
    // no CSRF token, or a wrong one
    await admins.get('/console/ekspor')
    expect((await admins.download('/console/ekspor', { _csrf: '', kind: 'aktivitas', unit: 'BKPSDM', ...NOVEMBER })).status).toBe(403)
    expect((await admins.download('/console/ekspor', { _csrf: 'x'.repeat(43), kind: 'aktivitas', unit: 'BKPSDM', ...NOVEMBER })).status).toBe(403)
    expect(await audited()).toBe(1)
    // the admin may export any unit
    expect((await exportForm(admins, { unit: 'DINKES' })).status).toBe(200)
    expect(await audited()).toBe(2)
  }, 60_000)
})
