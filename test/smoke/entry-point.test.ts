// The real entry point, started exactly as the image and the systemd unit start it (not startApp in a
// test process): start-up, readiness, the image's HEALTHCHECK, a graceful SIGTERM and a bad setting.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { TOKEN } from '../helpers/app.js'
import { onPostgres, tempDatabaseUrl, tempDir } from '../helpers/db.js'
import { startFakeSlack } from '../helpers/fake-slack.js'
import { startFakeTelegram } from '../helpers/fake-telegram.js'
import { eventually } from '../helpers/wait.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')
/** The image's command: CMD ["node", "--import", "tsx", "src/main.ts"]. */
const command = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[]
/** The image's health check, as a shell command line. */
const healthcheck = /^HEALTHCHECK[^\n]*\\\n\s*CMD (.+)$/m.exec(dockerfile)![1]!

const started: ChildProcess[] = []
afterEach(() => {
  for (const p of started.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL')
})

/** A port nobody listens on right now (PORT=0 would leave the test not knowing which one the app took). */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Runs the image's command from the repository root (the image's WORKDIR) with only the given settings. */
function startEntryPoint(env: Record<string, string>) {
  const [bin, ...args] = command
  expect(bin).toBe('node')
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  started.push(proc)
  let output = ''
  for (const s of [proc.stdout!, proc.stderr!]) s.on('data', (d) => (output = (output + String(d)).slice(-20_000)))
  const exit = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)))
  return { proc, exit, output: () => output }
}

/**
 * A case about the process and its settings, not the database (or one that names its own database): it
 * runs in the SQLite project only. Start, readiness and SIGTERM run on both, since they open the database.
 */
const once = it.skipIf(onPostgres())

const runHealthcheck = (port: number) => spawnSync('sh', ['-c', healthcheck], { env: { PATH: process.env.PATH ?? '', PORT: String(port) }, timeout: 10_000 })

describe('the entry point (node --import tsx src/main.ts)', () => {
  once('is the command of the image and of the systemd unit', () => {
    expect(command).toEqual(['node', '--import', 'tsx', 'src/main.ts'])
    const unit = readFileSync(path.join(ROOT, 'deploy', 'kinerja-bot.service'), 'utf8')
    expect(/^ExecStart=(.+)$/m.exec(unit)?.[1]).toBe(`/usr/bin/${command.join(' ')}`)
  })

  once('deploy/kinerja-cli runs admin commands with the env file and user of the systemd unit, so both open one database', () => {
    const unit = readFileSync(path.join(ROOT, 'deploy', 'kinerja-bot.service'), 'utf8')
    const wrapper = readFileSync(path.join(ROOT, 'deploy', 'kinerja-cli'), 'utf8')
    expect(/^EnvironmentFile=(.+)$/m.exec(unit)?.[1]).toBe(/ENV_FILE="\$\{ENV_FILE:-(.+)\}"/.exec(wrapper)?.[1])
    expect(/^WorkingDirectory=(.+)$/m.exec(unit)?.[1]).toBe(/APP_DIR="\$\{APP_DIR:-(.+)\}"/.exec(wrapper)?.[1])
    expect(wrapper).toContain(`sudo -u ${/^User=(.+)$/m.exec(unit)?.[1]} /usr/bin/node --import tsx src/cli/index.ts --env-file "$ENV_FILE"`)
    // the database is named in the env file only: a DATABASE_URL in the unit would not reach the CLI
    expect(unit).not.toMatch(/^Environment=DATABASE_URL/m)
  })

  it('starts, becomes ready, passes the image HEALTHCHECK and exits 0 on SIGTERM', async () => {
    const tg = await startFakeTelegram({ token: TOKEN })
    try {
      const port = await freePort()
      const app = startEntryPoint({
        DATABASE_URL: tempDatabaseUrl(),
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: tg.url,
        PORT: String(port),
        HOST: '127.0.0.1',
      })
      await eventually(
        async () => {
          if (app.proc.exitCode !== null) throw new Error(`exited with ${app.proc.exitCode}:\n${app.output()}`)
          return (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.status === 200
        },
        { timeoutMs: 40_000, label: 'GET /readyz = 200' },
      )
      expect(runHealthcheck(port).status).toBe(0)
      // it really is the bot: polling the fake Telegram
      await eventually(() => tg.calls.some((c) => c.method === 'getUpdates'), { label: 'getUpdates' })

      app.proc.kill('SIGTERM')
      expect(await app.exit, app.output()).toBe(0)
      expect(app.output()).toMatch(/kinerja-bot stopped/)
      // and the health check notices when it is gone
      expect(runHealthcheck(port).status).toBe(1)
    } finally {
      await tg.close()
    }
  }, 60_000)

  it('a SIGTERM while it is still starting stops it gracefully once started; a second one ends it at once', async () => {
    const tg = await startFakeTelegram({ token: TOKEN })
    try {
      const env = { DATABASE_URL: tempDatabaseUrl(), TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: tg.url, HOST: '127.0.0.1' }
      // getMe answers 502 a few times: grammY retries with a growing pause, so the start takes a while
      tg.failNext('getMe', { error_code: 502, description: 'Bad Gateway' }, 6)
      const app = startEntryPoint({ ...env, PORT: String(await freePort()) })
      await eventually(() => tg.calls.some((c) => c.method === 'getMe'), { timeoutMs: 30_000, label: 'getMe' })
      app.proc.kill('SIGTERM')
      expect(await app.exit, app.output()).toBe(0)
      expect(app.output()).toMatch(/kinerja-bot started[\s\S]*kinerja-bot stopped/)

      tg.failNext('getMe', { error_code: 502, description: 'Bad Gateway' }, 1000)
      const stuck = startEntryPoint({ ...env, PORT: String(await freePort()) })
      const calls = tg.calls.length
      await eventually(() => tg.calls.slice(calls).some((c) => c.method === 'getMe'), { timeoutMs: 30_000, label: 'getMe' })
      stuck.proc.kill('SIGTERM')
      await eventually(() => stuck.output().includes('SIGTERM: berhenti setelah start selesai'), { label: 'the first SIGTERM is taken' })
      stuck.proc.kill('SIGTERM')
      expect(await stuck.exit).toBe(1)
    } finally {
      await tg.close()
    }
  }, 60_000)

  once('exits 1 on a bad setting, naming every bad one', async () => {
    const app = startEntryPoint({ DATABASE_URL: tempDatabaseUrl(), PORT: 'x', TZ_DEFAULT: 'Mars/Olympus_Mons' })
    expect(await app.exit).toBe(1)
    expect(app.output()).toMatch(/Invalid configuration/)
    expect(app.output()).toMatch(/PORT/)
    expect(app.output()).toMatch(/TZ_DEFAULT/)
  }, 40_000)

  describe('a start that cannot succeed is one clear line and exit 1, with no stack trace and no secret', () => {
    const lines = (out: string) => out.split('\n').filter((l) => l.trim() !== '')
    const noStack = (out: string) => expect(out).not.toMatch(/^\s+at /m)

    once('a token Telegram refuses (401 from getMe)', async () => {
      const tg = await startFakeTelegram({ token: TOKEN })
      try {
        const wrong = '999999:WRONG-kinerja-token-abcdefghijklmnop'
        const app = startEntryPoint({ DATABASE_URL: tempDatabaseUrl(), TELEGRAM_BOT_TOKEN: wrong, TELEGRAM_API_ROOT: tg.url, PORT: String(await freePort()), HOST: '127.0.0.1', LOG_LEVEL: 'warn' })
        expect(await app.exit).toBe(1)
        expect(lines(app.output())).toEqual(['Telegram menolak TELEGRAM_BOT_TOKEN (401 Unauthorized): salin ulang token dari @BotFather.'])
        expect(app.output()).not.toContain(wrong)
      } finally {
        await tg.close()
      }
    }, 40_000)

    once('a token Slack refuses (invalid_auth from auth.test)', async () => {
      const slack = await startFakeSlack()
      try {
        const wrong = 'xoxb-wrong-kinerja-token-0123456789'
        const app = startEntryPoint({
          DATABASE_URL: tempDatabaseUrl(),
          SLACK_BOT_TOKEN: wrong,
          SLACK_SIGNING_SECRET: 'slack-signing-secret-0123456789',
          SLACK_API_URL: slack.url,
          PORT: String(await freePort()),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
        })
        expect(await app.exit).toBe(1)
        expect(lines(app.output())).toEqual(['Slack menolak SLACK_BOT_TOKEN (invalid_auth): salin ulang Bot User OAuth Token dari halaman OAuth & Permissions.'])
        expect(app.output()).not.toContain(wrong)
      } finally {
        await slack.close()
      }
    }, 40_000)

    once('a taken port', async () => {
      const tg = await startFakeTelegram({ token: TOKEN })
      const taken = createServer()
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
      const { port } = taken.address() as { port: number }
      try {
        const app = startEntryPoint({ DATABASE_URL: tempDatabaseUrl(), TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: tg.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' })
        expect(await app.exit).toBe(1)
        expect(lines(app.output())).toEqual([`Port 127.0.0.1:${port} sudah dipakai program lain: hentikan program itu atau pilih PORT lain.`])
        noStack(app.output())
      } finally {
        taken.close()
        await tg.close()
      }
    }, 40_000)

    once('a PostgreSQL database that does not exist (the password is not shown)', async () => {
      const app = startEntryPoint({
        DATABASE_URL: 'postgresql://postgres:rahasia@127.0.0.1:5432/kinerja_tidak_ada',
        TELEGRAM_BOT_TOKEN: TOKEN,
        PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
      })
      expect(await app.exit).toBe(1)
      expect(lines(app.output())).toEqual([
        'Basis data tidak ada: PostgreSQL 127.0.0.1:5432/kinerja_tidak_ada (skema public). Buat dulu (createdb) atau periksa DATABASE_URL.',
      ])
      expect(app.output()).not.toContain('rahasia')
    }, 40_000)

    once('a PostgreSQL server that does not answer', async () => {
      const port = await freePort()
      const app = startEntryPoint({ DATABASE_URL: `postgresql://postgres:rahasia@127.0.0.1:${port}/kinerja`, TELEGRAM_BOT_TOKEN: TOKEN, PORT: String(await freePort()), LOG_LEVEL: 'warn' })
      expect(await app.exit).toBe(1)
      expect(lines(app.output())).toEqual([`Tidak bisa terhubung ke PostgreSQL 127.0.0.1:${port}/kinerja (skema public): koneksi ditolak. Apakah PostgreSQL berjalan?`])
      expect(app.output()).not.toContain('rahasia')
    }, 40_000)

    once('a SQLite file whose folder cannot be created', async () => {
      const notAFolder = path.join(tempDir(), 'data')
      writeFileSync(notAFolder, '')
      const file = path.join(notAFolder, 'kinerja.db')
      const app = startEntryPoint({ DATABASE_URL: `file:${file}`, TELEGRAM_BOT_TOKEN: TOKEN, PORT: String(await freePort()), LOG_LEVEL: 'warn' })
      expect(await app.exit).toBe(1)
      expect(lines(app.output())).toEqual([`Berkas basis data tidak bisa dibuka: ${file} (periksa folder dan izinnya).`])
      noStack(app.output())
    }, 40_000)

    once('ENV_FILE names the settings file instead of ./.env; one that is missing stops the start', async () => {
      const dir = tempDir()
      const envFile = path.join(dir, 'kinerja-bot.env')
      writeFileSync(envFile, `DATABASE_URL=${tempDatabaseUrl()}\nTELEGRAM_BOT_TOKEN=${TOKEN}\nPORT=abc\n`)
      const read = startEntryPoint({ ENV_FILE: envFile })
      expect(await read.exit).toBe(1)
      expect(lines(read.output())).toEqual(['Invalid configuration:', '  - PORT: must be a whole number from 0 to 65535, not "abc"'])
      const missing = startEntryPoint({ ENV_FILE: path.join(dir, 'nope.env'), DATABASE_URL: tempDatabaseUrl(), TELEGRAM_BOT_TOKEN: TOKEN })
      expect(await missing.exit).toBe(1)
      expect(lines(missing.output())).toEqual(['Invalid configuration:', `  - ENV_FILE: cannot read ${path.join(dir, 'nope.env')} (no such file)`])
    }, 40_000)

    once('a setting in words: PORT=abc', async () => {
      const app = startEntryPoint({ DATABASE_URL: tempDatabaseUrl(), TELEGRAM_BOT_TOKEN: TOKEN, PORT: 'abc' })
      expect(await app.exit).toBe(1)
      expect(lines(app.output())).toEqual(['Invalid configuration:', '  - PORT: must be a whole number from 0 to 65535, not "abc"'])
    }, 40_000)

    once('a refused setMyCommands only warns: the bot starts and answers', async () => {
      const tg = await startFakeTelegram({ token: TOKEN })
      tg.failNext('setMyCommands', { error_code: 500, description: 'Internal Server Error' }, 5)
      try {
        const port = await freePort()
        const app = startEntryPoint({ DATABASE_URL: tempDatabaseUrl(), TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: tg.url, PORT: String(port), HOST: '127.0.0.1' })
        await eventually(async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.status === 200, { timeoutMs: 40_000, label: 'ready' })
        expect(app.output()).toMatch(/could not set the command menu \(setMyCommands\): starting without it/)
        app.proc.kill('SIGTERM')
        expect(await app.exit).toBe(0)
      } finally {
        await tg.close()
      }
    }, 60_000)
  })
})
