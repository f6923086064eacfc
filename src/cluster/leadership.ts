import { createHash } from 'node:crypto'
import pg from 'pg'
import type { Logger } from '../logger.js'

export interface Leadership {
  readonly role: string
  isLeader(): boolean
  /** Starts trying; resolves after the first attempt, so a lone instance holds its roles when started. */
  start(): Promise<void>
  stop(): Promise<void>
}

export interface LeadershipOptions {
  role: string
  log: Logger
  /** How often a standby instance tries to take over (and the leader checks its lock is still held). */
  retryMs: number
  onAcquire: () => Promise<void> | void
  onLose: () => Promise<void> | void
}

/** A leader whose lock connection does not answer within this stops leading. */
const PING_TIMEOUT_MS = 5_000

/** A stable advisory-lock key per role and schema: two deployments in one database do not collide. */
export const lockKey = (role: string, schema: string) =>
  createHash('sha256').update(`kinerja:${schema}:${role}`).digest().readBigInt64BE(0).toString()

/**
 * One leader per role across every instance on one PostgreSQL: the holder of a session-level advisory
 * lock on a dedicated connection. When the leader dies its connection closes and the lock is released;
 * a standby takes over at its next try (within `retryMs`).
 */
export function postgresLeadership(connectionString: string, schema: string, opts: LeadershipOptions): Leadership {
  const key = lockKey(opts.role, schema)
  let client: pg.Client | undefined
  let leader = false
  let timer: NodeJS.Timeout | undefined
  let stopped = true
  let busy: Promise<void> = Promise.resolve()

  async function drop(reason: string) {
    const c = client
    client = undefined
    await c?.end().catch(() => undefined)
    if (leader) {
      leader = false
      opts.log.warn({ role: opts.role, reason }, 'leadership lost')
      await opts.onLose()
    }
  }

  async function attempt() {
    try {
      if (!client) {
        // A host that dies or is cut off must lose its locks within seconds, not after the kernel's
        // two-hour keepalive: the server probes this session (idle 10 s, every 5 s, 3 misses) and ends
        // it, which releases the lock; this side stops leading when its ping gets no answer.
        client = new pg.Client({ connectionString, keepAlive: true, keepAliveInitialDelayMillis: 10_000, query_timeout: PING_TIMEOUT_MS })
        client.on('error', () => void (busy = busy.then(() => drop('connection error'))))
        await client.connect()
        await client.query('SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3')
      }
      if (leader) {
        await client.query('SELECT 1')
        return
      }
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [key])
      if (rows[0]?.ok) {
        leader = true
        opts.log.info({ role: opts.role }, 'leadership acquired')
        await opts.onAcquire()
      }
    } catch (err) {
      await drop(err instanceof Error ? err.message : String(err))
    }
  }

  function loop(): Promise<void> {
    if (stopped) return busy
    busy = busy
      .then(attempt)
      // attempt() handles its own failures; what escapes (onLose throwing, a dropped connection's cleanup) is
      // logged and the next try still comes, instead of a rejected chain that skips every later attempt
      .catch((err: unknown) => opts.log.error({ role: opts.role, err }, 'leadership attempt failed'))
      .finally(() => {
        // void: the next try runs on its own timer and nobody awaits it; loop() does not reject (see catch)
        if (!stopped) timer = setTimeout(() => void loop(), opts.retryMs)
      })
    return busy
  }

  return {
    role: opts.role,
    isLeader: () => leader,
    start() {
      stopped = false
      return loop()
    },
    async stop() {
      stopped = true
      clearTimeout(timer)
      await busy
      await drop('stopping')
    },
  }
}

/** SQLite is one machine, one instance: it always leads. */
export function soleLeadership(opts: Pick<LeadershipOptions, 'role' | 'onAcquire' | 'onLose'>): Leadership {
  let leader = false
  return {
    role: opts.role,
    isLeader: () => leader,
    async start() {
      leader = true
      await opts.onAcquire()
    },
    async stop() {
      if (!leader) return
      leader = false
      await opts.onLose()
    },
  }
}
