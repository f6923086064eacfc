import { addDays, type IsoDate } from '../../domain/dates.js'
import { periodOf } from '../../domain/rencana-aksi.js'
import type { Actor, ActivityView } from '../../domain/types.js'
import type { SlackDeps, WebClient } from './context.js'
import { reportModal, type RencanaAksiChoice, type RhkGroup } from './modals.js'

const yearOf = (date: IsoDate) => Number(date.slice(0, 4))

/**
 * The RHKs the report form offers (the same use case as Telegram's guided /lapor): the active ones of the
 * SKP of today's year and, while the backdate window still reaches into last year, of last year's SKP.
 * Empty for someone without an SKP: the form then has no RHK field.
 */
export async function rhkChoices(deps: Pick<SlackDeps, 'services'>, actor: Pick<Actor, 'employeeId'>, today: IsoDate): Promise<RhkGroup[]> {
  const { skp, config } = deps.services
  const years = [...new Set([yearOf(today), yearOf(addDays(today, -config.backdateDays))])]
  const groups = await Promise.all(years.map(async (year) => ({ year, options: await skp.options(actor, `${year}-01-01`) })))
  return groups.filter((g) => g.options.length > 0)
}

/**
 * The report form opens before anyone is looked up (the trigger expires in 3 s); once the person is
 * known, the RHK field is added in place. Slack keeps what was already typed: every other input keeps
 * its block and action id. A form already submitted or closed is left alone.
 */
export async function offerRhk(deps: Pick<SlackDeps, 'services' | 'log'>, client: WebClient, viewId: string, actor: Actor, today: IsoDate): Promise<void> {
  const rhk = await rhkChoices(deps, actor, today)
  if (rhk.length === 0) return
  try {
    await client.views.update({ view_id: viewId, view: reportModal({ today, maxDescription: deps.services.config.maxDescription, rhk }) })
  } catch (err) {
    deps.log.info({ err: { message: (err as Error).message } }, 'slack: report form gone before its RHK field was added')
  }
}

/**
 * The rencana aksi the form offers once an RHK is picked (the same use case as the guided /lapor): that
 * RHK's active ones of this month and, while the backdate window reaches into last month, of last month.
 * Empty for an RHK without rencana aksi, or one that is not the person's own.
 */
export async function rencanaAksiChoices(deps: Pick<SlackDeps, 'services'>, actor: Pick<Actor, 'employeeId'>, rhkId: number, today: IsoDate): Promise<RencanaAksiChoice> {
  const { rencanaAksi, config } = deps.services
  const periods = [...new Set([periodOf(today), periodOf(addDays(today, -config.backdateDays))])]
  const groups = await Promise.all(periods.map(async (period) => ({ period, options: await rencanaAksi.options(actor, rhkId, `${period}-01`) })))
  return { rhkId, groups: groups.filter((g) => g.options.length > 0), canSkip: !config.requireRencanaAksi }
}

/** The rencana aksi of an edited report's RHK (found by its code among the RHK choices), for "Ubah". */
export async function editedRencanaAksi(deps: Pick<SlackDeps, 'services'>, actor: Pick<Actor, 'employeeId'>, rhk: RhkGroup[], editing: ActivityView, today: IsoDate): Promise<RencanaAksiChoice | undefined> {
  if (!editing.rhk) return undefined
  const year = Number(editing.date.slice(0, 4))
  const found = rhk.find((g) => g.year === year)?.options.find((o) => o.code === editing.rhk!.code)
  return found ? rencanaAksiChoices(deps, actor, found.id, today) : undefined
}
