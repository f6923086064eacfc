import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { type Database, openDatabase } from '../../src/db/client.js'
import { copySqliteTemplate, createPostgresFromTemplate, dropPostgresDatabases, postgresDatabaseUrl, type TemplateKind, templatesEnabled } from './templates.js'
import { afterEveryTest, afterEveryFile } from './cleanup.js'

// Importing this module registers the afterEach below in the importing test file: every database opened
// and every folder made here during a test is closed and removed when that test ends.
const folders: string[] = []
const opened: Database[] = []

/** A fresh folder under the OS temp dir, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kinerja-test-'))
  folders.push(dir)
  return dir
}

const schemas: string[] = []

/**
 * A DATABASE_URL of a fresh, empty database for one test: a `file:` URL in a temp folder, or, when
 * TEST_DATABASE_URL points at PostgreSQL (the `postgresql` test project), a schema of its own there,
 * dropped after the test. Parallel test files never share state either way.
 */
export function tempDatabaseUrl(): string {
  const pg = process.env.TEST_DATABASE_URL
  if (pg) {
    const schema = `t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
    schemas.push(schema)
    const u = new URL(pg)
    u.searchParams.set('schema', schema)
    return u.toString()
  }
  return `file:${path.join(tempDir(), 'test.db')}`
}

const databases: string[] = []

/**
 * Like tempDatabaseUrl, but the database is already there: a copy of a template (test/helpers/templates.ts)
 * that is migrated and, with `{ org: true, at }`, holds the fixture organisation imported at `at`.
 * Null when this run has no templates (then make it as before).
 */
export async function templateDatabaseUrl(kind: TemplateKind): Promise<string | null> {
  if (!templatesEnabled()) return null
  if (onPostgres()) {
    const name = await createPostgresFromTemplate(kind)
    databases.push(name)
    return postgresDatabaseUrl(name)
  }
  const file = path.join(tempDir(), 'test.db')
  await copySqliteTemplate(kind, file)
  return `file:${file}`
}

export const onPostgres = () => Boolean(process.env.TEST_DATABASE_URL)

export type TestDb = Database & { url: string }

/** A migrated, empty database of its own for one test. */
export async function openTestDb(): Promise<TestDb> {
  const url = (await templateDatabaseUrl({ org: false })) ?? tempDatabaseUrl()
  const db = await openDatabase(url)
  opened.push(db)
  return { ...db, url }
}

const drops: Promise<void>[] = []

afterEveryFile(async () => {
  await Promise.all(drops.splice(0))
})

afterEveryTest(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()))
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true })
  // a PostgreSQL copy is dropped while the next test runs (its name is unique; the app using it is
  // stopped by now); the file waits for all its drops at the end
  const dropping = dropPostgresDatabases(databases.splice(0))
  dropping.catch(() => undefined)
  drops.push(dropping)
  const drop = schemas.splice(0)
  if (drop.length > 0) {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
    await client.connect()
    try {
      for (const schema of drop) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    } finally {
      await client.end()
    }
  }
})
