import { it } from 'vitest'
import type { Harness } from '../helpers/app.js'

// The platform-neutral side of the contract suite. A story speaks only of people, what they type, the
// buttons they press by their visible label and the messages they see; a driver (drivers/*.ts) turns
// each step into what a user of its platform does, against that platform's fake over real HTTP.

/** The people of the stories: the same fixture employees on every platform, where the import allows. */
export type Role =
  /** Ahmad Sudirman (BKPSDM-PKP), RHK-1 in the fixture SKP; reports to the supervisor */
  | 'employee'
  /** Nurhayati Ramli, Kepala Bidang PKP: the employee's supervisor (Pejabat Penilai) */
  | 'supervisor'
  /** Hartati Halim: a supervisor of another unit, not the employee's */
  | 'otherSupervisor'
  /** Sukri Halim, Kepala Badan: the supervisor's supervisor (Atasan Pejabat Penilai) */
  | 'headOfAgency'
  /** an account in no import: links with a code issued for `newcomerNip` of the driver's cast */
  | 'newcomer'

export interface CastMember {
  nip: string
  /** full name as the bot writes it */
  name: string
}

/** A message as a user sees it, whatever the platform: its text and the labels of its buttons. */
export interface Seen {
  text: string
  buttons: string[]
  /** order of first sight within the session (edits keep it) */
  seq: number
  /** what the platform calls it (a message id, a Slack message, a modal…): for the driver only */
  ref: unknown
}

export type Match = RegExp | string
export type Label = RegExp | string

export interface Person {
  readonly role: Role
  readonly nip: string
  readonly name: string
  /** First contact of someone the import vouches for (Telegram: /start; Slack: opens App Home). */
  hello(): Promise<void>
  /** A command by its neutral name: `command('lapor', '08:00-10:00 Rapat')` is /lapor … or /kinerja lapor …. */
  command(name: 'lapor' | 'rekap' | 'persetujuan' | 'umpanbalik', args?: string): Promise<void>
  /** Free text: an answer to what the bot just asked (on Slack: the open modal's text field, else a DM). */
  send(text: string): Promise<void>
  /** Links this account with a code from the admin. */
  linkByCode(code: string): Promise<void>
  /** Presses the button with this label on the latest message that has it (or on `on`, e.g. a message another person got). */
  press(label: Label, opts?: { on?: Seen }): Promise<void>
  /**
   * The guided report: description, then when, then the RHK (by code) and a document as evidence; sent
   * after the summary. Telegram asks step by step; Slack fills in the report form.
   */
  guidedReport(r: { description: string; date: string; start: string; end: string; rhk: string; document: { id: string; name: string } }): Promise<void>
  /** /umpanbalik to a subordinate, with a BerAKHLAK value and a note. */
  feedback(f: { to: Person; value: string; note: string }): Promise<void>
  /** Everything this person has seen, oldest first (bot messages, answers only they see, modals). */
  messages(): Seen[]
  lastMessage(): Seen | undefined
  /** The latest message matching (text or button labels); `fresh`: only one first seen since the last step of anyone. */
  waitForMessage(match: Match, opts?: { fresh?: boolean }): Promise<Seen>
  /** The same message as the person sees it now (after edits). */
  now(msg: Seen): Seen
  /** Waits until the message (e.g. a card) matches, as edited in place. */
  waitForChange(msg: Seen, match: Match): Promise<Seen>
}

export interface Session {
  readonly platform: string
  /** the running app, its database, the admin CLI and the clock */
  readonly h: Harness
  person(role: Role): Person
}

export interface ChatDriver {
  readonly name: string
  /** The app with only this platform, against its fake. Friday 27 November 2026, 17:00 WITA unless `at`. */
  start(opts?: { env?: Record<string, string>; at?: string }): Promise<Session>
  /** This platform's people over a harness that runs several platforms (the cross-platform pair). */
  join(h: Harness): Session
}

export const matches = (m: Seen, match: Match) => {
  const all = `${m.text}\n${m.buttons.join('\n')}`
  return typeof match === 'string' ? all.includes(match) : match.test(all)
}
export const labelMatches = (text: string, label: Label) => (typeof label === 'string' ? text.includes(label) : label.test(text))

/**
 * Where the platforms differ today in what users see. Each story is written once, as documented; a case
 * listed here runs as `it.fails` for that driver, so the suite keeps the drift visible (and fails as soon
 * as the drift is gone, to be taken off the list). The platform-neutral redesign must empty this list.
 */
export const KNOWN_DRIFT: Record<string, Record<string, string>> = {}

/** `it`, or `it.fails` when the case is known drift for this driver (or pair of drivers, "employee->supervisor"). */
export const storyFor = (driver: { name: string }, id: string) => (KNOWN_DRIFT[driver.name]?.[id] ? it.fails : it)

/** Polls `probe` until it gives something truthy. */
export async function until<T>(probe: () => T | undefined | null | false, what: string, describeState: () => string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = probe()
    if (v) return v
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${describeState()}`)
    await new Promise((r) => setTimeout(r, 15))
  }
}

/** One line per message, for timeout errors. */
export const describeSeen = (who: string, seen: Seen[]) =>
  `${who} has seen:\n${seen.map((m) => `  [${m.seq}] ${JSON.stringify(m.text.slice(0, 160))}${m.buttons.length ? ` {${m.buttons.join(' | ')}}` : ''}`).join('\n') || '  (nothing)'}`
