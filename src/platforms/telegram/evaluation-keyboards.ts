import { InlineKeyboard } from 'grammy'
import type { Action } from '../../conversation/actions.js'
import { BERAKHLAK } from '../../domain/evaluation-config.js'
import type { RhkOption } from '../../domain/skp.js'
import { t, truncate, valueLabel } from '../../messages/index.js'
import { button } from './keyboards.js'

/** The seven values, two per row, for a note on the card; `action` says what a value's button does. */
export function berakhlakKeyboard(action: (valueIndex: number) => Action, extra?: { label: string; action: Action }): InlineKeyboard {
  const kb = new InlineKeyboard()
  BERAKHLAK.forEach((v, i) => {
    button(kb, valueLabel(v), action(i))
    if (i % 2 === 1) kb.row()
  })
  if (extra) button(kb.row(), extra.label, extra.action)
  return kb
}

export function subordinatesKeyboard(people: { id: number; name: string }[]): InlineKeyboard {
  const kb = new InlineKeyboard()
  for (const p of people) button(kb, truncate(p.name, 40), { kind: 'feedbackEmployee', employeeId: p.id }).row()
  return kb
}

export function rhkKeyboard(options: RhkOption[]): InlineKeyboard {
  const kb = new InlineKeyboard()
  for (const o of options) button(kb, truncate(`${o.code} — ${o.text}`, 60), { kind: 'guidedRhk', rhkId: o.id }).row()
  button(kb, t('button.noRhk'), { kind: 'guidedRhk', rhkId: 0 })
  return button(kb, t('button.cancel'), { kind: 'guided', step: 'cancel' })
}
