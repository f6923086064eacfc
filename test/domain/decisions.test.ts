import { describe, expect, it } from 'vitest'
import { isDomainError } from '../../src/domain/errors.js'
import type { ActivityInput, Actor } from '../../src/domain/types.js'
import { tStored } from '../../src/messages/index.js'
import { domainSetup } from './helpers.js'

// BKPSDM-PKP: Nurhayati supervises Andi and Salmiah; Sukri supervises Nurhayati; Sri heads another unit
const NIP = {
  andi: '198603022018032015',
  salmiah: '197701132006012005',
  kabid: '197312012001012015',
  kaban: '198012122003121004',
  otherKabid: '199702132021032003',
} as const

const line = (description = 'Menyusun laporan keuangan', startMinute = 480, endMinute = 600): ActivityInput => ({
  date: '2026-11-27',
  startMinute,
  endMinute,
  minutes: endMinute - startMinute,
  description,
})

async function setup() {
  const s = await domainSetup()
  const [andi, salmiah, kabid, kaban, otherKabid] = await Promise.all(
    [NIP.andi, NIP.salmiah, NIP.kabid, NIP.kaban, NIP.otherKabid].map((nip) => s.actor(nip)),
  ) as [Actor, Actor, Actor, Actor, Actor]
  const { reports, decisions } = s.services
  const prisma = s.db.prisma
  /** Everything a refusal must leave alone: activities, decisions, the outbox. */
  const snapshot = async () => ({
    activities: await prisma.activity.findMany({ orderBy: { id: 'asc' } }),
    decisions: await prisma.decision.findMany({ orderBy: { id: 'asc' } }),
    outbox: await prisma.outbox.findMany({ orderBy: { id: 'asc' }, select: { id: true, kind: true, status: true, topic: true, replacesId: true } }),
  })
  const audits = (id: number) =>
    prisma.auditLog
      .findMany({ where: { entity: 'activity', entityId: String(id) }, orderBy: { id: 'asc' } })
      .then((rows) => rows.map((a) => `${a.action}:${a.beforeStatus ?? ''}>${a.afterStatus ?? ''}`))
  /** Pretends the dispatcher delivered every approval card so far (as the platform would after sending). */
  const deliverCards = () => prisma.outbox.updateMany({ where: { kind: 'approval_card', status: 'PENDING' }, data: { status: 'SENT', platform: 'telegram', chatId: '1', platformMessageId: '1' } })
  return { ...s, prisma, andi, salmiah, kabid, kaban, otherKabid, reports, decisions, snapshot, audits, deliverCards }
}

describe('status transitions through the report and decision services', () => {
  it('DIAJUKAN → DISETUJUI / REVISI / DITOLAK by the current supervisor, each recorded with a decision and an audit entry', async () => {
    const { andi, kabid, reports, decisions, prisma, audits } = await setup()
    const a = await reports.submit(andi, line('Rapat pagi', 480, 540))
    const b = await reports.submit(andi, line('Menyusun konsep', 540, 600))
    const c = await reports.submit(andi, line('Entri data', 600, 660))
    expect([a.status, a.version]).toEqual(['DIAJUKAN', 1])

    expect((await decisions.decide(kabid, { activityId: a.id, version: 1, outcome: 'DISETUJUI', feedback: 'Bagus' })).status).toBe('DISETUJUI')
    expect((await decisions.decide(kabid, { activityId: b.id, version: 1, outcome: 'REVISI', note: 'Lengkapi' })).status).toBe('REVISI')
    expect((await decisions.decide(kabid, { activityId: c.id, outcome: 'DITOLAK', note: 'Bukan tugas jabatan' })).status).toBe('DITOLAK')

    const rows = await prisma.activity.findMany({ orderBy: { id: 'asc' }, include: { decisions: true } })
    expect(rows.map((r) => [r.status, r.decidedById, r.decisionNote, r.decisions.map((d) => [d.outcome, d.deciderId, d.version])])).toEqual([
      ['DISETUJUI', kabid.employeeId, null, [['DISETUJUI', kabid.employeeId, 1]]],
      ['REVISI', kabid.employeeId, 'Lengkapi', [['REVISI', kabid.employeeId, 1]]],
      ['DITOLAK', kabid.employeeId, 'Bukan tugas jabatan', [['DITOLAK', kabid.employeeId, 1]]],
    ])
    expect(rows[0]!.decisions[0]!.feedback).toBe('Bagus')
    expect(await audits(b.id)).toEqual(['activity.submit:>DIAJUKAN', 'activity.decide:DIAJUKAN>REVISI'])
    // the employee is told each outcome through the outbox
    expect(await prisma.outbox.count({ where: { kind: 'decision_notice', recipientId: andi.employeeId } })).toBe(3)
  })

  it('REVISI → DIAJUKAN by the author’s edit: a new version with the decision cleared and a fresh card; the decided card is left alone', async () => {
    const { andi, kabid, reports, decisions, prisma, audits, deliverCards } = await setup()
    const a = await reports.submit(andi, line())
    await deliverCards()
    await decisions.decide(kabid, { activityId: a.id, version: 1, outcome: 'REVISI', note: 'Sebutkan nama laporannya' })
    const edited = await reports.edit(andi, a.id, line('Menyusun laporan keuangan triwulan III'))
    expect(edited).toMatchObject({ status: 'DIAJUKAN', version: 2, description: 'Menyusun laporan keuangan triwulan III' })
    const row = await prisma.activity.findUniqueOrThrow({ where: { id: a.id } })
    expect(row).toMatchObject({ status: 'DIAJUKAN', version: 2, decidedAt: null, decidedById: null, decisionNote: null })
    expect(await audits(a.id)).toEqual(['activity.submit:>DIAJUKAN', 'activity.decide:DIAJUKAN>REVISI', 'activity.edit:REVISI>DIAJUKAN'])
    const outbox = await prisma.outbox.findMany({ where: { recipientId: kabid.employeeId }, orderBy: { id: 'asc' }, select: { kind: true, topic: true, replacesId: true } })
    // card v1, its outcome (Revisi) replacing it, then a fresh card v2 — no "updated by the employee" over the outcome
    expect(outbox.map((o) => o.kind)).toEqual(['approval_card', 'approval_outcome', 'approval_card'])
    expect(outbox[2]!.topic).toBe(`activity:${a.id}:v2`)
    expect(outbox[2]!.replacesId).toBeNull()
  })

  it('an edit of a still undecided activity supersedes its delivered card and sends a fresh one', async () => {
    const { andi, kabid, reports, prisma, deliverCards } = await setup()
    const a = await reports.submit(andi, line())
    await deliverCards()
    const card = await prisma.outbox.findFirstOrThrow({ where: { kind: 'approval_card' } })
    await reports.edit(andi, a.id, line('Menyusun laporan keuangan bulanan', 540, 660))
    const outbox = await prisma.outbox.findMany({ where: { recipientId: kabid.employeeId }, orderBy: { id: 'asc' } })
    expect(outbox.map((o) => [o.kind, o.replacesId, o.topic])).toEqual([
      ['approval_card', null, `activity:${a.id}:v1`],
      ['approval_superseded', card.id, null],
      ['approval_card', null, `activity:${a.id}:v2`],
    ])
  })

  it('DIAJUKAN → DITARIK and REVISI → DITARIK by the author’s withdrawal', async () => {
    const { andi, kabid, reports, decisions, prisma, audits, deliverCards } = await setup()
    const a = await reports.submit(andi, line('Rapat pagi', 480, 540))
    const b = await reports.submit(andi, line('Menyusun konsep', 540, 600))
    await deliverCards()
    await decisions.decide(kabid, { activityId: b.id, outcome: 'REVISI', note: 'Lengkapi' })
    expect((await reports.withdraw(andi, a.id)).status).toBe('DITARIK')
    expect((await reports.withdraw(andi, b.id)).status).toBe('DITARIK')
    expect(await audits(a.id)).toEqual(['activity.submit:>DIAJUKAN', 'activity.withdraw:DIAJUKAN>DITARIK'])
    expect(await audits(b.id)).toEqual(['activity.submit:>DIAJUKAN', 'activity.decide:DIAJUKAN>REVISI', 'activity.withdraw:REVISI>DITARIK'])
    // the undecided card says it was withdrawn; the decided one keeps its Revisi outcome
    const superseded = await prisma.outbox.findMany({ where: { kind: 'approval_superseded' } })
    expect(superseded.map((o) => (JSON.parse(o.payload) as { activity: { id: number } }).activity.id)).toEqual([a.id])
    // a withdrawn activity frees its time
    expect((await reports.submit(andi, line('Rapat pagi (ulang)', 480, 540))).status).toBe('DIAJUKAN')
  })
})

describe('refusals change nothing', () => {
  it('deciding an activity already decided or withdrawn', async () => {
    const { andi, kabid, reports, decisions, snapshot, prisma } = await setup()
    const ids: number[] = []
    for (const [i, outcome] of (['DISETUJUI', 'REVISI', 'DITOLAK'] as const).entries()) {
      const a = await reports.submit(andi, line(`Kegiatan ${i}`, 480 + i * 60, 540 + i * 60))
      await decisions.decide(kabid, { activityId: a.id, outcome, note: 'alasan' })
      ids.push(a.id)
    }
    const withdrawn = await reports.submit(andi, line('Ditarik', 900, 960))
    await reports.withdraw(andi, withdrawn.id)
    ids.push(withdrawn.id)
    const before = await snapshot()
    const statuses = ['DISETUJUI', 'REVISI', 'DITOLAK', 'DITARIK']
    const labels = ['Disetujui', 'Perlu revisi', 'Ditolak', 'Ditarik']
    for (const [i, id] of ids.entries()) {
      for (const outcome of ['DISETUJUI', 'REVISI', 'DITOLAK'] as const) {
        // a withdrawn one says so, not "already decided (Ditarik)"
        const refusal = await decisions.decide(kabid, { activityId: id, outcome, note: 'lagi' }).then(() => null, (e: unknown) => e)
        expect(refusal).toMatchObject(
          labels[i] === 'Ditarik'
            ? { code: 'INVALID_STATE', key: 'error.withdrawn', params: { id } }
            : { code: 'INVALID_STATE', key: 'error.alreadyDecided', params: { status: statuses[i] } },
        )
        // the refusal carries the status; the catalogue words it
        if (labels[i] !== 'Ditarik' && isDomainError(refusal)) expect(tStored(refusal)).toContain(`(${labels[i]})`)
      }
      await expect(decisions.assertCanDecide(kabid, id)).rejects.toMatchObject({ code: 'INVALID_STATE' })
    }
    expect(await snapshot()).toEqual(before)
    expect(await prisma.auditLog.count({ where: { action: 'activity.decide.denied' } })).toBe(ids.length * 4)
  })

  it('anyone but the current supervisor deciding: another unit’s head, a colleague, the supervisor’s own supervisor, the author', async () => {
    const { andi, salmiah, kaban, otherKabid, reports, decisions, snapshot, prisma } = await setup()
    const a = await reports.submit(andi, line())
    const before = await snapshot()
    for (const who of [otherKabid, salmiah, kaban, andi]) {
      for (const outcome of ['DISETUJUI', 'REVISI', 'DITOLAK'] as const) {
        await expect(decisions.decide(who, { activityId: a.id, version: 1, outcome, note: 'x' })).rejects.toMatchObject({
          code: 'FORBIDDEN',
          key: 'error.notAuthorSupervisor',
        })
      }
      await expect(decisions.assertCanDecide(who, a.id, 1)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      // "Setujui semua" skips what the clicker may not decide
      expect(await decisions.approveMany(who, [a.id])).toEqual({ approved: [], skipped: [a.id] })
    }
    expect(await snapshot()).toEqual(before)
    const denied = await prisma.auditLog.findMany({ where: { action: 'activity.decide.denied', entityId: String(a.id) } })
    expect(denied).toHaveLength(4 * 5)
    expect(new Set(denied.map((d) => d.actorId))).toEqual(new Set([otherKabid, salmiah, kaban, andi].map((w) => w.employeeId)))
  })

  it('editing or withdrawing someone else’s activity, even as their supervisor', async () => {
    const { andi, salmiah, kabid, reports, snapshot, prisma } = await setup()
    const a = await reports.submit(andi, line())
    const before = await snapshot()
    for (const who of [salmiah, kabid]) {
      await expect(reports.edit(who, a.id, line('Diubah orang lain'))).rejects.toMatchObject({ code: 'FORBIDDEN', key: 'error.notAuthor' })
      await expect(reports.editable(who, a.id)).rejects.toMatchObject({ code: 'FORBIDDEN', key: 'error.notAuthor' })
      await expect(reports.withdraw(who, a.id)).rejects.toMatchObject({ code: 'FORBIDDEN', key: 'error.notAuthor' })
    }
    expect(await snapshot()).toEqual(before)
    expect(await prisma.auditLog.count({ where: { action: { in: ['activity.edit.denied', 'activity.withdraw.denied'] } } })).toBe(6)
  })

  it('editing or withdrawing once decided (approved, rejected) or withdrawn', async () => {
    const { andi, kabid, reports, decisions, snapshot } = await setup()
    const approved = await reports.submit(andi, line('Disetujui', 480, 540))
    const rejected = await reports.submit(andi, line('Ditolak', 540, 600))
    const withdrawn = await reports.submit(andi, line('Ditarik', 600, 660))
    await decisions.decide(kabid, { activityId: approved.id, outcome: 'DISETUJUI' })
    await decisions.decide(kabid, { activityId: rejected.id, outcome: 'DITOLAK', note: 'x' })
    await reports.withdraw(andi, withdrawn.id)
    const before = await snapshot()
    for (const [id, status, label] of [[approved.id, 'DISETUJUI', 'Disetujui'], [rejected.id, 'DITOLAK', 'Ditolak'], [withdrawn.id, 'DITARIK', 'Ditarik']] as const) {
      const refusal = await reports.edit(andi, id, line('Diubah', 700, 720)).then(() => null, (e: unknown) => e)
      expect(refusal).toMatchObject({ code: 'INVALID_STATE', key: 'error.notEditable', params: { status } })
      expect(isDomainError(refusal) && tStored(refusal)).toBe(`Laporan berstatus ${label} tidak dapat diubah atau ditarik lagi.`)
      await expect(reports.withdraw(andi, id)).rejects.toMatchObject({ code: 'INVALID_STATE', key: 'error.notEditable' })
    }
    expect(await snapshot()).toEqual(before)
  })

  it('a decision on a stale version (the employee changed the activity since the card was sent)', async () => {
    const { andi, kabid, reports, decisions, snapshot } = await setup()
    const a = await reports.submit(andi, line())
    await reports.edit(andi, a.id, line('Menyusun laporan keuangan bulanan'))
    const before = await snapshot()
    for (const outcome of ['DISETUJUI', 'REVISI', 'DITOLAK'] as const) {
      await expect(decisions.decide(kabid, { activityId: a.id, version: 1, outcome, note: 'x' })).rejects.toMatchObject({
        code: 'INVALID_STATE',
        key: 'error.staleButton',
      })
    }
    await expect(decisions.assertCanDecide(kabid, a.id, 1)).rejects.toMatchObject({ key: 'error.staleButton' })
    expect(await snapshot()).toEqual(before)
    // the current version can be decided
    expect((await decisions.decide(kabid, { activityId: a.id, version: 2, outcome: 'DISETUJUI' })).status).toBe('DISETUJUI')
  })

  it('Revisi or Tolak without a reason, and an unknown activity', async () => {
    const { andi, kabid, reports, decisions, snapshot, prisma } = await setup()
    const a = await reports.submit(andi, line())
    const before = await snapshot()
    for (const outcome of ['REVISI', 'DITOLAK'] as const) {
      for (const note of [undefined, '', '   ']) {
        await expect(decisions.decide(kabid, { activityId: a.id, outcome, ...(note === undefined ? {} : { note }) })).rejects.toMatchObject({
          code: 'INVALID_INPUT',
          key: 'decide.reasonEmpty',
        })
      }
    }
    await expect(decisions.decide(kabid, { activityId: 999_999, outcome: 'DISETUJUI' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(reports.withdraw(andi, 999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await snapshot()).toEqual(before)
    // wrong input is not a denied attempt; an unknown id is
    expect(await prisma.auditLog.count({ where: { action: { endsWith: '.denied' } } })).toBe(2)
  })
})
