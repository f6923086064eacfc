import type { Db, Tx } from '../db/client.js'
import { enqueue, outboxRow, receiptRow, recordReceipt, redrawReceipts, replaceCards } from './outbox.js'
import { activityViewSelect, toActivityView } from './activity-view.js'
import { OPENS_CHATS, reachableAccount } from './accounts.js'
import { audit, auditRefusal, auditRow, who } from './audit.js'
import type { Clock } from './clock.js'
import { daysBetween, localDate, localMinuteOfDay, type IsoDate } from './dates.js'
import { DomainError } from './errors.js'
import { checkDescription } from './report-line.js'
import { holdReport, takeHeldReport } from './held-reports.js'
import type { EvidenceFetchers, EvidenceFile } from './evidence-files.js'
import { resolveRencanaAksi, type Resolved } from './rencana-aksi.js'
import { resolveRhk } from './skp.js'
import {
  dateTimeParam, groupCommit, insertActivities, insertAudits, insertOutbox, insertReceipts, lockEmployees, reachableOf, sameDayOf, storedSourceKeys,
  type NewActivity, type NewAudit, type NewOutbox,
} from './report-batch.js'
import type { ActivityInput, ActivityStatus, ActivityView, Actor, OutboxMessage, Platform } from './types.js'

export interface ReportsConfig {
  backdateDays: number
  maxDayMinutes: number
  maxDescription: number
  defaultTimezone: string
  /** The platforms this installation runs (whether the supervisor can be reached); all when not given. */
  platforms?: Platform[]
  /** REPORT_REQUIRE_TIME_RANGE: a report needs a start and an end (BKN e-Kinerja's Jam Mulai, Jam Selesai). */
  requireTimeRange?: boolean
  /** REPORT_REQUIRE_RENCANA_AKSI: a report of an RHK with rencana aksi that month must name one. */
  requireRencanaAksi?: boolean
}

/** Statuses that occupy time in a day: rejected and withdrawn activities free their slot. */
export const COUNTED_STATUSES = ['DIAJUKAN', 'DISETUJUI', 'REVISI']
export const OPEN_STATUSES = ['DIAJUKAN', 'REVISI']

export const cardTopic = (activityId: number, version: number) => `activity:${activityId}:v${version}`

/** The activity use cases' refusals, audited like every other refusal (see auditRefusal). */
export const auditDenied = <T>(db: Db, actor: Actor, action: string, id: number, at: Date, fn: () => Promise<T>): Promise<T> =>
  auditRefusal(db, actor, { action, entity: 'activity', id, at }, fn)

export interface ReportsDeps {
  db: Db
  clock: Clock
  cfg: ReportsConfig
  afterCommit?: () => void
  /** Downloads evidence when a report is submitted, so a supervisor on any platform can open it. */
  evidence?: EvidenceFetchers
}

/** The date the person means by "today", in their own zone. */
export const todayFor = (actor: Pick<Actor, 'timezone'>, clock: Clock): IsoDate => localDate(clock.now(), actor.timezone)

/** Not in the future, not older than the backdate window. */
export function checkReportDate(date: IsoDate, today: IsoDate, backdateDays: number): void {
  if (date > today) throw new DomainError('INVALID_INPUT', 'report.dateFuture', { date })
  if (daysBetween(date, today) > backdateDays) {
    throw new DomainError('INVALID_INPUT', 'report.dateTooOld', { date, days: backdateDays })
  }
}

/** The rencana aksi as the view shows it. */
const planView = (plan: Resolved | undefined): ActivityView['rencanaAksi'] =>
  plan?.option ? { id: plan.option.id, text: plan.option.text, satuan: plan.option.satuan, realisasi: plan.realisasi ?? 1 } : null

type SameDay = { id: number; startMinute: number | null; endMinute: number | null; minutes: number; description: string }

/** The activities that occupy the person's day (the one being edited left out). */
const sameDayActivities = (tx: Tx, actor: Actor, date: IsoDate, excludeId?: number): Promise<SameDay[]> =>
  tx.activity.findMany({
    where: { employeeId: actor.employeeId, date, status: { in: COUNTED_STATUSES }, ...(excludeId ? { id: { not: excludeId } } : {}) },
    select: { id: true, startMinute: true, endMinute: true, minutes: true, description: true },
    orderBy: { id: 'asc' },
  })

/** Descriptions that differ only in case, spacing or closing punctuation say the same thing. */
export const sameDescription = (a: string, b: string) => {
  const norm = (x: string) => x.toLocaleLowerCase('id-ID').replace(/\s+/g, ' ').replace(/[\s.,;:!]+$/u, '').trim()
  return norm(a) === norm(b)
}

/** Today's activity must be over: a range may not end after now, a duration may not exceed the day so far. */
export function checkNotUnfinished(when: Pick<ActivityInput, 'date' | 'startMinute' | 'endMinute' | 'minutes'>, actor: Pick<Actor, 'timezone'>, clock: Clock): void {
  if (when.date !== todayFor(actor, clock)) return
  const now = localMinuteOfDay(clock.now(), actor.timezone)
  if (when.startMinute != null && when.endMinute != null) {
    if (when.endMinute > now) {
      throw new DomainError('INVALID_INPUT', 'report.endInFuture', { startMinute: when.startMinute, endMinute: when.endMinute, now })
    }
  } else if (when.minutes > now) {
    throw new DomainError('INVALID_INPUT', 'report.durationInFuture', { minutes: when.minutes, now })
  }
}

/** Every rule an activity must satisfy, checked inside the writing transaction. */
async function validate(tx: Tx, deps: ReportsDeps, actor: Actor, input: ActivityInput, excludeId?: number, known?: SameDay[]): Promise<void> {
  const { cfg } = deps
  const description = checkDescription(input.description, cfg.maxDescription)
  if (!description.ok) throw DomainError.of('INVALID_INPUT', description)
  checkReportDate(input.date, todayFor(actor, deps.clock), cfg.backdateDays)
  if (cfg.requireTimeRange && (input.startMinute == null || input.endMinute == null)) {
    throw new DomainError('INVALID_INPUT', 'report.rangeRequired', { minutes: input.minutes })
  }
  checkNotUnfinished(input, actor, deps.clock)
  const sameDay = known ?? (await sameDayActivities(tx, actor, input.date, excludeId))
  if (input.startMinute != null && input.endMinute != null) {
    const clash = sameDay.find(
      (a) => a.startMinute != null && a.endMinute != null && a.startMinute < input.endMinute! && input.startMinute! < a.endMinute,
    )
    if (clash) {
      throw new DomainError('INVALID_INPUT', 'report.overlap', {
        startMinute: input.startMinute,
        endMinute: input.endMinute,
        date: input.date,
        otherId: clash.id,
        otherStartMinute: clash.startMinute!,
        otherEndMinute: clash.endMinute!,
        otherDescription: clash.description,
      })
    }
  }
  const total = sameDay.reduce((sum, a) => sum + a.minutes, 0) + input.minutes
  if (total > cfg.maxDayMinutes) {
    throw new DomainError('INVALID_INPUT', 'report.dayLimit', {
      date: input.date,
      total,
      max: cfg.maxDayMinutes,
    })
  }
}

/** Takes the person's write lock: two reports of one person never validate against stale data. */
async function lockEmployee(tx: Tx, employeeId: number) {
  return tx.employee.update({
    where: { id: employeeId },
    data: { lockVersion: { increment: 1 } },
    // what a new activity's view needs, read in the same statement that takes the lock
    select: { id: true, supervisorId: true, name: true, position: true, timezone: true, unit: { select: { name: true } } },
  })
}

function activityData(input: ActivityInput) {
  return {
    date: input.date,
    startMinute: input.startMinute ?? null,
    endMinute: input.endMinute ?? null,
    minutes: input.minutes,
    description: input.description.replace(/\s+/g, ' ').trim(),
  }
}

function evidenceData(input: ActivityInput, fileId: number | null) {
  return {
    evidenceKind: input.evidence?.kind ?? null,
    evidenceRef: input.evidence?.ref ?? null,
    evidenceName: input.evidence?.name ?? null,
    evidenceFileId: fileId,
  }
}

/** Stores downloaded evidence in the report's own transaction: no file without its report, no report without its file. */
async function storeEvidence(tx: Tx, file: EvidenceFile | null): Promise<number | null> {
  if (!file) return null
  const row = await tx.attachment.create({ data: { filename: file.filename, mime: file.mime, data: file.data }, select: { id: true } })
  return row.id
}

async function loadView(tx: Tx, deps: ReportsDeps, id: number): Promise<ActivityView> {
  const row = await tx.activity.findUniqueOrThrow({ where: { id }, select: activityViewSelect })
  return toActivityView(row, deps.cfg.defaultTimezone)
}

async function sendCard(tx: Tx, view: ActivityView, supervisorId: number, at: Date) {
  await enqueue(tx, { recipientId: supervisorId, message: { kind: 'approval_card', activity: view }, topic: cardTopic(view.id, view.version), at })
}

/**
 * The supervisor's card of the version being replaced: an undecided one is superseded; a decided one
 * (Revisi) keeps showing its outcome, reason and decider, and the resubmission arrives as a fresh card.
 */
async function supersedeCard(tx: Tx, current: { id: number; version: number; status: string }, message: OutboxMessage, at: Date) {
  if (current.status !== 'DIAJUKAN') return
  await replaceCards(tx, { topic: cardTopic(current.id, current.version), kind: 'approval_card', message, at })
}

export interface SubmitOptions {
  /** The chat update that carries the report (platform:key): its redelivery gets the same receipt. */
  sourceKey?: string
  /** The person saw "a similar report exists" and chose to send it anyway. */
  confirmSimilar?: boolean
}

/**
 * A submitted activity; `repeated` when it was stored before (a redelivered update or the same report again);
 * `supervisorWaiting` when the card cannot reach the supervisor yet (see domain/accounts.ts: a Telegram
 * account that never opened the bot, or no account at all): the receipt says so.
 */
export type Submitted = ActivityView & { repeated?: true; supervisorWaiting?: true }

/**
 * The same description was reported on that date already (a duration report, or another time range):
 * the person is asked whether to send it anyway.
 */
export class SimilarReportError extends DomainError {
  constructor(readonly similar: { id: number; description: string; date: IsoDate }) {
    super('INVALID_STATE', 'report.similar', {
      id: similar.id,
      description: similar.description,
      date: similar.date,
    })
    this.name = 'SimilarReportError'
  }
}

/** What the group commit writes with its set-based statements: a report without RHK, rencana aksi or file. */
const batchable = (input: ActivityInput) =>
  input.rhkId === undefined && input.rhkCode === undefined && input.rencanaAksiId === undefined && input.satuan === undefined && input.realisasi === undefined

type Grouped = { actor: Actor; input: ActivityInput; opts: SubmitOptions; resolve: (v: Submitted) => void; reject: (err: unknown) => void }
type GroupedReceipt = { receipt: Parameters<typeof recordReceipt>[1]; resolve: () => void; reject: (err: unknown) => void }
type Outcome = { kind: 'stored'; view: Submitted } | { kind: 'refused'; err: unknown } | { kind: 'alone' }

export function createReportService(deps: ReportsDeps) {
  const { db, clock } = deps

  /**
   * Submits a report. A similar one of the same day (SimilarReportError) is held for the person, who
   * confirms it with sendHeld() or drops it with dropHeld(); a newer similar report replaces it.
   */
  async function submit(actor: Actor, input: ActivityInput, opts: SubmitOptions = {}): Promise<Submitted> {
    try {
      // downloaded before the transaction: no platform call inside one
      const file = await fetchEvidence(input)
      if (file === null && batchable(input)) return await new Promise<Submitted>((resolve, reject) => enqueueGrouped({ actor, input, opts, resolve, reject }))
      return await store(actor, input, opts, file)
    } catch (err) {
      if (err instanceof SimilarReportError) await holdReport(db, actor, input, clock.now())
      throw err
    }
  }

  /** "Kirim lagi": stores the held report, every rule checked again now. */
  async function sendHeld(actor: Actor, opts: Omit<SubmitOptions, 'confirmSimilar'> = {}): Promise<Submitted> {
    const input = await takeHeldReport(db, actor, clock.now())
    if (!input) throw new DomainError('INVALID_STATE', 'error.staleButton')
    return store(actor, input, { ...opts, confirmSimilar: true })
  }

  /** "Batal": the held report is dropped; false when there was none (any more). */
  const dropHeld = async (actor: Actor): Promise<boolean> => (await takeHeldReport(db, actor, clock.now())) !== null

  /**
   * The evidence's bytes from its platform, or nothing to fetch: evidence the platform stored when it came
   * (WhatsApp, whose media ids expire) names its copy in the attachment store, which the report links.
   */
  const fetchEvidence = async (input: ActivityInput) => (input.evidence?.fileId !== undefined ? null : ((await deps.evidence?.fetch(input.evidence)) ?? null))

  async function store(actor: Actor, input: ActivityInput, opts: SubmitOptions, fetched?: EvidenceFile | null): Promise<Submitted> {
    // downloaded before the transaction: no platform call inside one
    const file = fetched !== undefined ? fetched : await fetchEvidence(input)
    const now = clock.now()
    const view = await db.$transaction(async (tx): Promise<Submitted> => {
      const me = await lockEmployee(tx, actor.employeeId)
      // a redelivery of the update that stored it (the process died before the update was marked done)
      if (opts.sourceKey) {
        const stored = await tx.activity.findUnique({ where: { sourceKey: opts.sourceKey }, select: { id: true, employeeId: true } })
        if (stored?.employeeId === actor.employeeId) return { ...(await loadView(tx, deps, stored.id)), repeated: true }
      }
      if (!me.supervisorId) throw new DomainError('INVALID_STATE', 'report.notForSupervisorless')
      const sameDay = await sameDayActivities(tx, actor, input.date)
      const description = activityData(input).description
      // exactly this report again (same range, same words): it is stored already, not a clash with itself
      const same = sameDay.find(
        (a) => input.startMinute != null && a.startMinute === input.startMinute && a.endMinute === input.endMinute && sameDescription(a.description, description),
      )
      if (same) return { ...(await loadView(tx, deps, same.id)), repeated: true }
      // a report the rules refuse is refused before anyone is asked to confirm it
      await validate(tx, deps, actor, input, undefined, sameDay)
      if (!opts.confirmSimilar) {
        const similar = sameDay.find((a) => sameDescription(a.description, description))
        if (similar) throw new SimilarReportError({ id: similar.id, description: similar.description, date: input.date })
      }
      const rhk = await resolveRhk(tx, actor.employeeId, input.date, input)
      const plan = await resolveRencanaAksi(tx, { date: input.date, rhk: rhk ?? null, input, required: deps.cfg.requireRencanaAksi ?? false })
      const fileId = input.evidence?.fileId ?? (await storeEvidence(tx, file))
      const data = { ...activityData(input), ...evidenceData(input, fileId) }
      const created = await tx.activity.create({
        data: {
          ...data,
          rhkId: rhk?.id ?? null,
          rencanaAksiId: plan?.rencanaAksiId ?? null,
          realisasi: plan?.realisasi ?? null,
          employeeId: actor.employeeId,
          status: 'DIAJUKAN',
          submittedAt: now,
          createdAt: now,
          sourceKey: opts.sourceKey ?? null,
        },
        select: { id: true },
      })
      const employee = { id: me.id, name: me.name, position: me.position, unit: me.unit.name }
      const v = newView(created.id, employee, me.timezone, input, data, fileId, rhk ? { code: rhk.code, text: rhk.text } : null, planView(plan))
      await audit(tx, { ...who(actor), action: 'activity.submit', entity: 'activity', entityId: v.id, before: null, after: 'DIAJUKAN', at: now })
      await sendCard(tx, v, me.supervisorId, now)
      return withReachability(tx, v, me.supervisorId)
    })
    deps.afterCommit?.()
    return view
  }

  /**
   * The group commit of plain reports (no RHK, no rencana aksi, no file to store: what the batch's
   * set-based statements write). Each report keeps every check of store(), against what is stored and what
   * the batch stores before it; a refusal fails that report alone. A report the batch cannot settle on its
   * own (a redelivery or a repeat of a stored one, whose view is read back) goes through store() after the
   * batch commits, and so does every report of a batch whose transaction failed as a whole.
   */
  const enqueueGrouped = groupCommit<Grouped>((batch) => storeBatch(batch), { key: (g) => g.actor.employeeId })

  async function storeBatch(batch: Grouped[]): Promise<void> {
    const now = clock.now()
    let outcomes: Map<Grouped, Outcome>
    try {
      outcomes = await db.$transaction((tx) => writeBatch(tx, batch, now))
    } catch {
      // the batch failed as a whole (a lock conflict, a key written meanwhile by another instance): one by one
      await Promise.allSettled(batch.map((g) => store(g.actor, g.input, g.opts, null).then(g.resolve, g.reject)))
      return
    }
    if ([...outcomes.values()].some((o) => o.kind === 'stored')) deps.afterCommit?.()
    await Promise.allSettled(
      batch.map(async (g) => {
        const o = outcomes.get(g)!
        if (o.kind === 'stored') g.resolve(o.view)
        else if (o.kind === 'refused') g.reject(o.err)
        else await store(g.actor, g.input, g.opts, null).then(g.resolve, g.reject)
      }),
    )
  }

  async function writeBatch(tx: Tx, batch: Grouped[], now: Date): Promise<Map<Grouped, Outcome>> {
    const outcomes = new Map<Grouped, Outcome>()
    const authors = await lockEmployees(tx, batch.map((g) => g.actor.employeeId))
    const stored = await storedSourceKeys(tx, batch.flatMap((g) => (g.opts.sourceKey ? [g.opts.sourceKey] : [])))
    const open: Grouped[] = []
    for (const g of batch) {
      // a redelivery (store() answers with the stored activity), or an author gone meanwhile (store() refuses)
      if ((g.opts.sourceKey && stored.has(g.opts.sourceKey)) || !authors.has(g.actor.employeeId)) outcomes.set(g, { kind: 'alone' })
      else if (!authors.get(g.actor.employeeId)!.supervisorId) outcomes.set(g, { kind: 'refused', err: new DomainError('INVALID_STATE', 'report.notForSupervisorless') })
      else open.push(g)
    }
    if (open.length === 0) return outcomes
    const days = await sameDayOf(tx, open.map((g) => g.actor.employeeId), [...new Set(open.map((g) => g.input.date))], COUNTED_STATUSES)
    const accepted: { g: Grouped; data: ReturnType<typeof activityData> }[] = []
    for (const g of open) {
      const { actor, input, opts } = g
      try {
        const sameDay = days.get(`${actor.employeeId}|${input.date}`) ?? []
        const data = activityData(input)
        const same = sameDay.find(
          (a) => input.startMinute != null && a.startMinute === input.startMinute && a.endMinute === input.endMinute && sameDescription(a.description, data.description),
        )
        if (same) {
          outcomes.set(g, { kind: 'alone' })
          continue
        }
        await validate(tx, deps, actor, input, undefined, sameDay)
        if (!opts.confirmSimilar) {
          const similar = sameDay.find((a) => sameDescription(a.description, data.description))
          if (similar) throw new SimilarReportError({ id: similar.id, description: similar.description, date: input.date })
        }
        // what resolveRencanaAksi checks of a report without RHK or rencana aksi
        await resolveRencanaAksi(tx, { date: input.date, rhk: null, input, required: deps.cfg.requireRencanaAksi ?? false })
        accepted.push({ g, data })
      } catch (err) {
        outcomes.set(g, { kind: 'refused', err })
      }
    }
    if (accepted.length === 0) return outcomes
    const at = dateTimeParam(now)
    const rows: NewActivity[] = accepted.map(({ g, data }) => ({
      employeeId: g.actor.employeeId,
      ...data,
      ...evidenceData(g.input, g.input.evidence?.fileId ?? null),
      rhkId: null,
      rencanaAksiId: null,
      realisasi: null,
      status: 'DIAJUKAN',
      version: 1,
      submittedAt: at,
      createdAt: at,
      updatedAt: at,
      sourceKey: g.opts.sourceKey ?? null,
    }))
    const ids = await insertActivities(tx, rows)
    const views = accepted.map(({ g, data }) => {
      const me = authors.get(g.actor.employeeId)!
      const employee = { id: me.id, name: me.name, position: me.position, unit: me.unitName }
      const v = newView(ids.get(g.actor.employeeId)!, employee, me.timezone, g.input, data, g.input.evidence?.fileId ?? null, null, null)
      return { g, v, supervisorId: me.supervisorId! }
    })
    // the rows audit() and sendCard() write, the instants as the batch binds them
    const audits: NewAudit[] = views.map(({ g, v }) => ({
      ...auditRow({ ...who(g.actor), action: 'activity.submit', entity: 'activity', entityId: v.id, before: null, after: 'DIAJUKAN', at: now }),
      at,
    }))
    await insertAudits(tx, audits)
    const cards: NewOutbox[] = views.map(({ v, supervisorId }) => ({
      ...outboxRow({ recipientId: supervisorId, message: { kind: 'approval_card', activity: v }, topic: cardTopic(v.id, v.version), at: now }),
      status: 'PENDING',
      attempts: 0,
      rateLimits: 0,
      createdAt: at,
      nextAttemptAt: at,
    }))
    await insertOutbox(tx, cards)
    const opens = OPENS_CHATS.filter((p) => !deps.cfg.platforms || deps.cfg.platforms.includes(p))
    const reachable = await reachableOf(tx, [...new Set(views.map((x) => x.supervisorId))], opens)
    for (const { g, v, supervisorId } of views) outcomes.set(g, { kind: 'stored', view: reachable.has(supervisorId) ? v : { ...v, supervisorWaiting: true } })
    return outcomes
  }

  /** A new activity's view (store() and the batch): it has no decisions yet, so it is known without reading it back. */
  function newView(
    id: number,
    employee: ActivityView['employee'],
    timezone: string | null,
    input: ActivityInput,
    data: ReturnType<typeof activityData>,
    fileId: number | null,
    rhk: ActivityView['rhk'],
    rencanaAksi: ActivityView['rencanaAksi'],
  ): ActivityView {
    return {
      id,
      version: 1,
      employee,
      date: data.date,
      startMinute: data.startMinute,
      endMinute: data.endMinute,
      minutes: data.minutes,
      description: data.description,
      evidence: input.evidence ? { ...input.evidence, ...(fileId ? { fileId } : {}) } : null,
      status: 'DIAJUKAN',
      timezone: timezone ?? deps.cfg.defaultTimezone,
      rhk,
      rencanaAksi,
    }
  }

  /** The view, marked when its card cannot reach the supervisor yet (the receipt must not say it was sent). */
  async function withReachability(tx: Tx, v: ActivityView, supervisorId: number): Promise<Submitted> {
    const reachable = await tx.chatAccount.count({ where: { employeeId: supervisorId, ...reachableAccount(deps.cfg.platforms) } })
    return reachable > 0 ? v : { ...v, supervisorWaiting: true }
  }

  /** Loads an activity the actor authored and may still change; audits and refuses otherwise. */
  async function ownOpenActivity(tx: Tx, actor: Actor, id: number) {
    const current = await tx.activity.findUnique({
      where: { id },
      select: {
        id: true,
        employeeId: true,
        status: true,
        version: true,
        rhk: { select: { id: true, code: true } },
        rencanaAksi: { select: { id: true, rhkId: true, period: true } },
      },
    })
    if (!current) throw new DomainError('NOT_FOUND', 'error.notFound')
    if (current.employeeId !== actor.employeeId) throw new DomainError('FORBIDDEN', 'error.notAuthor')
    if (!OPEN_STATUSES.includes(current.status)) {
      throw new DomainError('INVALID_STATE', 'error.notEditable', { status: current.status as ActivityStatus })
    }
    return current
  }

  /** Edits an undecided activity or resubmits one returned for revision; the supervisor gets a fresh card. */
  async function edit(actor: Actor, id: number, input: ActivityInput): Promise<Submitted> {
    const file = await fetchEvidence(input)
    const now = clock.now()
    const view = await auditDenied(db, actor, 'activity.edit', id, now, () => db.$transaction(async (tx) => {
      const me = await lockEmployee(tx, actor.employeeId)
      const current = await ownOpenActivity(tx, actor, id)
      if (!me.supervisorId) throw new DomainError('INVALID_STATE', 'report.notForSupervisorless')
      await validate(tx, deps, actor, input, id)
      // an edit without #code keeps the RHK the activity had, and its rencana aksi while it still fits
      const rhk = await resolveRhk(tx, actor.employeeId, input.date, input)
      const kept = current.rencanaAksi ? { rencanaAksiId: current.rencanaAksi.id, rhkId: current.rencanaAksi.rhkId, period: current.rencanaAksi.period } : undefined
      const plan = await resolveRencanaAksi(tx, {
        date: input.date,
        rhk: rhk === undefined ? current.rhk : rhk,
        input,
        ...(kept ? { kept } : {}),
        required: deps.cfg.requireRencanaAksi ?? false,
      })
      const { count } = await tx.activity.updateMany({
        // the status read above: a decision in between makes this stale instead of hiding that decision
        where: { id, version: current.version, status: current.status },
        data: {
          ...activityData(input),
          ...(rhk !== undefined ? { rhkId: rhk?.id ?? null } : {}),
          ...(plan !== undefined ? { rencanaAksiId: plan.rencanaAksiId, realisasi: plan.realisasi } : {}),
          // evidence is kept unless new evidence came with the edit
          ...(input.evidence ? evidenceData(input, input.evidence.fileId ?? (await storeEvidence(tx, file))) : {}),
          status: 'DIAJUKAN',
          version: current.version + 1,
          submittedAt: now,
          decidedAt: null,
          decidedById: null,
          decisionNote: null,
        },
      })
      if (count === 0) throw new DomainError('INVALID_STATE', 'error.staleButton')
      const v = await loadView(tx, deps, id)
      await audit(tx, { ...who(actor), action: 'activity.edit', entity: 'activity', entityId: id, before: current.status, after: 'DIAJUKAN', at: now, detail: { version: v.version } })
      await supersedeCard(tx, current, { kind: 'approval_superseded', activity: { ...v, version: current.version }, reason: 'edited' }, now)
      // the new receipt has the buttons: the old ones show the report as it is now, without them
      await redrawReceipts(tx, v, now)
      await sendCard(tx, v, me.supervisorId, now)
      return withReachability(tx, v, me.supervisorId)
    }))
    deps.afterCommit?.()
    return view
  }

  async function withdraw(actor: Actor, id: number): Promise<ActivityView> {
    const now = clock.now()
    const view = await auditDenied(db, actor, 'activity.withdraw', id, now, () => db.$transaction(async (tx) => {
      const current = await ownOpenActivity(tx, actor, id)
      const { count } = await tx.activity.updateMany({
        where: { id, version: current.version, status: current.status },
        data: { status: 'DITARIK' },
      })
      if (count === 0) throw new DomainError('INVALID_STATE', 'error.staleButton')
      const v = await loadView(tx, deps, id)
      await audit(tx, { ...who(actor), action: 'activity.withdraw', entity: 'activity', entityId: id, before: current.status, after: 'DITARIK', at: now })
      await supersedeCard(tx, current, { kind: 'approval_superseded', activity: v, reason: 'withdrawn' }, now)
      await redrawReceipts(tx, v, now)
      return v
    }))
    deps.afterCommit?.()
    return view
  }

  /** The actor's own activity if it can still be changed (before asking them for the new text). */
  async function editable(actor: Actor, id: number): Promise<ActivityView> {
    return auditDenied(db, actor, 'activity.edit', id, clock.now(), () =>
      db.$transaction(async (tx) => {
        await ownOpenActivity(tx, actor, id)
        return loadView(tx, deps, id)
      }),
    )
  }

  /** An activity the actor may look at: the author, or the author's current supervisor. */
  /**
   * A report with its stored evidence, for its author or the author's current supervisor: one read of the
   * report for both; `file` is null when the evidence is a link or only a name.
   */
  async function evidence(actor: Actor, id: number): Promise<{ view: ActivityView; file: EvidenceFile | null }> {
    const view = await get(actor, id)
    const fileId = view.evidence?.fileId
    const file = fileId ? await db.attachment.findUnique({ where: { id: fileId }, select: { filename: true, mime: true, data: true } }) : null
    return { view, file }
  }

  async function get(actor: Actor, id: number): Promise<ActivityView> {
    const row = await db.activity.findUnique({ where: { id }, select: activityViewSelect })
    if (!row) throw new DomainError('NOT_FOUND', 'error.notFound')
    if (row.employee.id !== actor.employeeId && row.employee.supervisorId !== actor.employeeId) {
      throw new DomainError('FORBIDDEN', 'error.forbidden')
    }
    return toActivityView(row, deps.cfg.defaultTimezone)
  }

  /** A receipt with Ubah/Tarik was sent: it is redrawn without them once the report is decided or changed. */
  const receiptSent = (activity: ActivityView, where: { platform: string; chatId: string; messageId: string }) =>
    new Promise<void>((resolve, reject) => recordGrouped({ receipt: { activity, ...where, at: clock.now() }, resolve, reject }))

  /** Receipts sent at the same time are recorded together (one by one when that statement fails). */
  const recordGrouped = groupCommit<GroupedReceipt>(async (batch) => {
    try {
      await insertReceipts(
        db,
        batch.map(({ receipt: r }) => ({
          ...receiptRow(r),
          attempts: 0,
          rateLimits: 0,
          createdAt: dateTimeParam(r.at),
          nextAttemptAt: dateTimeParam(r.at),
          sentAt: dateTimeParam(r.at),
        })),
      )
      for (const g of batch) g.resolve()
    } catch {
      await Promise.allSettled(batch.map((g) => recordReceipt(db, g.receipt).then(g.resolve, g.reject)))
    }
  })

  return { submit, sendHeld, dropHeld, edit, withdraw, get, evidence, editable, receiptSent }
}

export type ReportService = ReturnType<typeof createReportService>
