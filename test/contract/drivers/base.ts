import type { Harness } from '../../helpers/app.js'
import { describeSeen, matches, until, type Label, type Match, type Person, type Role, type Seen } from '../driver.js'

/** What a platform shows one person, before the neutral order is put on it. */
export interface RawSeen {
  /** unique within the harness (platform + where it is) */
  key: string
  text: string
  buttons: string[]
  ref: unknown
}

/**
 * The order in which messages were first seen, shared by every driver over one harness (the
 * cross-platform pair has two): a step of anyone marks the point after which a message is `fresh`.
 */
export class SeenLog {
  private seq = 0
  private readonly seqOf = new Map<string, number>()
  private readonly people: BasePerson[] = []
  mark = 0

  add(p: BasePerson) {
    this.people.push(p)
  }
  seqFor(key: string): number {
    let s = this.seqOf.get(key)
    if (s === undefined) {
      s = ++this.seq
      this.seqOf.set(key, s)
    }
    return s
  }
  /** Before a step: everything already there is old from now on. */
  step() {
    for (const p of this.people) p.messages()
    this.mark = this.seq
  }
}

const logs = new WeakMap<Harness, SeenLog>()
export function logOf(h: Harness): SeenLog {
  let log = logs.get(h)
  if (!log) logs.set(h, (log = new SeenLog()))
  return log
}

export abstract class BasePerson implements Person {
  protected readonly log: SeenLog
  constructor(
    readonly role: Role,
    readonly nip: string,
    readonly name: string,
    protected readonly h: Harness,
  ) {
    this.log = logOf(h)
    this.log.add(this)
  }

  abstract hello(): Promise<void>
  abstract command(name: 'lapor' | 'rekap' | 'persetujuan' | 'umpanbalik', args?: string): Promise<void>
  abstract send(text: string): Promise<void>
  abstract linkByCode(code: string): Promise<void>
  abstract press(label: Label, opts?: { on?: Seen }): Promise<void>
  abstract guidedReport(r: { description: string; date: string; start: string; end: string; rhk: string; document: { id: string; name: string } }): Promise<void>
  abstract feedback(f: { to: Person; value: string; note: string }): Promise<void>
  protected abstract raw(): RawSeen[]
  /** a short name for error messages */
  protected abstract get handle(): string

  messages(): Seen[] {
    return this.raw()
      .map((r) => ({ text: r.text, buttons: r.buttons, ref: r.ref, seq: this.log.seqFor(r.key) }))
      .sort((a, b) => a.seq - b.seq)
  }
  lastMessage(): Seen | undefined {
    return this.messages().at(-1)
  }
  protected state = () => describeSeen(`${this.role} (${this.handle})`, this.messages())

  waitForMessage(match: Match, opts: { fresh?: boolean } = {}): Promise<Seen> {
    const after = opts.fresh ? this.log.mark : 0
    return until(() => this.messages().filter((m) => m.seq > after && matches(m, match)).at(-1), `a message to ${this.role} matching ${String(match)}`, this.state)
  }
  now(msg: Seen): Seen {
    const m = this.messages().find((x) => x.seq === msg.seq)
    if (!m) throw new Error(`${this.role} no longer sees message [${msg.seq}]`)
    return m
  }
  waitForChange(msg: Seen, match: Match): Promise<Seen> {
    return until(() => {
      const m = this.now(msg)
      return matches(m, match) ? m : undefined
    }, `message [${msg.seq}] of ${this.role} to match ${String(match)}`, this.state)
  }

  /** The latest message with a button of this label (on `on` if given). */
  protected target(label: Label, on?: Seen): { msg: Seen; button: string } {
    const test = (b: string) => (typeof label === 'string' ? b === label || b.replace(/^\S+\s/, '') === label : label.test(b))
    const candidates = on ? [on] : this.messages().reverse()
    for (const msg of candidates) {
      const button = msg.buttons.find(test)
      if (button !== undefined) return { msg, button }
    }
    throw new Error(`${this.role}: no button ${String(label)}\n${this.state()}`)
  }
}
