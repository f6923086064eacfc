import { InlineKeyboard } from 'grammy'
import type { DecisionOutcome } from '../../domain/types.js'
import { t } from '../../messages/index.js'

// callback_data is ≤ 64 bytes and comes from the client: it carries ids only, never state or rights.
export const DECIDE_RE = /^dc:(\d{1,12}):(\d{1,6}):(ok|nt|rv|tl)$/
export const EDIT_RE = /^ed:(\d{1,12})$/
export const WITHDRAW_RE = /^wd:(\d{1,12})$/
export const EVIDENCE_RE = /^ev:(\d{1,12})$/
export const FULLTEXT_RE = /^ft:(\d{1,12})$/
export const PAGE_RE = /^pg:(\d{1,6})$/
export const APPROVE_ALL_RE = /^pa:(\d{1,12}(?:,\d{1,12}){0,9})$/
export const GUIDED_RE = /^gd:(send|cancel|skip)$/
export const SIMILAR_RE = /^sm:(send|cancel)$/
export const REPORT_START_RE = /^rp:start$/
export const OPEN_QUEUE_RE = /^pq:open$/

export type DecideCode = 'ok' | 'nt' | 'rv' | 'tl'
export const decideOutcome: Record<DecideCode, DecisionOutcome> = { ok: 'DISETUJUI', nt: 'DISETUJUI', rv: 'REVISI', tl: 'DITOLAK' }

export function approvalKeyboard(id: number, version: number, hasFile: boolean): InlineKeyboard {
  const kb = new InlineKeyboard()
    .text(t('button.approve'), `dc:${id}:${version}:ok`)
    .text(t('button.approveNote'), `dc:${id}:${version}:nt`)
    .row()
    .text(t('button.revise'), `dc:${id}:${version}:rv`)
    .text(t('button.reject'), `dc:${id}:${version}:tl`)
  if (hasFile) kb.row().text('📎 Lihat bukti', `ev:${id}`)
  return kb
}

export const ownActivityKeyboard = (id: number) =>
  new InlineKeyboard().text(t('button.edit'), `ed:${id}`).text(t('button.withdraw'), `wd:${id}`)

export const guidedEvidenceKeyboard = () => new InlineKeyboard().text(t('button.skip'), 'gd:skip').text(t('button.cancel'), 'gd:cancel')
export const similarKeyboard = () => new InlineKeyboard().text(t('button.sendAgain'), 'sm:send').text(t('button.cancel'), 'sm:cancel')
export const guidedConfirmKeyboard = () => new InlineKeyboard().text(t('button.send'), 'gd:send').text(t('button.cancel'), 'gd:cancel')

export function pendingKeyboard(ids: number[], page: number, pages: number): InlineKeyboard {
  const kb = new InlineKeyboard()
  if (ids.length > 0) kb.text(t('button.approveAll'), `pa:${ids.join(',')}`).row()
  if (page > 1) kb.text(t('button.prev'), `pg:${page - 1}`)
  if (page < pages) kb.text(t('button.next'), `pg:${page + 1}`)
  return kb
}

export const noButtons = () => new InlineKeyboard()

/** On the activity reminder: starts the guided /lapor. */
export const reportNowKeyboard = () => new InlineKeyboard().text(t('button.reportNow'), 'rp:start')

/** On the approval reminder: opens /persetujuan. */
export const openQueueKeyboard = () => new InlineKeyboard().text(t('button.openQueue'), 'pq:open')
