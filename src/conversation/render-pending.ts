import type { ActivityView } from '../domain/types.js'
import { pendingLineText, t } from '../messages/index.js'
import type { Block, Button, Capabilities, Message } from './message.js'
import { buttonLabel } from './labels.js'
import { button, buttonRow, decideButton, moreButtons } from './render-parts.js'

export interface PendingPage {
  items: ActivityView[]
  total: number
  page: number
  pages: number
}

/** A queue item's buttons sit in a row that names the page: a decision there redraws that page. */
export const queueItemId = (id: number, version: number, page: number) => `pending:${id}:${version}:${page}`

/** "Setujui semua" for the page shown (in words that fit the platform's buttons), then the pages before and after. */
export function pendingNavButtons(ids: number[], page: number, pages: number, caps: Pick<Capabilities, 'maxButtonLabel'>): { approveAll: Button[]; paging: Button[] } {
  return {
    approveAll: ids.length > 0 ? [button(buttonLabel('button.approveAll', caps), { kind: 'approveAll', activityIds: ids }, 'primary')] : [],
    paging: [
      ...(page > 1 ? [button(t('button.prev'), { kind: 'page', page: page - 1, dir: 'prev' })] : []),
      ...(page < pages ? [button(t('button.next'), { kind: 'page', page: page + 1, dir: 'next' })] : []),
    ],
  }
}

export const pendingSummary = (p: PendingPage, notice?: string) => {
  const head = p.total === 0 ? t('pending.empty') : t('pending.title', { total: p.total, page: p.page, pages: p.pages })
  return notice ? `${notice}\n${head}` : head
}

/**
 * The supervisor's queue, a notice above it if given. Where buttons can sit between texts, each item
 * carries its own decision buttons; elsewhere the items are one list and the buttons close the message.
 */
export function renderPending(p: PendingPage, caps: Capabilities, notice?: string): Message {
  const head: Block[] = notice ? [{ type: 'text', text: notice }] : []
  const summary = pendingSummary(p, notice)
  if (p.total === 0) return { blocks: [...head, { type: 'text', text: t('pending.empty') }], summary }
  const nav = pendingNavButtons(
    p.items.map((a) => a.id),
    p.page,
    p.pages,
    caps,
  )
  const title: Block = { type: 'text', text: t('pending.title', { total: p.total, page: p.page, pages: p.pages }) }
  if (!caps.buttonsInline) {
    return {
      blocks: [...head, title, { type: 'text', text: p.items.map(pendingLineText).join('\n') }, ...buttonRow(nav.approveAll), ...buttonRow(nav.paging)],
      summary,
    }
  }
  const items = p.items.flatMap((a): Block[] => [
    { type: 'text', text: pendingLineText(a) },
    ...buttonRow(
      [decideButton(a, 'ok', 'button.approve', 'primary'), decideButton(a, 'rv', 'button.revise'), decideButton(a, 'tl', 'button.reject', 'danger'), ...moreButtons(a, caps)],
      queueItemId(a.id, a.version, p.page),
    ),
  ])
  return {
    blocks: [...head, title, { type: 'divider' }, ...items, { type: 'divider' }, ...buttonRow([...nav.approveAll, ...nav.paging], 'pending:nav')],
    summary,
  }
}
