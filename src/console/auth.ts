import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Db } from '../db/client.js'
import { reachableAccount } from '../domain/accounts.js'
import { audit } from '../domain/audit.js'
import type { Clock } from '../domain/clock.js'
import { enqueue } from '../domain/outbox.js'
import type { Platform } from '../domain/types.js'

// Passwordless sign-in and sessions of the web console (docs/console.md). Tokens are random, only their
// SHA-256 is stored; every check reads the database at the moment of the request.

export type ConsoleRole = 'ADMIN' | 'LEADER' | 'SUPERVISOR'

export interface ConsoleAuthConfig {
  signInMinutes: number
  idleMinutes: number
  sessionHours: number
  perNip: number
  perAddress: number
  /** The enabled chat platforms: a sign-in link goes to an account on one of them. */
  platforms: readonly Platform[]
}

/** The signed-in person, as the database says right now. */
export interface Viewer {
  sessionId: number
  employeeId: number
  nip: string
  name: string
  role: ConsoleRole
  unitId: number
  csrf: string
}

const RATE_WINDOW_MS = 15 * 60_000
const TOUCH_EVERY_MS = 60_000

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')
export const newToken = () => randomBytes(32).toString('base64url')

/** Compares two secrets in constant time (different lengths are simply unequal). */
export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** Who may use the console, from the role the import gave and whether they lead anyone. */
export function consoleRole(role: string, hasSubordinates: boolean): ConsoleRole | null {
  if (role === 'ADMIN' || role === 'LEADER') return role
  if (role === 'SUPERVISOR' || hasSubordinates) return 'SUPERVISOR'
  return null
}

export type SignInRequest = 'sent' | 'limited'

export function createConsoleAuth(deps: { db: Db; clock: Clock; cfg: ConsoleAuthConfig; afterCommit?: () => void }) {
  const { db, clock, cfg } = deps

  /**
   * The person behind a NIP if they may sign in: active, a console role, and a chat account on an enabled
   * platform that messages reach now (one they wrote from, or one the agency vouched for on a platform that
   * opens chats itself: Slack, WhatsApp, the playground).
   */
  async function signInTarget(nip: string) {
    const e = await db.employee.findUnique({
      where: { nip },
      select: {
        id: true,
        role: true,
        active: true,
        _count: { select: { subordinates: { where: { active: true } } } },
        accounts: { where: { platform: { in: [...cfg.platforms] }, ...reachableAccount(cfg.platforms) }, select: { id: true } },
      },
    })
    if (!e || !e.active || e.accounts.length === 0) return null
    return consoleRole(e.role, e._count.subordinates > 0) ? e : null
  }

  return {
    /**
     * Counts the attempt against the NIP and the address, then sends a one-time link to the person's chat
     * when the NIP belongs to someone who may sign in. The answer is the same whether or not it does.
     */
    async requestSignIn(input: { nip: string; address: string; baseUrl: string }): Promise<SignInRequest> {
      const now = clock.now()
      const since = new Date(now.getTime() - RATE_WINDOW_MS)
      const keys = [`nip:${input.nip}`, `addr:${input.address}`]
      const counts = await Promise.all(keys.map((key) => db.consoleAttempt.count({ where: { key, at: { gt: since } } })))
      if (counts[0]! >= cfg.perNip || counts[1]! >= cfg.perAddress) return 'limited'
      const target = await signInTarget(input.nip)
      const token = newToken()
      await db.$transaction(async (tx) => {
        await tx.consoleAttempt.createMany({ data: keys.map((key) => ({ key, at: now })) })
        if (!target) return
        const expiresAt = new Date(now.getTime() + cfg.signInMinutes * 60_000)
        const row = await tx.consoleSignIn.create({ data: { employeeId: target.id, tokenHash: hashToken(token), createdAt: now, expiresAt }, select: { id: true } })
        const url = `${input.baseUrl}/console/masuk/${token}`
        await enqueue(tx, { recipientId: target.id, message: { kind: 'text', key: 'console.signInLink', params: { url, minutes: cfg.signInMinutes } }, at: now })
        await audit(tx, { actorId: target.id, action: 'console.signIn.requested', entity: 'ConsoleSignIn', entityId: row.id, detail: { address: input.address }, at: now })
      })
      if (target) deps.afterCommit?.()
      return 'sent'
    },

    /** Whether a sign-in link still works (for the page that asks to confirm it), without using it. */
    async signInValid(token: string): Promise<boolean> {
      const row = await db.consoleSignIn.findUnique({ where: { tokenHash: hashToken(token) }, select: { usedAt: true, expiresAt: true } })
      return !!row && row.usedAt === null && row.expiresAt > clock.now()
    },

    /** Uses a sign-in link (once, before it expires) and opens a session; null when it does not work. */
    async consumeSignIn(token: string, client: { address: string; userAgent?: string }): Promise<{ token: string } | null> {
      const now = clock.now()
      const sessionToken = newToken()
      return db.$transaction(async (tx) => {
        const link = await tx.consoleSignIn.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, employeeId: true } })
        if (!link) return null
        // conditional: of two clicks racing, one uses it
        const used = await tx.consoleSignIn.updateMany({ where: { id: link.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } })
        if (used.count === 0) return null
        const e = await tx.employee.findUnique({
          where: { id: link.employeeId },
          select: { role: true, active: true, _count: { select: { subordinates: { where: { active: true } } } } },
        })
        if (!e?.active || !consoleRole(e.role, e._count.subordinates > 0)) return null
        const session = await tx.consoleSession.create({
          data: {
            tokenHash: hashToken(sessionToken),
            employeeId: link.employeeId,
            csrfToken: newToken(),
            createdAt: now,
            lastSeenAt: now,
            expiresAt: new Date(now.getTime() + cfg.sessionHours * 3_600_000),
            address: client.address.slice(0, 64),
            userAgent: client.userAgent?.slice(0, 300) ?? null,
          },
          select: { id: true },
        })
        await audit(tx, { actorId: link.employeeId, action: 'console.signIn', entity: 'ConsoleSession', entityId: session.id, detail: { address: client.address }, at: now })
        return { token: sessionToken }
      })
    },

    /**
     * The session behind a cookie, if it is open (not revoked, not past its absolute or idle limit) and its
     * person still may use the console: their role is read now, so a change takes effect at once.
     */
    async viewer(token: string): Promise<Viewer | null> {
      const now = clock.now()
      const s = await db.consoleSession.findUnique({ where: { tokenHash: hashToken(token) } })
      if (!s || s.revokedAt || s.expiresAt <= now || now.getTime() - s.lastSeenAt.getTime() > cfg.idleMinutes * 60_000) return null
      const e = await db.employee.findUnique({
        where: { id: s.employeeId },
        select: { id: true, nip: true, name: true, role: true, unitId: true, active: true, _count: { select: { subordinates: { where: { active: true } } } } },
      })
      const role = e?.active ? consoleRole(e.role, e._count.subordinates > 0) : null
      if (!e || !role) return null
      if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) await db.consoleSession.update({ where: { id: s.id }, data: { lastSeenAt: now } })
      return { sessionId: s.id, employeeId: e.id, nip: e.nip, name: e.name, role, unitId: e.unitId, csrf: s.csrfToken }
    },

    /** Ends this session, or every open session of the person ("keluar dari semua perangkat"). */
    async signOut(viewer: Viewer, everywhere: boolean): Promise<number> {
      const now = clock.now()
      return db.$transaction(async (tx) => {
        const where = everywhere ? { employeeId: viewer.employeeId, revokedAt: null } : { id: viewer.sessionId, revokedAt: null }
        const { count } = await tx.consoleSession.updateMany({ where, data: { revokedAt: now } })
        await audit(tx, {
          actorId: viewer.employeeId,
          action: everywhere ? 'console.signOut.everywhere' : 'console.signOut',
          entity: 'ConsoleSession',
          entityId: viewer.sessionId,
          detail: { sessions: count },
          at: now,
        })
        return count
      })
    },

    /** The person's open sessions, newest first (the account page lists them). */
    async sessions(viewer: Viewer) {
      const now = clock.now()
      const idleSince = new Date(now.getTime() - cfg.idleMinutes * 60_000)
      return db.consoleSession.findMany({
        where: { employeeId: viewer.employeeId, revokedAt: null, expiresAt: { gt: now }, lastSeenAt: { gt: idleSince } },
        select: { id: true, createdAt: true, lastSeenAt: true, address: true, userAgent: true },
        orderBy: { id: 'desc' },
        take: 50,
      })
    },
  }
}

export type ConsoleAuth = ReturnType<typeof createConsoleAuth>
