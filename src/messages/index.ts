import type { Refusals } from '../domain/refusals.js'
import { id } from './id.js'

type Catalogue = typeof id
export type MessageKey = keyof Catalogue

// Every refusal of the domain has an entry, and the entry words only values the refusal carries: a
// refusal without one, or an entry reading a value the domain does not give, fails to compile here.
const _everyRefusalWorded: { readonly [K in keyof Refusals]: (p: Refusals[K]) => string } = id

/** What entry `K` words: its parameters object, or undefined for an entry that takes none. */
export type MessageParams<K extends MessageKey> = Parameters<Catalogue[K]> extends [infer P] ? P : undefined

/**
 * Looks up a message of the catalogue (Bahasa Indonesia is the only language today). The parameters are
 * those the entry declares: a missing one, or parameters for an entry that takes none, is a type error.
 */
export function t<K extends MessageKey>(key: K, ...params: Parameters<Catalogue[K]>): string {
  return (id[key] as (p?: unknown) => string)(params[0])
}

/** A catalogue key with its parameters, made in one place and worded in another. */
export interface StoredMessage {
  key: MessageKey
  params?: object
}

/**
 * A message that travelled as data: a refusal (DomainError, a parse failure) or an outbox text, whose key
 * and parameters were put together where it was made. Its parameters are passed on as they are.
 */
export function tStored(m: StoredMessage): string {
  return (id[m.key] as (p: object) => string)(m.params ?? {})
}

export * from './format.js'
export * from './views.js'
export * from './scheduled.js'
export * from './evaluation-views.js'
export * from './bkn-views.js'
