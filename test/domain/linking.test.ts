import { describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/client.js'
import { createLinkingService, hashCode, normalizeCode } from '../../src/domain/linking.js'
import type { ChatAccount } from '../../src/domain/types.js'
import { domainSetup, fixture } from './helpers.js'

const ANDI = '198603022018032015'
const SALMIAH = '197701132006012005'
const AHMAD = '199009192018121008'
const KABID = '197312012001012015'
const OTHER_KABID = '199702132021032003'

const slack = (id: string): ChatAccount => ({ platform: 'slack', externalId: id, chatId: `D${id}` })
const telegram = (id: number): ChatAccount => ({ platform: 'telegram', externalId: String(id), chatId: String(id) })

/** The fixture's employee file with an email column; `emails` by NIP, everyone else empty. */
function employeesWithEmail(emails: Record<string, string>): string {
  const [header, ...rows] = fixture('kendari-employees.csv').trimEnd().split(/\r?\n/)
  return [`${header},email`, ...rows.map((r) => `${r},${emails[r.slice(0, 18)] ?? ''}`)].join('\n')
}

describe('link codes', () => {
  it('are drawn from an alphabet without 0, O, 1, I and L, and every other letter and digit is used', async () => {
    const { services } = await domainSetup()
    const AMBIGUOUS = ['0', 'O', '1', 'I', 'L']
    const seen = new Set<string>()
    for (let i = 0; i < 200; i++) {
      const { code } = await services.linking.issueCode(AHMAD)
      expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
      for (const c of code.replace('-', '')) seen.add(c)
    }
    expect([...seen].filter((c) => AMBIGUOUS.includes(c))).toEqual([])
    // 1,600 draws: each of the 31 unambiguous characters shows up (the chance one never does is ~1e-22)
    const expected = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'].filter((c) => !AMBIGUOUS.includes(c))
    expect([...seen].sort()).toEqual(expected.sort())
    // a typed code holding one of them cannot be a code at all
    for (const c of AMBIGUOUS) expect(normalizeCode(`K7M4-PQ9${c}`)).toBeNull()
    expect(normalizeCode('k7m4 pq9x')).toBe('K7M4PQ9X')
  })

  it('for many people in one transaction: different codes, only hashes stored, each audited with who issued them; one inactive person and none is issued', async () => {
    const { services, db: { prisma: db } } = await domainSetup()
    const ids = await Promise.all([ANDI, SALMIAH, AHMAD].map(async (nip) => (await db.employee.findUniqueOrThrow({ where: { nip } })).id))
    const admin = (await db.employee.findFirstOrThrow({ where: { role: 'ADMIN' } })).id
    const issued = await services.linking.issueCodes(ids, { actorId: admin, via: 'console', detail: { unit: 'BKPSDM-PKP' } })
    expect(issued.map((i) => i.employee.nip)).toEqual([ANDI, SALMIAH, AHMAD])
    expect(new Set(issued.map((i) => i.code)).size).toBe(3)
    const rows = await db.linkCode.findMany({ orderBy: { id: 'asc' } })
    expect(rows.map((r) => [r.employeeId, r.codeHash])).toEqual(issued.map((i) => [i.employee.id, hashCode(normalizeCode(i.code)!)]))
    const trail = await db.auditLog.findMany({ where: { action: 'link_code.issue' }, orderBy: { id: 'asc' } })
    expect(trail.map((a) => [a.actorId, Number(a.entityId), JSON.parse(a.detail!).via, JSON.parse(a.detail!).unit])).toEqual(ids.map((id) => [admin, id, 'console', 'BKPSDM-PKP']))

    await db.employee.update({ where: { id: ids[1]! }, data: { active: false } })
    await expect(services.linking.issueCodes(ids)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(services.linking.issueCodes([ids[0]!, 999_999])).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await db.linkCode.count()).toBe(3)
    expect(await db.auditLog.count({ where: { action: 'link_code.issue' } })).toBe(3)
  })
})

describe('the link-code lockout', () => {
  it('runs from the failure that reached the limit and does not carry over into the next hour', async () => {
    const { services, clock } = await domainSetup()
    const { code } = await services.linking.issueCode(AHMAD)
    const account = telegram(555_101)
    for (let i = 0; i < 5; i++) {
      await expect(services.linking.redeem(account, 'ABCD-EFGH')).rejects.toMatchObject({ code: i < 4 ? 'INVALID_INPUT' : 'RATE_LIMITED' })
      clock.advance(60_000)
    }
    // the fifth was 1 minute ago: 59 minutes left
    await expect(services.linking.redeem(account, code)).rejects.toMatchObject({ key: 'link.locked', params: { minutes: 59 } })
    clock.advance(59 * 60_000)
    // the hour is over; one more failure counts alone (the earlier five are more than an hour old)
    await expect(services.linking.redeem(account, 'ABCD-EFGH')).rejects.toMatchObject({ key: 'link.invalid', params: { left: 4 } })
    expect(await services.linking.redeem(account, code)).toMatchObject({ name: 'Ahmad Anwar, S.Kep.' })
  })
})

describe('linking by e-mail (Slack users.info)', () => {
  it('stores imported addresses in lower case and matches the platform’s address whatever its case', async () => {
    const { services, db } = await domainSetup({ employeesCsv: employeesWithEmail({ [ANDI]: 'Andi.Latif@KendariKota.go.id' }) })
    const andi = await db.prisma.employee.findUniqueOrThrow({ where: { nip: ANDI } })
    expect(andi.email).toBe('andi.latif@kendarikota.go.id')
    expect(await services.linking.linkByEmail(slack('U0NEW00001'), 'andi.latif@kendarikota.go.id')).toMatchObject({ employeeId: andi.id })
    const identity = await db.prisma.chatAccount.findFirstOrThrow({ where: { chatId: { not: null }, platform: 'slack', externalId: 'U0NEW00001' } })
    expect(identity.employeeId).toBe(andi.id)
  })

  it('matches a row stored with capitals before the import lowered them, on either side', async () => {
    const { services, db } = await domainSetup()
    const salmiah = await db.prisma.employee.update({ where: { nip: SALMIAH }, data: { email: 'Salmiah.Djafar@KendariKota.go.id' } })
    expect(await services.linking.linkByEmail(slack('U0NEW00002'), ' SALMIAH.djafar@kendarikota.go.id ')).toMatchObject({ employeeId: salmiah.id })
  })

  it('links nobody when two employees share an address up to case, or when nobody has it', async () => {
    const { services, db } = await domainSetup()
    await db.prisma.employee.update({ where: { nip: KABID }, data: { email: 'Sekretariat@KendariKota.go.id' } })
    await db.prisma.employee.update({ where: { nip: OTHER_KABID }, data: { email: 'sekretariat@kendarikota.go.id' } })
    expect(await services.linking.linkByEmail(slack('U0NEW00003'), 'sekretariat@kendarikota.go.id')).toBeNull()
    expect(await services.linking.linkByEmail(slack('U0NEW00003'), 'tidak.ada@kendarikota.go.id')).toBeNull()
    expect(await services.linking.linkByEmail(slack('U0NEW00003'), '  ')).toBeNull()
    expect(await db.prisma.chatAccount.count({ where: { chatId: { not: null } } })).toBe(0)
  })
})

describe('an account the import vouched for', () => {
  it('is recognised by a first message that raced another one: one links it, the other finds the link', async () => {
    const { db, clock, services } = await domainSetup()
    const ahmad = slack('U0KDI00009')
    let raced = false
    // this message looks the account up (not linked yet), then the other message links it before this
    // one goes on to the import's entry
    const racing = new Proxy(db.prisma, {
      get(client, prop) {
        const value: unknown = Reflect.get(client, prop)
        if (prop !== 'chatAccount') return typeof value === 'function' ? value.bind(client) : value
        const model = value as Db['chatAccount']
        return new Proxy(model, {
          get(m, method) {
            const fn: unknown = Reflect.get(m, method)
            if (method !== 'findUnique' || raced) return typeof fn === 'function' ? fn.bind(m) : fn
            return async (args: Parameters<Db['chatAccount']['findUnique']>[0]) => {
              raced = true
              const before = await m.findUnique(args)
              expect((await services.linking.identify(ahmad))?.linkedNow).toBe(true)
              return before
            }
          },
        })
      },
    }) as Db
    const cfg = { codeTtlHours: 72, maxFailures: 5, lockoutMinutes: 60, defaultTimezone: 'Asia/Makassar' }
    const actor = await createLinkingService({ db: racing, clock, cfg }).identify(ahmad)
    expect(raced).toBe(true)
    expect(actor).toMatchObject({ name: 'Ahmad Anwar, S.Kep.', externalId: 'U0KDI00009' })
    expect(actor?.linkedNow).toBeUndefined()
  })
})
