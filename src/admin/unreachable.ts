import type { Db } from '../db/client.js'
import { chatOf } from '../domain/accounts.js'
import { subtree } from '../domain/digest.js'
import type { Platform } from '../domain/types.js'
import type { Prisma } from '../generated/prisma/client.js'

// Who the application cannot write to, and why: the people whose cards, reminders and digests wait (HELD)
// or fail (DEAD). What can reach whom is domain/accounts.ts; this only looks at it per person.

export type Reason =
  /** No chat account at all: not in the import's columns, never linked with a code or by e-mail. */
  | { kind: 'no_account' }
  /** A Telegram account (from the import) that never wrote to the bot: a Telegram bot cannot write first. */
  | { kind: 'never_opened'; platform: Platform; externalId: string }
  /** Accounts only on platforms this installation does not run. */
  | { kind: 'platform_off'; platform: Platform; externalId: string }
  /** The last message to the person failed for good (blocked bot, account gone…): see dead-letters list. */
  | { kind: 'dead'; lastError: string | null; count: number }

export interface UnreachablePerson {
  id: number
  nip: string
  name: string
  unit: { code: string; name: string }
  reasons: Reason[]
  /** Messages kept for them until they can be reached (HELD). */
  waiting: number
}

/**
 * The active employees (of `unitCode` and every unit under it, or everyone) whom messages cannot reach now
 * through the enabled `platforms`, each with every reason; ordered by unit code and name. null: no such unit.
 * `where` narrows the people further (the console's scope of the viewer: units, or a supervisor's team).
 */
export async function findUnreachable(
  db: Db,
  opts: { platforms: readonly Platform[]; unitCode?: string; where?: Prisma.EmployeeWhereInput },
): Promise<UnreachablePerson[] | null> {
  let unitIds: number[] | undefined
  if (opts.unitCode !== undefined) {
    const units = await db.unit.findMany({ select: { id: true, code: true, name: true, parentId: true } })
    const unit = units.find((u) => u.code.toUpperCase() === opts.unitCode!.toUpperCase())
    if (!unit) return null
    unitIds = subtree(units, unit.id).map((t) => t.unit.id)
  }
  const people = await db.employee.findMany({
    where: { ...opts.where, active: true, ...(unitIds ? { unitId: { in: unitIds } } : {}) },
    select: {
      id: true,
      nip: true,
      name: true,
      unit: { select: { code: true, name: true } },
      accounts: { select: { platform: true, externalId: true, chatId: true } },
    },
  })
  // everyone: no list of ids (100,000 of them would be a statement's worth of bound values)
  const everyone = unitIds === undefined && Object.keys(opts.where ?? {}).length === 0
  const reach = await reachabilityOf(db, people, opts.platforms, { everyone })
  const out: UnreachablePerson[] = []
  for (const p of people) {
    const r = reach.get(p.id)!
    if (r.reasons.length > 0) out.push({ id: p.id, nip: p.nip, name: p.name, unit: p.unit, reasons: r.reasons, waiting: r.held })
  }
  return out.sort((a, b) => a.unit.code.localeCompare(b.unit.code) || a.name.localeCompare(b.name, 'id'))
}

/** Whether messages reach one person now, and what waits or failed for them. */
export interface Reachability {
  /** Why messages cannot reach them; empty when they can. */
  reasons: Reason[]
  /** Messages kept until they can be reached (HELD). */
  held: number
  /** Messages given up on (DEAD), all of them. */
  dead: number
}

/**
 * The reachability of each of these people through the enabled `platforms` (their accounts as given):
 * a handful of grouped queries over the outbox for exactly these ids, so a page of people costs the same
 * however large the organisation is. `everyone`: these are all the active people, so the outbox is read
 * without a list of ids.
 */
export async function reachabilityOf(
  db: Db,
  people: readonly { id: number; accounts: readonly { platform: string; externalId: string; chatId: string | null }[] }[],
  platforms: readonly Platform[],
  opts: { everyone?: boolean } = {},
): Promise<Map<number, Reachability>> {
  const ids = people.map((p) => p.id)
  // per person: the last send that was settled (sent or given up), the dead letters, what is held
  const whose = opts.everyone ? {} : { recipientId: { in: ids } }
  const sends = { ...whose, replacesId: null }
  const [last, dead, held] = await Promise.all([
    db.outbox.groupBy({ by: ['recipientId'], where: { ...sends, status: { in: ['SENT', 'DEAD'] } }, _max: { id: true } }),
    db.outbox.groupBy({ by: ['recipientId'], where: { ...sends, status: 'DEAD' }, _count: { _all: true }, _max: { id: true } }),
    db.outbox.groupBy({ by: ['recipientId'], where: { ...whose, status: 'HELD' }, _count: { _all: true } }),
  ])
  const lastOf = new Map(last.map((r) => [r.recipientId, r._max.id]))
  const deadOf = new Map(dead.map((r) => [r.recipientId, r]))
  const heldOf = new Map(held.map((r) => [r.recipientId, r._count._all]))
  // a person whose last settled send is a dead letter cannot be reached, whatever their accounts say
  const lastDead = dead.filter((d) => d._max.id !== null && d._max.id === lastOf.get(d.recipientId)).map((d) => d._max.id!)
  const errors = new Map(
    (await db.outbox.findMany({ where: { id: { in: lastDead } }, select: { recipientId: true, lastError: true } })).map((r) => [r.recipientId, r.lastError]),
  )
  const enabled = new Set<string>(platforms)
  const out = new Map<number, Reachability>()
  for (const p of people) {
    const reasons: Reason[] = []
    const usable = p.accounts.filter((a) => enabled.has(a.platform))
    if (p.accounts.length === 0) reasons.push({ kind: 'no_account' })
    else if (!usable.some((a) => chatOf(a) !== null)) {
      // the platforms that run first, then by name: the same order every time
      const order = (x: { platform: string }) => `${enabled.has(x.platform) ? 0 : 1}${x.platform}`
      for (const a of [...p.accounts].sort((x, y) => order(x).localeCompare(order(y)))) {
        const account = { platform: a.platform as Platform, externalId: a.externalId }
        reasons.push(enabled.has(a.platform) ? { kind: 'never_opened', ...account } : { kind: 'platform_off', ...account })
      }
    }
    const deadCount = deadOf.get(p.id)?._count._all ?? 0
    if (errors.has(p.id)) reasons.push({ kind: 'dead', lastError: errors.get(p.id) ?? null, count: deadCount })
    out.set(p.id, { reasons, held: heldOf.get(p.id) ?? 0, dead: deadCount })
  }
  return out
}
