import type { ActivityView } from '../domain/types.js'
import { t, type Headed, type MessageKey } from '../messages/index.js'
import type { Action, DecideChoice } from './actions.js'
import type { Block, Button, ButtonRole, Capabilities, Message } from './message.js'

// The pieces every renderer of src/conversation/ builds messages from: catalogue texts as text blocks,
// and the buttons that recur (decide, one click away, the author's own).

export const button = (label: string, action: Action, role?: ButtonRole): Button => ({ label, action, ...(role ? { role } : {}) })

export const buttonRow = (buttons: Button[], id?: string): Block[] =>
  buttons.length > 0 ? [{ type: 'buttons', buttons, ...(id ? { id } : {}) }] : []

/** The catalogue names the commands as typed on Telegram (`/lapor`); each platform types them its own way. */
export function commands(text: string, caps: Capabilities): string {
  if (caps.commandPrefix === '/') return text
  return text.replace(/(^|[\s(])\/(lapor|rekap|persetujuan|bantuan|batal|ekspor|tpp)\b/g, `$1${caps.commandPrefix}$2`)
}

/** A message with the catalogue's commands typed as this platform types them. */
export const withCommands = (m: Message, caps: Capabilities): Message =>
  caps.commandPrefix === '/' ? m : { ...m, blocks: m.blocks.map((b) => (b.type === 'text' ? { ...b, text: commands(b.text, caps), ...(b.heading ? { heading: commands(b.heading, caps) } : {}) } : b)) }

/** A composed catalogue text: its heading set apart, its body below. */
export const textBlock = (h: Headed, caps?: Capabilities): Block => ({
  type: 'text',
  heading: caps ? commands(h.heading, caps) : h.heading,
  text: caps ? commands(h.body, caps) : h.body,
})

/** Can the platform open this activity's evidence: the stored copy, or a reference of its own? */
export const opensEvidence = (a: ActivityView, caps: Capabilities) =>
  a.evidence !== null && (a.evidence.fileId !== undefined || caps.evidenceRefs.includes(a.evidence.kind))

/** What a card leaves one click away: the description it cut, the evidence. */
export const moreButtons = (a: ActivityView, caps: Capabilities): Button[] => [
  ...(caps.cardDescriptionMax !== undefined && a.description.length > caps.cardDescriptionMax
    ? [button(t('button.fullText'), { kind: 'fullText', activityId: a.id })]
    : []),
  ...(opensEvidence(a, caps) ? [button(t('button.evidence'), { kind: 'evidence', activityId: a.id })] : []),
]

type DecideLabel = Extract<MessageKey, 'button.approve' | 'button.approveNote' | 'button.revise' | 'button.reject'>
export const decideButton = (a: ActivityView, choice: DecideChoice, label: DecideLabel, role?: ButtonRole) =>
  button(t(label), { kind: 'decide', activityId: a.id, version: a.version, choice }, role)

/** Ubah / Tarik for the author, on receipts and on a Revisi notice. */
export const ownButtons = (a: Pick<ActivityView, 'id' | 'version'>): Block[] =>
  buttonRow(
    [button(t('button.edit'), { kind: 'edit', activityId: a.id }), button(t('button.withdraw'), { kind: 'withdraw', activityId: a.id }, 'danger')],
    `own:${a.id}:${a.version}`,
  )
