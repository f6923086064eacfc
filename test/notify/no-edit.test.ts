import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/index.js'
import { plainText } from '../../src/conversation/message.js'
import { renderOutbox } from '../../src/conversation/render.js'
import { systemClock } from '../../src/domain/clock.js'
import { enqueue, replaceCards } from '../../src/domain/outbox.js'
import type { ActivityView, OutboxMessage } from '../../src/domain/types.js'
import { createLogger } from '../../src/logger.js'
import { createDispatcher } from '../../src/notify/dispatcher.js'
import type { Notifier } from '../../src/notify/types.js'
import { TELEGRAM_CAPABILITIES } from '../../src/platforms/telegram/message.js'
import { FIXTURES } from '../helpers/app.js'
import { openTestDb } from '../helpers/db.js'
import { giveChats } from './helpers.js'

const activity = (over: Partial<ActivityView> = {}): ActivityView => ({
  id: 12,
  version: 1,
  employee: { id: 3, name: 'Ahmad Anwar', position: 'Analis SDM Aparatur', unit: 'Bidang PKP' },
  date: '2026-11-27',
  startMinute: 480,
  endMinute: 630,
  minutes: 150,
  description: 'Menyusun laporan',
  evidence: null,
  status: 'DIAJUKAN',
  timezone: 'Asia/Makassar',
  ...over,
})

/** A platform like Telegram that cannot change a message once sent (WhatsApp's case): it records what it was asked to do. */
function noEditNotifier() {
  const sent: { chatId: string; text: string; buttons: string[] }[] = []
  const edits: string[] = []
  const capabilities = { ...TELEGRAM_CAPABILITIES, editMessages: false }
  const notifier: Notifier = {
    platform: 'telegram',
    capabilities,
    send(chatId: string, message: OutboxMessage) {
      const m = renderOutbox(message, capabilities)
      sent.push({ chatId, text: plainText(m), buttons: m.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons.map((x) => x.label) : [])) })
      return Promise.resolve({ messageId: `m${sent.length}` })
    },
    edit(_chatId: string, messageId: string) {
      edits.push(messageId)
      return Promise.reject(new Error('this platform cannot edit'))
    },
  }
  return { notifier, sent, edits }
}

describe('dispatcher: a platform that cannot edit', () => {
  it('posts the outcome of a card as a new message quoting the card, instead of editing it', async () => {
    const db = await openTestDb()
    const io = { env: { DATABASE_URL: db.url }, stdout: () => {}, stderr: () => {} }
    expect(await runCli(['import-org', '--create', path.join(FIXTURES, 'kendari-units.csv'), path.join(FIXTURES, 'kendari-employees.csv')], io)).toBe(0)
    const [supervisor] = await giveChats(db.prisma, 1, 870_000)
    const { notifier, sent, edits } = noEditNotifier()
    const dispatcher = createDispatcher({
      db: db.prisma,
      clock: systemClock,
      notifiers: [notifier],
      log: createLogger({ LOG_LEVEL: 'silent', LOG_PRETTY: 'false' }),
      cfg: { pollMs: 50, maxAttempts: 3 },
      instanceId: 'no-edit',
    })

    const card = await db.prisma.$transaction((tx) =>
      enqueue(tx, { recipientId: supervisor!.employeeId, message: { kind: 'approval_card', activity: activity() }, topic: 'card:12:1', at: new Date() }),
    )
    await dispatcher.runOnce()
    expect(sent).toHaveLength(1)
    expect(sent[0]!.buttons).toContain('✅ Setujui')

    // the decision replaces every delivered card, as decisions.decide does
    const decided = activity({ status: 'DISETUJUI', decision: { outcome: 'DISETUJUI', by: 'Nurhayati Ramli', at: '2026-11-27T02:00:00Z', note: null, feedback: null } })
    await db.prisma.$transaction((tx) => replaceCards(tx, { topic: 'card:12:1', kind: 'approval_card', message: { kind: 'approval_outcome', activity: decided }, at: new Date() }))
    await dispatcher.runOnce()

    expect(edits).toEqual([])
    expect(sent).toHaveLength(2)
    const outcome = sent[1]!
    expect(outcome.chatId).toBe(String(supervisor!.chat))
    expect(outcome.text.split('\n')[0]).toBe('↪️ Kartu laporan #12')
    expect(outcome.text).toMatch(/Disetujui oleh Nurhayati Ramli/)
    expect(outcome.buttons).toEqual([])
    const rows = await db.prisma.outbox.findMany({ where: { recipientId: supervisor!.employeeId }, orderBy: { id: 'asc' } })
    expect(rows.map((r) => [r.kind, r.status, r.platformMessageId])).toEqual([
      ['approval_card', 'SENT', 'm1'],
      ['approval_outcome', 'SENT', 'm2'],
    ])
    expect(rows[1]!.replacesId).toBe(card)
  })

  it('edits in place where the platform can, without the quote', () => {
    const decided = activity({ status: 'DITOLAK', decision: { outcome: 'DITOLAK', by: 'N', at: '2026-11-27T02:00:00Z', note: 'x', feedback: null } })
    const text = plainText(renderOutbox({ kind: 'approval_outcome', activity: decided }, TELEGRAM_CAPABILITIES))
    expect(text).not.toMatch(/↪️/)
    expect(text.split('\n')[0]).toBe('Laporan kegiatan #12')
  })
})
