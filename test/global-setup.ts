// Once per run and project: a folder and a run id for the database templates (test/helpers/templates.ts),
// handed to the test workers with provide/inject; at the end, the folder and every PostgreSQL database
// of this run (`kt_<runId>_…`) are removed. Databases of runs that were killed are dropped the next time.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'

/** A run that started this long ago is over (the suite takes well under an hour, even on a busy machine): its databases are leftovers. */
const STALE_MS = 2 * 3600_000

async function dropDatabases(url: string, which: (name: string) => boolean): Promise<void> {
  const u = new URL(url)
  u.searchParams.delete('schema')
  const client = new pg.Client({ connectionString: u.toString() })
  await client.connect()
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'kt\\_%'`)
    for (const { datname } of rows) {
      if (which(datname)) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
    }
  } finally {
    await client.end()
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now()
  const runId = `${started.toString(36)}${Math.random().toString(36).slice(2, 6).padEnd(4, '0')}`
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kinerja-templates-'))
  project.provide('kinerjaTemplates', { dir, runId })
  const pgUrl = project.config.env?.TEST_DATABASE_URL as string | undefined
  if (pgUrl) {
    await dropDatabases(pgUrl, (name) => {
      const m = /^kt_([0-9a-z]{8,9})[0-9a-z]{4}_/.exec(name)
      return m !== null && started - parseInt(m[1]!, 36) > STALE_MS
    }).catch(() => undefined)
  }
  return async () => {
    rmSync(dir, { recursive: true, force: true })
    if (pgUrl) await dropDatabases(pgUrl, (name) => name.startsWith(`kt_${runId}_`))
  }
}
