import path from 'node:path'
import { Writable } from 'node:stream'
import { startApp, type App } from '../../src/app.js'
import { runCli } from '../../src/cli/index.js'
import { fixedClock } from '../../src/domain/clock.js'
import { startFakeTelegram, type FakeTelegram } from './fake-telegram.js'
import { templateDatabaseUrl, tempDatabaseUrl } from './db.js'
import { afterEveryTest } from './cleanup.js'

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures')
export const TOKEN = '424242:TEST-kinerja-token-abcdefghijklmnop'

/** People of the fixture organisation the tests use (all invented). */
export const people = {
  // BKPSDM-PKP: Nurhayati supervises Andi, Ahmad, Salmiah; Sukri supervises Nurhayati
  kabid: { nip: '197312012001012015', telegram: 700000043, name: 'Nurhayati Ramli, M.Si.' },
  andi: { nip: '198603022018032015', telegram: 700000050, name: 'Andi Latif, S.IP.' },
  salmiah: { nip: '197701132006012005', telegram: 700000071, name: 'Salmiah Djafar, M.Si.' },
  kaban: { nip: '198012122003121004', telegram: 700000008, name: 'Sukri Halim, S.Sos.' },
  // no telegram_user_id in the import: links with a code
  ahmad: { nip: '199009192018121008', name: 'Ahmad Anwar, S.Kep.' },
  // another unit's supervisor: not Andi's
  otherKabid: { nip: '199702132021032003', telegram: 700000113, name: 'Sri Sudirman, M.Si.' },
} as const

export interface Harness {
  app: App
  tg: FakeTelegram
  clock: ReturnType<typeof fixedClock>
  databaseUrl: string
  logs: string[]
  cli(...args: string[]): Promise<{ code: number; out: string; err: string }>
  restart(env?: Record<string, string>): Promise<App>
}

const running: { app?: App; tg: FakeTelegram }[] = []

/**
 * Starts the app as production does (startApp over the environment), against a fake Bot API over
 * real HTTP and a fresh SQLite file with the fixture organisation imported through the CLI.
 * Friday 27 November 2026, 17:00 WITA (after the working day: its activities are over) unless told otherwise.
 */
export async function startHarness(opts: { env?: Record<string, string>; at?: string; importOrg?: boolean } = {}): Promise<Harness> {
  const at = opts.at ?? '2026-11-27T09:00:00Z'
  const clock = fixedClock(at)
  // a copy of a template made once per run (migrated, with the organisation imported at this clock's time
  // and time zone) instead of migrating and importing here; a DATABASE_URL of the test's own is used as is
  const ownDatabase = opts.env?.DATABASE_URL !== undefined
  const copy = ownDatabase ? null : await templateDatabaseUrl(opts.importOrg === false ? { org: false } : { org: true, at, tz: opts.env?.TZ_DEFAULT })
  const databaseUrl = copy ?? tempDatabaseUrl()
  const tg = await startFakeTelegram({ token: TOKEN })
  const logs: string[] = []
  const slot: { app?: App; tg: FakeTelegram } = { tg }
  running.push(slot)
  const baseEnv = {
    DATABASE_URL: databaseUrl,
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: tg.url,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    LOG_PRETTY: 'false',
    OUTBOX_POLL_MS: '100',
    // cron and start-up catch-up off: scheduler tests turn it on or call app.scheduler.run(job, at)
    SCHEDULER_ENABLED: 'false',
    // no pacing per chat unless a test is about it: flows send several messages to one chat in a row
    TELEGRAM_CHAT_INTERVAL_MS: '0',
    ...opts.env,
  }
  const cli = async (...args: string[]) => {
    let out = ''
    let err = ''
    const code = await runCli(args, { env: baseEnv, clock, stdout: (s) => (out += s), stderr: (s) => (err += s) })
    return { code, out, err }
  }
  if (opts.importOrg !== false && copy === null) {
    const r = await cli('import-org', '--create', path.join(FIXTURES, 'kendari-units.csv'), path.join(FIXTURES, 'kendari-employees.csv'))
    if (r.code !== 0) throw new Error(`fixture import failed: ${r.err}`)
  }
  const logDestination = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk))
      cb()
    },
  })
  const start = (env: Record<string, string> = {}) => startApp({ ...baseEnv, ...env }, { clock, logDestination })
  slot.app = await start()
  const harness: Harness = {
    app: slot.app,
    tg,
    clock,
    databaseUrl,
    logs,
    cli,
    async restart(env = {}) {
      await slot.app?.stop()
      slot.app = await start(env)
      harness.app = slot.app
      return slot.app
    },
  }
  return harness
}

afterEveryTest(async () => {
  for (const slot of running.splice(0)) {
    await slot.app?.stop()
    await slot.tg.close()
  }
})
