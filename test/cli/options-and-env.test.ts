import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/index.js'
import { openDatabase, sqliteFile } from '../../src/db/client.js'
import { FIXTURES, people, startHarness } from '../helpers/app.js'
import { onPostgres, tempDatabaseUrl, tempDir } from '../helpers/db.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const UNITS = path.join(FIXTURES, 'kendari-units.csv')
const EMPLOYEES = path.join(FIXTURES, 'kendari-employees.csv')

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let out = ''
  let err = ''
  const code = await runCli(argv, { env: { LOG_LEVEL: 'warn', ...env }, stdout: (s) => (out += s), stderr: (s) => (err += s) })
  return { code, out, err }
}

/** The CLI in a process of its own, as an operator starts it. */
async function spawnCli(command: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  // only what the test names: not this process's DATABASE_URL or ENV_FILE
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' }
  delete env.DATABASE_URL
  delete env.ENV_FILE
  Object.assign(env, opts.env)
  const child = spawn(command, args, { cwd: opts.cwd ?? ROOT, env })
  let out = ''
  let err = ''
  child.stdout.on('data', (b: Buffer) => (out += b))
  child.stderr.on('data', (b: Buffer) => (err += b))
  const [code] = (await once(child, 'close')) as [number | null]
  return { code, out, err }
}

const tsx = path.join(ROOT, 'node_modules/.bin/tsx')
const entry = path.join(ROOT, 'src/cli/index.ts')

async function employees(url: string): Promise<number> {
  const db = await openDatabase(url)
  try {
    return await db.prisma.employee.count()
  } finally {
    await db.close()
  }
}

describe('help', () => {
  it('--help and -h show the help, of one command when it is named', async () => {
    for (const argv of [['--help'], ['-h'], ['help', '--help']]) {
      const r = await cli(argv)
      expect(r).toMatchObject({ code: 0, err: '' })
      expect(r.out).toContain('kinerja-bot: perintah admin')
    }
    const one = await cli(['link-code', '--help'])
    expect(one).toMatchObject({ code: 0, err: '' })
    expect(one.out).toContain('link-code <NIP>')
    expect(one.out).not.toContain('import-org')
  })
})

describe('usage errors name what is wrong, then the usage line, and touch no database', () => {
  it.each([
    [['run-job', 'weekly-digestt'], /^Tugas tidak dikenal: "weekly-digestt"\. Pilih salah satu: .*\nPemakaian: npm run cli -- run-job <job> \[--at <waktu>\] \[--force\]\n$/],
    [['run-job', 'weekly-digest', '--at', '30/11/2026 07:30'], /^Waktu "30\/11\/2026 07:30" tidak valid\. Contoh: 2026-11-30T07:30 .*\nPemakaian: npm run cli -- run-job /],
    [['run-job', 'weekly-digest', '--at', '2026-11-30T25:00'], /^Waktu "2026-11-30T25:00" tidak valid/],
    [['kurva', 'SETDA', '2026'], /^Periode "2026" tidak valid\. .*\nPemakaian: npm run cli -- kurva <kode-unit> <periode>\n$/],
    [['predikat-organisasi', 'DINKES', '2026', 'LUMAYAN'], /^Predikat "LUMAYAN" tidak dikenal\. .*\nPemakaian: npm run cli -- predikat-organisasi /],
    [['predikat-organisasi', 'DINKES', '26', 'BAIK'], /^Tahun "26" tidak valid, misalnya 2026\nPemakaian: npm run cli -- predikat-organisasi /],
  ])('%j', async (argv, said) => {
    const url = tempDatabaseUrl()
    const r = await cli(argv, { DATABASE_URL: url })
    expect(r).toMatchObject({ code: 2, out: '' })
    expect(r.err).toMatch(said)
    if (!onPostgres()) expect(existsSync(sqliteFile(url))).toBe(false)
  })
})

describe('run-job --force', () => {
  it('says that the period of a time still to come is now marked done', async () => {
    const h = await startHarness({ at: '2026-11-26T02:00:00Z' }) // Thursday 10:00 WITA
    const forced = await h.cli('run-job', 'weekly-digest', '--at', '2026-11-30T07:30', '--force')
    expect(forced.code).toBe(0)
    const run = await h.app.db.prisma.jobRun.findFirstOrThrow()
    // (the harness logs at info on stderr as well)
    expect(forced.err).toContain(
      `--force: weekly-digest dijalankan untuk 2026-11-30T07:30, yang belum terjadi. Periode ${run.period} kini tercatat selesai: ` +
        'jadwal aslinya tidak akan mengirim apa-apa lagi untuk periode itu.\n',
    )
    // a past time needs no --force and gets no such notice
    const past = await h.cli('run-job', 'activity-reminder', '--at', '2026-11-25T15:30', '--force')
    expect(past.code).toBe(0)
    expect(past.err).not.toContain('--force:')
  })
})

describe('the settings file', () => {
  it('one that cannot be read is named with where it came from, and nothing runs', async () => {
    const dir = tempDir()
    const folder = await cli(['link-code', people.andi.nip, '--env-file', dir])
    expect(folder).toEqual({ code: 1, out: '', err: `${dir} adalah folder, bukan berkas pengaturan (dari --env-file)\n` })
    const missing = await cli(['link-code', people.andi.nip], { ENV_FILE: path.join(dir, 'kinerja-bot.env') })
    expect(missing).toEqual({ code: 1, out: '', err: `Berkas pengaturan tidak ditemukan: ${path.join(dir, 'kinerja-bot.env')} (dari ENV_FILE)\n` })
  })

  it.runIf(onPostgres())('a PostgreSQL database that does not exist is one clear line, without the password', async () => {
    const r = await cli(['link-code', people.andi.nip], { DATABASE_URL: 'postgresql://postgres:rahasia@127.0.0.1:5432/kinerja_tidak_ada' })
    expect(r).toEqual({
      code: 1,
      out: '',
      err: 'Basis data tidak ada: PostgreSQL 127.0.0.1:5432/kinerja_tidak_ada (skema public). Buat dulu (createdb) atau periksa DATABASE_URL.\n',
    })
  })
})

describe('the CLI as a process of its own', () => {
  it('`npm run cli` without a command prints the help on stderr and exits 2', { timeout: 60_000 }, async () => {
    const r = await spawnCli('npm', ['run', '--silent', 'cli'])
    expect(r.code).toBe(2)
    expect(r.out).toBe('')
    expect(r.err).toMatch(/^Perintah belum diberikan\.\n\nkinerja-bot: perintah admin/)
  })

  it('--env-file and ENV_FILE take the place of ./.env, so the command opens the service’s database', { timeout: 60_000 }, async () => {
    const service = tempDatabaseUrl()
    const other = tempDatabaseUrl()
    const dir = tempDir()
    // a .env in the working folder that names another database: read only when no file is named
    writeFileSync(path.join(dir, '.env'), `DATABASE_URL=${other}\n`)
    const envFile = path.join(tempDir(), 'kinerja-bot.env')
    writeFileSync(envFile, `DATABASE_URL=${service}\n`)

    const imported = await spawnCli(tsx, [entry, '--env-file', envFile, 'import-org', '--create', UNITS, EMPLOYEES], { cwd: dir })
    expect(imported).toMatchObject({ code: 0, err: '' })
    expect(await employees(service)).toBe(40)
    if (!onPostgres()) expect(existsSync(sqliteFile(other))).toBe(false)

    const linked = await spawnCli(tsx, [entry, 'link-code', people.andi.nip], { cwd: dir, env: { ENV_FILE: envFile } })
    expect(linked).toMatchObject({ code: 0, err: '' })
    expect(linked.out).toContain('Kode penautan untuk Andi Latif')

    // without a named file, ./.env decides: that database does not exist, and is not created
    const local = await spawnCli(tsx, [entry, 'link-code', people.andi.nip], { cwd: dir })
    expect(local.code).toBe(1)
    expect(local.err).toContain('Basis data belum ada')
  })
})
