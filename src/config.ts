import { z } from 'zod'

const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(def)

const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v)
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional())

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}, 'not a known IANA time zone (e.g. Asia/Makassar)')

const Env = z.object({
    DATABASE_URL: z
      .string()
      .default('file:./data/kinerja.db')
      .refine((u) => /^(file:|postgres(ql)?:\/\/)/.test(u), 'must start with file: or postgresql://'),
    PORT: int(3000, 0, 65535),
    HOST: z.string().default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_PRETTY: optional(z.enum(['true', 'false'])),
    TZ_DEFAULT: timeZone.default('Asia/Makassar'),
    INSTANCE_ID: optional(z.string().max(64)),

    TELEGRAM_BOT_TOKEN: optional(z.string().regex(/^\d+:[\w-]{20,}$/, 'must look like 123456:ABC-DEF… (from @BotFather)')),
    TELEGRAM_API_ROOT: z
      .string()
      .url()
      .default('https://api.telegram.org')
      .refine((u) => !u.endsWith('/'), 'must not end with a slash'),
    TELEGRAM_MODE: z.enum(['polling', 'webhook']).default('polling'),
    TELEGRAM_WEBHOOK_SECRET: optional(z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, '16–256 characters A-Z a-z 0-9 _ -')),
    PUBLIC_URL: optional(z.string().url()),

    LINK_CODE_TTL_HOURS: int(72, 1, 24 * 365),
    LINK_MAX_FAILURES: int(5, 1, 100),
    LINK_LOCKOUT_MINUTES: int(60, 1, 24 * 60),
    REPORT_BACKDATE_DAYS: int(3, 0, 60),
    REPORT_MAX_DAY_MINUTES: int(720, 60, 1440),
    REPORT_MAX_DESCRIPTION: int(1000, 10, 3000),
    PAGE_SIZE: int(5, 1, 10),

    OUTBOX_POLL_MS: int(1000, 50, 60_000),
    OUTBOX_MAX_ATTEMPTS: int(8, 1, 100),
})

function crossFieldProblems(env: z.infer<typeof Env>, requirePlatform: boolean): string[] {
  const problems: string[] = []
  if (requirePlatform && !env.TELEGRAM_BOT_TOKEN) {
    problems.push('TELEGRAM_BOT_TOKEN: required: no chat platform is enabled')
  }
  if (env.TELEGRAM_BOT_TOKEN && env.TELEGRAM_MODE === 'webhook') {
    if (!env.TELEGRAM_WEBHOOK_SECRET) problems.push('TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_MODE=webhook')
    if (!env.PUBLIC_URL) problems.push('PUBLIC_URL: required when TELEGRAM_MODE=webhook')
  }
  return problems
}

export type Config = z.infer<typeof Env>

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

/** The only reader of the environment. Lists every bad or missing variable at once. */
export function loadConfig(env: NodeJS.ProcessEnv, opts: { requirePlatform?: boolean } = {}): Config {
  const parsed = Env.safeParse(env)
  const problems = parsed.success
    ? crossFieldProblems(parsed.data, opts.requirePlatform ?? true)
    : parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`)
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems)
  return parsed.data
}
