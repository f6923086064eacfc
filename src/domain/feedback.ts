import type { Db } from '../db/client.js'
import { enqueue } from './outbox.js'
import { audit } from './audit.js'
import type { Clock } from './clock.js'
import { localDate } from './dates.js'
import { DomainError } from './errors.js'
import type { BerakhlakValue } from './evaluation-config.js'
import type { FeedbackView } from './evaluation-types.js'
import { auditRefusal } from './audit.js'
import type { Actor } from './types.js'

const MAX_NOTE = 1000

export interface FeedbackInput {
  employeeId: number
  value: BerakhlakValue | null
  note: string
}

/** Umpan balik berkelanjutan: a Pejabat Penilai writes to a direct subordinate; kept for the evaluation. */
export function createFeedbackService(deps: { db: Db; clock: Clock; defaultTimezone: string; afterCommit?: () => void }) {
  const { db, clock } = deps

  /** The actor's direct subordinates now (active), by name. */
  async function subordinates(actor: Actor): Promise<{ id: number; name: string }[]> {
    return db.employee.findMany({ where: { supervisorId: actor.employeeId, active: true }, orderBy: { name: 'asc' }, select: { id: true, name: true } })
  }

  /** The subordinate, if the actor is their Pejabat Penilai right now (audited when not). */
  async function target(actor: Actor, employeeId: number): Promise<{ id: number; name: string }> {
    return auditRefusal(db, actor, { action: 'feedback.give', entity: 'employee', id: employeeId, at: clock.now() }, async () => {
      const e = await db.employee.findUnique({ where: { id: employeeId }, select: { id: true, name: true, supervisorId: true, active: true } })
      if (!e || !e.active) throw new DomainError('NOT_FOUND', 'error.notFound')
      if (e.supervisorId !== actor.employeeId) throw new DomainError('FORBIDDEN', 'feedback.notSubordinate')
      return { id: e.id, name: e.name }
    })
  }

  async function give(actor: Actor, input: FeedbackInput): Promise<FeedbackView> {
    const note = input.note.replace(/\s+/g, ' ').trim()
    if (!note) throw new DomainError('INVALID_INPUT', 'feedback.noteEmpty')
    if (note.length > MAX_NOTE) throw new DomainError('INVALID_INPUT', 'error.tooLong', { max: MAX_NOTE })
    const now = clock.now()
    const view = await auditRefusal(db, actor, { action: 'feedback.give', entity: 'employee', id: input.employeeId, at: now }, () =>
      db.$transaction(async (tx) => {
        const e = await tx.employee.findUnique({
          where: { id: input.employeeId },
          select: { id: true, name: true, supervisorId: true, active: true, timezone: true },
        })
        if (!e || !e.active) throw new DomainError('NOT_FOUND', 'error.notFound')
        // checked in the writing transaction: the org may have changed since the buttons were shown
        if (e.supervisorId !== actor.employeeId) throw new DomainError('FORBIDDEN', 'feedback.notSubordinate')
        const timezone = e.timezone ?? deps.defaultTimezone
        const row = await tx.feedback.create({
          data: { employeeId: e.id, authorId: actor.employeeId, value: input.value, note, date: localDate(now, timezone), at: now },
          select: { id: true },
        })
        const v: FeedbackView = {
          id: row.id,
          employee: { id: e.id, name: e.name },
          author: { id: actor.employeeId, name: actor.name },
          value: input.value,
          note,
          at: now.toISOString(),
          timezone,
        }
        await audit(tx, {
          actorId: actor.employeeId,
          platform: actor.platform,
          externalId: actor.externalId,
          action: 'feedback.give',
          entity: 'feedback',
          entityId: row.id,
          at: now,
          detail: { employeeId: e.id, value: input.value },
        })
        await enqueue(tx, { recipientId: e.id, message: { kind: 'feedback_notice', feedback: v }, topic: `feedback:${row.id}`, at: now })
        return v
      }),
    )
    deps.afterCommit?.()
    return view
  }

  return { subordinates, target, give }
}

export type FeedbackService = ReturnType<typeof createFeedbackService>
