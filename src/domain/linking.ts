import { createHash, randomInt } from 'node:crypto'
import type { Db, Tx } from '../db/client.js'
import { isUniqueViolation } from '../db/client.js'
import { releaseHeld } from './outbox.js'
import { audit } from './audit.js'
import type { Clock } from './clock.js'
import { DomainError } from './errors.js'
import type { Actor, ChatAccount, Role } from './types.js'

// No 0/O, 1/I/L: codes are read aloud and typed from paper.
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
const CODE_LENGTH = 8
const CODE_RE = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`)

export interface LinkingConfig {
  codeTtlHours: number
  maxFailures: number
  lockoutMinutes: number
  defaultTimezone: string
}

export const hashCode = (code: string) => createHash('sha256').update(`kinerja-link:${code}`).digest('hex')

/** "k7m4 pq9x" → "K7M4PQ9X"; null when it cannot be a code at all. */
export function normalizeCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '')
  return CODE_RE.test(code) ? code : null
}

/** Eight letters or digits, in one piece or as 4-4: a code, maybe mistyped (O for 0). */
export const looksLikeCode = (input: string) => /^[A-Za-z0-9]{4}[\s-]?[A-Za-z0-9]{4}$/.test(input.trim())

export const formatCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`

/** Who issued codes, for the audit trail (the CLI issues without an actor). */
export interface IssuedBy {
  actorId: number
  /** Where: 'console'. */
  via: string
  /** More for the audit row (the unit of a batch). */
  detail?: Record<string, unknown>
}

export interface IssuedCode {
  /** As the person types it: ABCD-EFGH. Shown once; only its hash is kept. */
  code: string
  expiresAt: Date
  employee: { id: number; name: string; nip: string }
}

const drawCode = () => Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')

/** `n` different codes whose hashes are not stored yet (a collision is drawn again, not left to fail). */
async function freshCodes(tx: Pick<Tx, 'linkCode'>, n: number): Promise<string[]> {
  const codes = new Set<string>()
  while (codes.size < n) {
    const drawn = Array.from({ length: n - codes.size }, drawCode).filter((c) => !codes.has(c))
    const taken = new Set(
      (await tx.linkCode.findMany({ where: { codeHash: { in: drawn.map(hashCode) } }, select: { codeHash: true } })).map((r) => r.codeHash),
    )
    for (const c of drawn) if (!taken.has(hashCode(c))) codes.add(c)
  }
  return [...codes]
}

export interface LinkedEmployee {
  employeeId: number
  name: string
  role: Role
  position: string
  unit: string
  /** Someone reports to this employee: they approve reports (the menu and the welcome say so). */
  supervises: boolean
  /** Chats of this employee's previous account on the platform, unlinked by this link (relinking). */
  replacedChats?: string[]
}

export function createLinkingService(deps: { db: Db; clock: Clock; cfg: LinkingConfig; afterCommit?: () => void }) {
  const { db, clock, cfg } = deps

  /** One code for the active employee with this NIP (the CLI's link-code, the console). */
  async function issueCode(nip: string, by?: IssuedBy): Promise<IssuedCode> {
    const employee = await db.employee.findUnique({ where: { nip }, select: { id: true } })
    if (!employee) throw new DomainError('NOT_FOUND', 'error.notFound')
    return (await issueCodes([employee.id], by))[0]!
  }

  /**
   * A code for each of these employees, in the order given, all in one transaction: every one of them is
   * active, or nothing is issued (NOT_FOUND). Only the hashes are stored; each issue is audited.
   */
  async function issueCodes(employeeIds: readonly number[], by?: IssuedBy): Promise<IssuedCode[]> {
    const ids = [...new Set(employeeIds)]
    const now = clock.now()
    const expiresAt = new Date(now.getTime() + cfg.codeTtlHours * 3_600_000)
    for (;;) {
      try {
        return await db.$transaction(async (tx) => {
          const found = await tx.employee.findMany({ where: { id: { in: ids }, active: true }, select: { id: true, name: true, nip: true } })
          if (found.length !== ids.length) throw new DomainError('NOT_FOUND', 'error.notFound')
          const byId = new Map(found.map((e) => [e.id, e]))
          const codes = await freshCodes(tx, ids.length)
          await tx.linkCode.createMany({ data: ids.map((employeeId, i) => ({ employeeId, codeHash: hashCode(codes[i]!), expiresAt, createdAt: now })) })
          for (const employeeId of ids) {
            await audit(tx, {
              actorId: by?.actorId ?? null,
              action: 'link_code.issue',
              entity: 'employee',
              entityId: employeeId,
              at: now,
              detail: { expiresAt, ...(by ? { via: by.via, ...by.detail } : {}) },
            })
          }
          return ids.map((id, i) => {
            const e = byId.get(id)!
            return { code: formatCode(codes[i]!), expiresAt, employee: { id: e.id, name: e.name, nip: e.nip } }
          })
        })
      } catch (e) {
        if (!isUniqueViolation(e)) throw e // a code drawn at the same moment elsewhere: draw them all again
      }
    }
  }

  /**
   * Five failures within the window lock the account for the lockout time, counted from the failure that
   * reached the limit (not from the oldest of them); null when not locked now.
   */
  async function lockedUntil(account: ChatAccount, now: Date): Promise<Date | null> {
    const windowMs = cfg.lockoutMinutes * 60_000
    // a lock still running began at most one window ago; the failures it counts go back one window more
    const failures = await db.linkAttempt.findMany({
      where: { platform: account.platform, externalId: account.externalId, at: { gt: new Date(now.getTime() - 2 * windowMs) } },
      orderBy: { at: 'asc' },
      select: { at: true },
    })
    let until: Date | null = null
    for (let i = cfg.maxFailures - 1; i < failures.length; i++) {
      const reached = failures[i]!.at.getTime()
      const first = failures[i - cfg.maxFailures + 1]!.at.getTime()
      if (reached - first < windowMs && reached + windowMs > now.getTime()) until = new Date(reached + windowMs)
    }
    return until
  }

  /** Links the chat account to the employee the code was issued for. */
  async function redeem(account: ChatAccount, input: string): Promise<LinkedEmployee> {
    const now = clock.now()
    const until = await lockedUntil(account, now)
    if (until) {
      await db.$transaction((tx) =>
        audit(tx, { ...who(account), action: 'link.denied', entity: 'chat_account', at: now, detail: { reason: 'locked' } }),
      )
      throw new DomainError('RATE_LIMITED', 'link.locked', { minutes: minutesLeft(until, now) })
    }
    // "saya belum dapat kode" is a question, not a guess: only what looks like a code uses up an attempt
    if (!looksLikeCode(input)) throw new DomainError('INVALID_INPUT', 'link.notACode')
    const code = normalizeCode(input)
    const linked = await db.$transaction(async (tx) => {
      const row = code
        ? await tx.linkCode.findUnique({ where: { codeHash: hashCode(code) }, select: { id: true, employeeId: true, usedAt: true, expiresAt: true } })
        : null
      const usable = row && !row.usedAt && row.expiresAt > now
      // single use even when two accounts race with the same code
      const claimed = usable ? (await tx.linkCode.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } })).count : 0
      if (!row || claimed === 0) return null
      return bind(tx, account, row.employeeId, now, 'code')
    })
    if (!linked) {
      await db.$transaction(async (tx) => {
        await tx.linkAttempt.create({ data: { platform: account.platform, externalId: account.externalId, at: now } })
        await audit(tx, { ...who(account), action: 'link.denied', entity: 'chat_account', at: now, detail: { reason: code ? 'invalid' : 'malformed' } })
      })
      const after = await lockedUntil(account, now)
      if (after) throw new DomainError('RATE_LIMITED', 'link.locked', { minutes: minutesLeft(after, now) })
      const recent = await db.linkAttempt.count({
        where: { platform: account.platform, externalId: account.externalId, at: { gt: new Date(now.getTime() - cfg.lockoutMinutes * 60_000) } },
      })
      throw new DomainError('INVALID_INPUT', code ? 'link.invalid' : 'link.codeShape', { left: Math.max(0, cfg.maxFailures - recent) })
    }
    // what waited for this person goes out once the platform has welcomed them (deliverWaiting)
    return linked
  }

  /**
   * The employee behind a chat account, resolved from the database for this request. An account the admin
   * vouched for in the import (telegram_user_id / slack_user_id) is linked by its first contact, without a
   * code; a link made with a code or by e-mail since has replaced it, and wins over the import.
   */
  async function identify(account: ChatAccount, mayLink = true): Promise<(Actor & { linkedNow?: true }) | null> {
    const now = clock.now()
    const found = await db.chatAccount.findUnique({
      where: { platform_externalId: { platform: account.platform, externalId: account.externalId } },
      select: {
        id: true,
        chatId: true,
        lastSeenAt: true,
        employee: { select: { id: true, name: true, role: true, timezone: true, active: true } },
      },
    })
    if (!found || !found.employee.active) return null
    const e = found.employee
    const actor = { employeeId: e.id, name: e.name, role: e.role as Role, timezone: e.timezone ?? cfg.defaultTimezone, ...account }
    if (found.chatId !== null && found.lastSeenAt) {
      // "most recently used" decides where notifications go; a minute's precision is plenty
      if (now.getTime() - found.lastSeenAt.getTime() > 60_000 || found.chatId !== account.chatId) {
        await db.chatAccount.update({ where: { id: found.id }, data: { lastSeenAt: now, chatId: account.chatId } })
      }
      return actor
    }
    // vouched by the import, and this is its first contact
    if (!mayLink) return null
    const bound = await db.$transaction(async (tx) => {
      // conditional: of two first contacts at once (Slack: App Home opened while a command arrives) one links
      const { count } = await tx.chatAccount.updateMany({
        where: { id: found.id, chatId: null },
        data: { chatId: account.chatId, linkedAt: now, lastSeenAt: now },
      })
      if (count === 0) return false
      await linked(tx, account, e.id, now, 'import', [])
      return true
    })
    // the platform may want to greet or set up a chat that was linked by this very message
    return bound ? { ...actor, linkedNow: true } : identify(account, false)
  }

  /**
   * Links a chat account by an e-mail address the platform itself verified (Slack's users.info), when it
   * names exactly one active employee who has no account of that platform yet (linked or vouched for).
   */
  async function linkByEmail(account: ChatAccount, email: string): Promise<LinkedEmployee | null> {
    const address = email.trim().toLowerCase()
    if (!address) return null
    // the import stores addresses in lower case; lower() also finds rows stored before it did, on both databases
    const matches = await db.$queryRaw<{ id: number | bigint }[]>`SELECT "id" FROM "Employee" WHERE lower("email") = ${address}`
    const found = await db.employee.findMany({
      where: { id: { in: matches.map((m) => Number(m.id)) }, active: true },
      select: { id: true, accounts: { where: { platform: account.platform }, select: { id: true } } },
      take: 2,
    })
    const e = found.length === 1 ? found[0]! : null
    if (!e || e.accounts.length > 0) return null
    try {
      const linkedNow = await db.$transaction(async (tx) => {
        // looked at again in the transaction: a link made with a code meanwhile must not be undone
        if ((await tx.chatAccount.count({ where: { employeeId: e.id, platform: account.platform } })) > 0) return null
        return bind(tx, account, e.id, clock.now(), 'email')
      })
      if (linkedNow) deps.afterCommit?.()
      return linkedNow
    } catch (err) {
      if (isUniqueViolation(err)) return null // a concurrent link won
      throw err
    }
  }

  const describe = (employeeId: number) => describeIn(db, employeeId)

  /**
   * Starts the delivery of what waited for a person who was just linked (redeem, identify): called by the
   * platform after its welcome, so the welcome comes first. Released rows are found by the next poll anyway.
   */
  const deliverWaiting = () => deps.afterCommit?.()

  return { issueCode, issueCodes, redeem, identify, linkByEmail, lockedUntil, describe, deliverWaiting }
}

export type LinkingService = ReturnType<typeof createLinkingService>

const minutesLeft = (until: Date, now: Date) => Math.ceil((until.getTime() - now.getTime()) / 60_000)

const who = (a: ChatAccount) => ({ platform: a.platform, externalId: a.externalId })

type BindTx = Parameters<Parameters<Db['$transaction']>[0]>[0]

/** How an account came to be trusted: the import, an e-mail the platform verified, or a link code. */
export type VouchedBy = 'import' | 'email' | 'code'

/** One account ↔ one employee per platform: a new link replaces the old one on both sides. */
async function bind(tx: BindTx, account: ChatAccount, employeeId: number, now: Date, via: VouchedBy): Promise<LinkedEmployee> {
  const previous = await tx.chatAccount.findMany({
    where: {
      OR: [
        { platform: account.platform, externalId: account.externalId },
        { platform: account.platform, employeeId },
      ],
    },
    select: { id: true, employeeId: true, externalId: true, chatId: true },
  })
  if (previous.length > 0) await tx.chatAccount.deleteMany({ where: { id: { in: previous.map((p) => p.id) } } })
  await tx.chatAccount.create({
    data: { employeeId, platform: account.platform, externalId: account.externalId, vouchedBy: via, chatId: account.chatId, linkedAt: now, lastSeenAt: now },
  })
  // accounts the import vouched for that never wrote were not linked: they are dropped, not "replaced"
  const replaced = previous.filter((p) => p.chatId !== null)
  await linked(tx, account, employeeId, now, via, replaced)
  const replacedChats = replaced.filter((p) => p.employeeId === employeeId && p.externalId !== account.externalId).map((p) => p.chatId!)
  return { ...(await describeIn(tx, employeeId)), ...(replacedChats.length > 0 ? { replacedChats } : {}) }
}

/** What every link does once the account is the employee's: what waited is released, and it is audited. */
async function linked(tx: BindTx, account: ChatAccount, employeeId: number, now: Date, via: VouchedBy, replaced: { employeeId: number; externalId: string }[]) {
  await releaseHeld(tx, employeeId, now)
  await audit(tx, {
    ...who(account),
    actorId: employeeId,
    action: 'link',
    entity: 'employee',
    entityId: employeeId,
    at: now,
    detail: { via, replaced: replaced.map((p) => ({ employeeId: p.employeeId, externalId: p.externalId })) },
  })
}

async function describeIn(tx: Pick<BindTx, 'employee'>, employeeId: number): Promise<LinkedEmployee> {
  const e = await tx.employee.findUniqueOrThrow({
    where: { id: employeeId },
    select: { id: true, name: true, role: true, position: true, unit: { select: { name: true } }, _count: { select: { subordinates: { where: { active: true } } } } },
  })
  return { employeeId: e.id, name: e.name, role: e.role as Role, position: e.position, unit: e.unit.name, supervises: e._count.subordinates > 0 }
}
