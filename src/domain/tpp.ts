import { z } from 'zod'
import type { Db } from '../db/client.js'
import type { Clock } from './clock.js'
import { addDays, daysBetween, localDate, monthRange, type IsoDate } from './dates.js'
import type { MonthSummary, SummaryService } from './summary.js'
import type { Actor } from './types.js'

// The estimate of the performance part of TPP (tambahan penghasilan pegawai) a person sees with /tpp
// (docs/tpp.md). The formula is configuration: the default below, or an agency's Perkada/Perwali tiers in
// TPP_FORMULA_FILE. It is an estimate from the approved minutes, never a payment decision.

const share = z.number().min(0).max(1)

export const TppTierSchema = z.strictObject({
  /** The share of the monthly target met (0–1) from which this tier applies. */
  min: share,
  /** The share of the performance part paid in this tier (0–1). */
  factor: share,
})
export type TppTier = z.infer<typeof TppTierSchema>

export const TppFormulaSchema = z
  .strictObject({
    /** The performance part's share of the basic TPP (PermenPANRB/Permendagri practice: 60 %). */
    weight: z.number().gt(0).max(1).default(0.6),
    /** Approvals count until this day of the next month (the validation deadline); 1–28, so every month has it. */
    validationDeadlineDay: z.number().int().min(1).max(28).default(5),
    /** Without tiers the factor is the share met, capped at 1; with tiers, the factor of the highest tier reached (0 below all). */
    tiers: z.array(TppTierSchema).min(1).max(50).optional(),
  })
  .superRefine((f, ctx) => {
    if (!f.tiers) return
    const sorted = [...f.tiers].sort((a, b) => b.min - a.min)
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.min === sorted[i - 1]!.min) ctx.addIssue({ code: 'custom', path: ['tiers'], message: `two tiers start at min ${sorted[i]!.min}` })
      else if (sorted[i]!.factor > sorted[i - 1]!.factor) {
        ctx.addIssue({ code: 'custom', path: ['tiers'], message: `the tier from min ${sorted[i]!.min} pays more (factor ${sorted[i]!.factor}) than the higher tier from min ${sorted[i - 1]!.min}` })
      }
    }
  })
export type TppFormula = z.infer<typeof TppFormulaSchema>

/** Share met (capped at 100 %) × 60 % × the basic TPP; approvals until the 5th of the next month. */
export const DEFAULT_TPP_FORMULA: TppFormula = { weight: 0.6, validationDeadlineDay: 5 }

/** The factor a share of the target earns, and the tier that gave it (none for the proportional default). */
export function tppFactor(f: TppFormula, met: number): { factor: number; tier: TppTier | null } {
  if (!f.tiers) return { factor: Math.min(1, Math.max(0, met)), tier: null }
  const tier = [...f.tiers].sort((a, b) => b.min - a.min).find((t) => met >= t.min) ?? null
  return { factor: tier?.factor ?? 0, tier }
}

/** The last day approvals of `month` (any date in it) count: the deadline day of the next month. */
export function validationDeadline(f: Pick<TppFormula, 'validationDeadlineDay'>, month: IsoDate): IsoDate {
  const next = addDays(monthRange(month).to, 1)
  return `${next.slice(0, 8)}${String(f.validationDeadlineDay).padStart(2, '0')}`
}

/**
 * The month whose validation deadline falls within `days` days from `today` (today itself included), if
 * any: the month whose pending items are at risk now. Deadlines are a month apart, so there is at most one
 * for any window shorter than a month.
 */
export function monthAtRisk(f: Pick<TppFormula, 'validationDeadlineDay'>, today: IsoDate, days: number): { month: string; deadline: IsoDate } | null {
  const previous = addDays(monthRange(today).from, -1)
  for (const m of [previous, today]) {
    const deadline = validationDeadline(f, m)
    const left = daysBetween(today, deadline)
    if (left >= 0 && left < days) return { month: m.slice(0, 7), deadline }
  }
  return null
}

export interface TppAmount {
  /** Approved minutes over the target (not capped), null without a target. */
  met: number | null
  factor: number
  tier: TppTier | null
  /** Rupiah, rounded; null without a basic TPP. */
  amount: number | null
}

/** The person's estimate for this month, in raw values (worded by tppParts in src/messages/). */
export interface TppEstimate {
  summary: MonthSummary
  formula: { weight: number; tiers: boolean }
  /** The basic TPP from the import (employees.csv tpp_basic); null when not imported. */
  tppBasic: number | null
  /** What the approved minutes earn now. */
  now: TppAmount
  /** What they would earn if everything waiting for the supervisor were approved before the deadline; null when nothing waits. */
  ifApproved: TppAmount | null
  /** The last day the supervisor's approvals of this month count, and the calendar days left until it. */
  deadline: IsoDate
  daysLeft: number
}

export function createTppService(deps: { db: Db; clock: Clock; formula: TppFormula; summary: Pick<SummaryService, 'month'> }) {
  const { db, clock, formula } = deps

  const amountOf = (approved: number, target: number | null, basic: number | null): TppAmount => {
    const met = target && target > 0 ? approved / target : null
    const { factor, tier } = tppFactor(formula, met ?? 0)
    return { met, factor, tier, amount: basic === null ? null : Math.round(basic * formula.weight * factor) }
  }

  /** This month's estimate for one person: approved minutes against the target, what waits, what was rejected. */
  async function estimate(actor: Pick<Actor, 'employeeId' | 'timezone'>, at = clock.now()): Promise<TppEstimate> {
    const [summary, employee] = await Promise.all([
      deps.summary.month(actor, at),
      db.employee.findUniqueOrThrow({ where: { id: actor.employeeId }, select: { tppBasic: true } }),
    ])
    const today = localDate(at, actor.timezone)
    const deadline = validationDeadline(formula, today)
    const basic = employee.tppBasic
    const target = summary.targetMinutes
    const approved = summary.minutes.DISETUJUI
    const pending = summary.minutes.DIAJUKAN
    return {
      summary,
      formula: { weight: formula.weight, tiers: formula.tiers !== undefined },
      tppBasic: basic,
      now: amountOf(approved, target, basic),
      ifApproved: pending > 0 ? amountOf(approved + pending, target, basic) : null,
      deadline,
      daysLeft: daysBetween(today, deadline),
    }
  }

  return { estimate, formula }
}

export type TppService = ReturnType<typeof createTppService>
