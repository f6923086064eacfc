import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../helpers/app.js'
import { supervisorOpenedBot } from '../platforms/telegram/supervisor-opened.js'

const DAY = 86_400_000

describe('housekeeping', () => {
  it('removes technical records older than the retention and keeps everything newer and everything a person did', async () => {
    const h = await startHarness({ env: { HOUSEKEEPING_RETENTION_DAYS: '30' } })
    const db = h.app.db.prisma
    await supervisorOpenedBot(h)
    // real traffic first: a report (a processed update, an activity, an audit entry, an outbox row)
    h.tg.userSends(people.andi.telegram, '/lapor 08:00-09:00 Rapat koordinasi')
    await h.tg.waitForMessageTo(people.andi.telegram, /terkirim/)
    const now = h.clock.now().getTime()
    const old = new Date(now - 31 * DAY)
    const recent = new Date(now - 29 * DAY)
    const andi = await db.employee.findFirstOrThrow({ where: { accounts: { some: { externalId: String(people.andi.telegram) } } } })
    await db.processedUpdate.createMany({ data: [{ platform: 'telegram', updateKey: 'old', at: old }, { platform: 'slack', updateKey: 'recent', at: recent }] })
    await db.linkAttempt.createMany({ data: [{ platform: 'telegram', externalId: '1', at: old }, { platform: 'telegram', externalId: '2', at: recent }] })
    await db.linkCode.createMany({
      data: [
        { employeeId: andi.id, codeHash: 'used-long-ago', expiresAt: old, usedAt: old },
        { employeeId: andi.id, codeHash: 'expired-long-ago', expiresAt: old },
        { employeeId: andi.id, codeHash: 'used-recently', expiresAt: recent, usedAt: recent },
        { employeeId: andi.id, codeHash: 'still-valid', expiresAt: new Date(now + DAY) },
      ],
    })
    await db.jobRun.create({ data: { job: 'approval-reminder', period: '2026-10-01', dueAt: old, trigger: 'cron', startedAt: old, finishedAt: old } })
    // an old grammY session (a plain chat id), a conversation left past its expiry, and one under way
    const state = (expiresAt: number) => JSON.stringify({ state: { step: 'report_description', draft: {} }, expiresAt: new Date(expiresAt).toISOString() })
    await db.session.createMany({
      data: [
        { key: String(people.andi.telegram), value: '{"step":"idle"}' },
        { key: 'conv:telegram:1', value: state(now - 60_000) },
        { key: 'conv:slack:U1', value: state(now + 60_000) },
      ],
    })
    // the console: sign-in requests, links and sessions, ended long ago or still of use
    await db.consoleAttempt.createMany({ data: [{ key: 'nip:old', at: old }, { key: 'nip:recent', at: recent }] })
    await db.consoleSignIn.createMany({
      data: [
        { employeeId: andi.id, tokenHash: 'link-old', createdAt: old, expiresAt: old },
        { employeeId: andi.id, tokenHash: 'link-recent', createdAt: recent, expiresAt: recent },
      ],
    })
    const session = (tokenHash: string, expiresAt: Date, revokedAt: Date | null) => ({ tokenHash, employeeId: andi.id, csrfToken: 'x', createdAt: old, lastSeenAt: old, expiresAt, revokedAt })
    await db.consoleSession.createMany({
      data: [session('expired-old', old, null), session('revoked-old', new Date(now + DAY), old), session('revoked-recent', new Date(now + DAY), recent), session('open', new Date(now + DAY), null)],
    })
    const before = { activities: await db.activity.count(), audit: await db.auditLog.count(), outbox: await db.outbox.count(), updates: await db.processedUpdate.count() }

    expect(await h.app.scheduler.run('housekeeping', h.clock.now(), 'manual')).toMatchObject({ status: 'done' })

    expect(await db.processedUpdate.count()).toBe(before.updates - 1)
    expect(await db.processedUpdate.findFirst({ where: { updateKey: 'old' } })).toBeNull()
    expect((await db.linkAttempt.findMany()).map((a) => a.externalId)).toEqual(['2'])
    expect((await db.linkCode.findMany({ orderBy: { codeHash: 'asc' } })).map((c) => c.codeHash).filter((c) => !/^[0-9a-f]{64}$/.test(c))).toEqual(['still-valid', 'used-recently'])
    // the old run is gone, the one just recorded stays
    expect((await db.jobRun.findMany()).map((r) => r.job)).toEqual(['housekeeping'])
    expect((await db.session.findMany()).map((r) => r.key)).toEqual(['conv:slack:U1'])
    expect((await db.consoleAttempt.findMany()).map((a) => a.key)).toEqual(['nip:recent'])
    expect((await db.consoleSignIn.findMany()).map((l) => l.tokenHash)).toEqual(['link-recent'])
    expect((await db.consoleSession.findMany({ orderBy: { tokenHash: 'asc' } })).map((x) => x.tokenHash)).toEqual(['open', 'revoked-recent'])
    expect({ activities: await db.activity.count(), audit: await db.auditLog.count(), outbox: await db.outbox.count() }).toEqual({
      activities: before.activities,
      audit: before.audit,
      outbox: before.outbox,
    })
    expect(h.logs.join('')).toContain('housekeeping: old technical records removed')
  })
})
