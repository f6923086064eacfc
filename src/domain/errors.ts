import type { MessageKey } from '../messages/index.js'

export type ErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'INVALID_STATE' | 'INVALID_INPUT' | 'RATE_LIMITED' | 'NOT_LINKED'

/**
 * The one error type of the domain. `key` names the message in the catalogue that tells the user what
 * happened and what to do; each platform translates it in exactly one place.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code}: ${key}`)
    this.name = 'DomainError'
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError
