import { id } from './id.js'

export type MessageKey = keyof typeof id
export type MessageParams = Record<string, string | number>

/** Looks up a message of the catalogue (Bahasa Indonesia is the only language today). */
export function t(key: MessageKey, params: MessageParams = {}): string {
  return (id[key] as (p: MessageParams) => string)(params)
}

export * from './views.js'
export * from './scheduled.js'
export * from './evaluation-views.js'
