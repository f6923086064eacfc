import { writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Harness } from '../helpers/app.js'
import { tempDir } from '../helpers/db.js'
import { parseAt } from '../../src/cli/commands/run-job.js'

/** Wall time in Kendari (WITA) as an instant: wita('2026-11-27T15:30'). */
export function wita(local: string): Date {
  const at = parseAt(local, 'Asia/Makassar')
  if (!at) throw new Error(`bad local time ${local}`)
  return at
}

/** Links each Telegram account the import vouched for (its first /start). */
export async function link(h: Harness, ...telegramIds: number[]): Promise<void> {
  for (const id of telegramIds) {
    h.tg.userSends(id, '/start')
    await h.tg.waitForMessageTo(id, /Selamat datang/)
  }
}

export async function employeeId(h: Harness, nip: string): Promise<number> {
  return (await h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip }, select: { id: true } })).id
}

/** An activity straight into the database (a past week is beyond what /lapor accepts). */
export async function addActivity(
  h: Harness,
  nip: string,
  a: { date: string; minutes: number; status: string; submittedAt?: Date },
): Promise<number> {
  const row = await h.app.db.prisma.activity.create({
    data: {
      employeeId: await employeeId(h, nip),
      date: a.date,
      minutes: a.minutes,
      description: `Kegiatan ${a.date}`,
      status: a.status,
      submittedAt: a.submittedAt ?? wita(`${a.date}T10:00`),
    },
    select: { id: true },
  })
  return row.id
}

/** Writes a CSV into a temp folder (removed after the test) and returns its path. */
export function csvFile(name: string, lines: string[]): string {
  const file = path.join(tempDir(), name)
  writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

/** The outbox rows of one kind, payloads parsed, oldest first. */
export async function outboxOf(h: Harness, kind: string) {
  const rows = await h.app.db.prisma.outbox.findMany({ where: { kind }, orderBy: { id: 'asc' } })
  return rows.map((r) => ({ ...r, message: JSON.parse(r.payload) as Record<string, unknown> }))
}
