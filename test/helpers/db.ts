import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'
import { type Database, openDatabase } from '../../src/db/client.js'

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

/** A `file:` DATABASE_URL in a fresh temp folder (the file is created by whoever opens it). */
export function tempDatabaseUrl(): string {
  return `file:${path.join(tempDir(), 'test.db')}`
}

export type TestDb = Database & { url: string }

/** A migrated, empty database of its own for one test. */
export async function openTestDb(): Promise<TestDb> {
  const url = tempDatabaseUrl()
  const db = await openDatabase(url)
  opened.push(db)
  return { ...db, url }
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()))
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true })
})
