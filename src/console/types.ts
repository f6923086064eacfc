import type { Hono } from 'hono'
import type { Config } from '../config.js'
import type { Db } from '../db/client.js'
import type { Clock } from '../domain/clock.js'
import type { Platform } from '../domain/types.js'
import type { Logger } from '../logger.js'
import type { ConsoleAuth, Viewer } from './auth.js'

/** What the console's pages are built from (the composition root hands it over once). */
export interface ConsoleDeps {
  db: Db
  clock: Clock
  config: Config
  log: Logger
  auth: ConsoleAuth
  /** The enabled chat platforms, in start order. */
  platforms: readonly Platform[]
  /** Links that open the bot with a link code already given, one per platform that has them (QR sheets). */
  linkUrls(code: string): { platform: Platform; url: string }[]
  /** Wakes the dispatcher after a commit that enqueued messages. */
  afterCommit(): void
}

export interface ConsoleEnv {
  Variables: {
    /** The signed-in person; set on every route behind the sign-in. */
    viewer: Viewer
    /** The client's address (the last proxy hop with TRUST_PROXY). */
    address: string
    /** Whether the browser reached us over https (Secure cookies). */
    https: boolean
  }
}

export type ConsoleApp = Hono<ConsoleEnv>
