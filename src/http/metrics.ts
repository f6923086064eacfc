import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { Role } from '../cluster/roles.js'
import type { Database } from '../db/client.js'
import type { Clock } from '../domain/clock.js'

// Every series below exists from the first scrape (0 until something happens): a dashboard or an alert
// on `kinerja_leader{role="scheduler"} == 0` must not see "no data" on a standby instance.
const ROLES = ['telegram-poller', 'dispatcher', 'scheduler'] as const satisfies readonly Role[]
/** Outbox rows not delivered yet: queued (PENDING), leased by a sender (SENDING), waiting for the recipient to link (HELD). */
const WAITING = ['PENDING', 'SENDING', 'HELD'] as const
const DEPTH = [...WAITING, 'DEAD'] as const

/** The app's Prometheus metrics: one registry per app instance (tests run several in one process). */
export function createMetrics(labels: { instance: string }) {
  const registry = new Registry()
  registry.setDefaultLabels(labels)
  collectDefaultMetrics({ register: registry })
  const metrics = {
    registry,
    updates: new Counter({
      name: 'kinerja_updates_total',
      help: 'Incoming platform updates by platform and outcome: handled, duplicate (a redelivery already handled: no second effect), failed (the handler threw)',
      labelNames: ['platform', 'outcome'] as const,
      registers: [registry],
    }),
    handlerSeconds: new Histogram({
      name: 'kinerja_handler_duration_seconds',
      help: 'Time to handle one incoming update, by platform',
      labelNames: ['platform'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    sends: new Counter({
      name: 'kinerja_outbox_sends_total',
      help: 'Outbox delivery attempts by platform and outcome: sent, retry (failed, tried again later), rate_limited (429: waits without using an attempt), dead (given up)',
      labelNames: ['platform', 'outcome'] as const,
      registers: [registry],
    }),
    jobRuns: new Counter({
      name: 'kinerja_job_runs_total',
      help: 'Scheduled job runs by job and outcome: ran, late (a missed run caught up), not_due (no work day), already_ran (this period is done), running_elsewhere (another instance has it), failed',
      labelNames: ['job', 'outcome'] as const,
      registers: [registry],
    }),
    outboxDepth: new Gauge({
      name: 'kinerja_outbox_depth',
      help: 'Outbox rows not delivered, by status: PENDING (queued), SENDING (leased by a sender), HELD (recipient not linked yet), DEAD (given up); read from the database at each scrape',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    outboxOldestSeconds: new Gauge({
      name: 'kinerja_outbox_oldest_pending_seconds',
      help: 'Age (since createdAt) of the oldest outbox row not delivered yet, by status (PENDING, SENDING, HELD); 0 when there is none',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    leader: new Gauge({
      name: 'kinerja_leader',
      help: '1 while this instance holds the role, else 0 (telegram-poller, scheduler, dispatcher)',
      labelNames: ['role'] as const,
      registers: [registry],
    }),
  }
  for (const role of ROLES) metrics.leader.set({ role }, 0)
  return metrics
}

export type Metrics = ReturnType<typeof createMetrics>

/** Outbox depth by status and the age of the oldest row in each waiting status, read when Prometheus scrapes. */
export async function refreshOutboxGauges(db: Database, metrics: Metrics, clock: Clock): Promise<void> {
  const groups = await db.prisma.outbox.groupBy({
    by: ['status'],
    where: { status: { in: [...DEPTH] } },
    _count: { _all: true },
    _min: { createdAt: true },
  })
  const byStatus = new Map(groups.map((g) => [g.status, g]))
  const now = clock.now().getTime()
  for (const status of DEPTH) metrics.outboxDepth.set({ status }, byStatus.get(status)?._count._all ?? 0)
  for (const status of WAITING) {
    const oldest = byStatus.get(status)?._min.createdAt
    metrics.outboxOldestSeconds.set({ status }, oldest ? Math.max(0, (now - oldest.getTime()) / 1000) : 0)
  }
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/

/**
 * Who may read /metrics (outbox depth, roles, instance names): with METRICS_TOKEN, whoever sends it as a
 * bearer token (compared in constant time); without, only a client on this machine that is not a
 * reverse proxy passing someone else's request on (X-Forwarded-For / Forwarded).
 */
export function metricsAllowed(req: IncomingMessage, token: string | undefined): boolean {
  if (token) {
    const given = Buffer.from(/^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '')
    const expected = Buffer.from(token)
    return given.length === expected.length && timingSafeEqual(given, expected)
  }
  const proxied = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined || req.headers['x-real-ip'] !== undefined
  return !proxied && LOOPBACK.test(req.socket.remoteAddress ?? '')
}
