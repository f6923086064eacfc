import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Config, ConfigError, loadConfig, readDotEnv } from '../config.js'
import { type Database, openDatabase } from '../db/client.js'
import { type Clock, systemClock } from '../domain/clock.js'
import { createLogger, type Logger } from '../logger.js'
import { help, usage } from './commands/help.js'
import { importOrg } from './commands/import-org.js'
import { linkCode } from './commands/link-code.js'
import { importHolidays, importLeave } from './commands/import-calendar.js'
import { runJobCommand } from './commands/run-job.js'
import { exportCommand } from './commands/export.js'
import { importSkp } from './commands/import-skp.js'
import { kurva, predikatOrganisasi } from './commands/kurva.js'

export interface CliIo {
  env: NodeJS.ProcessEnv
  stdout: (s: string) => void
  stderr: (s: string) => void
  /** The time commands act at (tests and `run-job --at` set it); the system clock otherwise. */
  clock?: Clock
}

export interface CliContext {
  io: CliIo
  clock: Clock
  commands: readonly Command[]
  /** Reads the configuration and opens the database (migrations first) for `use`; always closes it. */
  withDatabase<T>(use: (deps: { cfg: Config; db: Database; log: Logger }) => Promise<T>): Promise<T>
}

export interface Command {
  name: string
  /** Argument names for the usage line; `[x]` is optional. */
  args: string[]
  summary: string
  examples: string[]
  /** Returns the exit code: 0 done, 1 failed, 2 wrong usage. */
  run(args: string[], ctx: CliContext): Promise<number>
}

/** Every command, in the order `help` lists them. */
export const COMMANDS: readonly Command[] = [
  importOrg, linkCode, importHolidays, importLeave, runJobCommand,
  // SKP and periodic evaluation
  importSkp, predikatOrganisasi, kurva, exportCommand,
  help,
]

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [first, ...args] = argv
  const name = first === '--help' || first === '-h' ? 'help' : first
  const ctx: CliContext = { io, clock: io.clock ?? systemClock, commands: COMMANDS, withDatabase: (use) => withDatabase(io, use) }
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) {
    if (name !== undefined) io.stderr(`Perintah tidak dikenal: "${name}"\n\n`)
    // the list goes to stderr here: this run is a usage error, not a request for help
    await help.run([], { ...ctx, io: { ...io, stdout: io.stderr } })
    return 2
  }
  const required = command.args.filter((a) => !a.startsWith('[')).length
  if (args.length < required || args.length > command.args.length) {
    io.stderr(`Pemakaian: ${usage(command)}\n`)
    return 2
  }
  try {
    return await command.run(args, ctx)
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`${e.message}\n`)
      return 1
    }
    io.stderr(`Gagal: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
    return 1
  }
}

async function withDatabase<T>(io: CliIo, use: (deps: { cfg: Config; db: Database; log: Logger }) => Promise<T>): Promise<T> {
  const cfg = loadConfig(io.env, { requirePlatform: false })
  // stdout belongs to the command's output (a link code is read from its last line): logs go to stderr
  const log = createLogger({ LOG_LEVEL: cfg.LOG_LEVEL, LOG_PRETTY: 'false' }, { write: (s: string) => io.stderr(s) })
  const db = await openDatabase(cfg.DATABASE_URL, log)
  try {
    return await use({ cfg, db, log })
  } finally {
    await db.close()
  }
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (isMain) {
  // the same .env as `npm start`, so both open the same database
  readDotEnv()
  process.exitCode = await runCli(process.argv.slice(2), {
    env: process.env,
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  })
}
