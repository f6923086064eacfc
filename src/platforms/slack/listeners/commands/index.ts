import type { App } from '@slack/bolt'
import type { SlackDeps } from '../../context.js'
import { kinerjaCommand } from './kinerja.js'

export function registerCommands(app: App, deps: SlackDeps): void {
  app.command('/kinerja', kinerjaCommand(deps))
}
