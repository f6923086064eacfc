import type { RefusalKey, Refusals, RefusalValues, Refusal } from './refusals.js'

export type ErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'INVALID_STATE' | 'INVALID_INPUT' | 'RATE_LIMITED' | 'NOT_LINKED'

/**
 * The one error type of the domain. `key` names the message in the catalogue that tells the user what
 * happened and what to do, `params` the raw values it words (see Refusals); each platform translates it
 * in exactly one place.
 */
export class DomainError<K extends RefusalKey = RefusalKey> extends Error {
  readonly params: Refusals[K]

  constructor(code: ErrorCode, key: K, ...values: RefusalValues<K>)
  constructor(
    readonly code: ErrorCode,
    readonly key: K,
    ...values: [Refusals[K]?]
  ) {
    super(`${code}: ${key}`)
    this.name = 'DomainError'
    this.params = values[0] ?? ({} as Refusals[K])
  }

  /** Throws a refusal that was made as data first (a parse failure). */
  static of(code: ErrorCode, r: Refusal): DomainError {
    return new DomainError(code, r.key, ...([r.params] as RefusalValues<RefusalKey>))
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError
