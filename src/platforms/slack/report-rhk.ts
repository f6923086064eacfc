import { addDays, type IsoDate } from '../../domain/dates.js'
import type { Actor } from '../../domain/types.js'
import type { SlackDeps, WebClient } from './context.js'
import { reportModal, type RhkGroup } from './modals.js'

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
