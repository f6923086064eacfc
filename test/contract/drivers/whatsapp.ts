import type { Harness } from '../../helpers/app.js'
import type { SentMessage } from '../../helpers/fake-whatsapp.js'
import { seen, startWhatsAppHarness, vouch, type WhatsAppHarness } from '../../helpers/whatsapp-harness.js'
import type { ChatDriver, Label, Match, Person, Role, Seen, Session } from '../driver.js'
import { BasePerson, type RawSeen } from './base.js'

// WhatsApp: commands are typed without the slash (`lapor …`), answers are typed, buttons are reply
// buttons or list rows (or a template's quick reply), and the import vouches for people by number
// (whatsapp_phone): their first message links them. A message the bot starts after a day of silence
// reaches the person as the "something waits" template first: while a story waits for a message, the
// person opens it by its button (Lihat pesan), as anyone who wants to see what waits does.

const cast: Record<Role, { wa: string; nip: string; name: string; vouched: boolean }> = {
  employee: { wa: '6281200000064', nip: '199107272020011015', name: 'Ahmad Sudirman', vouched: true },
  supervisor: { wa: '6281200000043', nip: '197312012001012015', name: 'Nurhayati Ramli, M.Si.', vouched: true },
  otherSupervisor: { wa: '6281200000085', nip: '197201281995032005', name: 'Hartati Halim, S.T.', vouched: true },
  headOfAgency: { wa: '6281200000008', nip: '198012122003121004', name: 'Sukri Halim, S.Sos.', vouched: true },
  // a number in no import; the code is issued for Ahmad Anwar
  newcomer: { wa: '6281255500001', nip: '199009192018121008', name: 'Ahmad Anwar, S.Kep.', vouched: false },
}

const vouched = new WeakMap<Harness, Set<Role>>()

class WhatsAppPerson extends BasePerson {
  private readonly wa: string
  /** the templates this person has answered */
  private readonly opened = new Set<string>()
  constructor(role: Role, h: Harness) {
    const c = cast[role]
    super(role, c.nip, c.name, h)
    this.wa = c.wa
  }
  protected get handle() {
    return `whatsapp ${this.wa}`
  }
  private get fake() {
    return (this.h as WhatsAppHarness).wa
  }
  /** The import's whatsapp_phone, written when the person first acts (so a pair's other platform is not shadowed). */
  private async ensure() {
    let set = vouched.get(this.h)
    if (!set) vouched.set(this.h, (set = new Set()))
    if (set.has(this.role) || !cast[this.role].vouched) return
    set.add(this.role)
    await vouch(this.h, this.nip, this.wa)
  }

  /**
   * WhatsApp cannot edit: a card's new state is a new message quoting it (context.message_id, opened by
   * the renderer's "↪️" note). The person's view keeps the card's place with its newest state, as an edit would.
   */
  protected raw(): RawSeen[] {
    // a template only announces what waits (the person opens it: openingTemplates), it is not that message
    const mine = this.fake.sent.filter((m) => m.to === this.wa && m.type !== 'template')
    const keyOf = new Map<string, string>()
    const out = new Map<string, RawSeen>()
    for (const m of mine) {
      const s = seen(m)
      const quoted = (m.body as { context?: { message_id?: string } }).context?.message_id
      const key = quoted && s.text.startsWith('_↪️') && keyOf.has(quoted) ? keyOf.get(quoted)! : `wa:${m.id}`
      keyOf.set(m.id, key)
      out.delete(key)
      out.set(key, { key, text: s.text, buttons: s.buttons.map((b) => b.title), ref: m })
    }
    return [...out.values()]
  }

  /** Presses the button of every template this person got and has not answered yet. */
  private async openTemplates() {
    for (const m of this.fake.sent) {
      if (m.to !== this.wa || m.type !== 'template' || this.opened.has(m.id)) continue
      this.opened.add(m.id)
      const b = seen(m).buttons[0]
      if (!b) continue
      const r = await this.fake.inbound(this.wa, { type: 'templateButton', payload: b.id, text: b.title }, { replyTo: m.id })
      if (r.status !== 200) throw new Error(`whatsapp webhook answered ${r.status}`)
    }
  }
  /** Runs `wait` while the person answers any template that comes meanwhile. */
  private async openingTemplates<T>(wait: () => Promise<T>): Promise<T> {
    let waiting = true
    const watch = (async () => {
      while (waiting) {
        await this.openTemplates()
        await new Promise((r) => setTimeout(r, 20))
      }
    })()
    try {
      return await wait()
    } finally {
      waiting = false
      await watch
    }
  }
  override waitForMessage(match: Match, opts: { fresh?: boolean } = {}): Promise<Seen> {
    return this.openingTemplates(() => super.waitForMessage(match, opts))
  }
  override waitForChange(msg: Seen, match: Match): Promise<Seen> {
    return this.openingTemplates(() => super.waitForChange(msg, match))
  }

  private async say(text: string) {
    await this.ensure()
    this.log.step()
    const r = await this.fake.inbound(this.wa, { type: 'text', text })
    if (r.status !== 200) throw new Error(`whatsapp webhook answered ${r.status}`)
  }
  async hello() {
    await this.say('Selamat pagi')
    await this.waitForMessage(/Selamat datang/, { fresh: true })
  }
  async command(name: string, args?: string) {
    await this.say(args ? `${name} ${args}` : name)
  }
  async send(text: string) {
    await this.say(text)
  }
  async linkByCode(code: string) {
    // what the wa.me link of `link-code` types
    await this.say(code)
  }
  async press(label: Label, opts: { on?: Seen } = {}) {
    const { msg, button } = this.target(label, opts.on)
    const m = msg.ref as SentMessage
    const b = seen(m).buttons.find((x) => x.title === button)!
    await this.ensure()
    this.log.step()
    const kind = m.type === 'template' ? 'templateButton' : (m.body as { interactive?: { type: string } }).interactive?.type === 'list' ? 'list' : 'button'
    const message =
      kind === 'templateButton' ? { type: 'templateButton' as const, payload: b.id, text: b.title } : kind === 'list' ? { type: 'list' as const, id: b.id, title: b.title } : { type: 'button' as const, id: b.id, title: b.title }
    const r = await this.fake.inbound(this.wa, message, { replyTo: m.id })
    if (r.status !== 200) throw new Error(`whatsapp webhook answered ${r.status}`)
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
    const mediaId = this.fake.addMedia(Buffer.from(`%PDF-1.4 ${r.document.name}`), 'application/pdf', { id: r.document.id, filename: r.document.name })
    this.log.step()
    await this.fake.inbound(this.wa, { type: 'document', mediaId, filename: r.document.name })
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

class WhatsAppSession implements Session {
  readonly platform = 'whatsapp'
  private readonly cache = new Map<Role, Person>()
  constructor(readonly h: Harness) {}
  person(role: Role): Person {
    let p = this.cache.get(role)
    if (!p) this.cache.set(role, (p = new WhatsAppPerson(role, this.h)))
    return p
  }
}

export const whatsapp: ChatDriver = {
  name: 'whatsapp',
  async start(opts = {}) {
    return new WhatsAppSession(await startWhatsAppHarness({ telegram: false, ...(opts.at ? { at: opts.at } : {}), ...(opts.env ? { env: opts.env } : {}) }))
  },
  join(h) {
    if (!('wa' in h)) throw new Error('whatsapp.join: the harness runs no fake WhatsApp (start it with startWhatsAppHarness or startAll)')
    return new WhatsAppSession(h)
  },
}
