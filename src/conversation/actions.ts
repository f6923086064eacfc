import type { DecisionOutcome } from '../domain/types.js'

// The one codec of buttons. A button carries an action: a kind and ids, never state or rights (the
// client sends it back and can forge it; every use case authorizes the presser against the database).
// Each kind is declared once below, with its fields; from that one declaration come the compact string
// (Telegram callback_data, WhatsApp reply id: `tag:field:field`), Slack's action_id and value (the
// forms Slack buttons already in people's chats carry), the decoders, and the size checks.

export const DECIDE_CHOICES = ['ok', 'nt', 'rv', 'tl'] as const
/** Setujui, Setujui + catatan, Revisi, Tolak. */
export type DecideChoice = (typeof DECIDE_CHOICES)[number]
/** A rating button: h = hasil kerja, p = perilaku kerja, the digit its place in RATINGS. */
export const RATING_CODES = ['h0', 'h1', 'h2', 'p0', 'p1', 'p2'] as const
export type RatingCode = (typeof RATING_CODES)[number]
const EVAL_CHOICES = [...RATING_CODES, 'nt', 'ok'] as const
const KEBERATAN_CHOICES = [...RATING_CODES, 'ok', 'sv'] as const
/** "Setujui semua" carries the ids of the page shown, at most this many. */
export const APPROVE_ALL_MAX = 10

export type Action =
  | { kind: 'decide'; activityId: number; version: number; choice: DecideChoice }
  | { kind: 'evidence'; activityId: number }
  | { kind: 'fullText'; activityId: number }
  | { kind: 'edit'; activityId: number }
  | { kind: 'withdraw'; activityId: number }
  /** Slack shows "previous" and "next" as two buttons that need their own ids; elsewhere the page is enough. */
  | { kind: 'page'; page: number; dir?: 'prev' | 'next' }
  | { kind: 'approveAll'; activityIds: number[] }
  | { kind: 'guided'; step: 'send' | 'cancel' | 'skip' }
  /** "A similar report exists: send anyway?" Slack's buttons name the similar report too. */
  | { kind: 'similar'; answer: 'send' | 'cancel'; activityId?: number }
  | { kind: 'reportStart' }
  | { kind: 'openQueue' }
  /** The RHK picked in the guided report; 0: without an RHK. */
  | { kind: 'guidedRhk'; rhkId: number }
  /** The rencana aksi picked in the guided report; 0: "Lewati". */
  | { kind: 'guidedRencanaAksi'; rencanaAksiId: number }
  /** The realisasi picked in the guided report (the "1 <satuan>" button). */
  | { kind: 'guidedRealisasi'; amount: number }
  /** The Pejabat Penilai's card: a rating, `nt` (a note per BerAKHLAK value), `ok` (send). */
  | { kind: 'evalRate'; evaluationId: number; choice: (typeof EVAL_CHOICES)[number] }
  /** A BerAKHLAK value picked for a note; the card's message, to redraw it in place. */
  | { kind: 'evalNote'; evaluationId: number; cardMessageId: number; value: number }
  | { kind: 'keberatanFile'; evaluationId: number }
  /** The Atasan Pejabat Penilai's card: a new rating, `ok` (confirm as is) or `sv` (save the change). */
  | { kind: 'keberatanResolve'; evaluationId: number; choice: (typeof KEBERATAN_CHOICES)[number] }
  | { kind: 'feedbackEmployee'; employeeId: number }
  | { kind: 'feedbackValue'; employeeId: number; value: number | 'none' }

export type ActionKind = Action['kind']
export type ActionOf<K extends ActionKind> = Extract<Action, { kind: K }>

/** How one field is written in a button and read back; `re` matches exactly what `show` writes. */
interface Field<T> {
  re: string
  show(v: T): string
  parse(s: string): T
}
const int = (digits: number): Field<number> => ({ re: `\\d{1,${digits}}`, show: String, parse: Number })
const id = int(12)
const oneOf = <T extends string>(values: readonly T[]): Field<T> => ({ re: `(?:${values.join('|')})`, show: (v) => v, parse: (s) => s as T })
// ids in base 36: ten of them fit Telegram's 64 bytes up to id 60 million (decimal stops at 99,999)
const idList: Field<number[]> = {
  re: `[0-9a-z]{1,8}(?:,[0-9a-z]{1,8}){0,${APPROVE_ALL_MAX - 1}}`,
  show: (v) => v.map((n) => n.toString(36)).join(','),
  parse: (s) => s.split(',').map((p) => parseInt(p, 36)),
}
const decimalIdList: Field<number[]> = {
  re: `\\d{1,12}(?:,\\d{1,12}){0,${APPROVE_ALL_MAX - 1}}`,
  show: (v) => v.join(','),
  parse: (s) => s.split(',').map(Number),
}
// the seven BerAKHLAK values by their place; `x` on feedback: without a value
const valueIndex: Field<number> = { re: '[0-6]', show: String, parse: Number }
const valueOrNone: Field<number | 'none'> = { re: '(?:[0-6]|x)', show: (v) => (v === 'none' ? 'x' : String(v)), parse: (s) => (s === 'x' ? 'none' : Number(s)) }

type FieldsOf<A extends Action> = { [K in Exclude<keyof A, 'kind'>]-?: Field<Exclude<A[K], undefined>> }
type FieldName<A extends Action> = Exclude<keyof A, 'kind'> & string

interface Spec<A extends Action> {
  fields: FieldsOf<A>
  /** The compact form: `tag` then these fields, each after a colon. */
  tag: string
  compact: FieldName<A>[]
  /** Older compact forms still read (buttons already sent), each as tag and fields. */
  legacy?: { tag: string; fields: Partial<FieldsOf<A>>; compact: FieldName<A>[] }
  /** Slack: each action_id with the fields it implies, and the fields of its value (joined by colons), some written otherwise. */
  slack?: { ids: Record<string, Partial<A>>; value: FieldName<A>[]; fields?: Partial<FieldsOf<A>> }
}
type Specs = { [K in ActionKind]: Spec<ActionOf<K>> }

const ratingIds = <C extends string>(prefix: string, extra: Record<string, { choice: C }>) =>
  Object.fromEntries([...RATING_CODES.map((c) => [`${prefix}${c}`, { choice: c }]), ...Object.entries(extra)]) as Record<string, { choice: C | RatingCode }>

const SPECS: Specs = {
  decide: {
    fields: { activityId: id, version: int(6), choice: oneOf(DECIDE_CHOICES) },
    tag: 'dc',
    compact: ['activityId', 'version', 'choice'],
    slack: { ids: Object.fromEntries(DECIDE_CHOICES.map((c) => [`decide_${c}`, { choice: c }])), value: ['activityId', 'version', 'choice'] },
  },
  evidence: { fields: { activityId: id }, tag: 'ev', compact: ['activityId'], slack: { ids: { evidence: {} }, value: ['activityId'] } },
  fullText: { fields: { activityId: id }, tag: 'ft', compact: ['activityId'], slack: { ids: { full_text: {} }, value: ['activityId'] } },
  edit: { fields: { activityId: id }, tag: 'ed', compact: ['activityId'], slack: { ids: { edit: {} }, value: ['activityId'] } },
  withdraw: { fields: { activityId: id }, tag: 'wd', compact: ['activityId'], slack: { ids: { withdraw: {} }, value: ['activityId'] } },
  page: {
    fields: { page: int(6), dir: oneOf(['prev', 'next'] as const) },
    tag: 'pg',
    compact: ['page'],
    slack: { ids: { pending_prev: { dir: 'prev' }, pending_next: { dir: 'next' } }, value: ['page'] },
  },
  approveAll: {
    fields: { activityIds: idList },
    tag: 'pb',
    compact: ['activityIds'],
    legacy: { tag: 'pa', fields: { activityIds: decimalIdList }, compact: ['activityIds'] },
    // Slack's value has room for decimal ids, as its buttons always carried them
    slack: { ids: { approve_all: {} }, value: ['activityIds'], fields: { activityIds: decimalIdList } },
  },
  guided: {
    fields: { step: oneOf(['send', 'cancel', 'skip'] as const) },
    tag: 'gd',
    compact: ['step'],
    slack: { ids: { guided_send: { step: 'send' }, guided_cancel: { step: 'cancel' }, guided_skip: { step: 'skip' } }, value: [] },
  },
  similar: {
    fields: { answer: oneOf(['send', 'cancel'] as const), activityId: id },
    tag: 'sm',
    compact: ['answer'],
    slack: { ids: { similar_send: { answer: 'send' }, similar_cancel: { answer: 'cancel' } }, value: ['activityId'] },
  },
  reportStart: { fields: {}, tag: 'rp:start', compact: [], slack: { ids: { report_start: {} }, value: [] } },
  openQueue: { fields: {}, tag: 'pq:open', compact: [], slack: { ids: { open_queue: {} }, value: [] } },
  guidedRhk: { fields: { rhkId: id }, tag: 'gr', compact: ['rhkId'], slack: { ids: { guided_rhk: {} }, value: ['rhkId'] } },
  guidedRencanaAksi: { fields: { rencanaAksiId: id }, tag: 'ga', compact: ['rencanaAksiId'], slack: { ids: { guided_rencana_aksi: {} }, value: ['rencanaAksiId'] } },
  guidedRealisasi: { fields: { amount: int(4) }, tag: 'gq', compact: ['amount'], slack: { ids: { guided_realisasi: {} }, value: ['amount'] } },
  evalRate: {
    fields: { evaluationId: id, choice: oneOf(EVAL_CHOICES) },
    tag: 'er',
    compact: ['evaluationId', 'choice'],
    slack: { ids: ratingIds<'nt' | 'ok'>('eval_rate_', { eval_note: { choice: 'nt' }, eval_send: { choice: 'ok' } }), value: ['evaluationId'] },
  },
  evalNote: { fields: { evaluationId: id, cardMessageId: id, value: valueIndex }, tag: 'en', compact: ['evaluationId', 'cardMessageId', 'value'] },
  keberatanFile: { fields: { evaluationId: id }, tag: 'kb', compact: ['evaluationId'], slack: { ids: { keberatan_file: {} }, value: ['evaluationId'] } },
  keberatanResolve: {
    fields: { evaluationId: id, choice: oneOf(KEBERATAN_CHOICES) },
    tag: 'kr',
    compact: ['evaluationId', 'choice'],
    slack: { ids: ratingIds<'ok' | 'sv'>('keberatan_rate_', { keberatan_confirm: { choice: 'ok' }, keberatan_save: { choice: 'sv' } }), value: ['evaluationId'] },
  },
  feedbackEmployee: { fields: { employeeId: id }, tag: 'fs', compact: ['employeeId'] },
  feedbackValue: { fields: { employeeId: id, value: valueOrNone }, tag: 'fv', compact: ['employeeId', 'value'] },
}

// The same spec, seen without its kind's field types: what the generic code below reads and writes.
interface AnySpec {
  fields: Record<string, Field<unknown>>
  tag: string
  compact: string[]
  legacy?: { tag: string; fields: Record<string, Field<unknown>>; compact: string[] }
  slack?: { ids: Record<string, Record<string, unknown>>; value: string[]; fields?: Record<string, Field<unknown>> }
}
const specOf = (kind: ActionKind) => SPECS[kind] as unknown as AnySpec
const slackFields = (spec: AnySpec) => ({ ...spec.fields, ...spec.slack?.fields })
const KINDS = Object.keys(SPECS) as ActionKind[]
const fieldsOf = (a: Action) => a as unknown as Record<string, unknown>

/** What each platform takes in a button (bytes), from their documentation. */
export const BUTTON_LIMITS = {
  /** callback_data: 1–64 bytes. */
  telegram: 64,
  /** An interactive reply button's id: up to 256 characters. */
  whatsapp: 256,
  /** A button's value: up to 2,000 characters (its action_id: up to 255). */
  slack: 2000,
  /** The local playground's page: as much as the decoder reads. */
  playground: 256,
} as const
export type ButtonPlatform = keyof typeof BUTTON_LIMITS

export class ButtonTooLargeError extends Error {
  constructor(platform: string, kind: ActionKind, bytes: number, limit: number) {
    super(`a ${kind} button takes ${bytes} bytes on ${platform}, more than its ${limit}`)
    this.name = 'ButtonTooLargeError'
  }
}

function show(fields: Record<string, Field<unknown>>, names: string[], a: Action): string[] {
  return names.map((n) => {
    const v = fieldsOf(a)[n]
    if (v === undefined) throw new Error(`a ${a.kind} button needs its ${n}`)
    return fields[n]!.show(v)
  })
}

/** The compact form, `tag:field:…` (Telegram's callback_data, WhatsApp's reply id). */
export function encodeAction(a: Action, platform: Exclude<ButtonPlatform, 'slack'> = 'telegram'): string {
  const spec = specOf(a.kind)
  const out = [spec.tag, ...show(spec.fields, spec.compact, a)].join(':')
  const bytes = Buffer.byteLength(out)
  if (bytes > BUTTON_LIMITS[platform]) throw new ButtonTooLargeError(platform, a.kind, bytes, BUTTON_LIMITS[platform])
  return out
}

const compactRes = new Map<string, { kind: ActionKind; re: RegExp; names: string[]; fields: Record<string, Field<unknown>> }>()
for (const kind of KINDS) {
  const spec = specOf(kind)
  for (const form of [spec, ...(spec.legacy ? [{ ...spec.legacy, fields: { ...spec.fields, ...spec.legacy.fields } }] : [])]) {
    const re = new RegExp(`^${[form.tag.replace(/:/g, '\\:'), ...form.compact.map((n) => `(${form.fields[n]!.re})`)].join(':')}$`)
    compactRes.set(form.tag, { kind, re, names: form.compact, fields: form.fields })
  }
}

function build(kind: ActionKind, fields: Record<string, Field<unknown>>, names: string[], parts: string[], implied: Record<string, unknown> = {}): Action {
  const out: Record<string, unknown> = { kind, ...implied }
  names.forEach((n, i) => (out[n] = fields[n]!.parse(parts[i]!)))
  return out as unknown as Action
}

/** The action of a compact button; null for anything this version did not write (forged, too old, malformed). */
export function decodeAction(data: string | undefined): Action | null {
  if (!data || data.length > BUTTON_LIMITS.whatsapp) return null
  for (const { kind, re, names, fields } of compactRes.values()) {
    const m = re.exec(data)
    if (m) return build(kind, fields, names, m.slice(1))
  }
  return null
}

/** The compact pattern of one kind, for a platform's router (grammY's callbackQuery). */
export function actionPattern(kind: ActionKind): RegExp {
  const tags = [...compactRes.entries()].filter(([, c]) => c.kind === kind).map(([, c]) => c.re.source)
  return new RegExp(tags.join('|'))
}

/** The action of a compact button when it is of `kind`; null otherwise. */
export function decodeActionOf<K extends ActionKind>(kind: K, data: string | undefined): ActionOf<K> | null {
  const a = decodeAction(data)
  return a?.kind === kind ? (a as ActionOf<K>) : null
}

/** Slack's form: an action_id that names the kind (and the choice, where Slack's buttons did), and a value. */
export function slackButton(a: Action): { actionId: string; value: string } {
  const spec = specOf(a.kind)
  if (!spec.slack) throw new Error(`no Slack button for ${a.kind}`)
  const mine = fieldsOf(a)
  const actionId = Object.entries(spec.slack.ids).find(([, implied]) => Object.entries(implied).every(([k, v]) => mine[k] === v))?.[0]
  if (!actionId) throw new Error(`no Slack action_id for this ${a.kind} button`)
  // a button whose value names nothing still needs one: Slack requires a value to be non-empty when set
  const value = spec.slack.value.length > 0 ? show(slackFields(spec), spec.slack.value, a).join(':') : a.kind
  if (value.length > BUTTON_LIMITS.slack) throw new ButtonTooLargeError('slack', a.kind, value.length, BUTTON_LIMITS.slack)
  return { actionId, value }
}

/** Every Slack action_id this version writes, with the kind it belongs to. */
export const SLACK_ACTION_IDS: ReadonlyMap<string, ActionKind> = new Map(
  KINDS.flatMap((kind) => Object.keys(specOf(kind).slack?.ids ?? {}).map((actionId) => [actionId, kind] as const)),
)

/**
 * The action of a Slack button; null when the action_id is not ours or the value does not fit it (a
 * value must agree with what its action_id implies: `decide_tl` with a value that says `ok` is forged).
 */
export function decodeSlackAction(actionId: string, value: string | undefined): Action | null {
  const kind = SLACK_ACTION_IDS.get(actionId)
  if (!kind) return null
  const spec = specOf(kind)
  const slack = spec.slack!
  const implied = slack.ids[actionId]!
  const fields = slackFields(spec)
  if (slack.value.length === 0) return build(kind, fields, [], [], implied)
  const re = new RegExp(`^${slack.value.map((n) => `(${fields[n]!.re})`).join(':')}$`)
  const m = re.exec(value ?? '')
  if (!m) return null
  const a = build(kind, fields, slack.value, m.slice(1), implied)
  const got = fieldsOf(a)
  return Object.entries(implied).every(([k, v]) => got[k] === v) ? a : null
}

/** The Slack action_ids of one kind, for bolt's router. */
export function slackActionPattern(...kinds: ActionKind[]): RegExp {
  const ids = [...SLACK_ACTION_IDS.entries()].filter(([, k]) => kinds.includes(k)).map(([actionId]) => actionId)
  return new RegExp(`^(?:${ids.join('|')})$`)
}

/** What each decision button decides ("Setujui + catatan" approves too, after the note). */
export const DECIDE_OUTCOME = { ok: 'DISETUJUI', nt: 'DISETUJUI', rv: 'REVISI', tl: 'DITOLAK' } as const satisfies Record<DecideChoice, DecisionOutcome>
