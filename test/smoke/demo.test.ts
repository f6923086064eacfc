// `npm run demo` as a new user runs it: no token, no .env; it imports the example organisation, starts
// the playground and prints one URL that answers on this machine.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDatabaseUrl } from '../helpers/db.js'
import { eventually } from '../helpers/wait.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const started: ChildProcess[] = []
afterEach(() => {
  for (const p of started.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL')
})

describe('npm run demo', () => {
  it('with nothing configured: imports the example organisation, prints the playground URL, and the page answers', async () => {
    const databaseUrl = tempDatabaseUrl()
    // what the demo script runs (package.json: "demo": "tsx scripts/demo.ts"), without npm around it
    const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    started.push(proc)
    let output = ''
    for (const s of [proc.stdout, proc.stderr]) s.on('data', (d) => (output = (output + String(d)).slice(-20_000)))
    const exit = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)))

    await eventually(() => /http:\/\/127\.0\.0\.1:\d+\/playground/.test(output), { timeoutMs: 60_000 })
    const urls = output.match(/http:\/\/[^\s]+/g) ?? []
    expect(urls).toHaveLength(1)
    const page = await fetch(urls[0]!)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Mode latihan (sandbox)')
    const people = (await (await fetch(`${urls[0]!}/api/people`)).json()) as { people: { role: string }[] }
    expect(people.people.length).toBeGreaterThan(10)
    expect(new Set(people.people.map((p) => p.role))).toEqual(new Set(['EMPLOYEE', 'SUPERVISOR', 'LEADER', 'ADMIN']))

    proc.kill('SIGTERM')
    expect(await exit).toBe(0)
  }, 90_000)
})
