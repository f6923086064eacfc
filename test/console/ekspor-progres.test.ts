import { readFileSync } from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { people, startHarness, type Harness } from '../helpers/app.js'
import { signIn, type ConsoleClient } from '../helpers/console.js'
import { tempDir } from '../helpers/db.js'
import { seedProgres } from '../helpers/progres.js'

// Ekspor's progres-harian over real HTTP: the workbook (every sheet, "Tidak diekspor" too) and the CSV are
// the CLI's for the same unit or person; a LEADER gets their subtree only, decided on the server.

const admin = { nip: '197406162008012010', telegram: 790_000_012 }
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' }
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const ENV = { PUBLIC_URL: 'https://kinerja.example.go.id', EVIDENCE_LINK_SECRET: 'uji-rahasia-tautan-bukti-0123456789-abcdefghij' }
const fitri = '197103121993122013' // DINKES-YANKES: outside BKPSDM

/** Every sheet of a workbook by name, each cell with its value, boldness and number format. */
async function bookOf(bytes: Buffer | string) {
  const wb = new ExcelJS.Workbook()
  if (typeof bytes === 'string') await wb.xlsx.readFile(bytes)
  else await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  return wb.worksheets.map((ws) => {
    const rows: unknown[][] = []
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: unknown[] = []
      for (let c = 1; c <= ws.columnCount; c++) {
        const cell = row.getCell(c)
        cells.push([cell.value ?? null, cell.font?.bold ?? false, cell.numFmt ?? null])
      }
      rows[r - 1] = cells
    })
    return { name: ws.name, rows }
  })
}

async function cliFile(h: Harness, by: ['--unit' | '--nip', string], format: 'xlsx' | 'csv', extra: string[] = []) {
  const file = path.join(tempDir(), `progres-${by[1]}.${format}`)
  const r = await h.cli('export', 'progres-harian', ...by, '--from', NOVEMBER.from, '--to', NOVEMBER.to, '--format', format, '--out', file, ...extra)
  if (r.code !== 0) throw new Error(r.err)
  return file
}

const progres = (client: ConsoleClient, form: Record<string, string>) =>
  client.download('/console/ekspor', { kind: 'progres-harian', unit: 'BKPSDM', nip: '', ...NOVEMBER, format: 'xlsx', ...form })

const audited = (h: Harness) =>
  h.app.db.prisma.auditLog.findMany({ where: { action: 'export', entityId: 'progres-harian' }, orderBy: { id: 'asc' } }).then((rows) => rows.map((a) => [a.actorId, JSON.parse(a.detail!)]))

describe('console: ekspor progres-harian', () => {
  it('serves the CLI’s workbook for a unit and the CLI’s CSV for a person, audited as the CLI with the admin and via console', async () => {
    const h = await startHarness({ env: ENV })
    await seedProgres(h)
    const client = await signIn(h, admin)
    const page = await client.get('/console/ekspor')
    expect(page.text).toContain('value="progres-harian"')
    expect(page.text).toContain('untuk unit hanya XLSX')
    const adminId = (await h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip: admin.nip } })).id

    // a unit: XLSX, a sheet per person and "Tidak diekspor", cell by cell the CLI's
    const unit = await progres(client, { unit: 'BKPSDM' })
    expect(unit.status).toBe(200)
    expect(unit.headers.get('content-type')).toBe(XLSX)
    expect(unit.headers.get('content-disposition')).toBe('attachment; filename="progres-harian-BKPSDM-2026-11-01-2026-11-30.xlsx"')
    const served = await bookOf(unit.bytes)
    const cli = await bookOf(await cliFile(h, ['--unit', 'BKPSDM'], 'xlsx'))
    expect(served.map((s) => s.name)).toEqual([people.andi.nip, people.salmiah.nip, 'Tidak diekspor'])
    expect(served).toEqual(cli)
    expect(served[0]!.rows.length).toBeGreaterThan(3)
    expect(String(served[0]!.rows.flat().map((c) => (c as unknown[])[0]).join(' '))).toContain(`${ENV.PUBLIC_URL}/bukti/`)

    // the whole organisation: every unit's people
    const all = await bookOf((await progres(client, { unit: '*' })).bytes)
    expect(all.map((s) => s.name)).toEqual(served.map((s) => s.name))

    // a person: XLSX as the CLI's --nip, and CSV byte for byte, comma and the Indonesian Excel variant
    const person = await progres(client, { nip: people.andi.nip })
    expect(person.headers.get('content-disposition')).toBe(`attachment; filename="progres-harian-${people.andi.nip}-2026-11-01-2026-11-30.xlsx"`)
    expect(await bookOf(person.bytes)).toEqual(await bookOf(await cliFile(h, ['--nip', people.andi.nip], 'xlsx')))
    const csv = await progres(client, { nip: people.andi.nip, format: 'csv' })
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(csv.bytes.equals(readFileSync(await cliFile(h, ['--nip', people.andi.nip], 'csv')))).toBe(true)
    const semi = await progres(client, { nip: people.andi.nip, format: 'csv-id' })
    expect(semi.bytes.equals(readFileSync(await cliFile(h, ['--nip', people.andi.nip], 'csv', ['--separator', ';'])))).toBe(true)

    // the trail: the CLI's entries, with the admin as actor and via console
    const trail = await audited(h)
    const fromConsole = trail.filter(([actor]) => actor !== null)
    const fromCli = trail.filter(([actor]) => actor === null).map(([, d]) => d as Record<string, unknown>)
    expect(fromConsole.map(([a]) => a)).toEqual([adminId, adminId, adminId, adminId, adminId])
    expect(fromConsole[0]![1]).toEqual({ ...fromCli[0], via: 'console' })
    expect(fromConsole[0]![1]).toMatchObject({ unit: 'BKPSDM', ...NOVEMBER, skipped: expect.any(Number), rows: expect.any(Number) })
    expect(fromConsole[2]![1]).toEqual({ ...fromCli[1], via: 'console' })
    expect(fromConsole[2]![1]).toMatchObject({ nip: people.andi.nip })

    // CSV of a unit would be a file per person: refused with the reason, nothing served or audited
    const count = trail.length
    const csvUnit = await client.post('/console/ekspor', { kind: 'progres-harian', unit: 'BKPSDM', nip: '', ...NOVEMBER, format: 'csv' })
    expect(csvUnit.status).toBe(400)
    expect(csvUnit.text).toContain('Progres harian sebagai CSV hanya untuk satu pegawai')
    const unknown = await client.post('/console/ekspor', { kind: 'progres-harian', unit: 'BKPSDM', nip: '199999999999999999', ...NOVEMBER, format: 'xlsx' })
    expect(unknown.status).toBe(400)
    expect(unknown.text).toContain('Pegawai dengan NIP &quot;199999999999999999&quot; tidak ada.')
    expect(await audited(h)).toHaveLength(count)
  }, 60_000)

  it('a LEADER gets their subtree and its people only; a forged unit or a person outside it is refused, nothing served or audited', async () => {
    const h = await startHarness({ env: ENV })
    await seedProgres(h)
    const leader = await signIn(h, people.kaban) // BKPSDM
    await leader.get('/console/ekspor')
    const leaderId = (await h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip: people.kaban.nip } })).id

    const ok = await progres(leader, { unit: 'BKPSDM-PKP' })
    expect(ok.status).toBe(200)
    expect(await bookOf(ok.bytes)).toEqual(await bookOf(await cliFile(h, ['--unit', 'BKPSDM-PKP'], 'xlsx')))
    const own = await progres(leader, { nip: people.andi.nip, format: 'csv' })
    expect(own.status).toBe(200)
    expect(own.bytes.equals(readFileSync(await cliFile(h, ['--nip', people.andi.nip], 'csv')))).toBe(true)
    const before = await audited(h)
    expect(before.filter(([a]) => a === leaderId)).toHaveLength(2)

    const forged: Record<string, string>[] = [{ unit: 'DINKES' }, { unit: '*' }, { nip: fitri }, { nip: fitri, unit: 'BKPSDM-PKP', format: 'csv' }, { nip: '199999999999999999' }]
    for (const form of forged) {
      const r = await progres(leader, form)
      expect(r.status, JSON.stringify(form)).toBe(403)
      expect(r.headers.get('content-type')).toMatch(/^text\/html/)
      expect(r.headers.get('content-disposition')).toBeNull()
    }
    const supervisor = await signIn(h, people.kabid)
    await supervisor.get('/console/akun')
    const refused = await progres(supervisor, { unit: 'BKPSDM-PKP' })
    expect(refused.status).toBe(403)
    expect(refused.headers.get('content-disposition')).toBeNull()
    expect(await audited(h)).toEqual(before)
  }, 60_000)
})
