import type { Db, Tx } from '../db/client.js'
import type { Clock } from './clock.js'
import { localDate, type IsoDate } from './dates.js'
import { DomainError } from './errors.js'
import { REALISASI_MAX } from './report-line.js'
import type { ActivityInput, Actor } from './types.js'

// Rencana aksi: what an employee plans for one RHK in one month, with a target in a satuan (imported per
// employee, year, RHK code and month: admin/import-rencana-aksi.ts). A report names one of its RHK's
// rencana aksi of the report's month and how much of its satuan it realised (BKN e-Kinerja's progres
// harian asks for both).

/** Largest target of one rencana aksi (the import refuses more). */
export const RENCANA_AKSI_TARGET_MAX = 1_000_000
/** Longest satuan; it starts with a letter or %, and has no # or + (it is typed after `+2` on one line). */
export const SATUAN_MAX = 50
export const SATUAN_RE = /^[\p{L}%][^#+]*$/u

/** Two texts of rencana aksi name the same one: case and spacing aside. */
export const sameRencanaAksiText = (a: string, b: string) => {
  const norm = (x: string) => x.toLocaleLowerCase('id-ID').replace(/\s+/g, ' ').trim()
  return norm(a) === norm(b)
}

export interface RencanaAksiOption {
  id: number
  text: string
  target: number
  satuan: string
}

/** The month (YYYY-MM) a report dated `date` belongs to: the period of the rencana aksi it may name. */
export const periodOf = (date: IsoDate) => date.slice(0, 7)

type Reader = Pick<Tx, 'rencanaAksi' | 'activity'>

const optionSelect = { id: true, text: true, target: true, satuan: true } as const
const planOrder = [{ position: 'asc' as const }, { id: 'asc' as const }]

/** The active rencana aksi of an RHK for a month, in plan order. */
export function rencanaAksiOptions(db: Pick<Tx, 'rencanaAksi'>, rhkId: number, period: string): Promise<RencanaAksiOption[]> {
  return db.rencanaAksi.findMany({ where: { rhkId, period, active: true }, orderBy: planOrder, select: optionSelect })
}

/** What an activity stores of its rencana aksi: which one, and how much of its satuan it realised. */
export interface Realisation {
  rencanaAksiId: number | null
  realisasi: number | null
}

/** What the input resolved to, with the rencana aksi chosen (for the view). */
export type Resolved = Realisation & { option: RencanaAksiOption | null }

const NONE: Resolved = { rencanaAksiId: null, realisasi: null, option: null }
const distinct = (xs: string[]) => [...new Map(xs.map((x) => [x.toLowerCase(), x])).values()]

function checkAmount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 1 || n > REALISASI_MAX) throw new DomainError('INVALID_INPUT', 'realisasi.invalid', { text: String(n), max: REALISASI_MAX })
}

/**
 * The rencana aksi and realisasi an activity dated `date` stores, from what the input names:
 * - by id (a button, a form): one of the active rencana aksi of the activity's RHK for that month;
 * - by satuan (one line, `+2 dokumen`): the one rencana aksi of that RHK and month with that satuan
 *   (case-insensitive; `+2` alone: the only one there is), refused when none or several have it;
 * - nothing: none, unless the agency requires one (`required`) and the RHK has some that month.
 * The realisasi defaults to 1. `kept`: the activity being edited; undefined when it keeps what it had
 * (nothing named, and its rencana aksi still belongs to its RHK and month).
 */
export async function resolveRencanaAksi(
  tx: Reader,
  args: {
    date: IsoDate
    /** The activity's RHK after this input (named in it, or kept by an edit). */
    rhk: { id: number; code: string } | null
    input: Pick<ActivityInput, 'rencanaAksiId' | 'satuan' | 'realisasi'>
    kept?: { rencanaAksiId: number | null; rhkId: number | null; period: string | null }
    required: boolean
  },
): Promise<Resolved | undefined> {
  const { rhk, input, kept } = args
  const period = periodOf(args.date)
  if (input.realisasi !== undefined) checkAmount(input.realisasi)
  const options = async () => (rhk ? rencanaAksiOptions(tx, rhk.id, period) : [])
  /** No rencana aksi: refused where the agency requires one and the RHK has some this month. */
  const none = async (): Promise<Resolved> => {
    if (args.required && rhk) {
      const planned = await options()
      if (planned.length > 0) throw new DomainError('INVALID_INPUT', 'rencanaAksi.required', { code: rhk.code, period, satuans: distinct(planned.map((o) => o.satuan)) })
    }
    return NONE
  }

  if (input.rencanaAksiId === undefined && input.satuan === undefined) {
    if (kept?.rencanaAksiId != null && rhk && kept.rhkId === rhk.id && kept.period === period) return undefined
    return none()
  }
  if (input.rencanaAksiId === null) return none()
  if (!rhk) {
    if (input.satuan !== undefined) throw new DomainError('INVALID_INPUT', 'realisasi.needsRhk', { amount: input.realisasi ?? 1, satuan: input.satuan })
    throw new DomainError('INVALID_INPUT', 'rencanaAksi.notOfRhk')
  }
  const planned = await options()
  if (input.rencanaAksiId !== undefined) {
    const found = planned.find((o) => o.id === input.rencanaAksiId)
    if (!found) throw new DomainError('INVALID_INPUT', 'rencanaAksi.notOfRhk')
    return { rencanaAksiId: found.id, realisasi: input.realisasi ?? 1, option: found }
  }
  const satuan = input.satuan!.trim()
  if (planned.length === 0) throw new DomainError('INVALID_INPUT', 'realisasi.noPlan', { code: rhk.code, period })
  const satuans = distinct(planned.map((o) => o.satuan))
  const matching = satuan === '' ? planned : planned.filter((o) => o.satuan.toLowerCase() === satuan.toLowerCase())
  if (matching.length === 0) throw new DomainError('INVALID_INPUT', 'realisasi.unknownSatuan', { satuan, code: rhk.code, period, satuans })
  if (matching.length > 1) {
    throw new DomainError('INVALID_INPUT', 'realisasi.ambiguous', { satuan, code: rhk.code, period, actions: matching.map((o) => o.text), satuans })
  }
  return { rencanaAksiId: matching[0]!.id, realisasi: input.realisasi ?? 1, option: matching[0]! }
}

/** One rencana aksi of a month against its target: the realisasi of its approved activities. */
export interface RencanaAksiProgress {
  code: string
  text: string
  target: number
  satuan: string
  realised: number
}

/**
 * The month's rencana aksi of an employee (every active one, in the order of the RHKs and of the plan,
 * then any no longer in the plan that approved activities realised), each with the approved realisasi.
 */
export async function rencanaAksiProgress(db: Pick<Tx, 'rencanaAksi' | 'activity'>, employeeId: number, period: string): Promise<RencanaAksiProgress[]> {
  const planned = await db.rencanaAksi.findMany({
    where: { period, rhk: { skp: { employeeId } } },
    orderBy: [{ rhk: { position: 'asc' } }, { rhkId: 'asc' }, ...planOrder],
    select: { ...optionSelect, active: true, rhk: { select: { code: true } } },
  })
  if (planned.length === 0) return []
  const sums = await db.activity.groupBy({
    by: ['rencanaAksiId'],
    where: { employeeId, status: 'DISETUJUI', rencanaAksiId: { in: planned.map((p) => p.id) } },
    _sum: { realisasi: true },
  })
  const realised = new Map(sums.map((s) => [s.rencanaAksiId, s._sum.realisasi ?? 0]))
  return planned
    .map((p) => ({ code: p.rhk.code, text: p.text, target: p.target, satuan: p.satuan, realised: realised.get(p.id) ?? 0, active: p.active }))
    .filter((p) => p.active || p.realised > 0)
    .map(({ active: _active, ...p }) => p)
}

export function createRencanaAksiService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps
  return {
    /**
     * What a report dated `date` may name for this RHK: its active rencana aksi of that month; nothing for an
     * RHK that is not the person's own (a forged id shows nothing; the use case checks again on submit).
     */
    options: (actor: Pick<Actor, 'employeeId'>, rhkId: number, date: IsoDate): Promise<RencanaAksiOption[]> =>
      db.rencanaAksi.findMany({
        where: { rhkId, period: periodOf(date), active: true, rhk: { skp: { employeeId: actor.employeeId } } },
        orderBy: planOrder,
        select: optionSelect,
      }),
    /** This month's rencana aksi against their targets, for /rekap. */
    rekap: (actor: Pick<Actor, 'employeeId' | 'timezone'>) => rencanaAksiProgress(db, actor.employeeId, periodOf(localDate(clock.now(), actor.timezone))),
  }
}

export type RencanaAksiService = ReturnType<typeof createRencanaAksiService>
