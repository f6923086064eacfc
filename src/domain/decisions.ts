import { enqueue, redrawReceipts, replaceCards } from './outbox.js'
import { activityViewSelect, toActivityView } from './activity-view.js'
import { audit } from './audit.js'
import { DomainError } from './errors.js'
import { auditDenied, cardTopic, type ReportsDeps } from './reports.js'
import type { ActivityStatus, ActivityView, Actor, DecisionOutcome } from './types.js'

export interface DecideInput {
  activityId: number
  /** The version the card showed: a decision on an older version is refused (the employee changed it). */
  version?: number
  outcome: DecisionOutcome
  note?: string
  feedback?: string
}

const MAX_NOTE = 1000

/** A supervisor's approval queue (/persetujuan, the console's Beranda): their current subordinates' waiting reports. */
export const queueWhere = (supervisorId: number) => ({ status: 'DIAJUKAN', employee: { supervisorId } })
/** The queue's order: oldest first. */
export const QUEUE_ORDER = [{ submittedAt: 'asc' as const }, { id: 'asc' as const }]

/** Why a report can no longer be decided: the employee withdrew it, or it was decided already. */
const notUndecided = (status: string, id: number) =>
  status === 'DITARIK'
    ? new DomainError('INVALID_STATE', 'error.withdrawn', { id })
    : new DomainError('INVALID_STATE', 'error.alreadyDecided', { status: status as ActivityStatus })

export function createDecisionService(deps: ReportsDeps) {
  const { db, clock } = deps

  /** Decides one activity. Authorized against the database now: only the author's current supervisor. */
  async function decide(actor: Actor, input: DecideInput, opts: { notice?: boolean } = {}): Promise<ActivityView> {
    const now = clock.now()
    const note = input.note?.trim() || null
    const feedback = input.feedback?.trim() || null
    if ((input.outcome === 'REVISI' || input.outcome === 'DITOLAK') && !note) {
      throw new DomainError('INVALID_INPUT', 'decide.reasonEmpty')
    }
    if ((note?.length ?? 0) > MAX_NOTE || (feedback?.length ?? 0) > MAX_NOTE) {
      throw new DomainError('INVALID_INPUT', 'error.tooLong', { max: MAX_NOTE })
    }
    const view = await auditDenied(db, actor, 'activity.decide', input.activityId, now, () =>
      db.$transaction(async (tx) => {
        const current = await tx.activity.findUnique({
          where: { id: input.activityId },
          select: { status: true, version: true, employee: { select: { supervisorId: true } } },
        })
        if (!current) throw new DomainError('NOT_FOUND', 'error.notFound')
        if (current.employee.supervisorId !== actor.employeeId) throw new DomainError('FORBIDDEN', 'error.notAuthorSupervisor')
        if (current.status !== 'DIAJUKAN') {
          throw notUndecided(current.status, input.activityId)
        }
        if (input.version !== undefined && input.version !== current.version) throw new DomainError('INVALID_STATE', 'error.staleButton')
        // the conditional write is the decision: of ten concurrent clicks exactly one matches
        const { count } = await tx.activity.updateMany({
          where: { id: input.activityId, status: 'DIAJUKAN', version: current.version },
          data: { status: input.outcome, decidedAt: now, decidedById: actor.employeeId, decisionNote: note },
        })
        if (count === 0) throw new DomainError('INVALID_STATE', 'error.alreadyDecided', {})
        await tx.decision.create({
          data: { activityId: input.activityId, version: current.version, deciderId: actor.employeeId, outcome: input.outcome, note, feedback, at: now },
        })
        await audit(tx, {
          actorId: actor.employeeId,
          platform: actor.platform,
          externalId: actor.externalId,
          action: 'activity.decide',
          entity: 'activity',
          entityId: input.activityId,
          before: 'DIAJUKAN',
          after: input.outcome,
          at: now,
          detail: { version: current.version, hasFeedback: feedback !== null },
        })
        const row = await tx.activity.findUniqueOrThrow({ where: { id: input.activityId }, select: activityViewSelect })
        const v = toActivityView(row, deps.cfg.defaultTimezone)
        await replaceCards(tx, { topic: cardTopic(v.id, v.version), kind: 'approval_card', message: { kind: 'approval_outcome', activity: v }, at: now })
        if (opts.notice !== false) await enqueue(tx, { recipientId: v.employee.id, message: { kind: 'decision_notice', activity: v }, topic: `notice:${v.id}`, at: now })
        await redrawReceipts(tx, v, now)
        return v
      }),
    )
    deps.afterCommit?.()
    return view
  }

  /** Checks, before asking for a reason, that the actor may decide this version now (audited if not). */
  async function assertCanDecide(actor: Actor, activityId: number, version?: number): Promise<ActivityView> {
    return auditDenied(db, actor, 'activity.decide', activityId, clock.now(), async () => {
      const row = await db.activity.findUnique({ where: { id: activityId }, select: activityViewSelect })
      if (!row) throw new DomainError('NOT_FOUND', 'error.notFound')
      if (row.employee.supervisorId !== actor.employeeId) throw new DomainError('FORBIDDEN', 'error.notAuthorSupervisor')
      if (row.status !== 'DIAJUKAN') {
        throw notUndecided(row.status, activityId)
      }
      if (version !== undefined && version !== row.version) throw new DomainError('INVALID_STATE', 'error.staleButton')
      return toActivityView(row, deps.cfg.defaultTimezone)
    })
  }

  /**
   * "Setujui semua": approves each listed item on its own (those no longer allowed are skipped), then
   * tells each employee once, in one message listing their approved reports.
   */
  async function approveMany(actor: Actor, ids: number[]): Promise<{ approved: number[]; skipped: number[] }> {
    const approved: ActivityView[] = []
    const skipped: number[] = []
    for (const id of [...new Set(ids)]) {
      try {
        approved.push(await decide(actor, { activityId: id, outcome: 'DISETUJUI' }, { notice: false }))
      } catch (e) {
        if (!(e instanceof DomainError)) throw e
        skipped.push(id)
      }
    }
    if (approved.length > 0) {
      const byEmployee = new Map<number, ActivityView[]>()
      for (const v of approved) byEmployee.set(v.employee.id, [...(byEmployee.get(v.employee.id) ?? []), v])
      const now = clock.now()
      await db.$transaction(async (tx) => {
        for (const [employeeId, activities] of byEmployee) {
          const message = activities.length === 1 ? { kind: 'decision_notice' as const, activity: activities[0]! } : { kind: 'approved_batch' as const, activities }
          await enqueue(tx, { recipientId: employeeId, message, at: now })
        }
      })
      deps.afterCommit?.()
    }
    return { approved: approved.map((v) => v.id), skipped }
  }

  /** The actor's queue: activities of their current subordinates waiting for a decision, oldest first. */
  async function pending(actor: Actor, page: number, pageSize: number): Promise<{ items: ActivityView[]; total: number; page: number; pages: number }> {
    const where = queueWhere(actor.employeeId)
    const total = await db.activity.count({ where })
    const pages = Math.max(1, Math.ceil(total / pageSize))
    const current = Math.min(Math.max(1, page), pages)
    const rows = await db.activity.findMany({
      where,
      orderBy: QUEUE_ORDER,
      skip: (current - 1) * pageSize,
      take: pageSize,
      select: activityViewSelect,
    })
    return { items: rows.map((r) => toActivityView(r, deps.cfg.defaultTimezone)), total, page: current, pages }
  }

  return { decide, approveMany, pending, assertCanDecide }
}

export type DecisionService = ReturnType<typeof createDecisionService>
