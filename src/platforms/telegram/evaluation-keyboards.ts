import { InlineKeyboard } from 'grammy'
import { truncate } from '../../messages/index.js'
import { button } from './keyboards.js'

export function subordinatesKeyboard(people: { id: number; name: string }[]): InlineKeyboard {
  const kb = new InlineKeyboard()
  for (const p of people) button(kb, truncate(p.name, 40), { kind: 'feedbackEmployee', employeeId: p.id }).row()
  return kb
}
