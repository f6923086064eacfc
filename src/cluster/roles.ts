import { postgresTarget, type Database } from '../db/client.js'
import type { Platform } from '../domain/types.js'
import type { Logger } from '../logger.js'
import { postgresLeadership, soleLeadership, type Leadership } from './leadership.js'

/** The app's own duties, and a platform's (its module names them, e.g. telegram-poller). */
export type Role = 'dispatcher' | 'scheduler' | `${Platform}-${string}`

/**
 * The singleton duties of a cluster: a platform's (Telegram's long polling: one poller per token), sending the
 * outbox (so platform rate limits hold for the whole cluster) and firing scheduled jobs. On PostgreSQL
 * each goes to whichever instance holds its advisory lock; on SQLite (one machine) this instance has all.
 */
export function createRoles(deps: { db: Database; databaseUrl: string; log: Logger; retryMs: number; onChange?: (role: Role, held: boolean) => void }) {
  const list: Leadership[] = []
  return {
    add(role: Role, duty: { acquire: () => Promise<void> | void; lose: () => Promise<void> | void }): Leadership {
      const hooks = {
        role,
        onAcquire: async () => {
          await duty.acquire()
          deps.onChange?.(role, true)
        },
        onLose: async () => {
          deps.onChange?.(role, false)
          await duty.lose()
        },
      }
      const l =
        deps.db.provider === 'postgresql'
          ? (() => {
              const { connectionString, schema } = postgresTarget(deps.databaseUrl)
              return postgresLeadership(connectionString, schema, { ...hooks, log: deps.log, retryMs: deps.retryMs })
            })()
          : soleLeadership(hooks)
      list.push(l)
      return l
    },
    held: (): string[] => list.filter((l) => l.isLeader()).map((l) => l.role),
    async start() {
      await Promise.all(list.map((l) => l.start()))
    },
    async stop() {
      for (const l of list.splice(0).reverse()) await l.stop()
    },
  }
}
