import path from 'node:path'
import type { Actor } from '../../../src/domain/types.js'
import { FIXTURES, people, type Harness } from '../../helpers/app.js'
import { employeeId, link, wita } from '../../scheduler/helpers.js'

export const SKP_FIXTURE = path.join(FIXTURES, 'kendari-skp-2026.csv')
/** More people of the fixture organisation (all invented). */
export const more = {
  ahmadSudirman: { nip: '199107272020011015', telegram: 700000064, name: 'Ahmad Sudirman' },
  waOde: { nip: '197406162008012010', name: 'Wa Ode Tamrin, S.E.' },
  sekda: { nip: '197312251996012011', telegram: 700000001, name: 'Yuliana Halim, A.Md.' },
} as const

/** An activity straight into the database (November is past what /lapor accepts on 1 December). */
export async function addRhkActivity(
  h: Harness,
  nip: string,
  a: { date: string; minutes: number; status: string; rhk?: string; evidence?: { kind: string; ref: string; name?: string } },
): Promise<number> {
  const employee = await employeeId(h, nip)
  const rhk = a.rhk ? await h.app.db.prisma.rhk.findFirstOrThrow({ where: { code: a.rhk, skp: { employeeId: employee } } }) : null
  const row = await h.app.db.prisma.activity.create({
    data: {
      employeeId: employee,
      date: a.date,
      minutes: a.minutes,
      description: `Kegiatan ${a.rhk ?? 'umum'} ${a.date}`,
      status: a.status,
      rhkId: rhk?.id ?? null,
      submittedAt: wita(`${a.date}T10:00`),
      ...(a.evidence ? { evidenceKind: a.evidence.kind, evidenceRef: a.evidence.ref, evidenceName: a.evidence.name ?? null } : {}),
    },
    select: { id: true },
  })
  return row.id
}

/** The actor a use case sees for a person on Telegram (services tests outside the chat). */
export async function actorOf(h: Harness, nip: string): Promise<Actor> {
  const e = await h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip }, include: { accounts: { where: { platform: 'telegram' } } } })
  return { employeeId: e.id, name: e.name, role: e.role as Actor['role'], timezone: 'Asia/Makassar', platform: 'telegram', externalId: String(e.accounts[0]?.externalId ?? e.id) }
}

/**
 * November's evidence for the BKPSDM-PKP team, then the round of 1 December (Tuesday, the first work day):
 * returns the evaluation id of each person by NIP.
 */
export async function novemberRound(h: Harness): Promise<Map<string, number>> {
  await h.cli('import-skp', SKP_FIXTURE)
  await link(h, people.kabid.telegram, people.andi.telegram, people.salmiah.telegram, people.kaban.telegram, more.ahmadSudirman.telegram)
  await addRhkActivity(h, people.andi.nip, { date: '2026-11-10', minutes: 240, status: 'DISETUJUI', rhk: 'RHK-1', evidence: { kind: 'link', ref: 'https://drive.example.id/analisis-okt.pdf' } })
  await addRhkActivity(h, people.andi.nip, { date: '2026-11-11', minutes: 180, status: 'DISETUJUI', rhk: 'RHK-2', evidence: { kind: 'document', ref: 'tg-doc-1', name: 'verifikasi.xlsx' } })
  await addRhkActivity(h, people.andi.nip, { date: '2026-11-12', minutes: 60, status: 'DITOLAK', rhk: 'RHK-2' })
  await addRhkActivity(h, people.andi.nip, { date: '2026-11-13', minutes: 90, status: 'DISETUJUI' })
  await addRhkActivity(h, people.salmiah.nip, { date: '2026-11-10', minutes: 300, status: 'DISETUJUI', rhk: 'RHK-1' })
  await addRhkActivity(h, more.ahmadSudirman.nip, { date: '2026-11-10', minutes: 120, status: 'REVISI', rhk: 'RHK-1' })
  await h.app.dispatcher.runOnce()
  h.clock.set(wita('2026-12-01T08:00'))
  const outcome = await h.app.scheduler.run('evaluation-round', h.clock.now(), 'cron')
  if (outcome.status !== 'done') throw new Error(`round did not run: ${outcome.status}`)
  const rows = await h.app.db.prisma.evaluation.findMany({ where: { period: '2026-11' }, select: { id: true, employee: { select: { nip: true } } } })
  return new Map(rows.map((r) => [r.employee.nip, r.id]))
}
