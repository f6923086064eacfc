import type { App } from '@slack/bolt'
import type { SlackDeps } from '../context.js'
import { registerActions } from './actions/index.js'
import { registerCommands } from './commands/index.js'
import { registerEvents } from './events/index.js'
import { registerViews } from './views/index.js'

const REGISTERING = new Set(['command', 'action', 'view', 'event', 'message', 'shortcut', 'options'])

const describe = (constraint: unknown): string =>
  constraint instanceof RegExp ? constraint.source : typeof constraint === 'string' ? constraint : JSON.stringify(constraint)

/**
 * Registers every listener, in a fixed order, whatever the receiver (HTTP or Socket Mode), and returns
 * what was registered ("command:/kinerja", "action:^decide_…"): logged at start, compared in tests.
 */
export function registerListeners(app: App, deps: SlackDeps): string[] {
  const names: string[] = []
  const recording = new Proxy(app, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver)
      if (typeof prop !== 'string' || typeof value !== 'function') return value
      return (...args: unknown[]) => {
        if (REGISTERING.has(prop)) names.push(`${prop}:${describe(args[0])}`)
        return (value as (...a: unknown[]) => unknown).apply(target, args)
      }
    },
  })
  registerCommands(recording, deps)
  registerActions(recording, deps)
  registerViews(recording, deps)
  registerEvents(recording, deps)
  return names
}
