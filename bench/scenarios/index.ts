import type { DbKind } from '../lib/setup.js'
import { dbCeiling, type CeilingResult } from './db-ceiling.js'
import { decisionRoundtrip, type DecisionResult } from './decision-roundtrip.js'
import { digestScale, type DigestResult } from './digest-scale.js'
import { reminderFanoutRuns, summarizeFanout, type FanoutRuns } from './reminder-fanout.js'
import { slackIngest, type SlackIngestResult } from './slack-ingest.js'
import { telegramIngest, type IngestResult } from './telegram-ingest.js'

export type Scale = 'quick' | 'full'

export interface Scenario<R> {
  name: string
  perDatabase: boolean
  run(opts: { database: DbKind; scale: Scale }): Promise<R>
  summarize(result: R): string[]
}

const ingest: Scenario<IngestResult> = {
  name: 'ingest-tg',
  perDatabase: true,
  run: ({ database, scale }) =>
    telegramIngest({ database, employees: scale === 'quick' ? 500 : 2000, levels: scale === 'quick' ? [1, 8] : [1, 8, 32], requestsPerLevel: scale === 'quick' ? 150 : 600 }),
  summarize: (r) => [
    ...r.levels.map(
      (l) =>
        `c=${String(l.concurrency).padEnd(3)} ours ${l.ours.perSecond} rep/s p50 ${l.ours.p50Ms} ms p99 ${l.ours.p99Ms} ms | bare ${l.bare.perSecond} req/s p50 ${l.bare.p50Ms} ms p99 ${l.bare.p99Ms} ms | ratio ${l.ratio} | cpu/req ours ${l.cpuMsPerRequest.ours} ms bare ${l.cpuMsPerRequest.bare} ms | batches ${l.batches.count}, mean ${l.batches.meanSize}, max ${l.batches.maxSize}`,
    ),
    `headline ratio ${r.headlineRatio} (goal ${r.database === 'sqlite' ? '0.7' : '0.5'}); stored ${r.stored}/${r.expected}${r.notStored.length > 0 ? ` (not stored: ${r.notStored.map((m) => `#${m.index}${m.supervisorless ? ' by the official without a supervisor' : ''}`).join(', ')})` : ''}; RSS idle ${r.rss.idleMiB} MiB, peak ${r.rss.peakMiB} MiB (bare idle ${r.rss.bareIdleMiB} MiB)`,
  ],
}

const ceiling: Scenario<CeilingResult> = {
  name: 'db-ceiling',
  perDatabase: true,
  run: ({ database, scale }) => dbCeiling({ database, rows: scale === 'quick' ? 500 : 3000 }),
  summarize: (r) => [
    `rows/s: prisma create ${r.prismaCreatePerSec} (16 concurrent ${r.prismaCreateConcurrentPerSec}), createMany ${r.prismaCreateManyPerSec}, driver ${r.driverPerSec}, driver batched ${r.driverBatchedPerSec}`,
  ],
}

const slack: Scenario<SlackIngestResult> = {
  name: 'ingest-slack',
  perDatabase: true,
  run: ({ database, scale }) =>
    slackIngest({ database, employees: scale === 'quick' ? 500 : 2000, levels: scale === 'quick' ? [1, 8] : [1, 8, 32], requestsPerLevel: scale === 'quick' ? 150 : 400 }),
  summarize: (r) => [
    ...r.levels.map(
      (l) =>
        `c=${String(l.concurrency).padEnd(3)} ours ${l.ours.completedPerSecond} rep/s (http ${l.ours.http.perSecond}/s p50 ${l.ours.http.p50Ms} ms p99 ${l.ours.http.p99Ms} ms) | bare ${l.bare.completedPerSecond} cmd/s (http ${l.bare.http.perSecond}/s p50 ${l.bare.http.p50Ms} ms p99 ${l.bare.http.p99Ms} ms) | ratio ${l.ratio} (http ${l.httpRatio})`,
    ),
    `headline ratio ${r.headlineRatio} (goal ${r.database === 'sqlite' ? '0.7' : '0.5'}); stored ${r.stored}/${r.expected}; RSS idle ${r.rss.idleMiB} MiB, peak ${r.rss.peakMiB} MiB (bare idle ${r.rss.bareIdleMiB} MiB)`,
  ],
}

const decision: Scenario<DecisionResult> = {
  name: 'decision',
  perDatabase: true,
  run: ({ database, scale }) => decisionRoundtrip({ database, decisions: scale === 'quick' ? 60 : 200, concurrency: 8 }),
  summarize: (r) => [
    `${r.decisions} Setujui clicks at c=${r.concurrency}: ${r.clicks.perSecond} clicks/s p50 ${r.clicks.p50Ms} ms p99 ${r.clicks.p99Ms} ms, errors ${r.clicks.errors}; all edits+notifications delivered ${r.deliveredSeconds} s after the first click (cards took ${r.cardsDeliveredSeconds} s); approved ${r.approved}/${r.decisions}, outbox sent ${r.outboxSent} dead ${r.outboxDead}`,
  ],
}

const fanout: Scenario<FanoutRuns> = {
  name: 'fanout',
  perDatabase: true,
  run: ({ database, scale }) => reminderFanoutRuns({ database, scale }),
  summarize: summarizeFanout,
}

const digest: Scenario<DigestResult> = {
  name: 'digest',
  perDatabase: true,
  run: ({ database, scale }) =>
    digestScale({ database, sizes: scale === 'quick' ? [1000, 10_000] : [10_000, 100_000] }),
  summarize: (r) => [
    ...r.sizes.map(
      (s) =>
        `${String(s.employees).padStart(6)} employees, ${s.activities} activities (seeded in the database ${s.activitySeedSeconds} s incl. indexes ${s.indexSeconds} s; org ${s.orgSeedSeconds} s): weekly digest for ${s.leaders} leaders ${s.digestSeconds} s, peak RSS ${s.peakMiB} MiB; outbox ${s.outbox.digests} digests + ${s.outbox.charts} charts ${s.outbox.ok ? 'ok' : 'WRONG'} (largest ${s.outbox.largestPayloadKiB} KiB)`,
    ),
    `growth ×${r.sizeFactor} size → ×${r.timeFactor} time, ×${r.memoryFactor} peak memory; scenario ${r.seconds} s`,
  ],
}

export const SCENARIOS: Scenario<never>[] = [ingest, slack, decision, fanout, digest, ceiling] as unknown as Scenario<never>[]
