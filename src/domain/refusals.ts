import type { IsoDate } from './dates.js'
import type { ActivityStatus } from './types.js'

/** A refusal that carries no values. */
type None = Record<string, never>

/**
 * Every refusal the domain gives, by the catalogue key that words it, with the raw values it carries:
 * ISO dates, minutes of the day, minute counts, statuses, period keys, as the use case knows them.
 * src/messages/ must word each one from exactly these values (checked there); nothing here is wording.
 */
export interface Refusals {
  // authorization and state
  'error.forbidden': None
  'error.notFound': None
  'error.staleButton': None
  'error.notAuthor': None
  'error.notAuthorSupervisor': None
  /** No status: another decision won the race and its outcome is not known. */
  'error.alreadyDecided': { status?: ActivityStatus }
  'error.withdrawn': { id: number }
  'error.notEditable': { status: ActivityStatus }
  'error.tooLong': { max: number }
  /** An evidence file over EVIDENCE_MAX_BYTES: its size and the cap, in bytes. */
  'evidence.tooLarge': { size: number; max: number }
  // linking
  'link.notACode': None
  'link.codeShape': None
  'link.invalid': { left: number }
  'link.locked': { minutes: number }
  // a report line and its rules
  'report.lineEmpty': None
  'report.timeUnparseable': { text: string }
  'report.clockInvalid': { text: string }
  'report.endBeforeStart': { text: string }
  'report.durationZero': { text: string }
  'report.durationTooLong': { text: string }
  'report.dateInvalid': { text: string }
  'report.descriptionEmpty': None
  'report.descriptionTooLong': { length: number; max: number }
  'guided.timeOnly': None
  'report.dateFuture': { date: IsoDate }
  'report.dateTooOld': { date: IsoDate; days: number }
  'report.endInFuture': { startMinute: number; endMinute: number; now: number }
  'report.durationInFuture': { minutes: number; now: number }
  'report.overlap': {
    startMinute: number
    endMinute: number
    date: IsoDate
    otherId: number
    otherStartMinute: number
    otherEndMinute: number
    otherDescription: string
  }
  'report.dayLimit': { date: IsoDate; total: number; max: number }
  'report.similar': { id: number; description: string; date: IsoDate }
  'report.notForSupervisorless': None
  /** REPORT_REQUIRE_TIME_RANGE: a duration alone (its minutes) where a start and an end are needed. */
  'report.rangeRequired': { minutes: number }
  /** The guided start time after a duration: the clock as typed. */
  'guided.startUnparseable': { text: string }
  'decide.reasonEmpty': None
  // SKP, feedback, evaluation, keberatan
  'rhk.noSkp': { year: number }
  'rhk.unknown': { code: string; year: number; codes: readonly string[] }
  'rhk.notYours': None
  // rencana aksi and realisasi (period: YYYY-MM of the report's date)
  /** Not a whole number from 1 to `max`, as typed (`+1,5`, `0`). */
  'realisasi.invalid': { text: string; max: number }
  /** `+2 dokumen` with no RHK to find the rencana aksi in. */
  'realisasi.needsRhk': { amount: number; satuan: string }
  'realisasi.noPlan': { code: string; period: string }
  'realisasi.unknownSatuan': { satuan: string; code: string; period: string; satuans: readonly string[] }
  /** Several rencana aksi of the RHK that month have the satuan (or, with no satuan given, there are several). */
  'realisasi.ambiguous': { satuan: string; code: string; period: string; actions: readonly string[]; satuans: readonly string[] }
  'rencanaAksi.notOfRhk': None
  /** REPORT_REQUIRE_RENCANA_AKSI: the RHK has rencana aksi that month and the report names none. */
  'rencanaAksi.required': { code: string; period: string; satuans: readonly string[] }
  'feedback.notSubordinate': None
  'feedback.noteEmpty': None
  'evaluation.final': { period: string }
  'evaluation.alreadyRated': None
  'evaluation.incomplete': None
  'evaluation.notRater': None
  'evaluation.noteEmpty': None
  'keberatan.already': None
  'keberatan.noApp': None
  'keberatan.notApp': None
  'keberatan.notOwner': None
  'keberatan.notPending': None
  'keberatan.notRated': None
  'keberatan.reasonEmpty': None
  'keberatan.unchanged': None
}

export type RefusalKey = keyof Refusals

/** The values argument of a refusal: none for one that carries none, else all of them. */
export type RefusalValues<K extends RefusalKey> = Refusals[K] extends None ? [] : [values: Refusals[K]]

/** A refusal as data (a parse failure before anyone throws it): its key with its values. */
export type Refusal<K extends RefusalKey = RefusalKey> = K extends RefusalKey ? { key: K; params: Refusals[K] } : never

/** Makes a refusal from its key and values, checked against Refusals. */
export const refusal = <K extends RefusalKey>(key: K, ...values: RefusalValues<K>): Refusal<K> =>
  ({ key, params: values[0] ?? {} }) as Refusal<K>
