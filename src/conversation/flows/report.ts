import { isDomainError, type DomainError } from '../../domain/errors.js'
import { checkDescription, parseRealisasi, parseReportLine, parseStart, parseWhen, splitReportTags, type Parsed, type ReportLine } from '../../domain/report-line.js'
import { periodOf } from '../../domain/rencana-aksi.js'
import { checkNotUnfinished, checkReportDate, SimilarReportError, todayFor } from '../../domain/reports.js'
import type { ActivityInput, ActivityView, Actor, Evidence } from '../../domain/types.js'
import { formatClock, receiptText, t, tStored } from '../../messages/index.js'
import type { Message } from '../message.js'
import { confirmQuestion, evidenceQuestion, realisasiQuestion, receiptMessage, rencanaAksiQuestion, rhkQuestion, similarQuestion } from '../render-report.js'
import type { Draft } from '../state.js'
import { answer, done, keepsOpen, refusal, say, type FieldErrors, type Flow, type Input, type Outcome, type Reply, type StepContext } from '../core.js'

// The report: one typed line (/lapor …), the guided one (description → time [→ start, when a range is
// required] → RHK → rencana aksi → realisasi (when the RHK has rencana aksi that month) → evidence → confirm),
// "a similar report exists: send anyway?", and the fix after Revisi (only what changes is sent again).

const toInput = (line: ReportLine, evidence?: Evidence): ActivityInput => ({
  date: line.date,
  minutes: line.time.minutes,
  ...('startMinute' in line.time ? { startMinute: line.time.startMinute, endMinute: line.time.endMinute } : {}),
  description: line.description,
  ...(evidence ? { evidence } : {}),
  ...(line.rhkCode ? { rhkCode: line.rhkCode } : {}),
  ...(line.realisasi ? { realisasi: line.realisasi.amount, satuan: line.realisasi.satuan } : {}),
})

const lineOf = (a: ActivityView) =>
  `${a.date.slice(8, 10)}/${a.date.slice(5, 7)} ${a.startMinute != null && a.endMinute != null ? `${formatClock(a.startMinute)}-${formatClock(a.endMinute)}` : `${a.minutes}m`} ${a.description}`

/**
 * The fix of a report: a whole line replaces date, time and description; only a time (with or without
 * a date) keeps the description; only words keep the date and time; only tags (`#RHK-2`, `+3 dokumen`)
 * keep all three. What is not sent again (the RHK, the rencana aksi and realisasi) is kept.
 */
export function parseEdit(text: string, current: ActivityView, today: string, maxDescription: number): Parsed<ReportLine> {
  const kept = { date: current.date, time: current.startMinute != null && current.endMinute != null ? { startMinute: current.startMinute, endMinute: current.endMinute, minutes: current.minutes } : { minutes: current.minutes } }
  const when = parseWhen(text, today)
  if (when.ok) return { ok: true, value: { ...when.value, description: current.description } }
  const line = parseReportLine(text, { today, defaultDate: current.date, maxDescription })
  if (line.ok || line.key !== 'report.timeUnparseable') return line
  const tags = splitReportTags(text)
  if (!tags.ok) return tags
  const { rest, ...tagged } = tags.value
  const tagsOnly = rest === '' && (tagged.rhkCode !== undefined || tagged.realisasi !== undefined)
  const description = tagsOnly ? ({ ok: true, value: current.description } as const) : checkDescription(rest, maxDescription)
  if (!description.ok) return description
  return { ok: true, value: { ...kept, description: description.value, ...tagged } }
}

/** The receipt of a stored report, with Ubah / Tarik while it is open. */
export function receiptReply(view: ActivityView, heading?: string, lead?: string): Reply {
  return { type: 'message', message: receiptMessage(view, heading, lead), receipt: { activity: view, ...(heading ? { heading } : {}), ...(lead ? { lead } : {}) } }
}

const ask = (message: Message): Reply => ({ type: 'message', message })
const similarReply = (err: SimilarReportError): Reply => ask(similarQuestion(tStored(err), err.similar.id))

/** Neutral fields of the report form a use case's refusal concerns; null when it is about the whole report. */
const TIME_KEYS = new Set<string>([
  'report.endInFuture',
  'report.durationInFuture',
  'report.overlap',
  'report.dayLimit',
  'report.clockInvalid',
  'report.endBeforeStart',
  'report.durationZero',
  'report.durationTooLong',
  'report.timeUnparseable',
  'report.rangeRequired',
])
export function fieldOfRefusal(err: DomainError, usedRange: boolean): FieldErrors | null {
  const m = { key: err.key, params: err.params }
  if (err.key.startsWith('report.description')) return { description: m }
  if (err.key.startsWith('report.date')) return { date: m }
  if (TIME_KEYS.has(err.key)) return { [usedRange ? 'start' : 'duration']: m }
  if (err.key === 'rhk.notYours') return { rhk: m }
  if (err.key.startsWith('rencanaAksi.') || (err.key.startsWith('realisasi.') && err.key !== 'realisasi.invalid')) return { rencanaAksi: m }
  if (err.key === 'realisasi.invalid') return { realisasi: m }
  return null
}

/**
 * Stores the report (or the held one, on "Kirim lagi") and answers with its receipt; a similar report
 * of the same day is held and the person asked. `err` is the refusal, when the use case said no.
 */
async function submit(c: StepContext, input: Input, actor: Actor, report: ActivityInput | 'held'): Promise<{ replies: Reply[]; err?: unknown }> {
  const { reports } = c.services
  const opts = c.sourceKey ? { sourceKey: c.sourceKey } : {}
  try {
    const view = report === 'held' ? await reports.sendHeld(actor, opts) : await reports.submit(actor, report, opts)
    return { replies: [receiptReply(view, view.repeated ? t('receipt.headingRepeated', { id: view.id }) : undefined)] }
  } catch (err) {
    if (err instanceof SimilarReportError) return { replies: [similarReply(err)] }
    return { replies: [refusal(input, err)], err }
  }
}

function preview(actor: Actor, draft: Draft): string {
  return receiptText(
    {
      id: 0,
      version: 1,
      employee: { id: actor.employeeId, name: actor.name, position: '', unit: '' },
      date: draft.date!,
      startMinute: draft.startMinute ?? null,
      endMinute: draft.endMinute ?? null,
      minutes: draft.minutes!,
      description: draft.description!,
      evidence: draft.evidence ?? null,
      status: 'DIAJUKAN',
      timezone: actor.timezone,
      rhk: draft.rhk ?? null,
      rencanaAksi: draft.rencanaAksi ? { id: draft.rencanaAksi.id, text: draft.rencanaAksi.text, satuan: draft.rencanaAksi.satuan, realisasi: draft.realisasi ?? 1 } : null,
    },
    t('guided.summaryTitle'),
  ).replace(/\nStatus: .*$/, '')
}

const confirm = (actor: Actor, draft: Draft): Outcome => done([ask(confirmQuestion(preview(actor, draft)))], { step: 'report_confirm', draft })

/** After the time: the RHK (when the person has an SKP for that year), or straight to the evidence. */
async function askRhk(c: StepContext, actor: Actor, draft: Draft): Promise<Outcome> {
  const options = await c.services.skp.options(actor, draft.date!)
  if (options.length === 0) return done([ask(evidenceQuestion())], { step: 'report_evidence', draft })
  return done([ask(rhkQuestion(options))], { step: 'report_rhk', draft })
}

/** The agency lets a report of an RHK with rencana aksi go without one ("Lewati"). */
const canSkipRencanaAksi = (c: StepContext) => !c.services.config.requireRencanaAksi

/** The question of the RHK's rencana aksi for the report's month; null when it has none that month. */
async function rencanaAksiAsk(c: StepContext, actor: Actor, draft: Draft, text?: string): Promise<Message | null> {
  if (!draft.rhk) return null
  const options = await c.services.rencanaAksi.options(actor, draft.rhk.id, draft.date!)
  if (options.length === 0) return null
  return rencanaAksiQuestion({ code: draft.rhk.code, period: periodOf(draft.date!), options, canSkip: canSkipRencanaAksi(c) }, text)
}

/** After the RHK: its rencana aksi of the month, when it has some; else straight to the evidence. */
async function askRencanaAksi(c: StepContext, actor: Actor, draft: Draft): Promise<Outcome> {
  const clean: Draft = { ...draft, rencanaAksi: null }
  delete clean.realisasi
  const question = await rencanaAksiAsk(c, actor, clean)
  if (!question) return done([ask(evidenceQuestion())], { step: 'report_evidence', draft: clean })
  return done([ask(question)], { step: 'report_rencana_aksi', draft: clean })
}

/**
 * The time of the guided report, once known (answered at step `at`): a duration asks for its start where a
 * range is required; a time not over yet is asked again at the same step.
 */
async function afterTime(c: StepContext, input: Input, actor: Actor, draft: Draft, at: 'report_time' | 'report_start'): Promise<Outcome> {
  if (c.services.config.requireTimeRange && draft.startMinute == null) {
    return done([say(t('guided.askStart', { minutes: draft.minutes! }))], { step: 'report_start', draft })
  }
  try {
    checkNotUnfinished({ date: draft.date!, startMinute: draft.startMinute, endMinute: draft.endMinute, minutes: draft.minutes! }, actor, c.services.clock)
  } catch (err) {
    return done([refusal(input, err)], { step: at, draft })
  }
  return askRhk(c, actor, draft)
}

/** A typed realisasi: a whole number, optionally followed by the rencana aksi's satuan ("2", "2 dokumen"). */
function typedRealisasi(text: string, satuan: string): Parsed<number> {
  const s = text.trim().replace(/\s+/g, ' ')
  const unit = ` ${satuan.toLowerCase()}`
  return parseRealisasi(s.toLowerCase().endsWith(unit) ? s.slice(0, s.length - unit.length) : s)
}

const start = (): Outcome => done([say(t('guided.askDescription'))], { step: 'report_description', draft: {} })

async function oneLine(c: StepContext, input: Input, actor: Actor, text: string, evidence?: Evidence): Promise<Outcome> {
  const parsed = parseReportLine(text, { today: todayFor(actor, c.services.clock), maxDescription: c.services.config.maxDescription })
  if (!parsed.ok) return done([answer(tStored(parsed))])
  return done((await submit(c, input, actor, toInput(parsed.value, evidence))).replies)
}

async function onAction(c: StepContext, state: Parameters<Flow>[1], input: Extract<Input, { type: 'action' }>, actor: Actor): Promise<Outcome | null> {
  const a = input.action
  const { reports } = c.services
  const stale = () => done([answer(t('error.staleButton'), true)], state)
  switch (a.kind) {
    case 'reportStart':
      return { ...start(), replies: [answer(), ...start().replies] }
    case 'guided': {
      if (a.step === 'cancel') return done([answer(), { type: 'clearButtons' }, say(t('guided.cancelled'))])
      if (a.step === 'skip' && state?.step === 'report_evidence') {
        const next = confirm(actor, state.draft)
        return { ...next, replies: [answer(), ...next.replies] }
      }
      if (a.step === 'send' && state?.step === 'report_confirm') {
        const d = state.draft
        const sent = await submit(c, input, actor, {
          date: d.date!,
          minutes: d.minutes!,
          ...(d.startMinute != null && d.endMinute != null ? { startMinute: d.startMinute, endMinute: d.endMinute } : {}),
          description: d.description!,
          ...(d.evidence ? { evidence: d.evidence } : {}),
          ...(d.rhk ? { rhkId: d.rhk.id } : {}),
          ...(d.rencanaAksi ? { rencanaAksiId: d.rencanaAksi.id, realisasi: d.realisasi ?? 1 } : {}),
        })
        // stored, or held with the question asked: the summary's buttons go
        if (sent.err === undefined) return done([answer(), ...sent.replies, { type: 'clearButtons' }])
        // e.g. the time now overlaps another report: ask for the time again, keep the rest
        return done([answer(), ...sent.replies.map((r) => (r.type === 'answer' ? say(r.text ?? '') : r)), say(t('guided.askTime'))], { step: 'report_time', draft: d })
      }
      return stale()
    }
    case 'guidedRhk': {
      if (state?.step !== 'report_rhk') return stale()
      // the options are read again: the button's id is only a hint from the client (the use case checks too)
      const rhk = a.rhkId === 0 ? null : (await c.services.skp.options(actor, state.draft.date!)).find((o) => o.id === a.rhkId)
      if (rhk === undefined) return done([answer(t('rhk.notYours'), true)], state)
      const draft = { ...state.draft, rhk: rhk ? { id: rhk.id, code: rhk.code, text: rhk.text } : null }
      const next = await askRencanaAksi(c, actor, draft)
      return { ...next, replies: [answer(), { type: 'clearButtons' }, ...next.replies] }
    }
    case 'guidedRencanaAksi': {
      if (state?.step !== 'report_rencana_aksi') return stale()
      if (a.rencanaAksiId === 0) {
        if (!canSkipRencanaAksi(c)) return done([answer(t('guided.useRencanaAksiButtons', { canSkip: false }), true)], state)
        return done([answer(), { type: 'clearButtons' }, ask(evidenceQuestion())], { step: 'report_evidence', draft: { ...state.draft, rencanaAksi: null } })
      }
      // read again: the button's id is only a hint from the client (the use case checks too)
      const found = state.draft.rhk ? (await c.services.rencanaAksi.options(actor, state.draft.rhk.id, state.draft.date!)).find((o) => o.id === a.rencanaAksiId) : undefined
      if (!found) return done([answer(tStored({ key: 'rencanaAksi.notOfRhk' }), true)], state)
      const draft = { ...state.draft, rencanaAksi: found }
      return done([answer(), { type: 'clearButtons' }, ask(realisasiQuestion(found))], { step: 'report_realisasi', draft })
    }
    case 'guidedRealisasi': {
      if (state?.step !== 'report_realisasi' || !state.draft.rencanaAksi) return stale()
      return done([answer(), { type: 'clearButtons' }, ask(evidenceQuestion())], { step: 'report_evidence', draft: { ...state.draft, realisasi: a.amount } })
    }
    case 'similar': {
      if (a.answer === 'cancel') {
        const dropped = await reports.dropHeld(actor)
        return done([{ type: 'clearButtons' }, dropped ? answer(t('report.similarCancelled')) : answer(t('error.staleButton'), true)], state)
      }
      const sent = await submit(c, input, actor, 'held')
      return done([{ type: 'clearButtons' }, ...(sent.err === undefined ? [answer()] : []), ...sent.replies], state)
    }
    case 'edit': {
      try {
        const view = await reports.editable(actor, a.activityId)
        return done([answer(), say(t('edit.ask', { id: view.id, current: lineOf(view) }))], { step: 'edit', activityId: view.id })
      } catch (err) {
        return done([refusal(input, err)], state)
      }
    }
    default:
      return null
  }
}

async function onText(c: StepContext, state: Parameters<Flow>[1], input: Extract<Input, { type: 'text' }>, actor: Actor): Promise<Outcome | null> {
  if (!state) return null
  const { text, evidence } = input
  const { config, clock, reports } = c.services
  const today = todayFor(actor, clock)
  const draft: Draft = 'draft' in state ? state.draft : {}
  switch (state.step) {
    case 'report_description': {
      const d = checkDescription(text, config.maxDescription)
      if (!d.ok) return done([say(tStored(d))], state)
      return done([say(t('guided.askTime'))], { step: 'report_time', draft: { ...draft, description: d.value } })
    }
    case 'report_time': {
      const when = parseWhen(text, today)
      // the one-line wording asks for "time, then the description": this step asks for the time only
      if (!when.ok) return done([say(when.key === 'report.timeUnparseable' ? t('guided.timeUnparseable', { text: text.trim() }) : tStored(when))], state)
      try {
        checkReportDate(when.value.date, today, config.backdateDays)
      } catch (err) {
        return done([refusal(input, err)], state)
      }
      // a new time: the one asked before (a range, or a duration) does not linger in the draft
      const { startMinute: _s, endMinute: _e, ...rest } = draft
      return afterTime(c, input, actor, { ...rest, date: when.value.date, ...when.value.time }, 'report_time')
    }
    case 'report_start': {
      const range = parseStart(text, draft.minutes!)
      if (!range.ok) return done([say(tStored(range))], state)
      return afterTime(c, input, actor, { ...draft, ...range.value }, 'report_start')
    }
    case 'report_rhk':
      return done([ask(rhkQuestion(await c.services.skp.options(actor, draft.date!), t('guided.useRhkButtons')))], state)
    case 'report_rencana_aksi': {
      const again = await rencanaAksiAsk(c, actor, draft, t('guided.useRencanaAksiButtons', { canSkip: canSkipRencanaAksi(c) }))
      // the plan changed meanwhile and has nothing for this RHK any more: on to the evidence
      if (!again) return done([ask(evidenceQuestion())], { step: 'report_evidence', draft })
      return done([ask(again)], state)
    }
    case 'report_realisasi': {
      const chosen = draft.rencanaAksi
      if (!chosen) return done([ask(evidenceQuestion())], { step: 'report_evidence', draft })
      const amount = typedRealisasi(text, chosen.satuan)
      if (!amount.ok) return done([ask(realisasiQuestion(chosen, tStored(amount)))], state)
      return done([ask(evidenceQuestion())], { step: 'report_evidence', draft: { ...draft, realisasi: amount.value } })
    }
    case 'report_evidence': {
      if (!evidence && !/^(lewati|-|skip)$/i.test(text.trim())) return done([ask(evidenceQuestion(t('guided.evidenceExpected')))], state)
      return confirm(actor, { ...draft, ...(evidence ? { evidence } : {}) })
    }
    case 'report_confirm':
      return done([ask(confirmQuestion(t('guided.useButtons')))], state)
    case 'edit': {
      if (!text) return done([say(t('report.lineEmpty'))], state)
      let current: ActivityView
      try {
        current = await reports.editable(actor, state.activityId)
      } catch (err) {
        return done([refusal(input, err)])
      }
      const parsed = parseEdit(text, current, today, config.maxDescription)
      if (!parsed.ok) return done([say(tStored(parsed))], state)
      try {
        const view = await reports.edit(actor, state.activityId, toInput(parsed.value, evidence))
        return done([receiptReply(view, t('receipt.headingEdited', { id: view.id }), t(view.supervisorWaiting ? 'edit.doneWaiting' : 'edit.done', { id: view.id }))])
      } catch (err) {
        // wrong input keeps the conversation open; a refusal (decided meanwhile) ends it
        return done([refusal(input, err)], keepsOpen(err) ? state : null)
      }
    }
    default:
      return null
  }
}

/** The report form (a new report, or the fix of one): one input; wrong fields come back as field errors. */
async function onForm(c: StepContext, input: Extract<Input, { type: 'form' }>, actor: Actor): Promise<Outcome | null> {
  const f = input.form
  if (f.kind !== 'report') return null
  const { reports } = c.services
  try {
    if (f.editId === undefined) {
      const saved = await reports.submit(actor, f.input)
      return done([receiptReply(saved, saved.repeated ? t('receipt.headingRepeated', { id: saved.id }) : undefined)])
    }
    const saved = await reports.edit(actor, f.editId, f.input)
    return done([receiptReply(saved, t('receipt.headingEdited', { id: saved.id }), t(saved.supervisorWaiting ? 'edit.doneWaiting' : 'edit.done', { id: saved.id }))])
  } catch (err) {
    if (!isDomainError(err)) throw err
    // held: the form closes and the question waits in the chat with its two buttons
    if (err instanceof SimilarReportError) return done([similarReply(err)])
    const errors = err.code === 'INVALID_INPUT' ? fieldOfRefusal(err, f.usedRange) : null
    return done([errors ? { type: 'fieldErrors', errors } : answer(tStored(err))])
  }
}

export const reportStep: Flow = async (c, state, input) => {
  const actor = c.who.actor
  if (!actor) return null
  switch (input.type) {
    case 'command':
      if (input.command !== 'lapor') return null
      if (input.text.trim()) return oneLine(c, input, actor, input.text.trim(), input.evidence)
      return start()
    case 'action':
      return onAction(c, state, input, actor)
    case 'text':
      return onText(c, state, input, actor)
    case 'form':
      return onForm(c, input, actor)
  }
}
