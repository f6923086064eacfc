import { describe, expect, it } from 'vitest'
import { isDomainError } from '../../src/domain/errors.js'
import { SimilarReportError } from '../../src/domain/reports.js'
import type { ActivityInput, Actor } from '../../src/domain/types.js'
import { AT, domainSetup } from './helpers.js'

const AT_ISO = new Date(AT).toISOString()

// Reports submitted at the same time are written by one group commit (src/domain/report-batch.ts): each
// keeps its own checks, against what is stored and what the same batch stores before it.

// BKPSDM-PKP: Nurhayati (kabid) supervises Andi and Salmiah
const NIP = { andi: '198603022018032015', salmiah: '197701132006012005', kabid: '197312012001012015' } as const

const line = (description: string, startMinute: number, endMinute: number): ActivityInput => ({
  date: '2026-11-27',
  startMinute,
  endMinute,
  minutes: endMinute - startMinute,
  description,
})

async function setup() {
  const s = await domainSetup()
  const [andi, salmiah, kabid] = (await Promise.all([NIP.andi, NIP.salmiah, NIP.kabid].map((nip) => s.actor(nip)))) as [Actor, Actor, Actor]
  const top = await s.db.prisma.employee.findFirstOrThrow({ where: { supervisorId: null }, select: { nip: true } })
  return { ...s, prisma: s.db.prisma, andi, salmiah, kabid, top: await s.actor(top.nip), reports: s.services.reports }
}

const refusal = (r: PromiseSettledResult<unknown>) => (r.status === 'rejected' && isDomainError(r.reason) ? r.reason.key : r.status)

describe('group commit of concurrent reports', () => {
  it('writes the reports of several people in one transaction, each with its audit entry and its card', async () => {
    const { andi, salmiah, kabid, reports, prisma } = await setup()
    const [a, b, c] = await Promise.all([
      reports.submit(andi, line('Rapat pagi', 480, 540), { sourceKey: 'telegram:1:1' }),
      reports.submit(salmiah, line('Menyusun konsep', 480, 540), { sourceKey: 'telegram:1:2' }),
      reports.submit(kabid, line('Memeriksa laporan', 480, 540)),
    ])
    const rows = await prisma.activity.findMany({ orderBy: { id: 'asc' } })
    expect(rows.map((r) => [r.id, r.employeeId, r.description, r.status, r.version, r.sourceKey])).toEqual([
      [a.id, andi.employeeId, 'Rapat pagi', 'DIAJUKAN', 1, 'telegram:1:1'],
      [b.id, salmiah.employeeId, 'Menyusun konsep', 'DIAJUKAN', 1, 'telegram:1:2'],
      [c.id, kabid.employeeId, 'Memeriksa laporan', 'DIAJUKAN', 1, null],
    ].sort((x, y) => (x[0] as number) - (y[0] as number)))
    // one batch: one instant for all three
    expect(new Set(rows.map((r) => r.createdAt.getTime())).size).toBe(1)
    // the instant as Prisma itself would have written it, on both databases
    expect(rows.map((r) => [r.createdAt.toISOString(), r.submittedAt.toISOString()])[0]).toEqual([AT_ISO, AT_ISO])
    expect(await prisma.activity.count({ where: { submittedAt: { gte: new Date(AT_ISO), lte: new Date(AT_ISO) } } })).toBe(3)
    expect(a).toMatchObject({ status: 'DIAJUKAN', version: 1, employee: { id: andi.employeeId, name: andi.name }, description: 'Rapat pagi', rhk: null, rencanaAksi: null })
    const cards = await prisma.outbox.findMany({ where: { kind: 'approval_card' }, orderBy: { id: 'asc' } })
    expect(cards.map((o) => [o.recipientId, o.topic, o.status, (JSON.parse(o.payload) as { activity: { id: number } }).activity.id]).sort()).toEqual(
      [
        [kabid.employeeId, `activity:${a.id}:v1`, 'PENDING', a.id],
        [kabid.employeeId, `activity:${b.id}:v1`, 'PENDING', b.id],
        [(await prisma.employee.findUniqueOrThrow({ where: { id: kabid.employeeId } })).supervisorId, `activity:${c.id}:v1`, 'PENDING', c.id],
      ].sort(),
    )
    const audits = await prisma.auditLog.findMany({ where: { action: 'activity.submit' } })
    expect(audits.map((x) => [x.actorId, x.entityId, x.afterStatus, x.actorPlatform]).sort()).toEqual(
      [
        [andi.employeeId, String(a.id), 'DIAJUKAN', 'telegram'],
        [salmiah.employeeId, String(b.id), 'DIAJUKAN', 'telegram'],
        [kabid.employeeId, String(c.id), 'DIAJUKAN', 'telegram'],
      ].sort(),
    )
    // a redelivery of a stored update answers with the stored activity
    const again = await reports.submit(andi, line('Rapat pagi', 480, 540), { sourceKey: 'telegram:1:1' })
    expect([again.id, again.repeated]).toEqual([a.id, true])
  })

  it('refuses an overlap with an earlier report of the same batch like one stored, and a repeat of it as the same report', async () => {
    const { andi, salmiah, reports, prisma } = await setup()
    const results = await Promise.allSettled([
      reports.submit(andi, line('Rapat pagi', 480, 600)),
      reports.submit(andi, line('Menyusun konsep', 540, 660)),
      reports.submit(andi, line('Rapat pagi', 480, 600)),
      reports.submit(salmiah, line('Entri data', 540, 660)),
    ])
    expect(results.map(refusal)).toEqual(['fulfilled', 'report.overlap', 'fulfilled', 'fulfilled'])
    const first = (results[0] as PromiseFulfilledResult<{ id: number }>).value
    const overlap = (results[1] as PromiseRejectedResult).reason as { params: Record<string, unknown> }
    expect(overlap.params).toMatchObject({ otherId: first.id, otherStartMinute: 480, otherEndMinute: 600 })
    expect((results[2] as PromiseFulfilledResult<{ id: number; repeated?: true }>).value).toMatchObject({ id: first.id, repeated: true })
    expect(await prisma.activity.count({ where: { employeeId: andi.employeeId } })).toBe(1)
    expect(await prisma.activity.count({ where: { employeeId: salmiah.employeeId } })).toBe(1)
  })

  it('fails one bad report alone: the others of the batch are stored', async () => {
    const { andi, salmiah, kabid, top, reports, prisma } = await setup()
    const results = await Promise.allSettled([
      reports.submit(andi, line('Rapat pagi', 480, 540)),
      reports.submit(top, line('Rapat pimpinan', 480, 540)),
      reports.submit(salmiah, { ...line('Besok', 480, 540), date: '2026-11-28' }),
      reports.submit(kabid, line('Memeriksa laporan', 480, 540)),
      reports.submit(salmiah, line('x'.repeat(5000), 600, 660)),
    ])
    expect(results.map(refusal)).toEqual(['fulfilled', 'report.notForSupervisorless', 'report.dateFuture', 'fulfilled', 'report.descriptionTooLong'])
    expect((await prisma.activity.findMany({ select: { employeeId: true } })).map((r) => r.employeeId).sort()).toEqual([andi.employeeId, kabid.employeeId].sort())
    expect(await prisma.outbox.count({ where: { kind: 'approval_card' } })).toBe(2)
  })

  it('asks about a similar report of the same batch, and holds it for "Kirim lagi"', async () => {
    const { andi, reports, prisma } = await setup()
    const results = await Promise.allSettled([reports.submit(andi, line('Rapat pagi', 480, 540)), reports.submit(andi, line('Rapat pagi.', 600, 660))])
    expect(results[0]!.status).toBe('fulfilled')
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(SimilarReportError)
    const held = await reports.sendHeld(andi)
    expect([held.startMinute, held.endMinute]).toEqual([600, 660])
    expect(await prisma.activity.count()).toBe(2)
  })
})
