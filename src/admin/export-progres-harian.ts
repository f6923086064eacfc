import type { Db } from '../db/client.js'
import { audit } from '../domain/audit.js'
import type { IsoDate } from '../domain/dates.js'
import { issueEvidenceLinks, linkProblem, type EvidenceLinkSettings } from '../domain/evidence-links.js'
import { skipReasons, type ProgresHarianOutcome, type SkippedActivity } from '../domain/progres-harian.js'
import { skipReasonText } from '../messages/index.js'
import type { ExportScope } from './export.js'
import { toCsv, toXlsxBook, type Cell, type Column, type CsvOptions, type Table } from './export-write.js'

export type { SkippedActivity }

// The progres harian of BKN e-Kinerja: one row per approved activity, in the columns and order BKN's form
// takes. The column names are a contract with that form: change none of them.

export const PROGRES_HARIAN_COLUMNS = ['Rencana Aksi', 'Tanggal', 'Jam Mulai', 'Jam Selesai', 'Kegiatan Harian', 'Realisasi', 'Satuan', 'Bukti Dukung'] as const

const COLUMNS: Column[] = [
  { header: 'Rencana Aksi', width: 50, text: true },
  { header: 'Tanggal', width: 12, text: true },
  { header: 'Jam Mulai', width: 10, text: true },
  { header: 'Jam Selesai', width: 11, text: true },
  { header: 'Kegiatan Harian', width: 60, text: true },
  { header: 'Realisasi', width: 10, numFmt: '0' },
  { header: 'Satuan', width: 14, text: true },
  { header: 'Bukti Dukung', width: 60, text: true },
]

/** The sheet (and the CLI's stderr) listing the approved activities that could not be exported, and why. */
export const NOT_EXPORTED_SHEET = 'Tidak diekspor'

/** One person, by id: the self-service /ekspor, the CLI's --nip, the console's own page. */
export interface PersonScope {
  employee: { id: number; nip: string; name: string }
  from: IsoDate
  to: IsoDate
}

/** A person (`PersonScope`) or a unit and its subtree (`ExportScope`, as the other exports take). */
export type ProgresHarianScope = PersonScope | ExportScope

export interface ProgresHarianPerson {
  employeeId: number
  nip: string
  name: string
  unitCode: string
  /** The eight cells of each exported activity, in PROGRES_HARIAN_COLUMNS order. */
  rows: Cell[][]
}

/**
 * One export: the rows per person, and (ProgresHarianOutcome) the approved activities left out with their
 * reasons, and whether Bukti Dukung could be linked (without the settings a link given as evidence is
 * written as it is, a stored file not at all).
 */
export interface ProgresHarian extends ProgresHarianOutcome {
  scope: { kind: 'person'; nip: string; name: string } | { kind: 'unit'; code: string; name: string }
  from: IsoDate
  to: IsoDate
  /** Everyone with at least one exported row, by unit code and name. */
  people: ProgresHarianPerson[]
}

export interface ProgresHarianDeps {
  db: Db
  links: EvidenceLinkSettings
}

const isPerson = (s: ProgresHarianScope): s is PersonScope => 'employee' in s

/** HH:MM as BKN's form takes it; a night shift's end (stored past 24:00) is its clock time the next morning. */
export const clockCell = (minute: number): string => {
  const m = ((minute % 1440) + 1440) % 1440
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
}

/** The person of a NIP, for a `PersonScope`; null when no one has it. */
export async function personScope(db: Db, nip: string, from: IsoDate, to: IsoDate): Promise<PersonScope | null> {
  const employee = await db.employee.findUnique({ where: { nip }, select: { id: true, nip: true, name: true } })
  return employee ? { employee, from, to } : null
}

/**
 * The approved activities of the scope dated in [from, to], split into the rows BKN's form takes and the
 * ones it cannot (with the reasons). Bukti Dukung links are issued (and remembered) for the rows' evidence
 * when PUBLIC_URL and EVIDENCE_LINK_SECRET are set. Audited as an export; `actorId` names who asked when
 * that is known (a person exporting their own, a console user), and `via` where it came from (the console).
 */
export async function progresHarian(
  deps: ProgresHarianDeps,
  scope: ProgresHarianScope,
  at: Date,
  by: { actorId?: number; via?: 'console' } = {},
): Promise<ProgresHarian> {
  const { db } = deps
  const rows = await db.activity.findMany({
    where: {
      status: 'DISETUJUI',
      date: { gte: scope.from, lte: scope.to },
      ...(isPerson(scope) ? { employeeId: scope.employee.id } : { employee: { unitId: { in: scope.unitIds } } }),
    },
    orderBy: [{ employee: { unit: { code: 'asc' } } }, { employee: { name: 'asc' } }, { employeeId: 'asc' }, { date: 'asc' }, { startMinute: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      date: true,
      startMinute: true,
      endMinute: true,
      description: true,
      realisasi: true,
      evidenceKind: true,
      evidenceRef: true,
      evidenceFileId: true,
      rencanaAksi: { select: { text: true, satuan: true, period: true } },
      employee: { select: { id: true, nip: true, name: true, unit: { select: { code: true } } } },
    },
  })
  const skipped: SkippedActivity[] = []
  const exportable: typeof rows = []
  for (const a of rows) {
    const reasons = skipReasons(a)
    if (reasons.length > 0) skipped.push({ activityId: a.id, nip: a.employee.nip, name: a.employee.name, date: a.date, description: a.description, reasons })
    else exportable.push(a)
  }

  const problem = linkProblem(deps.links)
  const webLink = (a: (typeof rows)[number]) => (a.evidenceKind === 'link' && a.evidenceRef && /^https?:\/\//i.test(a.evidenceRef) ? a.evidenceRef : null)
  const linkable = exportable.filter((a) => a.evidenceFileId !== null || webLink(a) !== null)
  const links =
    problem === null ? await issueEvidenceLinks(db, { publicUrl: deps.links.publicUrl!, secret: deps.links.secret! }, linkable.map((a) => a.id), at) : new Map<number, string>()
  let unlinked = 0
  const people = new Map<number, ProgresHarianPerson>()
  for (const a of exportable) {
    // without the settings a link given as evidence is still a link BKN can open: written as it is
    const bukti = links.get(a.id) ?? webLink(a)
    if (bukti === null && (a.evidenceFileId !== null || a.evidenceKind !== null)) unlinked++
    let person = people.get(a.employee.id)
    if (!person) people.set(a.employee.id, (person = { employeeId: a.employee.id, nip: a.employee.nip, name: a.employee.name, unitCode: a.employee.unit.code, rows: [] }))
    person.rows.push([a.rencanaAksi!.text, a.date, clockCell(a.startMinute!), clockCell(a.endMinute!), a.description, a.realisasi!, a.rencanaAksi!.satuan, bukti])
  }
  const result: ProgresHarian = {
    scope: isPerson(scope) ? { kind: 'person', nip: scope.employee.nip, name: scope.employee.name } : { kind: 'unit', code: scope.unit.code, name: scope.unit.name },
    from: scope.from,
    to: scope.to,
    people: [...people.values()],
    skipped,
    exported: exportable.length,
    links: { problem, unlinked },
  }
  await audit(db, {
    actorId: by.actorId ?? null,
    action: 'export',
    entity: 'export',
    entityId: 'progres-harian',
    at,
    detail: {
      ...(by.via && { via: by.via }),
      ...(isPerson(scope) ? { nip: scope.employee.nip } : { unit: scope.unit.code }),
      from: scope.from,
      to: scope.to,
      rows: exportable.length,
      skipped: skipped.length,
    },
  })
  return result
}

/** The sheets of the file: one per person for a unit (named by NIP), "Progres Harian" for one person or nobody. */
export function progresHarianTables(p: ProgresHarian): Table[] {
  const sheet = (name: string, rows: Cell[][]): Table => ({ sheet: name, columns: COLUMNS, rows: rows.map((cells) => ({ cells })) })
  if (p.scope.kind === 'person' || p.people.length === 0) return [sheet('Progres Harian', p.people.flatMap((x) => x.rows))]
  return p.people.map((x) => sheet(x.nip, x.rows))
}

/** What was left out, as a table: the second sheet of the XLSX, a CSV of its own. */
export function notExportedTable(p: ProgresHarian): Table {
  return {
    sheet: NOT_EXPORTED_SHEET,
    columns: [
      { header: 'ID', width: 8 },
      { header: 'NIP', width: 20, text: true },
      { header: 'Nama', width: 28 },
      { header: 'Tanggal', width: 12, text: true },
      { header: 'Kegiatan Harian', width: 60 },
      { header: 'Alasan', width: 60 },
    ],
    rows: p.skipped.map((s) => ({ cells: [s.activityId, s.nip, s.name, s.date, s.description, s.reasons.map(skipReasonText).join('; ')] })),
  }
}

/** The XLSX: the progres harian sheet(s), then "Tidak diekspor" when anything was left out. */
export function progresHarianXlsx(p: ProgresHarian): Promise<Buffer> {
  return toXlsxBook([...progresHarianTables(p), ...(p.skipped.length > 0 ? [notExportedTable(p)] : [])])
}

/**
 * The CSV texts, one per sheet of the XLSX, each named by its sheet (`progres-harian` for one person), so
 * every file is one person's form; what was left out is `notExportedTable`, for the caller to show.
 */
export function progresHarianCsv(p: ProgresHarian, opts: CsvOptions = {}): { name: string; csv: string }[] {
  return progresHarianTables(p).map((table) => ({ name: table.sheet === 'Progres Harian' ? 'progres-harian' : table.sheet, csv: toCsv(table, opts) }))
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The file name a person's month gets: `progres-harian-<nip>-<YYYY-MM>.xlsx`. */
export const progresHarianFileName = (nip: string, month: string, format: 'xlsx' | 'csv' = 'xlsx') => `progres-harian-${nip}-${month}.${format}`
