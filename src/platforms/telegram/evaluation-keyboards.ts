import { InlineKeyboard } from 'grammy'
import { BERAKHLAK, RATINGS } from '../../domain/evaluation-config.js'
import type { EvaluationView } from '../../domain/evaluation-types.js'
import type { RhkOption } from '../../domain/skp.js'
import { ratingShort, t, truncate, valueLabel } from '../../messages/index.js'

// callback_data carries ids and indexes only (≤ 64 bytes); every click is authorized against the database.
export const EVAL_RATE_RE = /^er:(\d{1,12}):(h[0-2]|p[0-2]|nt|ok)$/
// en:<evaluation>:<card message>:<value>: the card's message id, so the note can redraw it in place
export const EVAL_NOTE_RE = /^en:(\d{1,12}):(\d{1,12}):([0-6])$/
export const KEBERATAN_FILE_RE = /^kb:(\d{1,12})$/
export const KEBERATAN_RESOLVE_RE = /^kr:(\d{1,12}):(h[0-2]|p[0-2]|ok|sv)$/
export const FEEDBACK_EMPLOYEE_RE = /^fs:(\d{1,12})$/
export const FEEDBACK_VALUE_RE = /^fv:(\d{1,12}):([0-6]|x)$/
export const GUIDED_RHK_RE = /^gr:(\d{1,12})$/


function ratingRows(kb: InlineKeyboard, prefix: string, choice: EvaluationView['draft']) {
  RATINGS.forEach((r, i) => kb.text(t('button.hasil', { label: ratingShort(r), selected: choice.hasil === r ? 1 : '' }), `${prefix}:h${i}`))
  kb.row()
  RATINGS.forEach((r, i) => kb.text(t('button.perilaku', { label: ratingShort(r), selected: choice.perilaku === r ? 1 : '' }), `${prefix}:p${i}`))
  return kb.row()
}

/** The Pejabat Penilai's card: two rating scales, notes per BerAKHLAK value, send. */
export function evaluationKeyboard(v: EvaluationView): InlineKeyboard {
  return ratingRows(new InlineKeyboard(), `er:${v.id}`, v.draft)
    .text(t('button.berakhlakNote'), `er:${v.id}:nt`)
    .row()
    .text(t('button.sendEvaluation'), `er:${v.id}:ok`)
}

/** The seven values, two per row, for a note on the card. */
export function berakhlakKeyboard(prefix: string, extra?: { label: string; data: string }): InlineKeyboard {
  const kb = new InlineKeyboard()
  BERAKHLAK.forEach((v, i) => {
    kb.text(valueLabel(v), `${prefix}:${i}`)
    if (i % 2 === 1) kb.row()
  })
  if (extra) kb.row().text(extra.label, extra.data)
  return kb
}

export const keberatanButton = (id: number) => new InlineKeyboard().text(t('button.keberatan'), `kb:${id}`)

/** The Atasan Pejabat Penilai's card: confirm as is, or choose new ratings and save. */
export function keberatanKeyboard(v: EvaluationView): InlineKeyboard {
  return ratingRows(new InlineKeyboard().text(t('button.confirmRating'), `kr:${v.id}:ok`).row(), `kr:${v.id}`, v.draft).text(
    t('button.saveChange'),
    `kr:${v.id}:sv`,
  )
}

export function subordinatesKeyboard(people: { id: number; name: string }[]): InlineKeyboard {
  const kb = new InlineKeyboard()
  for (const p of people) kb.text(truncate(p.name, 40), `fs:${p.id}`).row()
  return kb
}

export function rhkKeyboard(options: RhkOption[]): InlineKeyboard {
  const kb = new InlineKeyboard()
  for (const o of options) kb.text(truncate(`${o.code} — ${o.text}`, 60), `gr:${o.id}`).row()
  return kb.text(t('button.noRhk'), 'gr:0').text(t('button.cancel'), 'gd:cancel')
}
