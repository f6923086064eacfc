import { describe, expect, it } from 'vitest'
import { BUTTON_LIMITS, encodeAction, slackButton } from '../../src/conversation/actions.js'
import { buttonsOf, plainText, type Capabilities, type Message } from '../../src/conversation/message.js'
import { renderOutbox } from '../../src/conversation/render.js'
import { renderPending, type PendingPage } from '../../src/conversation/render-pending.js'
import type { EvaluationView } from '../../src/domain/evaluation-types.js'
import type { ActivityView, OutboxKind, OutboxMessage } from '../../src/domain/types.js'
import { SLACK_CAPABILITIES, toSlack } from '../../src/platforms/slack/message.js'
import { TELEGRAM_CAPABILITIES, toTelegram } from '../../src/platforms/telegram/message.js'
import { sendBody, toWhatsApp, WHATSAPP_CAPABILITIES } from '../../src/platforms/whatsapp/message.js'
import { validateSend } from '../helpers/fake-whatsapp.js'

// the largest ids the codec writes: every button must still fit every platform
const BIG = 999_999_999_999

const activity = (over: Partial<ActivityView> = {}): ActivityView => ({
  id: BIG,
  version: 999_999,
  employee: { id: BIG, name: 'Ahmad Anwar, S.Kep.', position: 'Analis SDM Aparatur', unit: 'Bidang PKP' },
  date: '2026-11-27',
  startMinute: 480,
  endMinute: 630,
  minutes: 150,
  description: 'Menyusun laporan '.repeat(60),
  evidence: { kind: 'photo', ref: 'AgAC', fileId: 7 },
  status: 'DIAJUKAN',
  timezone: 'Asia/Makassar',
  rhk: { code: '1.2', text: 'Terlaksananya pengelolaan SDM' },
  ...over,
})
const decided = activity({ status: 'REVISI', decision: { outcome: 'REVISI', by: 'Nurhayati Ramli', at: '2026-11-27T02:00:00Z', note: 'Lengkapi', feedback: null } })

const evaluation: EvaluationView = {
  id: BIG,
  period: '2026-Q4',
  from: '2026-10-01',
  to: '2026-12-31',
  employee: { id: BIG, name: 'Ahmad Anwar', nip: '199001012015031001', position: 'Analis', unit: 'Bidang PKP' },
  rater: { id: 2, name: 'Nurhayati Ramli' },
  status: 'DINILAI',
  hasil: 'SESUAI_EKSPEKTASI',
  perilaku: 'DI_ATAS_EKSPEKTASI',
  predikat: 'BAIK',
  notes: { AKUNTABEL: 'Tepat waktu' },
  draft: { hasil: 'SESUAI_EKSPEKTASI' },
  draftPredikat: null,
  evidence: {
    rhk: [{ code: '1.2', text: 'Pengelolaan SDM', kind: null, activities: 3, approvedMinutes: 300 }],
    counts: { total: 3, approved: 2, rejected: 0, revision: 1, pending: 0 },
    approvedMinutes: 300,
    approvalPercent: 66.7,
    feedback: [{ value: null, note: 'Baik', by: 'Nurhayati', date: '2026-11-02' }],
    feedbackCount: 1,
  },
  ratedAt: '2026-12-20T02:00:00Z',
  keberatanUntil: '2026-12-30T02:00:00Z',
  keberatan: {
    reason: 'Tidak sesuai',
    status: 'DIUBAH',
    filedAt: '2026-12-21T02:00:00Z',
    resolvedAt: '2026-12-22T02:00:00Z',
    before: { hasil: 'DI_BAWAH_EKSPEKTASI', perilaku: 'SESUAI_EKSPEKTASI', predikat: 'BUTUH_PERBAIKAN' },
  },
  timezone: 'Asia/Makassar',
}

const week = { expectedDays: 10, reportedDays: 8, approvedMinutes: 600, targetMinutes: 900 }
const unit = { code: 'U1', name: 'Bidang PKP', depth: 0, employees: 5, week, previous: week, pending: 1, oldestPendingWorkDays: 2 }

/** Every kind of the union, at least once: a kind added to OutboxMessage without a sample here fails to compile. */
const SAMPLES: { [K in OutboxKind]: Extract<OutboxMessage, { kind: K }>[] } = {
  approval_card: [{ kind: 'approval_card', activity: activity() }, { kind: 'approval_card', activity: activity({ description: 'Rapat', evidence: null }) }],
  approval_outcome: [{ kind: 'approval_outcome', activity: decided }],
  approval_superseded: [{ kind: 'approval_superseded', activity: activity({ status: 'DITARIK' }), reason: 'withdrawn' }],
  decision_notice: [{ kind: 'decision_notice', activity: decided }],
  approved_batch: [{ kind: 'approved_batch', activities: [activity(), activity({ id: 2 })] }],
  receipt: [{ kind: 'receipt', activity: activity() }, { kind: 'receipt', activity: decided, final: true }],
  text: [{ kind: 'text', key: 'withdraw.done', params: { id: 12 } }],
  activity_reminder: [{ kind: 'activity_reminder', date: '2026-11-27', final: false }, { kind: 'activity_reminder', date: '2026-11-27', final: true }],
  approval_reminder: [{ kind: 'approval_reminder', count: 3, oldest: { id: BIG, employee: 'Ahmad', date: '2026-11-24', ageWorkDays: 3 } }],
  escalation: [{ kind: 'escalation', thresholdDays: 3, items: [{ id: BIG, employee: 'Ahmad', supervisor: 'Nur', date: '2026-11-20', ageWorkDays: 5 }], more: 2 }],
  digest_chart: [{ kind: 'digest_chart', scope: 'BKPSDM', from: '2026-11-16', to: '2026-11-20', compliance: 80, previousCompliance: 75, attachmentId: 1 }],
  leader_digest: [
    {
      kind: 'leader_digest',
      digest: {
        scope: { code: 'U1', name: 'BKPSDM' },
        from: '2026-11-16',
        to: '2026-11-20',
        units: [unit],
        total: unit,
        backlogThreshold: 3,
        backlog: [{ name: 'Nur', unit: 'PKP', pending: 4, oldestWorkDays: 5 }],
        silent: [{ name: 'Budi', unit: 'PKP' }],
        silentMore: 0,
      },
    },
  ],
  monthly_summary: [
    { kind: 'monthly_summary', month: '2026-11-01', approvedMinutes: 6000, targetMinutes: 9000, target: { mode: 'derived', workDays: 20, minutesPerDay: 450 } },
    { kind: 'monthly_summary', month: '2026-11-01', approvedMinutes: 6000, targetMinutes: 0, target: { mode: 'fixed', workDays: 20, minutesPerDay: 450 }, noSupervisor: true },
  ],
  team_summary: [{ kind: 'team_summary', month: '2026-11-01', rows: [{ name: 'Ahmad', approvedMinutes: 6000, targetMinutes: 9000 }] }],
  evaluation_card: [{ kind: 'evaluation_card', evaluation }],
  evaluation_outcome: [{ kind: 'evaluation_outcome', evaluation }],
  evaluation_notice: [{ kind: 'evaluation_notice', evaluation }],
  keberatan_card: [{ kind: 'keberatan_card', evaluation }],
  keberatan_outcome: [{ kind: 'keberatan_outcome', evaluation }],
  keberatan_notice: [{ kind: 'keberatan_notice', evaluation, to: 'rater' }],
  feedback_notice: [{ kind: 'feedback_notice', feedback: { id: 1, employee: { id: 3, name: 'Ahmad' }, author: { id: 2, name: 'Nur' }, value: 'AKUNTABEL', note: 'Bagus', at: '2026-11-27T02:00:00Z', timezone: 'Asia/Makassar' } }],
  evaluation_reminder: [{ kind: 'evaluation_reminder', period: '2026-Q4', count: 2, names: ['Ahmad', 'Budi'] }],
  keberatan_reminder: [{ kind: 'keberatan_reminder', count: 1, names: ['Ahmad'], oldestFiled: '2026-12-21' }],
  evaluation_escalation: [{ kind: 'evaluation_escalation', thresholdDays: 5, items: [{ evaluationId: BIG, employee: 'Ahmad', rater: 'Nur', period: '2026-Q4', ageWorkDays: 6 }], more: 0 }],
  distribution_digest: [
    {
      kind: 'distribution_digest',
      period: '2026-Q4',
      scope: 'Kota Kendari',
      organisations: [
        {
          unit: { code: 'U1', name: 'BKPSDM' },
          orgPredikat: 'BAIK',
          assumed: true,
          period: '2026-Q4',
          employees: 10,
          rated: 8,
          counts: { SANGAT_BAIK: 1, BAIK: 6, BUTUH_PERBAIKAN: 1, KURANG: 0, SANGAT_KURANG: 0 },
          checks: [{ predikat: ['SANGAT_BAIK'], bound: 'atMost', limit: 20, percent: 12.5, ok: true }],
          final: false,
        },
      ],
    },
  ],
}

const ALL = Object.values(SAMPLES).flat() as OutboxMessage[]
const CAPS: Capabilities[] = [TELEGRAM_CAPABILITIES, SLACK_CAPABILITIES, WHATSAPP_CAPABILITIES, { ...TELEGRAM_CAPABILITIES, platform: 'telegram', editMessages: false, maxButtons: 10 }]

/**
 * The adapter takes the message: Slack's blocks, Telegram's text within its limit, and on WhatsApp every
 * payload one the Cloud API accepts (the fake's validator: no 131009 ever produced) with each label whole.
 */
function adapterTakes(r: Message, caps: Capabilities, what: string) {
  if (caps.platform === 'slack') return void expect(toSlack(r).blocks.length, what).toBeGreaterThan(0)
  if (caps.platform === 'telegram') return void expect(toTelegram(r).text.length, what).toBeLessThanOrEqual(TELEGRAM_CAPABILITIES.maxText)
  const payloads = toWhatsApp(r)
  expect(payloads.length, what).toBeGreaterThan(0)
  for (const p of payloads) expect(validateSend(sendBody('6281200000043', p)), what).toBeNull()
  const titles = payloads.flatMap((p) =>
    p.type !== 'interactive'
      ? []
      : p.interactive.type === 'button'
        ? p.interactive.action.buttons.map((b) => b.reply.title)
        : p.interactive.action.sections.flatMap((sec) => sec.rows.map((row) => row.title)),
  )
  // no label cut short: the catalogue's short form is chosen instead
  expect(titles, what).toEqual(buttonsOf(r).map((b) => b.label))
}

const capsName = (c: Capabilities) => `${c.platform}${c.editMessages || c.platform === 'whatsapp' ? '' : ' (no edit)'}`

describe('renderOutbox: every outbox kind on every platform', () => {
  it.each(CAPS.map((c) => [capsName(c), c] as const))('renders every kind for %s, buttons within the platform’s limits', (_name, caps) => {
    for (const m of ALL) {
      const r = renderOutbox(m, caps)
      expect(plainText(r).length, m.kind).toBeGreaterThan(0)
      const buttons = buttonsOf(r)
      expect(buttons.length, m.kind).toBeLessThanOrEqual(caps.maxButtons)
      for (const b of buttons) {
        if (caps.platform === 'slack') {
          const { actionId, value } = slackButton(b.action)
          expect(value.length).toBeLessThanOrEqual(BUTTON_LIMITS.slack)
          expect(actionId.length).toBeLessThanOrEqual(255)
        } else {
          expect(Buffer.byteLength(encodeAction(b.action, 'telegram'))).toBeLessThanOrEqual(BUTTON_LIMITS.telegram)
          expect(Buffer.byteLength(encodeAction(b.action, 'whatsapp'))).toBeLessThanOrEqual(BUTTON_LIMITS.whatsapp)
        }
        expect(b.label.length).toBeLessThanOrEqual(caps.maxButtonLabel)
      }
      adapterTakes(r, caps, m.kind)
    }
  })

  it.each(CAPS.map((c) => [capsName(c), c] as const))('renders the persetujuan queue for %s, every label whole within the platform’s buttons', (_name, caps) => {
    // a page of the default size, with ids of a busy year (Setujui semua carries them all)
    const items = Array.from({ length: 10 }, (_, i) => activity({ id: 250_000 + i, version: 3 }))
    const pages: PendingPage[] = [
      { items, total: 35, page: 2, pages: 4 },
      { items: items.slice(0, 1), total: 1, page: 1, pages: 1 },
      { items: [], total: 0, page: 1, pages: 1 },
    ]
    for (const p of pages) {
      const r = renderPending(p, caps, 'Catatan')
      const what = `page ${p.page}/${p.pages}`
      // where buttons sit under each item (Slack), each row is within the platform's; elsewhere the message is
      if (!caps.buttonsInline) expect(buttonsOf(r).length, what).toBeLessThanOrEqual(caps.maxButtons)
      for (const b of buttonsOf(r)) expect(b.label.length, `${what}: ${b.label}`).toBeLessThanOrEqual(caps.maxButtonLabel)
      adapterTakes(r, caps, what)
    }
    const labels = buttonsOf(renderPending(pages[0]!, caps)).map((b) => b.label)
    expect(labels).toContain(caps.maxButtonLabel >= 30 ? '✅ Setujui semua di halaman ini' : '✅ Setujui semua')
  })

  it('covers every kind of the union', () => {
    expect(new Set(ALL.map((m) => m.kind)).size).toBe(Object.keys(SAMPLES).length)
  })

  it('decides from capabilities: the description cut and offered where the platform cuts cards, commands typed the platform’s way', () => {
    const card: OutboxMessage = { kind: 'approval_card', activity: activity() }
    const tg = renderOutbox(card, TELEGRAM_CAPABILITIES)
    const slack = renderOutbox(card, SLACK_CAPABILITIES)
    expect(plainText(tg)).toContain(activity().description)
    expect(plainText(slack)).not.toContain(activity().description)
    expect(buttonsOf(slack).map((b) => b.action.kind)).toEqual(['decide', 'decide', 'decide', 'decide', 'fullText', 'evidence'])
    expect(buttonsOf(tg).map((b) => b.action.kind)).toEqual(['decide', 'decide', 'decide', 'decide', 'evidence'])
    const reminder: OutboxMessage = { kind: 'activity_reminder', date: '2026-11-27', final: false }
    expect(plainText(renderOutbox(reminder, TELEGRAM_CAPABILITIES))).toMatch(/\n\/lapor 08:00/)
    expect(plainText(renderOutbox(reminder, SLACK_CAPABILITIES))).toMatch(/\n\/kinerja lapor 08:00/)
  })

  it('opens a replacement with a quote of the card only where the platform cannot edit', () => {
    const noEdit = { ...TELEGRAM_CAPABILITIES, editMessages: false }
    for (const m of ALL) {
      const edited = renderOutbox(m, TELEGRAM_CAPABILITIES)
      const posted = renderOutbox(m, noEdit)
      if (edited.replaces) expect(posted.blocks[0]).toEqual({ type: 'note', text: edited.replaces.quote })
      else expect(posted.blocks).toEqual(edited.blocks)
    }
    expect(renderOutbox({ kind: 'evaluation_outcome', evaluation }, noEdit).blocks[0]).toEqual({ type: 'note', text: '↪️ Kartu penilaian Ahmad Anwar, Triwulan IV 2026' })
  })
})
