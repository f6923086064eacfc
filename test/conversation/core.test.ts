import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { converse, type Input, type Outcome, type Reply, type Who } from '../../src/conversation/core.js'
import { plainText } from '../../src/conversation/message.js'
import { createServices } from '../../src/services.js'
import type { Actor } from '../../src/domain/types.js'
import { t } from '../../src/messages/index.js'
import { domainSetup } from '../domain/helpers.js'

// The conversation core against a real database: every flow by its inputs, no platform at all.

const NIP = { andi: '198603022018032015', kabid: '197312012001012015' } as const

const texts = (replies: Reply[]) =>
  replies.flatMap((r) => (r.type === 'message' ? [plainText(r.message)] : r.type === 'answer' && r.text ? [r.text] : []))
const last = (o: Outcome) => texts(o.replies).at(-1) ?? ''

async function setup(env: Record<string, string> = {}) {
  const s = await domainSetup({ env })
  const [andi, kabid] = (await Promise.all([s.actor(NIP.andi), s.actor(NIP.kabid)])) as [Actor, Actor]
  const who = (actor: Actor): Who => ({ platform: 'telegram', chatId: `chat-${actor.employeeId}`, externalId: actor.externalId, actor })
  const say = (actor: Actor, input: Input, services = s.services) => converse(services, who(actor), input)
  const text = (actor: Actor, x: string) => say(actor, { type: 'text', text: x })
  const stored = async (actor: Actor) => (await s.db.prisma.session.findUnique({ where: { key: `conv:telegram:chat-${actor.employeeId}` } }))?.value
  return { ...s, andi, kabid, who, say, text, stored }
}

describe('the conversation core', () => {
  it('guides a report: description → time → evidence → confirm, then stores it and answers with its receipt', async () => {
    const { andi, say, text, db } = await setup()
    expect(last(await say(andi, { type: 'command', command: 'lapor', text: '' }))).toBe(t('guided.askDescription'))
    expect(last(await text(andi, 'Menyusun laporan keuangan'))).toBe(t('guided.askTime'))
    expect(last(await text(andi, 'bukan waktu'))).toBe(t('guided.timeUnparseable', { text: 'bukan waktu' }))
    // no SKP in the fixture: no RHK step
    expect(last(await text(andi, '08:00-10:00'))).toBe(t('guided.askEvidence'))
    const summary = await text(andi, 'lewati')
    expect(last(summary)).toContain(t('guided.summaryTitle'))
    expect(last(await text(andi, 'kirim'))).toBe(t('guided.useButtons'))
    const sent = await say(andi, { type: 'action', action: { kind: 'guided', step: 'send' } })
    const receipt = sent.replies.find((r) => r.type === 'message')
    expect(receipt?.type === 'message' && receipt.receipt?.activity.description).toBe('Menyusun laporan keuangan')
    expect(sent.replies.some((r) => r.type === 'clearButtons')).toBe(true)
    expect(sent.state).toBeNull()
    expect(await db.prisma.activity.count()).toBe(1)
  })

  it('edit after Revisi: a new time keeps the description, a new description keeps the time', async () => {
    const { andi, kabid, say, text, services } = await setup()
    const a = await services.reports.submit(andi, { date: '2026-11-27', startMinute: 480, endMinute: 600, minutes: 120, description: 'Menyusun laporan' })
    // the reason is asked, then typed
    const asked = await say(kabid, { type: 'action', action: { kind: 'decide', activityId: a.id, version: 1, choice: 'rv' } })
    expect(asked.state).toMatchObject({ step: 'reason', activityId: a.id, outcome: 'REVISI' })
    expect(last(await text(kabid, ''))).toBe(t('decide.reasonEmpty'))
    const decided = await text(kabid, 'Jamnya salah')
    expect(decided.replies).toContainEqual(expect.objectContaining({ type: 'decided' }))
    expect((await services.reports.get(andi, a.id)).status).toBe('REVISI')

    expect((await say(andi, { type: 'action', action: { kind: 'edit', activityId: a.id } })).state).toEqual({ step: 'edit', activityId: a.id })
    const timeOnly = await text(andi, '09:00-11:00')
    expect(timeOnly.state).toBeNull()
    let v = await services.reports.get(andi, a.id)
    expect([v.startMinute, v.endMinute, v.description, v.status]).toEqual([540, 660, 'Menyusun laporan', 'DIAJUKAN'])

    await services.decisions.decide(kabid, { activityId: a.id, version: v.version, outcome: 'REVISI', note: 'Uraiannya kurang' })
    await say(andi, { type: 'action', action: { kind: 'edit', activityId: a.id } })
    await text(andi, 'Menyusun laporan keuangan triwulan III')
    v = await services.reports.get(andi, a.id)
    expect([v.startMinute, v.endMinute, v.description]).toEqual([540, 660, 'Menyusun laporan keuangan triwulan III'])
  })

  it('Setujui + catatan and Tolak: the note or reason is one form input as well', async () => {
    const { andi, kabid, say, services } = await setup()
    const a = await services.reports.submit(andi, { date: '2026-11-27', minutes: 60, description: 'Rapat koordinasi' })
    const b = await services.reports.submit(andi, { date: '2026-11-27', minutes: 60, description: 'Entri data pegawai' })
    const noted = await say(kabid, { type: 'form', form: { kind: 'decide', activityId: a.id, version: 1, choice: 'nt', text: 'Bagus' } })
    expect(texts(noted.replies)).toEqual([t('decide.done', { id: a.id, outcome: t('status.DISETUJUI') })])
    const empty = await say(kabid, { type: 'form', form: { kind: 'decide', activityId: b.id, version: 1, choice: 'tl', text: ' ' } })
    expect(empty.replies).toEqual([{ type: 'fieldErrors', errors: { reason: expect.objectContaining({ key: expect.any(String) }) } }])
    await say(kabid, { type: 'form', form: { kind: 'decide', activityId: b.id, version: 1, choice: 'tl', text: 'Bukan tugas jabatan' } })
    expect((await services.reports.get(andi, b.id)).status).toBe('DITOLAK')
  })

  it('feedback: a value picked, then the note', async () => {
    const { andi, kabid, say, text, db } = await setup()
    const picked = await say(kabid, { type: 'action', action: { kind: 'feedbackValue', employeeId: andi.employeeId, value: 0 } })
    expect(picked.state).toMatchObject({ step: 'feedback_note', employeeId: andi.employeeId })
    expect(last(await text(kabid, 'Pelayanan Anda sangat baik'))).toBe(t('feedback.done', { employee: andi.name }))
    expect(await db.prisma.feedback.count()).toBe(1)
  })

  it('links by code: /start, then the code; a wrong code may be typed again', async () => {
    const { services } = await setup()
    const { code } = await services.linking.issueCode(NIP.andi)
    const who: Who = { platform: 'telegram', chatId: '777', externalId: '777' }
    expect(last(await converse(services, who, { type: 'command', command: 'link', text: '' }))).toBe(t('link.askCode'))
    const wrong = await converse(services, who, { type: 'text', text: 'ZZZZ-ZZZZ' })
    expect(wrong.state).toEqual({ step: 'link_code' })
    const linked = await converse(services, who, { type: 'text', text: code })
    expect(linked.replies).toEqual([{ type: 'linked', employee: expect.objectContaining({ name: expect.any(String) }) }])
    expect(linked.state).toBeNull()
  })

  it('resumes after a restart: the state is read back from the database by new services', async () => {
    const { andi, text, say, db, clock, stored } = await setup()
    await say(andi, { type: 'command', command: 'lapor', text: '' })
    await text(andi, 'Menyusun laporan keuangan')
    expect(await stored(andi)).toContain('report_time')
    // a new process over the same database
    const restarted = createServices({ db: db.prisma, clock, cfg: loadConfig({ DATABASE_URL: db.url }, { requirePlatform: false }) })
    expect(last(await say(andi, { type: 'text', text: '08:00-10:00' }, restarted))).toBe(t('guided.askEvidence'))
  })

  it('times out: the flow is dropped, the person told once, and the input handled as if there were none', async () => {
    const { andi, text, say, clock, stored } = await setup({ CONVERSATION_TIMEOUT_MINUTES: '30' })
    await say(andi, { type: 'command', command: 'lapor', text: '' })
    clock.advance(29 * 60_000)
    expect(last(await text(andi, 'Menyusun laporan keuangan'))).toBe(t('guided.askTime'))
    clock.advance(31 * 60_000)
    const late = await text(andi, '08:00-10:00')
    expect(texts(late.replies)).toEqual([t('conversation.expired')])
    expect(late.unhandled).toBe(true)
    expect(await stored(andi)).toBeUndefined()
    // told once
    expect(texts((await text(andi, '08:00-10:00')).replies)).toEqual([])
  })

  it('/batal ends any flow; nothing to cancel otherwise', async () => {
    const { kabid, andi, say, services } = await setup()
    const a = await services.reports.submit(andi, { date: '2026-11-27', minutes: 60, description: 'Rapat koordinasi' })
    await say(kabid, { type: 'action', action: { kind: 'decide', activityId: a.id, version: 1, choice: 'tl' } })
    expect(last(await say(kabid, { type: 'command', command: 'cancel', text: '' }))).toBe(t('guided.cancelled'))
    expect(last(await say(kabid, { type: 'command', command: 'cancel', text: '' }))).toBe(t('guided.nothingToCancel'))
    expect((await services.reports.get(andi, a.id)).status).toBe('DIAJUKAN')
  })
})
