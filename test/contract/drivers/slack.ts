import type { Harness } from '../../helpers/app.js'
import { buttonsOf, textOf, type Json, type SlackBlock, type SlackView } from '../../helpers/fake-slack.js'
import { opensView, slackPeople, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js'
import { reportForm, type ClickTarget } from '../../helpers/slack-requests.js'
import { until, type ChatDriver, type Label, type Person, type Role, type Seen, type Session } from '../driver.js'
import { BasePerson, type RawSeen } from './base.js'

// Slack: commands are /kinerja <subcommand> …, free text is a DM to the app, buttons are Block Kit
// buttons, and where a Telegram user is asked to type (a reason, a note, the guided report) a Slack user
// fills in a modal: the driver submits it with what the story types. Answers only one person sees (a
// command's ack, a response_url message, an ephemeral) and the modals someone opened are theirs.

const cast: Record<Role, { slack: string; nip: string; name: string; byCode?: boolean }> = {
  employee: { slack: 'U0KDI00010', nip: '199107272020011015', name: 'Ahmad Sudirman' },
  supervisor: { slack: slackPeople.kabid.id, nip: slackPeople.kabid.nip, name: slackPeople.kabid.name },
  otherSupervisor: { slack: slackPeople.otherKabid.id, nip: slackPeople.otherKabid.nip, name: slackPeople.otherKabid.name },
  // no slack_user_id in the import: first contact is a code from the admin
  headOfAgency: { slack: 'U0KSUKRI01', nip: '198012122003121004', name: 'Sukri Halim, S.Sos.', byCode: true },
  // in the workspace, in no import; the code is issued for Salmiah Djafar (no slack_user_id in the import)
  newcomer: { slack: slackPeople.stranger.id, nip: '197701132006012005', name: 'Salmiah Djafar, M.Si.' },
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Who did what on one fake: the owners of trigger ids, response URLs and modals, and the acks each got. */
class Owners {
  actor = ''
  readonly triggers = new Map<string, string>()
  readonly responses = new Map<string, string>()
  readonly views = new Map<string, string>()
  readonly acks: { owner: string; text: string; blocks: SlackBlock[] }[] = []
  readonly closed = new Set<string>()
  /** the trigger id of each person's latest click or command */
  readonly lastTrigger = new Map<string, string>()

  constructor(h: SlackHarness) {
    const { slack } = h
    const triggerId = slack.triggerId.bind(slack)
    slack.triggerId = (issuedAt?: number) => {
      const id = triggerId(issuedAt)
      this.triggers.set(id, this.actor)
      if (this.actor) this.lastTrigger.set(this.actor, id)
      return id
    }
    const responseUrl = slack.responseUrl.bind(slack)
    slack.responseUrl = () => {
      const url = responseUrl()
      this.responses.set(url.split('/respond/')[1]!, this.actor)
      return url
    }
    // views.open is answered synchronously after the call is recorded: the latest call is this view's
    const opened = slack.opened
    const push = opened.push.bind(opened)
    opened.push = (...views: SlackView[]) => {
      const call = slack.callsOf('views.open').at(-1)
      for (const v of views) this.views.set(v.id, this.triggers.get(String(call?.params.trigger_id)) ?? '')
      return push(...views)
    }
  }
}
const owners = new WeakMap<Harness, Owners>()
const ownersOf = (h: SlackHarness) => {
  let o = owners.get(h)
  if (!o) owners.set(h, (o = new Owners(h)))
  return o
}

const textInput = (view: SlackView) =>
  view.blocks.find((b) => b.type === 'input' && (b.element as { type?: string } | undefined)?.type === 'plain_text_input')

/** A typed line ("08:00-10:00 Uraian") as a Slack user puts it in the report form (on the form's date). */
function typedLine(view: SlackView, line: string): Record<string, Json> {
  const m = /^(\d\d:\d\d)-(\d\d:\d\d) (.+)$/.exec(line)
  if (!m) throw new Error(`slack driver: "${line}" is no "HH:MM-HH:MM uraian" line for the report form`)
  const date = (view.blocks.find((b) => b.block_id === 'date')?.element as { initial_date?: string } | undefined)?.initial_date
  return reportForm({ description: m[3]!, date: date ?? '', start: m[1]!, end: m[2]! })
}

type Option = { text: { text: string }; value: string }
const optionsOf = (view: SlackView, blockId: string): Option[] => {
  const el = view.blocks.find((b) => b.block_id === blockId)?.element as { options?: Option[]; option_groups?: { options: Option[] }[] } | undefined
  return [...(el?.options ?? []), ...(el?.option_groups ?? []).flatMap((g) => g.options)]
}

class SlackPerson extends BasePerson {
  private readonly id: string
  private readonly byCode: boolean
  /** the trigger id of this person's latest click, while a modal it opened may still be filled in */
  private pressTrigger: string | undefined
  /** the modal this person is filling in */
  private modal: SlackView | undefined
  constructor(
    role: Role,
    private readonly sh: SlackHarness,
  ) {
    const c = cast[role]
    super(role, c.nip, c.name, sh)
    this.id = c.slack
    this.byCode = c.byCode ?? false
  }
  protected get handle() {
    return `slack ${this.id}`
  }
  private get slack() {
    return this.sh.slack
  }
  private get req() {
    return this.sh.req
  }
  private get owners() {
    return ownersOf(this.sh)
  }

  protected raw(): RawSeen[] {
    const { slack, owners } = this
    const labels = (x: { blocks?: SlackBlock[] }) => buttonsOf(x).map((b) => b.text?.text ?? '')
    // a press on a message as it was seen (an old copy in the client): its buttons then, not now
    const dms = slack.messagesIn(slack.dmChannel(this.id)).map((m) => ({ key: `sl:m:${m.ts}`, text: textOf(m), buttons: labels(m), ref: { message: { ...m, blocks: structuredClone(m.blocks) } } }))
    const ephemerals = slack.ephemerals.flatMap((e, i) => (e.user === this.id ? [{ key: `sl:e:${i}`, text: textOf(e), buttons: labels(e), ref: { ephemeral: e, channel: e.channel } }] : []))
    const responses = slack.responses.flatMap((r, i) => {
      if (owners.responses.get(r.id) !== this.id) return []
      const body = { text: String(r.body.text ?? ''), blocks: (r.body.blocks as SlackBlock[] | undefined) ?? [] }
      return [{ key: `sl:r:${i}`, text: textOf(body), buttons: labels(body), ref: { ephemeral: body, channel: slack.dmChannel(this.id) } }]
    })
    const views = [...owners.views].flatMap(([id, owner]) => {
      const v = slack.views.get(id)
      return owner === this.id && v ? [{ key: `sl:v:${id}`, text: [v.title?.text ?? '', textOf(v)].join('\n'), buttons: labels(v), ref: { view: v } }] : []
    })
    const acks = owners.acks.flatMap((a, i) => (a.owner === this.id ? [{ key: `sl:a:${i}`, text: textOf(a), buttons: labels(a), ref: { ephemeral: a, channel: slack.dmChannel(this.id) } }] : []))
    // a file the app uploads into the DM is seen with its comment (evidence opened from a card)
    const files = slack.files.flatMap((f, i) => (f.channel === slack.dmChannel(this.id) ? [{ key: `sl:f:${i}`, text: `${f.comment}\n[${f.title}]`, buttons: [], ref: {} }] : []))
    return [...dms, ...ephemerals, ...responses, ...views, ...acks, ...files]
  }

  /** A request by this person; what the app answers in the request itself is seen by them. */
  private async act(request: () => Promise<{ json: Json | null }>) {
    this.pressTrigger = undefined
    this.log.step()
    this.owners.actor = this.id
    const res = await request()
    this.owners.actor = ''
    this.noteAck(res.json)
    return res
  }
  private noteAck(json: Json | null) {
    if (!json) return
    const errors = json.response_action === 'errors' ? Object.values(json.errors as Record<string, string>).join('\n') : ''
    const view = json.response_action === 'update' ? (json.view as SlackView) : undefined
    const text = errors || (view ? textOf(view) : String(json.text ?? ''))
    if (text) this.owners.acks.push({ owner: this.id, text, blocks: view?.blocks ?? (json.blocks as SlackBlock[] | undefined) ?? [] })
  }

  async hello() {
    if (this.byCode) {
      const issued = await this.h.cli('link-code', this.nip)
      await this.linkByCode(issued.out.trim().split('\n').at(-1)!)
      await this.waitForMessage(/Selamat datang/, { fresh: true })
      return
    }
    this.slack.homes.delete(this.id)
    await this.act(() => this.req.openHome(this.id))
    await this.slack.waitFor(() => this.slack.homes.get(this.id), `the App Home of ${this.role}`, 10_000)
  }
  async command(name: string, args?: string) {
    await this.act(() => this.req.command(this.id, args ? `${name} ${args}` : name))
  }
  async linkByCode(code: string) {
    await this.act(() => this.req.command(this.id, `hubungkan ${code}`))
  }
  /** The modal this person's latest click opened, if it asks for a text (a reason, a note). */
  private async openModal(): Promise<SlackView | undefined> {
    const trigger = this.pressTrigger
    if (!trigger) return undefined
    const call = await until(() => this.slack.callsOf('views.open').find((c) => c.params.trigger_id === trigger), 'a modal', () => '', 2_000).catch(() => undefined)
    if (!call) return undefined
    const view = await until(
      () => [...this.owners.views].reverse().map(([id, owner]) => (owner === this.id && !this.owners.closed.has(id) ? this.slack.views.get(id) : undefined)).find((v) => v && textInput(v)),
      'the modal to fill in',
      this.state,
    )
    return view
  }
  async send(text: string) {
    // a modal that refused what was typed stays open for the next try
    const kept = this.modal && !this.owners.closed.has(this.modal.id) ? this.slack.views.get(this.modal.id) : undefined
    const view = kept ?? (await this.openModal())
    this.modal = view
    if (!view) {
      await this.act(() => this.req.dm(this.id, text))
      return
    }
    const block = textInput(view)!
    const values = view.callback_id === 'report' ? typedLine(view, text) : { [block.block_id!]: { type: 'plain_text_input', value: text } }
    const res = await this.act(() => this.req.submit(this.id, view, values))
    if (res.json?.response_action !== 'errors') this.owners.closed.add(view.id)
  }
  async press(label: Label, opts: { on?: Seen } = {}) {
    const { msg, button } = this.target(label, opts.on)
    const where = msg.ref as ClickTarget
    await this.act(() => this.req.click(this.id, where, new RegExp(`^${escape(button)}$`)))
    this.pressTrigger = this.owners.lastTrigger.get(this.id)
  }

  private async form(callbackId: string, command: string, ready: (v: SlackView) => boolean): Promise<SlackView> {
    this.log.step()
    this.owners.actor = this.id
    const form = await opensView(this.slack, callbackId, () => this.req.command(this.id, command))
    this.owners.actor = ''
    return this.slack.waitFor(() => {
      const v = this.slack.views.get(form.id)
      return v && ready(v) ? v : undefined
    }, `the ${callbackId} form ready`, 10_000)
  }
  private async submitForm(view: SlackView, values: Record<string, Json>) {
    const res = await this.act(() => this.req.submit(this.id, view, values))
    if (res.json?.response_action === 'errors') throw new Error(`slack: the ${view.callback_id} form was refused: ${JSON.stringify(res.json.errors)}`)
    this.owners.closed.add(view.id)
  }

  async guidedReport(r: { description: string; date: string; start: string; end: string; rhk: string; document: { id: string; name: string } }) {
    const form = await this.form('report', 'lapor', (v) => optionsOf(v, 'rhk').length > 0)
    // the upload as Slack keeps it: files.info and the private download serve it to the app
    this.slack.userFiles.set(r.document.id, { name: r.document.name, mimetype: 'application/pdf', content: Buffer.from(`%PDF-1.4 ${r.document.name}`) })
    const rhk = optionsOf(form, 'rhk').find((o) => o.text.text.startsWith(`${r.rhk} — `))
    if (!rhk) throw new Error(`slack: no ${r.rhk} in the form's RHK field`)
    await this.submitForm(form, {
      ...reportForm({ description: r.description, date: r.date, start: r.start, end: r.end, file: r.document }),
      rhk: { type: 'static_select', selected_option: { value: rhk.value } },
    })
  }
  async feedback(f: { to: Person; value: string; note: string }) {
    const form = await this.form('feedback', 'umpanbalik', (v) => optionsOf(v, 'fb_employee').length > 0)
    const pick = (block: string, text: string) => {
      const o = optionsOf(form, block).find((x) => x.text.text === text)
      if (!o) throw new Error(`slack: no "${text}" in ${block}`)
      return { type: 'static_select', selected_option: { value: o.value } }
    }
    await this.submitForm(form, { fb_employee: pick('fb_employee', f.to.name), fb_value: pick('fb_value', f.value), fb_note: { type: 'plain_text_input', value: f.note } })
  }
}

class SlackSession implements Session {
  readonly platform = 'slack'
  private readonly cache = new Map<Role, Person>()
  constructor(readonly h: SlackHarness) {
    ownersOf(h)
  }
  person(role: Role): Person {
    let p = this.cache.get(role)
    if (!p) this.cache.set(role, (p = new SlackPerson(role, this.h)))
    return p
  }
}

// several messages go to one DM in a row: no pacing per channel in the stories
export const SLACK_ENV = { SLACK_CHANNEL_INTERVAL_MS: '0' }

export const slack: ChatDriver = {
  name: 'slack',
  async start(opts = {}) {
    return new SlackSession(await startSlackHarness({ telegram: false, ...(opts.at ? { at: opts.at } : {}), env: { ...SLACK_ENV, ...opts.env } }))
  },
  join(h) {
    if (!('slack' in h)) throw new Error('slack.join: the harness runs no fake Slack (start it with startSlackHarness)')
    return new SlackSession(h as SlackHarness)
  },
}

