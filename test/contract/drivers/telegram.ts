import { people, startHarness, type Harness } from '../../helpers/app.js'
import type { SentMessage } from '../../helpers/fake-telegram.js'
import { buttonData, buttonLabels } from '../../helpers/telegram.js'
import type { ChatDriver, Label, Person, Role, Seen, Session } from '../driver.js'
import { BasePerson, type RawSeen } from './base.js'

// Telegram: commands are /lapor …, answers are typed, buttons are inline keyboards (callback data),
// answers only the presser sees are callback query answers (shown here as a message of the presser).

const cast: Record<Role, { telegram: number; nip: string; name: string }> = {
  employee: { telegram: 700000064, nip: '199107272020011015', name: 'Ahmad Sudirman' },
  supervisor: { telegram: people.kabid.telegram, nip: people.kabid.nip, name: people.kabid.name },
  otherSupervisor: { telegram: 700000085, nip: '197201281995032005', name: 'Hartati Halim, S.T.' },
  headOfAgency: { telegram: people.kaban.telegram, nip: people.kaban.nip, name: people.kaban.name },
  // an account in no import; the code is issued for Ahmad Anwar (no telegram_user_id in the import)
  newcomer: { telegram: 555_001, nip: people.ahmad.nip, name: people.ahmad.name },
}

/** callback query id → who pressed, to show each answer to its presser */
const pressers = new WeakMap<Harness, Map<string, number>>()

class TelegramPerson extends BasePerson {
  private readonly id: number
  constructor(role: Role, h: Harness) {
    const c = cast[role]
    super(role, c.nip, c.name, h)
    this.id = c.telegram
  }
  protected get handle() {
    return `telegram ${this.id}`
  }
  private get tg() {
    return this.h.tg
  }
  private get pressed() {
    let m = pressers.get(this.h)
    if (!m) pressers.set(this.h, (m = new Map()))
    return m
  }

  protected raw(): RawSeen[] {
    const sent = this.tg.messagesTo(this.id).map((m) => ({ key: `tg:${this.id}:${m.message_id}`, text: m.text, buttons: buttonLabels(m), ref: m }))
    const answers = this.tg
      .callbackAnswers()
      .filter((a) => a.text && this.pressed.get(a.callback_query_id) === this.id)
      .map((a) => ({ key: `tg:cb:${a.callback_query_id}`, text: a.text!, buttons: [], ref: a }))
    return [...sent, ...answers]
  }

  private say(text: string) {
    this.log.step()
    this.tg.userSends(this.id, text)
  }
  async hello() {
    this.say('/start')
    await this.waitForMessage(/Selamat datang/, { fresh: true })
  }
  async command(name: string, args?: string) {
    this.say(args ? `/${name} ${args}` : `/${name}`)
  }
  async send(text: string) {
    this.say(text)
  }
  async linkByCode(code: string) {
    // the deep link of the code: t.me/<bot>?start=<code>
    this.say(`/start ${code}`)
  }
  async press(label: Label, opts: { on?: Seen } = {}) {
    const { msg } = this.target(label, opts.on)
    const m = msg.ref as SentMessage
    const data = buttonData(m, typeof label === 'string' ? new RegExp(`^(\\S+ )?${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : label)
    if (!data) throw new Error(`telegram: no callback data for ${String(label)}`)
    this.log.step()
    // on someone else's message (forged or forwarded), the press comes from this account with that message's id
    const update = this.tg.userClicks(this.id, m.message_id, data)
    this.pressed.set(update.callback_query!.id, this.id)
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
    this.log.step()
    this.tg.userSendsDocument(this.id, r.document.id, r.document.name, `%PDF-1.4 ${r.document.name}`)
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

class TelegramSession implements Session {
  readonly platform = 'telegram'
  private readonly cache = new Map<Role, Person>()
  constructor(readonly h: Harness) {}
  person(role: Role): Person {
    let p = this.cache.get(role)
    if (!p) this.cache.set(role, (p = new TelegramPerson(role, this.h)))
    return p
  }
}

export const telegram: ChatDriver = {
  name: 'telegram',
  async start(opts = {}) {
    return new TelegramSession(await startHarness({ ...(opts.at ? { at: opts.at } : {}), ...(opts.env ? { env: opts.env } : {}) }))
  },
  join: (h) => new TelegramSession(h),
}
