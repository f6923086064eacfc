// The shapes every step of the organisation import shares: what the caller gets back, and the rows the
// validator hands to the writer.

export interface Counts {
  created: number
  updated: number
  unchanged: number
}
export interface RowError {
  file: 'units' | 'employees'
  /** Physical line in the CSV file; the header is line 1. */
  line: number
  message: string
}
export type ImportResult = { ok: true; units: Counts; employees: Counts } | { ok: false; errors: RowError[] }

export type FileKind = RowError['file']
/** Records an error on a line of the file being checked. */
export type Report = (line: number, message: string) => void

/** A valid row of units.csv. */
export interface UnitRow {
  line: number
  code: string
  name: string
  kind: string
  parentCode: string | null
}

/** A valid row of employees.csv. */
export interface EmployeeRow {
  line: number
  nip: string
  name: string
  unitCode: string
  position: string
  positionType: string
  grade: string
  role: string
  supervisorNip: string | null
  monthlyTargetMinutes: number | null
  telegramUserId: string | null
  slackUserId: string | null
  /** undefined: the optional column is absent from the file, so the stored value is kept. */
  email?: string | null
  timezone?: string | null
  /** The WhatsApp id (62812…) of whatsapp_phone; undefined: the optional column is absent, the stored account is kept. */
  whatsappPhone?: string | null
  /** The basic TPP per month in rupiah (tpp_basic, for /tpp); undefined: the optional column is absent, the stored value is kept. */
  tppBasic?: number | null
}
