import { readFileSync } from 'node:fs'
import { parseEnv } from 'node:util'
import { validate as isCronExpression } from 'node-cron'
import { z } from 'zod'
import { loadEvaluationSettings, loadTppFormula } from './config-evaluation.js'
import { playgroundOn } from './domain/accounts.js'
import type { EvaluationSettings } from './domain/evaluation-config.js'
import type { TppFormula } from './domain/tpp.js'

const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v)

// empty (`PORT=` in a settings file) is the default, as for every other setting, not 0
const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(emptyAsUndefined, z.coerce.number().int().min(min).max(max).default(def))
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional())

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}, 'not a known IANA time zone (e.g. Asia/Makassar)')

// five fields (minute hour day month weekday) or six with seconds first, as node-cron reads them
const cronExpression = (def: string) =>
  z.string().trim().default(def).refine((e) => isCronExpression(e), 'not a valid cron expression (e.g. "30 15 * * 1-5")')
const flag = (def: boolean) => z.enum(['true', 'false']).default(def ? 'true' : 'false').transform((v) => v === 'true')

const Env = z.object({
    DATABASE_URL: z
      .string()
      .default('file:./data/kinerja.db')
      .refine((u) => /^(file:|postgres(ql)?:\/\/)/.test(u), 'must start with file: or postgresql://'),
    DATABASE_POOL_SIZE: int(10, 1, 200),
    PORT: int(3000, 0, 65535),
    HOST: z.string().default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_PRETTY: optional(z.enum(['true', 'false'])),
    TZ_DEFAULT: timeZone.default('Asia/Makassar'),
    INSTANCE_ID: optional(z.string().max(64)),
    // /metrics for a scraper on another host: Authorization: Bearer <token>; unset, it answers this machine only
    METRICS_TOKEN: optional(z.string().regex(/^[\x21-\x7e]{16,256}$/, '16–256 printable characters without spaces')),

    TELEGRAM_BOT_TOKEN: optional(z.string().regex(/^\d+:[\w-]{20,}$/, 'must look like 123456:ABC-DEF… (from @BotFather)')),
    TELEGRAM_API_ROOT: z
      .string()
      .url()
      .default('https://api.telegram.org')
      .refine((u) => !u.endsWith('/'), 'must not end with a slash'),
    TELEGRAM_MODE: z.enum(['polling', 'webhook']).default('polling'),
    TELEGRAM_WEBHOOK_SECRET: optional(z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, '16–256 characters A-Z a-z 0-9 _ -')),
    PUBLIC_URL: optional(z.string().url()),
    // signs the Bukti Dukung links of the progres harian export ({PUBLIC_URL}/bukti/…, docs/evaluation.md):
    // a long random string; changing it ends every link handed out
    EVIDENCE_LINK_SECRET: optional(z.string().regex(/^[\x21-\x7e]{32,256}$/, '32–256 printable characters without spaces (e.g. openssl rand -base64 48)')),

    SLACK_BOT_TOKEN: optional(z.string().regex(/^xoxb-[\w-]{10,}$/, 'must look like xoxb-… (OAuth & Permissions → Bot User OAuth Token)')),
    SLACK_SIGNING_SECRET: optional(z.string().regex(/^\S{16,}$/, 'at least 16 characters (Basic Information → Signing Secret)')),
    SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-[\w-]{10,}$/, 'must look like xapp-… (an app-level token with connections:write)')),
    SLACK_API_URL: z
      .string()
      .url()
      .default('https://slack.com/api/')
      .refine((u) => u.endsWith('/'), 'must end with a slash'),

    // WhatsApp Cloud API (docs/whatsapp.md): on when the token, number id, app secret and verify token are set
    WHATSAPP_ACCESS_TOKEN: optional(z.string().regex(/^\S{20,}$/, 'at least 20 characters without spaces (a system user token from Business Settings)')),
    WHATSAPP_PHONE_NUMBER_ID: optional(z.string().regex(/^\d{5,20}$/, 'digits only (WhatsApp Manager → API Setup → Phone number ID)')),
    WHATSAPP_APP_SECRET: optional(z.string().regex(/^\S{16,}$/, 'at least 16 characters (App settings → Basic → App secret)')),
    WHATSAPP_VERIFY_TOKEN: optional(z.string().regex(/^[\x21-\x7e]{16,256}$/, '16–256 printable characters without spaces (you choose it; the same in the app dashboard)')),
    WHATSAPP_API_URL: z
      .string()
      .url()
      .default('https://graph.facebook.com/v23.0')
      .refine((u) => !u.endsWith('/'), 'must not end with a slash'),
    // the business number as people dial it (62…): the wa.me link of a link code; the phone number id is not the number
    WHATSAPP_DISPLAY_NUMBER: optional(z.string().regex(/^\d{8,15}$/, 'the number in international form, digits only (62812…)')),
    // approved utility template sent when the 24-hour window is closed: one body parameter (what waits), one quick reply
    WHATSAPP_TEMPLATE_WAITING: z.string().regex(/^[a-z0-9_]{1,512}$/, 'a template name: lower case, digits and _').default('kinerja_pesan_menunggu'),
    WHATSAPP_TEMPLATE_LANGUAGE: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'a template language code such as id or en_US').default('id'),
    WHATSAPP_RATE_PER_SEC: int(80, 1, 1000),
    // WhatsApp's pair rate limit (131056): about one message every 6 s to one person
    WHATSAPP_CHAT_INTERVAL_MS: int(6000, 0, 60_000),

    // the local practice chat at /playground (docs/playground.md): unset, it is on only when no real platform
    // is configured, and answers this machine only; true: on, for anyone who reaches the port (a training
    // room); false: off
    PLAYGROUND: optional(z.enum(['true', 'false'])),

    // the web console at /console (docs/console.md): a sign-in link sent to the person's chat works this
    // long and once; a session ends after this much idleness or this many hours, whichever comes first
    CONSOLE_SIGN_IN_MINUTES: int(10, 1, 60),
    CONSOLE_IDLE_MINUTES: int(30, 5, 24 * 60),
    CONSOLE_SESSION_HOURS: int(12, 1, 24 * 30),
    // sign-in requests allowed per NIP and per address in any 15 minutes
    CONSOLE_SIGN_IN_PER_NIP: int(5, 1, 1000),
    CONSOLE_SIGN_IN_PER_ADDRESS: int(30, 1, 100_000),
    // behind a reverse proxy: the client's address is the last hop of X-Forwarded-For, and https is read
    // from X-Forwarded-Proto (never set this when the port is reachable without the proxy)
    TRUST_PROXY: flag(false),

    LINK_CODE_TTL_HOURS: int(72, 1, 24 * 365),
    LINK_MAX_FAILURES: int(5, 1, 100),
    LINK_LOCKOUT_MINUTES: int(60, 1, 24 * 60),
    REPORT_BACKDATE_DAYS: int(3, 0, 60),
    // evidence is copied into the database when a report is submitted: larger files are refused (Telegram lets bots download 20 MB)
    EVIDENCE_MAX_BYTES: int(10 * 1024 * 1024, 1024, 20 * 1024 * 1024),
    REPORT_MAX_DAY_MINUTES: int(720, 60, 1440),
    REPORT_MAX_DESCRIPTION: int(1000, 10, 3000),
    // BKN e-Kinerja asks Jam Mulai and Jam Selesai: true refuses a duration alone (the guided report asks the start)
    REPORT_REQUIRE_TIME_RANGE: flag(false),
    // true: a report of an RHK that has rencana aksi for the month must name one (no "Lewati")
    REPORT_REQUIRE_RENCANA_AKSI: flag(false),
    PAGE_SIZE: int(5, 1, 10),
    // an unfinished multi-step conversation (guided report, a reason, a note) is dropped after this much silence
    CONVERSATION_TIMEOUT_MINUTES: int(60, 1, 7 * 24 * 60),

    // how often a standby instance tries to take over a singleton duty (poller, dispatcher, scheduler)
    LEADER_RETRY_MS: int(2000, 100, 60_000),
    OUTBOX_POLL_MS: int(1000, 50, 60_000),
    OUTBOX_MAX_ATTEMPTS: int(8, 1, 100),
    OUTBOX_MAX_RATE_LIMITS: int(100, 1, 10_000),
    OUTBOX_BATCH_SIZE: int(100, 1, 1000),
    OUTBOX_CONCURRENCY: int(8, 1, 64),
    OUTBOX_LEASE_SECONDS: int(60, 5, 3600),
    UPDATE_CLAIM_LEASE_SECONDS: int(30, 2, 600),
    TELEGRAM_RATE_PER_SEC: int(30, 1, 1000),
    TELEGRAM_CHAT_INTERVAL_MS: int(1000, 0, 60_000),
    SLACK_RATE_PER_SEC: int(10, 1, 1000),
    SLACK_CHANNEL_INTERVAL_MS: int(1000, 0, 60_000),

    SCHEDULER_ENABLED: flag(true),
    CRON_ACTIVITY_REMINDER: cronExpression('30 15 * * 1-5'),
    CRON_ACTIVITY_NUDGE: cronExpression('30 16 * * 1-5'),
    CRON_APPROVAL_REMINDER: cronExpression('0 8 * * 1-5'),
    CRON_ESCALATION: cronExpression('15 8 * * 1-5'),
    CRON_WEEKLY_DIGEST: cronExpression('30 7 * * 1'),
    CRON_MONTHLY_SUMMARY: cronExpression('0 8 * * 1-5'),
    CATCHUP_HORIZON_HOURS: int(3, 0, 24 * 7),
    CATCHUP_RECHECK_SECONDS: int(300, 1, 86_400),
    // nightly removal of short-lived technical records (see scheduler/jobs/housekeeping.ts)
    CRON_HOUSEKEEPING: cronExpression('20 3 * * *'),
    HOUSEKEEPING_RETENTION_DAYS: int(30, 2, 3650),
    ESCALATION_WORK_DAYS: int(3, 1, 60),
    MINUTES_PER_DAY: int(300, 1, 1440),

    // SKP and periodic evaluation (PermenPANRB 6/2022); matrix and caps: see config-evaluation.ts
    EVALUATION_PERIOD: z.enum(['monthly', 'quarterly']).default('monthly'),
    KEBERATAN_DAYS: int(14, 1, 90),
    EVALUATION_ESCALATION_WORK_DAYS: int(5, 1, 60),
    EVALUATION_MATRIX_FILE: optional(z.string()),
    EVALUATION_DISTRIBUTION_FILE: optional(z.string()),
    CRON_EVALUATION_ROUND: cronExpression('0 8 * * 1-5'),
    CRON_EVALUATION_REMINDER: cronExpression('10 8 * * 1-5'),
    CRON_DISTRIBUTION_DIGEST: cronExpression('45 7 * * 1'),

    // the /tpp estimate's formula (docs/tpp.md): a JSON file with weight, tiers and the validation deadline day
    TPP_FORMULA_FILE: optional(z.string()),
})

/** The fields the cross-field rules read, as parsed or (when the schema failed) as given. */
type CrossFields = Partial<Pick<z.infer<typeof Env>,
  'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_MODE' | 'TELEGRAM_WEBHOOK_SECRET' | 'PUBLIC_URL' | 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN' | 'SLACK_SIGNING_SECRET'
  | 'WHATSAPP_ACCESS_TOKEN' | 'WHATSAPP_PHONE_NUMBER_ID' | 'WHATSAPP_APP_SECRET' | 'WHATSAPP_VERIFY_TOKEN' | 'PLAYGROUND'>>

const WHATSAPP_REQUIRED = ['WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'] as const

/** WhatsApp runs when all four of its settings are set (the webhook cannot be verified or trusted without them). */
export const whatsappEnabled = (cfg: Partial<Record<(typeof WHATSAPP_REQUIRED)[number], string | undefined>>): boolean => WHATSAPP_REQUIRED.every((k) => Boolean(cfg[k]))

function crossFieldProblems(env: CrossFields, requirePlatform: boolean): string[] {
  const problems: string[] = []
  if (requirePlatform && !env.TELEGRAM_BOT_TOKEN && !env.SLACK_BOT_TOKEN && !whatsappEnabled(env) && !playgroundOn(env)) {
    problems.push('TELEGRAM_BOT_TOKEN, SLACK_BOT_TOKEN or the WHATSAPP_* settings: required: no chat platform is enabled (PLAYGROUND=false turns the practice playground off)')
  }
  // half a WhatsApp configuration is a mistake, not "WhatsApp off"
  const whatsappGiven = WHATSAPP_REQUIRED.filter((k) => env[k])
  if (whatsappGiven.length > 0 && whatsappGiven.length < WHATSAPP_REQUIRED.length) {
    for (const k of WHATSAPP_REQUIRED) if (!env[k]) problems.push(`${k}: required when ${whatsappGiven.join(', ')} is set (WhatsApp needs all four)`)
  }
  // Socket Mode (an app token) needs no public URL; HTTP mode must verify every request's signature
  if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_SIGNING_SECRET: required for Slack in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)')
  }
  if (env.SLACK_APP_TOKEN && !env.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN is set')
  if (env.TELEGRAM_BOT_TOKEN && env.TELEGRAM_MODE === 'webhook') {
    if (!env.TELEGRAM_WEBHOOK_SECRET) problems.push('TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_MODE=webhook')
    if (!env.PUBLIC_URL) problems.push('PUBLIC_URL: required when TELEGRAM_MODE=webhook')
    // Telegram delivers webhooks over HTTPS only
    else if (!/^https:\/\//i.test(env.PUBLIC_URL)) problems.push('PUBLIC_URL: must start with https:// (Telegram only calls HTTPS webhooks)')
  }
  return problems
}

/** The cross-field values as given, read the way the schema reads them (empty = not set). */
function asGiven(env: NodeJS.ProcessEnv): CrossFields {
  const given = (name: keyof CrossFields) => emptyAsUndefined(env[name]) as string | undefined
  return {
    TELEGRAM_BOT_TOKEN: given('TELEGRAM_BOT_TOKEN'),
    TELEGRAM_MODE: env.TELEGRAM_MODE === 'webhook' ? 'webhook' : 'polling',
    TELEGRAM_WEBHOOK_SECRET: given('TELEGRAM_WEBHOOK_SECRET'),
    PUBLIC_URL: given('PUBLIC_URL'),
    SLACK_BOT_TOKEN: given('SLACK_BOT_TOKEN'),
    SLACK_APP_TOKEN: given('SLACK_APP_TOKEN'),
    SLACK_SIGNING_SECRET: given('SLACK_SIGNING_SECRET'),
    WHATSAPP_ACCESS_TOKEN: given('WHATSAPP_ACCESS_TOKEN'),
    WHATSAPP_PHONE_NUMBER_ID: given('WHATSAPP_PHONE_NUMBER_ID'),
    WHATSAPP_APP_SECRET: given('WHATSAPP_APP_SECRET'),
    WHATSAPP_VERIFY_TOKEN: given('WHATSAPP_VERIFY_TOKEN'),
    PLAYGROUND: env.PLAYGROUND === 'true' || env.PLAYGROUND === 'false' ? env.PLAYGROUND : undefined,
  }
}

/** Where Telegram posts updates: PUBLIC_URL (a path prefix kept) + /telegram/webhook. */
export const telegramWebhookUrl = (publicUrl: string): string => `${publicUrl.replace(/\/+$/, '')}/telegram/webhook`

/**
 * Adds the settings file's variables to `env`; variables already set win. The file is `file` when one is
 * named (ENV_FILE, or the CLI's --env-file: the service's own file, e.g. /etc/kinerja-bot.env), which must
 * then be readable; otherwise ./.env when there is one, a convenience for single-machine installs.
 */
export function readDotEnv(env: NodeJS.ProcessEnv, file = env.ENV_FILE || undefined): void {
  let text: string
  try {
    text = readFileSync(file ?? '.env', 'utf8')
  } catch (e) {
    if (file === undefined && (e as NodeJS.ErrnoException).code === 'ENOENT') return
    throw new EnvFileError(file ?? '.env', e)
  }
  for (const [key, value] of Object.entries(parseEnv(text))) env[key] ??= value
}

export type Config = z.infer<typeof Env> & { evaluation: EvaluationSettings; tpp: TppFormula }

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

/** The named settings file cannot be read: without it the process would run on another database. */
export class EnvFileError extends ConfigError {
  readonly code: string | undefined

  constructor(
    readonly file: string,
    err: unknown,
  ) {
    const code = (err as NodeJS.ErrnoException).code
    super([`ENV_FILE: cannot read ${file} (${code === 'ENOENT' ? 'no such file' : (code ?? String(err))})`])
    this.code = code
  }
}

/**
 * A schema failure in words a person understands ("must be a whole number from 0 to 65535, not
 * \"abc\"" instead of zod's "expected number, received NaN"). Values are quoted only for numbers and
 * choices, which are never secrets.
 */
function describeIssue(issue: z.core.$ZodIssue, env: NodeJS.ProcessEnv): string {
  const key = String(issue.path[0] ?? '')
  const given = `"${env[key] ?? ''}"`
  const range = (Env.shape as Record<string, z.ZodType>)[key]
  const bounds = range ? numberBounds(range) : undefined
  const between = bounds ? ` from ${bounds.min} to ${bounds.max}` : ''
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'number' || issue.expected === 'int' ? `must be a whole number${between}, not ${given}` : issue.message
    case 'too_small':
      if (issue.origin === 'string') return `must be at least ${String(issue.minimum)} characters long`
      return issue.origin === 'number' ? `must be a whole number${between}, not ${given}` : issue.message
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters long`
      return issue.origin === 'number' ? `must be a whole number${between}, not ${given}` : issue.message
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}, not ${given}`
    case 'invalid_format':
      // not quoted: a URL may carry a password
      return issue.format === 'url' ? 'must be a full URL such as https://host/path' : issue.message
    default:
      return issue.message
  }
}

/** The min and max of an int() setting, read from its schema (empty-as-default → default → number). */
function numberBounds(schema: z.ZodType): { min: number; max: number } | undefined {
  const piped = schema instanceof z.ZodPipe ? (schema.def.out as z.ZodType) : schema
  const inner = piped instanceof z.ZodDefault ? (piped.def.innerType as z.ZodType) : piped
  if (!(inner instanceof z.ZodNumber)) return undefined
  return { min: inner.minValue ?? 0, max: inner.maxValue ?? Number.MAX_SAFE_INTEGER }
}

/** The only reader of the environment. Lists every bad or missing variable at once. */
export function loadConfig(env: NodeJS.ProcessEnv, opts: { requirePlatform?: boolean } = {}): Config {
  const parsed = Env.safeParse(env)
  const problems = parsed.success
    ? crossFieldProblems(parsed.data, opts.requirePlatform ?? true)
    : [
        // one reason per variable: a value that is not a URL at all need not also be told it lacks a slash
        ...parsed.error.issues
          .filter((i, n, all) => all.findIndex((j) => j.path.join('.') === i.path.join('.')) === n)
          .map((i) => `${i.path.join('.') || '(env)'}: ${describeIssue(i, env)}`),
        // every problem at once: the rules between fields are checked on the values as given too
        ...crossFieldProblems(asGiven(env), opts.requirePlatform ?? true).filter(
          (p) => !parsed.error.issues.some((i) => p.startsWith(`${String(i.path[0])}:`)),
        ),
      ]
  const evaluation = parsed.success ? loadEvaluationSettings(parsed.data, problems) : undefined
  const tpp = parsed.success ? loadTppFormula(parsed.data, problems) : undefined
  if (problems.length > 0 || !parsed.success || !evaluation || !tpp) throw new ConfigError(problems)
  return { ...parsed.data, evaluation, tpp }
}
