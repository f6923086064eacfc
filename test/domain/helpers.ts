import { readFileSync } from 'node:fs'
import { importOrg } from '../../src/admin/import-org.js'
import { loadConfig } from '../../src/config.js'
import { fixedClock } from '../../src/domain/clock.js'
import { createServices } from '../../src/services.js'
import type { Actor } from '../../src/domain/types.js'
import { openTestDb } from '../helpers/db.js'

export const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')

/** Friday 27 November 2026, 17:00 WITA: the day (and hour) the platform tests run on too. */
export const AT = '2026-11-27T09:00:00Z'

/**
 * The domain services over a fresh database of their own with the fixture organisation imported (or the
 * given employee file): no platform, no dispatcher; outbox rows stay where the use cases put them.
 */
export async function domainSetup(opts: { env?: Record<string, string>; employeesCsv?: string } = {}) {
  const db = await openTestDb()
  const clock = fixedClock(AT)
  const imported = await importOrg(db.prisma, {
    unitsCsv: fixture('kendari-units.csv'),
    employeesCsv: opts.employeesCsv ?? fixture('kendari-employees.csv'),
    today: '2026-11-27',
    at: clock.now(),
  })
  if (!imported.ok) throw new Error(`fixture import failed: ${JSON.stringify(imported.errors)}`)
  const cfg = loadConfig({ DATABASE_URL: db.url, ...opts.env }, { requirePlatform: false })
  const services = createServices({ db: db.prisma, clock, cfg })

  /** An employee of the fixture as an actor on Telegram (the use cases authorize by employee id). */
  async function actor(nip: string): Promise<Actor> {
    const e = await db.prisma.employee.findUniqueOrThrow({ where: { nip }, include: { accounts: { where: { platform: 'telegram' } } } })
    return {
      employeeId: e.id,
      name: e.name,
      role: e.role as Actor['role'],
      timezone: e.timezone ?? cfg.TZ_DEFAULT,
      platform: 'telegram',
      externalId: e.accounts[0]?.externalId ?? `tg-${nip}`,
    }
  }
  return { db, clock, services, actor }
}
