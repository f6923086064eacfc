import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

/** The app's Prometheus metrics: one registry per app instance (tests run several in one process). */
export function createMetrics(labels: { instance: string }) {
  const registry = new Registry()
  registry.setDefaultLabels(labels)
  collectDefaultMetrics({ register: registry })
  return {
    registry,
    updates: new Counter({
      name: 'kinerja_updates_total',
      help: 'Incoming platform updates by outcome (handled, duplicate, failed, rejected)',
      labelNames: ['platform', 'outcome'] as const,
      registers: [registry],
    }),
    handlerSeconds: new Histogram({
      name: 'kinerja_handler_duration_seconds',
      help: 'Time to handle one incoming update',
      labelNames: ['platform'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    sends: new Counter({
      name: 'kinerja_outbox_sends_total',
      help: 'Outbox deliveries by platform and outcome (sent, retry, dead, held, skipped)',
      labelNames: ['platform', 'outcome'] as const,
      registers: [registry],
    }),
    jobRuns: new Counter({
      name: 'kinerja_job_runs_total',
      help: 'Scheduled job runs by job and outcome (ran, late, skipped, duplicate, failed)',
      labelNames: ['job', 'outcome'] as const,
      registers: [registry],
    }),
    outboxDepth: new Gauge({
      name: 'kinerja_outbox_depth',
      help: 'Outbox rows waiting, by status',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    outboxOldestSeconds: new Gauge({
      name: 'kinerja_outbox_oldest_pending_seconds',
      help: 'Age of the oldest pending outbox row',
      registers: [registry],
    }),
    leader: new Gauge({
      name: 'kinerja_leader',
      help: '1 when this instance holds the role (telegram-poller, scheduler, dispatcher)',
      labelNames: ['role'] as const,
      registers: [registry],
    }),
  }
}

export type Metrics = ReturnType<typeof createMetrics>
