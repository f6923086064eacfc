import { spawn } from 'node:child_process'
import { once } from 'node:events'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase, sqliteFile } from '../../src/db/client.js'
import { onPostgres, tempDatabaseUrl } from '../helpers/db.js'

const ROOT = path.resolve(import.meta.dirname, '../..')

// Another process (the CLI next to the running app) writing a row every few milliseconds.
const WRITER = `
const Database = require(${JSON.stringify(path.join(ROOT, 'node_modules/better-sqlite3'))})
const db = new Database(process.env.FILE, { timeout: 10000 })
const insert = db.prepare('INSERT INTO "ProcessedUpdate" ("platform", "updateKey", "at") VALUES (?, ?, ?)')
let n = 0
const timer = setInterval(() => insert.run('test', 'other-process-' + n++, Date.now()), 2)
process.stdout.write('ready\\n')
setTimeout(() => { clearInterval(timer); process.stdout.write(n + '\\n'); db.close() }, 1500)
`

describe.skipIf(onPostgres())('SQLite written by two processes', () => {
  it('a transaction that reads and then writes waits for the other writer instead of failing with SQLITE_BUSY_SNAPSHOT', async () => {
    const url = tempDatabaseUrl()
    const db = await openDatabase(url)
    const child = spawn(process.execPath, ['-e', WRITER], { env: { ...process.env, FILE: sqliteFile(url) } })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d))
    await new Promise<void>((resolve) => child.stdout.on('data', () => /ready/.test(out) && resolve()))
    for (let i = 0; i < 10; i++) {
      await db.prisma.$transaction(async (tx) => {
        const before = await tx.processedUpdate.count()
        // the other process commits meanwhile (unless this transaction already holds the write lock)
        await new Promise((r) => setTimeout(r, 30))
        await tx.processedUpdate.create({ data: { platform: 'test', updateKey: `this-process-${i}-${before}`, at: new Date() } })
      })
    }
    await once(child, 'exit')
    const written = Number(out.trim().split('\n').at(-1))
    expect(written).toBeGreaterThan(10)
    expect(await db.prisma.processedUpdate.count({ where: { updateKey: { startsWith: 'this-process-' } } })).toBe(10)
    expect(await db.prisma.processedUpdate.count({ where: { updateKey: { startsWith: 'other-process-' } } })).toBe(written)
    await db.close()
  })
})
