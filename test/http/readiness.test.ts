import { renameSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { sqliteFile } from '../../src/db/client.js'
import { startHarness, type Harness } from '../helpers/app.js'
import { onPostgres, tempDatabaseUrl } from '../helpers/db.js'
import { eventually } from '../helpers/wait.js'
import { enqueueNumbered, giveChats } from '../notify/helpers.js'

const INSTANCE = 'kinerja-ready-1'

/** The database going away and coming back, as the app sees it. */
interface Outage {
  /** Extra environment for the app (where it finds the database). */
  env: Record<string, string>
  cut(h: Harness): Promise<void>
  restore(): Promise<void>
}

const restores: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const restore of restores.splice(0)) await restore()
})

/**
 * PostgreSQL behind a TCP relay the test can pull: cutting it drops every open connection and refuses new
 * ones (the server down, or the network to it), restoring it listens on the same port again.
 */
async function postgresOutage(): Promise<Outage> {
  const url = new URL(tempDatabaseUrl())
  const target = { host: url.hostname, port: Number(url.port || 5432) }
  const sockets = new Set<net.Socket>()
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host)
    const drop = () => {
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
    }
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('error', drop).on('close', drop)
    }
    client.pipe(upstream).pipe(client)
  })
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  await listen(0)
  const port = (server.address() as net.AddressInfo).port
  url.hostname = '127.0.0.1'
  url.port = String(port)
  let down = false
  const restore = async () => {
    if (!down) return
    down = false
    await listen(port)
  }
  restores.push(async () => {
    await restore()
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      for (const s of sockets) s.destroy()
    })
  })
  return {
    env: { DATABASE_URL: url.toString() },
    async cut() {
      down = true
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const s of sockets) s.destroy()
      })
    },
    restore,
  }
}

/**
 * SQLite whose folder goes away (a volume unmounted): the app's connection is closed, and opening it again
 * fails until the folder is back.
 */
function sqliteOutage(): Outage {
  let away: { dir: string; moved: string } | undefined
  const restore = async () => {
    if (!away) return
    renameSync(away.moved, away.dir)
    away = undefined
  }
  restores.push(restore)
  return {
    env: {},
    async cut(h) {
      const dir = path.dirname(sqliteFile(h.databaseUrl))
      away = { dir, moved: `${dir}-away` }
      // moved first: whatever opens the database after the close below finds nothing
      renameSync(dir, away.moved)
      await h.app.db.close()
    },
    restore,
  }
}

const get = async (h: Harness, route: string) => {
  const res = await fetch(`http://127.0.0.1:${h.app.port}${route}`, { signal: AbortSignal.timeout(10_000) })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe('/readyz and /healthz', () => {
  it('/readyz answers 503 while the database cannot be reached and 200 again once it can (the instance working again); /healthz stays 200 throughout', async () => {
    const outage = onPostgres() ? await postgresOutage() : sqliteOutage()
    const h = await startHarness({ env: { INSTANCE_ID: INSTANCE, LEADER_RETRY_MS: '300', ...outage.env } })
    expect(await get(h, '/readyz')).toEqual({ status: 200, body: { status: 'ready' } })
    expect(await get(h, '/healthz')).toMatchObject({ status: 200, body: { status: 'ok', instance: INSTANCE } })

    await outage.cut(h)
    // twice: an answer is not cached, and a failed attempt does not leave a connection half open
    for (let i = 0; i < 2; i++) expect(await get(h, '/readyz')).toEqual({ status: 503, body: { status: 'database unreachable' } })
    // alive, only not ready: an orchestrator must not restart the instance for the database's outage
    expect(await get(h, '/healthz')).toMatchObject({ status: 200, body: { status: 'ok', instance: INSTANCE } })

    await outage.restore()
    await eventually(async () => (await get(h, '/readyz')).status === 200, { timeoutMs: 10_000, label: '/readyz ready again' })
    expect(await get(h, '/readyz')).toEqual({ status: 200, body: { status: 'ready' } })
    expect(await get(h, '/healthz')).toMatchObject({ status: 200, body: { status: 'ok', instance: INSTANCE } })
    // ready means working: the instance holds its duties again (PostgreSQL: the advisory locks) and sends
    await eventually(async () => ((await get(h, '/healthz')).body.roles as string[]).includes('dispatcher'), { timeoutMs: 10_000, label: 'the dispatcher role back' })
    const [chat] = await giveChats(h.app.db.prisma, 1, 840_000)
    await enqueueNumbered(h.app.db.prisma, [{ recipientId: chat!.employeeId, n: 5 }], h.clock.now())
    h.app.dispatcher.kick()
    await h.tg.waitForMessageTo(chat!.chat, /Laporan #5 ditarik/)
  })
})
