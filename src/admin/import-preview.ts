// What an import would change, told before it is stored (the console's preview, the CLI's --dry-run).
// Every import computes it with the same validation and the same comparison its writer uses, so the
// counts are the ones the import reports when it runs against the same database.

/** One column of a stored row that the import changes, as the file names it, before and after. */
export interface FieldChange {
  column: string
  from: string
  to: string
}

/** One row the import adds, changes or deactivates: its key (a code, a NIP, a date) and what it is. */
export interface PreviewItem {
  key: string
  label: string
  /** For a change: the columns that differ. */
  fields?: FieldChange[]
}

export type PreviewEntity = 'units' | 'employees' | 'holidays' | 'leave' | 'skp' | 'rhk' | 'rencana_aksi'

/** What the import does to one kind of row. */
export interface PreviewPart {
  entity: PreviewEntity
  created: number
  updated: number
  unchanged: number
  /** Rows the import deactivates; null when this import never deactivates this kind of row. */
  deactivated: number | null
  /** The first {@link PREVIEW_EXAMPLES} rows of each kind of change, in file order. */
  examples: { created: PreviewItem[]; updated: PreviewItem[]; deactivated: PreviewItem[] }
  /** Stored rows the file does not name, which the import leaves as they are. */
  notInFile?: number
  /** Rows of the file that are stored as inactive: the import updates them and leaves them inactive. */
  inactive?: number
}

export const PREVIEW_EXAMPLES = 20

/** Who stored an import other than the operator at the CLI: the audit entry's actor and where it came from. */
export interface ImportedBy {
  actorId: number
  via: 'console'
  /** The SHA-256 of what was uploaded, so the audit trail names the file. */
  sha256?: string
}

/** The audit entry's actor and the detail added to the import's own. */
export const auditedBy = (by: ImportedBy | undefined) =>
  by ? { actorId: by.actorId, detail: { via: by.via, ...(by.sha256 && { sha256: by.sha256 }) } } : { actorId: null, detail: {} }

/** A list cut to the number of examples a preview shows. */
export const examples = <T>(items: Iterable<T>): T[] => {
  const out: T[] = []
  for (const item of items) {
    if (out.length === PREVIEW_EXAMPLES) break
    out.push(item)
  }
  return out
}

/** A stored or planned value as a preview shows it ('' for none). */
export const shown = (v: unknown): string => (v === null || v === undefined ? '' : String(v))

/** What the rows of each part are, as the CLI's counts and the console's preview name them. */
export const ENTITY_LABEL: Record<PreviewEntity, string> = {
  units: 'Unit kerja',
  employees: 'Pegawai',
  holidays: 'Hari libur',
  leave: 'Cuti/izin',
  skp: 'SKP',
  rhk: 'RHK',
  rencana_aksi: 'Rencana aksi',
}
