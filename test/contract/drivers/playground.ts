import type { ChatEntry } from '../../../src/platforms/playground/chat.js'
import { startHarness, type Harness } from '../../helpers/app.js'
import type { ChatDriver, Label, Person, Role, Seen, Session } from '../driver.js'
import { BasePerson, type RawSeen } from './base.js'
import { afterEveryTest } from '../../helpers/cleanup.js'

// The playground: the page's own HTTP API (what its script calls), with no token configured, so the
// playground is the app's one platform. Commands are typed with the slash, answers are typed, buttons carry
// their encoded action; a card's new state is an edit (the same ref). Every employee has a playground
// account the app vouches for; the newcomer is a guest chat (`guest-…`), in no import, linking with a code.

const cast: Record<Role, { nip: string; name: string; guest?: string }> = {
  employee: { nip: '199107272020011015', name: 'Ahmad Sudirman' },
  supervisor: { nip: '197312012001012015', name: 'Nurhayati Ramli, M.Si.' },
  otherSupervisor: { nip: '197201281995032005', name: 'Hartati Halim, S.T.' },
  headOfAgency: { nip: '198012122003121004', name: 'Sukri Halim, S.Sos.' },
  // a chat of no one; the code is issued for Ahmad Anwar
  newcomer: { nip: '199009192018121008', name: 'Ahmad Anwar, S.Kep.', guest: 'guest-newcomer' },
}

const text = (m: ChatEntry) => m.blocks.map((b) => (b.type === 'text' ? (b.heading ? (b.text ? `${b.heading}\n${b.text}` : b.heading) : b.text) : b.type === 'note' ? b.text : '')).filter(Boolean).join('\n\n')
const buttons = (m: ChatEntry) => m.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))

const polling = new Set<() => void>()

class PlaygroundPerson extends BasePerson {
  private as?: string
  private cursor = 0
  /** Each message in its latest state, in the order first seen. */
  private readonly entries = new Map<string, ChatEntry>()
  constructor(role: Role, h: Harness) {
    const c = cast[role]
    super(role, c.nip, c.name, h)
  }
  protected get handle() {
    return `playground ${this.as ?? this.nip}`
  }
  private get base() {
    return `http://127.0.0.1:${this.h.app.port}/playground/api`
  }
  private async who(): Promise<string> {
    if (this.as) return this.as
    const guest = cast[this.role].guest
    this.as = guest ?? String((await this.h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip: this.nip } })).id)
    this.watch()
    return this.as
  }
  /** Reads what is new in the chat (the page polls the same way). */
  async sync(): Promise<void> {
    if (!this.as) return
    const r = await fetch(`${this.base}/chat?as=${encodeURIComponent(this.as)}&after=${this.cursor}`)
    if (r.status !== 200) return
    const { messages, cursor } = (await r.json()) as { messages: ChatEntry[]; cursor: number }
    for (const m of messages) this.entries.set(m.ref, m)
    this.cursor = cursor
  }
  /** Keeps the chat read in the background, as the open page does: what the person sees arrives by itself. */
  private watch() {
    let busy = false
    let stopped = false
    const timer = setInterval(() => {
      if (busy || stopped) return
      busy = true
      this.sync()
        .catch(() => undefined)
        .finally(() => (busy = false))
    }, 20)
    const stop = () => {
      stopped = true
      clearInterval(timer)
    }
    polling.add(stop)
  }
  protected raw(): RawSeen[] {
    // what the person typed is theirs, not something they were shown
    return [...this.entries.values()].filter((m) => m.from !== 'person').map((m) => ({ key: `playground:${this.as}:${m.ref}`, text: text(m), buttons: buttons(m).map((b) => b.label), ref: m }))
  }

  private async post(body: Record<string, unknown>) {
    const as = await this.who()
    this.log.step()
    const r = await fetch(`${this.base}/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as, ...body }) })
    if (r.status !== 200) throw new Error(`playground send answered ${r.status}: ${await r.text()}`)
    await this.sync()
  }
  async hello() {
    await this.post({ text: '/start' })
    await this.waitForMessage(/Selamat datang/, { fresh: true })
  }
  async command(name: string, args?: string) {
    await this.post({ text: args ? `/${name} ${args}` : `/${name}` })
  }
  async send(t: string) {
    await this.post({ text: t })
  }
  async linkByCode(code: string) {
    await this.post({ text: `/start ${code}` })
  }
  async press(label: Label, opts: { on?: Seen } = {}) {
    const { msg, button } = this.target(label, opts.on)
    const m = msg.ref as ChatEntry
    const b = buttons(m).find((x) => x.label === button)!
    await this.post({ data: b.data, ref: m.ref })
  }
  async guidedReport(r: { description: string; date: string; start: string; end: string; rhk: string; document: { id: string; name: string } }) {
    await this.command('lapor')
    await this.waitForMessage(/Apa kegiatan/, { fresh: true })
    await this.send(r.description)
    await this.waitForMessage(/Kapan\?/, { fresh: true })
    const [, mm, dd] = r.date.split('-')
    await this.send(`${dd}/${mm} ${r.start}-${r.end}`)
    await this.waitForMessage(/mendukung RHK/, { fresh: true })
    await this.press(new RegExp(`^${r.rhk} — `))
    await this.waitForMessage(/Lampirkan bukti dukung/, { fresh: true })
    await this.post({ text: '', file: { id: r.document.id, name: r.document.name, mime: 'application/pdf', base64: Buffer.from(`%PDF-1.4 ${r.document.name}`).toString('base64') } })
    await this.waitForMessage(/Periksa laporan Anda/, { fresh: true })
    await this.press(/Kirim/)
  }
  async feedback(f: { to: Person; value: string; note: string }) {
    await this.command('umpanbalik')
    await this.waitForMessage(/Umpan balik untuk siapa/, { fresh: true })
    await this.press(f.to.name)
    await this.waitForMessage(/nilai BerAKHLAK yang mana/)
    await this.press(f.value)
    await this.waitForMessage(/Tuliskan/, { fresh: true })
    await this.send(f.note)
  }
}

class PlaygroundSession implements Session {
  readonly platform = 'playground'
  private readonly cache = new Map<Role, Person>()
  constructor(readonly h: Harness) {}
  person(role: Role): Person {
    let p = this.cache.get(role)
    if (!p) this.cache.set(role, (p = new PlaygroundPerson(role, this.h)))
    return p
  }
}

export const playground: ChatDriver = {
  name: 'playground',
  async start(opts = {}) {
    const h = await startHarness({ ...(opts.at ? { at: opts.at } : {}), env: { TELEGRAM_BOT_TOKEN: '', ...opts.env } })
    // the newcomer is in no import: the playground's own account for them is not there either
    await h.app.db.prisma.chatAccount.deleteMany({ where: { platform: 'playground', employee: { nip: cast.newcomer.nip } } })
    return new PlaygroundSession(h)
  },
  join(h) {
    if (!h.app.platforms.some((p) => p.platform === 'playground')) throw new Error('playground.join: the harness runs no playground (PLAYGROUND=true)')
    return new PlaygroundSession(h)
  },
}

afterEveryTest(() => {
  for (const stop of polling) stop()
  polling.clear()
})
