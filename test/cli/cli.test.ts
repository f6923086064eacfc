import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/index.js'
import { openDatabase } from '../../src/db/client.js'
import { CODE_ALPHABET, hashCode, normalizeCode } from '../../src/domain/linking.js'
import { tempDatabaseUrl, tempDir } from '../helpers/db.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const UNITS = path.join(ROOT, 'test/fixtures/kendari-units.csv')
const EMPLOYEES = path.join(ROOT, 'test/fixtures/kendari-employees.csv')

/** Runs the CLI in-process with its own environment; stdout and stderr are collected. */
async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    env: { LOG_LEVEL: 'warn', ...env },
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
  })
  return { code, stdout, stderr }
}

async function withDb<T>(url: string, use: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase(url)
  try {
    return await use(db)
  } finally {
    await db.close()
  }
}

describe('cli', () => {
  it('help lists every command with a description and an example', async () => {
    const { code, stdout } = await cli(['help'])
    expect(code).toBe(0)
    for (const name of ['import-org <units.csv> <employees.csv>', 'link-code <NIP>', 'help [perintah]']) expect(stdout).toContain(name)
    expect(stdout).toContain('Contoh: npm run cli -- import-org')
    expect(stdout).toContain('Contoh: npm run cli -- link-code')
  })

  it('answers an unknown command, no command and wrong arguments with usage and exit code 2', async () => {
    const unknown = await cli(['frobnicate'])
    expect(unknown).toMatchObject({ code: 2, stdout: '' })
    expect(unknown.stderr).toContain('Perintah tidak dikenal: "frobnicate"')
    expect(unknown.stderr).toContain('link-code <NIP>')
    expect((await cli([])).code).toBe(2)
    const missing = await cli(['import-org', 'units.csv'])
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'Argumen kurang: <employees.csv>\nPemakaian: npm run cli -- import-org <units.csv> <employees.csv> [--dry-run]\n' })
  })

  it('prints a configuration error and exits 1', async () => {
    const { code, stderr } = await cli(['import-org', UNITS, EMPLOYEES], { DATABASE_URL: 'mysql://localhost/x' })
    expect(code).toBe(1)
    expect(stderr).toContain('DATABASE_URL: must start with file: or postgresql://')
  })

  it('import-org imports the fixture and prints the counts; a second run changes nothing', async () => {
    const env = { DATABASE_URL: tempDatabaseUrl() }
    const first = await cli(['import-org', '--create', UNITS, EMPLOYEES], env)
    expect(first).toMatchObject({ code: 0, stderr: '' })
    expect(first.stdout).toBe('Impor selesai.\nUnit kerja: 12 baru, 0 diubah, 0 tetap\nPegawai:    40 baru, 0 diubah, 0 tetap\n')
    const second = await cli(['import-org', UNITS, EMPLOYEES], env)
    expect(second.stdout).toContain('Pegawai:    0 baru, 0 diubah, 40 tetap')
  })

  it('import-org prints every error as file:line and imports nothing', async () => {
    const dir = tempDir()
    const employees = path.join(dir, 'employees.csv')
    writeFileSync(
      employees,
      [
        'nip,name,unit_code,position,position_type,grade,supervisor_nip,role,monthly_target_minutes,telegram_user_id,slack_user_id',
        '197312251996012011,Pimpinan,SETDA,Sekretaris Daerah,STRUKTURAL,IV/c,,LEADER,,,',
        '1973,Pendek,SETDA,Staf,PELAKSANA,II/a,,EMPLOYEE,,,',
        '198012122003121005,Unit Salah,DINKESX,Staf,PELAKSANA,II/a,197312251996012011,EMPLOYEE,,,',
      ].join('\n'),
    )
    const url = tempDatabaseUrl()
    const { code, stdout, stderr } = await cli(['import-org', '--create', UNITS, employees], { DATABASE_URL: url })
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toBe(
      [
        `${employees}:3: nip "1973": NIP harus 18 digit angka`,
        `${employees}:4: unit_code "DINKESX" tidak dikenal (tidak ada di file unit maupun database)`,
        '2 kesalahan; tidak ada data yang diimpor.',
        '',
      ].join('\n'),
    )
    const counts = await withDb(url, async (db) => [await db.prisma.unit.count(), await db.prisma.employee.count()])
    expect(counts).toEqual([0, 0])
  })

  it('import-org names a file it cannot read', async () => {
    const { code, stderr } = await cli(['import-org', UNITS, '/nonexistent/employees.csv'], { DATABASE_URL: tempDatabaseUrl() })
    expect(code).toBe(1)
    expect(stderr).toMatch(/^Berkas tidak ditemukan: \/nonexistent\/employees.csv$/m)
    expect(stderr).not.toMatch(/ENOENT/)
  })

  it('link-code prints the code alone on the last line, stores only its hash, and honours LINK_CODE_TTL_HOURS', async () => {
    const env = { DATABASE_URL: tempDatabaseUrl(), LINK_CODE_TTL_HOURS: '5', TZ_DEFAULT: 'Asia/Makassar' }
    expect((await cli(['import-org', '--create', UNITS, EMPLOYEES], env)).code).toBe(0)

    const { code, stdout, stderr } = await cli(['link-code', '198603022018032015'], env)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const lines = stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^Kode penautan untuk Andi Latif, S\.IP\. \(NIP 198603022018032015\), berlaku sampai \d\d\/\d\d\/\d{4} \d\d\.\d\d WITA/)
    const printed = lines.at(-1)!
    const plain = normalizeCode(printed)!
    expect(plain).toMatch(new RegExp(`^[${CODE_ALPHABET}]{8,}$`))

    const rows = await withDb(env.DATABASE_URL, (db) => db.prisma.linkCode.findMany({ include: { employee: { select: { nip: true } } } }))
    expect(rows).toHaveLength(1)
    const row = rows[0]!
    expect(row.employee.nip).toBe('198603022018032015')
    expect(row.codeHash).toBe(hashCode(plain))
    for (const shown of [plain, printed]) expect(JSON.stringify(rows)).not.toContain(shown)
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(5 * 3_600_000)
  })

  it('link-code prints the wa.me link of the code where WhatsApp is set up with its display number, and only there', async () => {
    const env = { DATABASE_URL: tempDatabaseUrl() }
    expect((await cli(['import-org', '--create', UNITS, EMPLOYEES], env)).code).toBe(0)
    const whatsapp = {
      WHATSAPP_ACCESS_TOKEN: 'EAAG-test-whatsapp-access-token-0001',
      WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
      WHATSAPP_APP_SECRET: 'app-secret-0123456789',
      WHATSAPP_VERIFY_TOKEN: 'verify-token-0123456789',
    }
    const withLink = await cli(['link-code', '198603022018032015'], { ...env, ...whatsapp, WHATSAPP_DISPLAY_NUMBER: '6285211112222' })
    expect(withLink).toMatchObject({ code: 0, stderr: '' })
    const lines = withLink.stdout.trimEnd().split('\n')
    const code = lines.at(-1)!
    expect(lines).toContain(`Di WhatsApp, pegawai cukup membuka tautan ini lalu menekan Kirim: https://wa.me/6285211112222?text=${encodeURIComponent(code)}`)
    // the link types exactly the code
    const url = new URL(/https:\/\/wa\.me\/\S+/.exec(withLink.stdout)![0])
    expect(url.searchParams.get('text')).toBe(code)
    // without the display number (or without WhatsApp) there is no number to link to
    for (const more of [whatsapp, {}]) {
      const plain = await cli(['link-code', '198603022018032015'], { ...env, ...more })
      expect(plain.code).toBe(0)
      expect(plain.stdout).not.toContain('wa.me')
    }
  })

  it('link-code refuses an unknown or malformed NIP on stderr with exit code 1', async () => {
    const env = { DATABASE_URL: tempDatabaseUrl() }
    expect((await cli(['import-org', '--create', UNITS, EMPLOYEES], env)).code).toBe(0)
    const unknown = await cli(['link-code', '199001012015011099'], env)
    expect(unknown).toMatchObject({ code: 1, stdout: '' })
    expect(unknown.stderr).toContain('Tidak ada pegawai aktif dengan NIP 199001012015011099')
    const malformed = await cli(['link-code', '12345'], env)
    expect(malformed).toEqual({ code: 1, stdout: '', stderr: 'NIP harus 18 digit angka: "12345"\n' })
  })

  it('runs as `npm run cli -- import-org …` in a real process', { timeout: 60_000 }, async () => {
    const args = ['run', 'cli', '--', 'import-org', '--create', 'test/fixtures/kendari-units.csv', 'test/fixtures/kendari-employees.csv']
    const child = spawn('npm', args, { cwd: ROOT, env: { ...process.env, DATABASE_URL: tempDatabaseUrl(), LOG_LEVEL: 'warn' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (b: Buffer) => (stdout += b))
    child.stderr.on('data', (b: Buffer) => (stderr += b))
    const [code] = (await once(child, 'close')) as [number | null]
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    expect(stdout).toContain('Unit kerja: 12 baru, 0 diubah, 0 tetap')
    expect(stdout).toContain('Pegawai:    40 baru, 0 diubah, 0 tetap')
  })

  it('reads .env from the working directory like `npm start`, so both use the same database', { timeout: 60_000 }, async () => {
    const url = tempDatabaseUrl()
    const dir = tempDir()
    writeFileSync(path.join(dir, '.env'), `DATABASE_URL=${url}\nLOG_LEVEL=warn\n`)
    const env = { ...process.env }
    delete env.DATABASE_URL
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/cli/index.ts'), 'import-org', '--create', UNITS, EMPLOYEES], { cwd: dir, env })
    let stderr = ''
    child.stderr.on('data', (b: Buffer) => (stderr += b))
    const [code] = (await once(child, 'close')) as [number | null]
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    expect(await withDb(url, (db) => db.prisma.employee.count())).toBe(40)
  })
})
