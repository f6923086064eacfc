import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Config, ConfigError, EnvFileError, loadConfig, readDotEnv } from '../config.js'
import { type Database, databaseProblem, missingDatabase, openDatabase } from '../db/client.js'
import { type Clock, systemClock } from '../domain/clock.js'
import { createLogger, type Logger } from '../logger.js'
import { help, wrongUsage } from './commands/help.js'
import { importOrg } from './commands/import-org.js'
import { linkCode } from './commands/link-code.js'
import { importHolidays, importLeave } from './commands/import-calendar.js'
import { runJobCommand } from './commands/run-job.js'
import { exportCommand } from './commands/export.js'
import { importSkp } from './commands/import-skp.js'
import { importRencanaAksi } from './commands/import-rencana-aksi.js'
import { kurva, predikatOrganisasi } from './commands/kurva.js'
import { deadLetters } from './commands/dead-letters.js'
import { unreachable } from './commands/unreachable.js'
import { bukti } from './commands/bukti.js'

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

/** A `--name [value]` option of a command. */
export interface CommandOption {
  name: string
  /** The value's name in the usage line; none for a switch such as `--force`. */
  value?: string
  required?: boolean
}

export interface Command {
  name: string
  /** Positional argument names for the usage line; `[x]` is optional, a last `[x…]` takes any number. */
  args: string[]
  options?: CommandOption[]
  /**
   * The usage lines, when the arguments and options alone cannot say it (options required by one form
   * only); otherwise they are made from `args` and `options`.
   */
  synopses?: string[]
  summary: string
  examples: string[]
  /** Returns the exit code: 0 done, 1 failed, 2 wrong usage. `opts` holds the given options ('' for a switch). */
  run(args: string[], ctx: CliContext, opts: Record<string, string>): Promise<number>
}

/** Every command, in the order `help` lists them. */
export const COMMANDS: readonly Command[] = [
  importOrg, linkCode, importHolidays, importLeave, runJobCommand, deadLetters, unreachable,
  // SKP and periodic evaluation
  importSkp, importRencanaAksi, predikatOrganisasi, kurva, exportCommand, bukti,
  help,
]

/** Options every command takes (before or after the command's name). */
export const GLOBAL_OPTIONS: CommandOption[] = [
  { name: 'env-file', value: 'berkas' },
  { name: 'create' },
]

type Parsed = { positional: string[]; opts: Record<string, string> } | { problem: string }

/** `--name value`, `--name=value` and switches, anywhere among the positional arguments. */
export function parseArgs(argv: string[], options: CommandOption[]): Parsed {
  const positional: string[] = []
  const opts: Record<string, string> = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg)
    if (!m) {
      positional.push(arg)
      continue
    }
    const option = options.find((o) => o.name === m[1])
    if (!option) return { problem: `Opsi tidak dikenal: --${m[1]}` }
    if (!option.value) {
      if (m[2] !== undefined) return { problem: `Opsi --${option.name} tidak memakai nilai` }
      opts[option.name] = ''
      continue
    }
    const value = m[2] ?? argv[++i]
    if (value === undefined || (m[2] === undefined && value.startsWith('--'))) return { problem: `Opsi --${option.name} perlu nilai <${option.value}>` }
    if (opts[option.name] !== undefined) return { problem: `Opsi --${option.name} diberikan dua kali` }
    opts[option.name] = value
  }
  return { positional, opts }
}

const HELP_FLAGS = ['--help', '-h']

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const clock = io.clock ?? systemClock
  const unopened = () => Promise.reject(new Error('no database before the command is known'))
  const ctx: CliContext = { io, clock, commands: COMMANDS, withDatabase: unopened }
  const anyOption = [...GLOBAL_OPTIONS, ...COMMANDS.flatMap((c) => c.options ?? [])]
  // `--help` or `-h` anywhere: the help of the command named (or of all)
  if (argv.some((a) => HELP_FLAGS.includes(a))) {
    const rest = parseArgs(argv.filter((a) => !HELP_FLAGS.includes(a)), anyOption)
    const named = 'positional' in rest ? rest.positional.filter((a) => a !== help.name) : []
    return help.run(named.slice(0, 1), ctx, {})
  }
  // the command is the first positional argument, wherever the options around it are
  const all = parseArgs(argv, anyOption)
  const name = 'positional' in all ? all.positional[0] : argv.find((a) => !a.startsWith('--'))
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) {
    io.stderr(name === undefined ? 'Perintah belum diberikan.\n\n' : `Perintah tidak dikenal: "${name}"\n\n`)
    // the list goes to stderr here: this run is a usage error, not a request for help
    await help.run([], { ...ctx, io: { ...io, stdout: io.stderr } }, {})
    return 2
  }
  const parsed = parseArgs(without(argv, command.name), [...GLOBAL_OPTIONS, ...(command.options ?? [])])
  if ('problem' in parsed) return wrongUsage(io, command, parsed.problem)
  const { positional: args, opts } = parsed
  const required = command.args.filter((a) => !a.startsWith('['))
  if (args.length < required.length) return wrongUsage(io, command, `Argumen kurang: ${required.slice(args.length).join(' ')}`)
  // a last argument written `[x…]` takes any number
  const variadic = command.args.at(-1)?.endsWith('…]') ?? false
  if (!variadic && args.length > command.args.length) return wrongUsage(io, command, `Argumen berlebih: ${args.slice(command.args.length).join(' ')}`)
  const missing = (command.options ?? []).filter((o) => o.required && opts[o.name] === undefined)
  if (missing.length > 0) return wrongUsage(io, command, `Opsi wajib belum diberikan: ${missing.map((o) => `--${o.name}`).join(', ')}`)
  const env = { ...io.env }
  const envFile = opts['env-file'] ?? (io.env.ENV_FILE || undefined)
  try {
    if (envFile !== undefined) readDotEnv(env, envFile)
  } catch (e) {
    if (!(e instanceof EnvFileError)) throw e
    io.stderr(`${envFileProblem(e, opts['env-file'] !== undefined ? '--env-file' : 'ENV_FILE')}\n`)
    return 1
  }
  const run: CliContext = { ...ctx, io: { ...io, env }, withDatabase: (use) => withDatabase({ ...io, env }, opts.create !== undefined, use) }
  try {
    return await command.run(args, run, opts)
  } catch (e) {
    if (e instanceof ConfigError || e instanceof CliError) {
      io.stderr(`${e.message}\n`)
      return 1
    }
    io.stderr(`Gagal: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
    return 1
  }
}

/** `argv` without the first occurrence of `word` (the command's name). */
function without(argv: string[], word: string): string[] {
  const i = argv.indexOf(word)
  return [...argv.slice(0, i), ...argv.slice(i + 1)]
}

/** Why the settings file named with `from` cannot be used, in words (not Node's ENOENT). */
function envFileProblem(e: EnvFileError, from: string): string {
  switch (e.code) {
    case 'ENOENT':
      return `Berkas pengaturan tidak ditemukan: ${e.file} (dari ${from})`
    case 'EACCES':
    case 'EPERM':
      return `Tidak ada izin membaca berkas pengaturan: ${e.file} (dari ${from})`
    case 'EISDIR':
      return `${e.file} adalah folder, bukan berkas pengaturan (dari ${from})`
    default:
      return `Berkas pengaturan ${e.file} (dari ${from}) tidak bisa dibaca: ${e.code ?? e.message}`
  }
}

/** A failure the operator can fix, said in one line (no stack trace). */
export class CliError extends Error {}

async function withDatabase<T>(io: CliIo, create: boolean, use: (deps: { cfg: Config; db: Database; log: Logger }) => Promise<T>): Promise<T> {
  const cfg = loadConfig(io.env, { requirePlatform: false })
  const url = cfg.DATABASE_URL
  // a mistyped path or a forgotten --env-file would otherwise create and migrate an empty database
  const missing = await missingDatabase(url).catch((e: unknown) => {
    throw new CliError(e instanceof Error ? e.message : String(e))
  })
  if (missing && !create) throw new CliError(`${missing}. Periksa DATABASE_URL (atau --env-file), atau tambahkan --create untuk membuatnya.`)
  // stdout belongs to the command's output (a link code is read from its last line): logs go to stderr
  const log = createLogger({ LOG_LEVEL: cfg.LOG_LEVEL, LOG_PRETTY: 'false' }, { write: (s: string) => io.stderr(s) })
  const db = await openDatabase(url, log).catch((e: unknown) => {
    throw new CliError(databaseProblem(url, e))
  })
  try {
    return await use({ cfg, db, log })
  } finally {
    await db.close()
  }
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (isMain) {
  // ./.env as `npm start` reads it, so both open the same database; a file named with --env-file or
  // ENV_FILE is read by runCli instead
  if (!process.argv.some((a) => a === '--env-file' || a.startsWith('--env-file=')) && !process.env.ENV_FILE) readDotEnv(process.env)
  process.exitCode = await runCli(process.argv.slice(2), {
    env: process.env,
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  })
}
