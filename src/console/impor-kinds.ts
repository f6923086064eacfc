import { createHash, randomBytes } from 'node:crypto'
import { type CsvEncoding, type CsvSeparator, detectSeparator } from '../admin/csv-text.js'
import {
  HOLIDAY_COLUMNS,
  importHolidaysIn,
  importLeaveIn,
  LEAVE_COLUMNS,
  previewHolidays,
  previewLeave,
  readHolidays,
  readLeave,
} from '../admin/import-calendar.js'
import { importOrgIn, previewOrg, readOrgFiles } from '../admin/import-org.js'
import type { ImportedBy, PreviewEntity, PreviewPart } from '../admin/import-preview.js'
import { importRencanaAksiIn, previewRencanaAksi, readRencanaAksi, RENCANA_AKSI_COLUMNS } from '../admin/import-rencana-aksi.js'
import { importSkpIn, previewSkp, readSkp, SKP_COLUMNS } from '../admin/import-skp.js'
import type { ColumnSpec } from '../admin/org-csv.js'
import { EMPLOYEE_COLUMNS, UNIT_COLUMNS } from '../admin/org-validate.js'
import type { Db, Tx } from '../db/client.js'
import type { IsoDate } from '../domain/dates.js'

// The five imports of the console's Impor section, each over the CLI's own functions (src/admin/): the
// same reading, checks, preview comparison and writes. And the uploads kept between preview and confirm.

export type ImporKind = 'organisasi' | 'libur' | 'cuti' | 'skp' | 'rencana-aksi'

export interface FileSlot {
  /** The form field of the file. */
  field: string
  label: string
  /** The CLI's file name for it (units.csv), in messages. */
  cliName: string
  columns: ColumnSpec
}

/** A problem of one uploaded file: a line of it (0 for the file as a whole) and why. */
export interface FileError {
  field: string
  line: number
  message: string
}

/** What one kind of row got, after the import was stored. */
export interface StoredCount {
  entity: PreviewEntity
  created: number
  updated: number
  unchanged: number
  deactivated: number | null
}

export type Checked = { ok: true; parts: PreviewPart[] } | { ok: false; errors: FileError[] }
export type Stored = { ok: true; counts: StoredCount[] } | { ok: false; errors: FileError[] }

export interface ImportContext {
  today: IsoDate
  at: Date
}

export interface KindSpec {
  title: string
  /** The CLI command doing the same. */
  command: string
  files: FileSlot[]
  /** What the import would do with these files now (the preview), or every bad row. */
  preview(db: Db, texts: Record<string, string>, ctx: ImportContext): Promise<Checked>
  /** Reads the files (before the transaction), then gives what stores them inside the caller's transaction. */
  prepare(texts: Record<string, string>, ctx: ImportContext): (tx: Tx, by: ImportedBy) => Promise<Stored>
}

const ONE_FILE = 'berkas'
const inFile = (field: string) => (errors: { line: number; message: string }[]): FileError[] => errors.map((e) => ({ field, ...e }))
const calendarCounts = (entity: PreviewEntity, r: { created: number; updated: number; unchanged: number }): StoredCount[] => [
  { entity, created: r.created, updated: r.updated, unchanged: r.unchanged, deactivated: null },
]

export const KINDS: Record<ImporKind, KindSpec> = {
  organisasi: {
    title: 'Unit kerja dan pegawai',
    command: 'import-org',
    files: [
      { field: 'unit', label: 'Unit kerja', cliName: 'units.csv', columns: UNIT_COLUMNS },
      { field: 'pegawai', label: 'Pegawai', cliName: 'employees.csv', columns: EMPLOYEE_COLUMNS },
    ],
    async preview(db, texts, ctx) {
      const r = await previewOrg(db, { unitsCsv: texts['unit']!, employeesCsv: texts['pegawai']!, today: ctx.today })
      return r.ok ? r : { ok: false, errors: r.errors.map((e) => ({ field: e.file === 'units' ? 'unit' : 'pegawai', line: e.line, message: e.message })) }
    },
    prepare(texts, ctx) {
      const files = readOrgFiles({ unitsCsv: texts['unit']!, employeesCsv: texts['pegawai']! })
      return async (tx, by) => {
        const r = await importOrgIn(tx, files, ctx, by)
        if (!r.ok) return { ok: false, errors: r.errors.map((e) => ({ field: e.file === 'units' ? 'unit' : 'pegawai', line: e.line, message: e.message })) }
        return {
          ok: true,
          counts: [
            { entity: 'units', ...r.units, deactivated: null },
            { entity: 'employees', ...r.employees, deactivated: null },
          ],
        }
      }
    },
  },
  libur: {
    title: 'Hari libur dan cuti bersama',
    command: 'import-holidays',
    files: [{ field: ONE_FILE, label: 'Hari libur', cliName: 'holidays.csv', columns: HOLIDAY_COLUMNS }],
    async preview(db, texts) {
      const r = await previewHolidays(db, texts[ONE_FILE]!)
      return r.ok ? r : { ok: false, errors: inFile(ONE_FILE)(r.errors) }
    },
    prepare(texts, ctx) {
      const read = readHolidays(texts[ONE_FILE]!)
      return async (tx, by) => {
        const r = await importHolidaysIn(tx, read, ctx.at, by)
        return r.ok ? { ok: true, counts: calendarCounts('holidays', r) } : { ok: false, errors: inFile(ONE_FILE)(r.errors) }
      }
    },
  },
  cuti: {
    title: 'Cuti, izin, sakit dan dinas luar',
    command: 'import-leave',
    files: [{ field: ONE_FILE, label: 'Cuti/izin', cliName: 'leave.csv', columns: LEAVE_COLUMNS }],
    async preview(db, texts) {
      const r = await previewLeave(db, texts[ONE_FILE]!)
      return r.ok ? r : { ok: false, errors: inFile(ONE_FILE)(r.errors) }
    },
    prepare(texts, ctx) {
      const read = readLeave(texts[ONE_FILE]!)
      return async (tx, by) => {
        const r = await importLeaveIn(tx, read, ctx.at, by)
        return r.ok ? { ok: true, counts: calendarCounts('leave', r) } : { ok: false, errors: inFile(ONE_FILE)(r.errors) }
      }
    },
  },
  skp: {
    title: 'SKP (RHK, indikator dan target)',
    command: 'import-skp',
    files: [{ field: ONE_FILE, label: 'SKP', cliName: 'skp.csv', columns: SKP_COLUMNS }],
    async preview(db, texts) {
      const r = await previewSkp(db, texts[ONE_FILE]!)
      return r.ok ? r : { ok: false, errors: inFile(ONE_FILE)(r.errors) }
    },
    prepare(texts, ctx) {
      const read = readSkp(texts[ONE_FILE]!)
      return async (tx, by) => {
        const r = await importSkpIn(tx, read, ctx.at, by)
        if (!r.ok) return { ok: false, errors: inFile(ONE_FILE)(r.errors) }
        return {
          ok: true,
          counts: [
            { entity: 'skp', created: r.skp.created, updated: r.skp.updated, unchanged: 0, deactivated: null },
            { entity: 'rhk', ...r.rhk },
          ],
        }
      }
    },
  },
  'rencana-aksi': {
    title: 'Rencana aksi (per RHK dan bulan)',
    command: 'import-rencana-aksi',
    files: [{ field: ONE_FILE, label: 'Rencana aksi', cliName: 'rencana-aksi.csv', columns: RENCANA_AKSI_COLUMNS }],
    async preview(db, texts) {
      const r = await previewRencanaAksi(db, texts[ONE_FILE]!)
      return r.ok ? r : { ok: false, errors: inFile(ONE_FILE)(r.errors) }
    },
    prepare(texts, ctx) {
      const read = readRencanaAksi(texts[ONE_FILE]!)
      return async (tx, by) => {
        const r = await importRencanaAksiIn(tx, read, ctx.at, by)
        return r.ok ? { ok: true, counts: [{ entity: 'rencana_aksi', ...r.rencanaAksi }] } : { ok: false, errors: inFile(ONE_FILE)(r.errors) }
      }
    },
  },
}

export const isKind = (k: string): k is ImporKind => Object.hasOwn(KINDS, k)

/**
 * Which import file a header looks like, when it is not the one asked for: every required column of that
 * file is in it. Said next to the missing-columns error so a file put in the wrong form is recognised.
 */
export function looksLike(text: string, not: FileSlot): FileSlot | null {
  const first = text.split(/\r\n|\n|\r/, 1)[0] ?? ''
  const header = new Set(first.split(detectSeparator(first)).map((c) => c.trim().replace(/^"|"$/g, '').trim().toLowerCase()))
  if (not.columns.required.every((c) => header.has(c))) return null
  for (const kind of Object.values(KINDS)) {
    for (const slot of kind.files) {
      if (slot !== not && slot.columns.required.every((c) => header.has(c))) return slot
    }
  }
  return null
}

// --- uploads kept between the preview and the confirm ---------------------------------------------------

/** How long a checked upload may be confirmed. */
export const UPLOAD_MINUTES = 30

export interface UploadedFile {
  field: string
  name: string
  text: string
  encoding: CsvEncoding
  separator: CsvSeparator
}

const ID_RE = /^[\w-]{22}$/

/** Keeps a checked upload for its uploader, and drops the expired ones of everybody. */
export async function keepUpload(db: Db, input: { employeeId: number; kind: ImporKind; files: UploadedFile[]; at: Date }): Promise<string> {
  const id = randomBytes(16).toString('base64url')
  const content = JSON.stringify({ files: input.files })
  const sha256 = createHash('sha256').update(content).digest('hex')
  const expired = new Date(input.at.getTime() - UPLOAD_MINUTES * 60_000)
  await db.$transaction([
    db.consoleUpload.deleteMany({ where: { createdAt: { lt: expired } } }),
    db.consoleUpload.create({ data: { id, employeeId: input.employeeId, kind: input.kind, content, sha256, createdAt: input.at } }),
  ])
  return id
}

export type UploadLookup =
  | { found: 'no' }
  | { found: 'other' }
  | { found: 'used'; usedAt: Date }
  | { found: 'expired' }
  | { found: 'yes'; kind: ImporKind; files: UploadedFile[]; sha256: string }

/** An upload as its uploader may use it now: unknown (or a forged id), someone else's, used, expired, or usable. */
export async function findUpload(db: Db, id: string, employeeId: number, now: Date): Promise<UploadLookup> {
  if (!ID_RE.test(id)) return { found: 'no' }
  const row = await db.consoleUpload.findUnique({ where: { id } })
  if (!row || !isKind(row.kind)) return { found: 'no' }
  if (row.employeeId !== employeeId) return { found: 'other' }
  if (row.usedAt) return { found: 'used', usedAt: row.usedAt }
  if (row.createdAt.getTime() <= now.getTime() - UPLOAD_MINUTES * 60_000) return { found: 'expired' }
  return { found: 'yes', kind: row.kind, files: (JSON.parse(row.content) as { files: UploadedFile[] }).files, sha256: row.sha256 }
}

/**
 * Marks the upload used inside the import's transaction, if it still is its uploader's, unused and not
 * expired: of two confirms racing, one stores. False when it was not.
 */
export async function claimUpload(tx: Tx, id: string, employeeId: number, now: Date): Promise<boolean> {
  const { count } = await tx.consoleUpload.updateMany({
    where: { id, employeeId, usedAt: null, createdAt: { gt: new Date(now.getTime() - UPLOAD_MINUTES * 60_000) } },
    data: { usedAt: now, content: '' },
  })
  return count === 1
}
