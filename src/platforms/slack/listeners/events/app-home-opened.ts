import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt'
import type { SlackDeps } from '../../context.js'
import { publishHome } from '../../home.js'

/** App Home: the person's month and, for supervisors, the queue; refreshed each time it is opened. */
export function appHomeOpened(deps: SlackDeps) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home') return
    // the event's channel is the app's DM with this person
    const actor = await deps.actorFor(client, event.user, event.channel || undefined)
    await publishHome(deps, client, event.user, actor)
  }
}
