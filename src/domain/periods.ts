import type { EvaluationPeriodKind } from './evaluation-config.js'
import { addDays, monthRange, type IsoDate } from './dates.js'

/** An evaluation period: a month ("2026-11") or a quarter, triwulan ("2026-Q4"). */
export interface Period {
  key: string
  from: IsoDate
  to: IsoDate
}

const pad = (n: number) => String(n).padStart(2, '0')

function quarter(year: number, q: number): Period {
  const from = `${year}-${pad((q - 1) * 3 + 1)}-01`
  return { key: `${year}-Q${q}`, from, to: monthRange(`${year}-${pad(q * 3)}-01`).to }
}

/** The period that contains `date`. */
export function periodOf(date: IsoDate, kind: EvaluationPeriodKind): Period {
  const [y, m] = date.split('-').map(Number) as [number, number]
  if (kind === 'quarterly') return quarter(y, Math.ceil(m / 3))
  const { from, to } = monthRange(date)
  return { key: date.slice(0, 7), from, to }
}

/** The period that ended most recently before the one containing `today`. */
export const previousPeriod = (today: IsoDate, kind: EvaluationPeriodKind): Period =>
  periodOf(addDays(periodOf(today, kind).from, -1), kind)

/** Reads a period key as an operator types it: 2026-11 or 2026-Q4 (also 2026-q4, 2026-TW4). */
export function parsePeriod(text: string): Period | null {
  const t = text.trim().toUpperCase()
  const month = /^(\d{4})-(\d{2})$/.exec(t)
  if (month) {
    const m = Number(month[2])
    if (m < 1 || m > 12) return null
    return periodOf(`${month[1]}-${month[2]}-01`, 'monthly')
  }
  const q = /^(\d{4})-(?:Q|TW)([1-4])$/.exec(t)
  return q ? quarter(Number(q[1]), Number(q[2])) : null
}

/** Whether `today` is the first day after a period of this kind ended (a month, or a quarter). */
export const startsNewPeriod = (today: IsoDate, kind: EvaluationPeriodKind): boolean => periodOf(today, kind).from.slice(0, 7) === today.slice(0, 7)

/** The year a period's evaluation belongs to (its SKP year). */
export const periodYear = (p: Pick<Period, 'from'>): number => Number(p.from.slice(0, 4))
