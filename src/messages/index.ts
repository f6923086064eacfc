import { id } from './id.js'

export type MessageKey = keyof typeof id
export type MessageParams = Record<string, string | number>

/** Looks up a message of the catalogue (Bahasa Indonesia is the only language today). */
export function t(key: MessageKey, params: MessageParams = {}): string {
  // params come from anywhere (outbox payloads, refusals): each entry reads the ones it declares
  return (id[key] as (p: MessageParams) => string)(params)
}

export * from './format.js'
export * from './views.js'
export * from './scheduled.js'
export * from './evaluation-views.js'
