import { z } from 'zod'

// The vocabulary of PermenPANRB 6/2022 and the two tables that turn it into outcomes (the predikat
// matrix and the pola distribusi). The tables are data: defaults here, overridable by JSON files.

export const RATINGS = ['DI_ATAS_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'DI_BAWAH_EKSPEKTASI'] as const
export type Rating = (typeof RATINGS)[number]

/** Predikat kinerja pegawai, best first. */
export const PREDIKAT = ['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'] as const
export type Predikat = (typeof PREDIKAT)[number]

/** Predikat kinerja organisasi. */
export const ORG_PREDIKAT = ['ISTIMEWA', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'] as const
export type OrgPredikat = (typeof ORG_PREDIKAT)[number]

/** The seven BerAKHLAK core values, in their official order. */
export const BERAKHLAK = ['BERORIENTASI_PELAYANAN', 'AKUNTABEL', 'KOMPETEN', 'HARMONIS', 'LOYAL', 'ADAPTIF', 'KOLABORATIF'] as const
export type BerakhlakValue = (typeof BERAKHLAK)[number]

const rating = z.enum(RATINGS)
/** hasil kerja → perilaku kerja → predikat; every one of the nine cells must be there. */
export const MatrixSchema = z.record(rating, z.record(rating, z.enum(PREDIKAT)))
export type PredikatMatrix = z.infer<typeof MatrixSchema>

const percent = z.number().min(0).max(100)
/** A share of the rated employees that is capped (atMost) or required (atLeast), in percent. */
export const DistributionRuleSchema = z
  .object({ predikat: z.array(z.enum(PREDIKAT)).min(1), atMost: percent.optional(), atLeast: percent.optional() })
  .refine((r) => (r.atMost === undefined) !== (r.atLeast === undefined), 'give exactly one of atMost or atLeast')
export type DistributionRule = z.infer<typeof DistributionRuleSchema>

export const DistributionSchema = z.object({
  /** The organisation predikat assumed when none was recorded for the unit and year. */
  default: z.enum(ORG_PREDIKAT),
  rules: z.partialRecord(z.enum(ORG_PREDIKAT), z.array(DistributionRuleSchema)),
})
export type DistributionConfig = z.infer<typeof DistributionSchema>

/** The kuadran kinerja of PermenPANRB 6/2022 (DOMAIN.md). */
export const DEFAULT_MATRIX: PredikatMatrix = {
  DI_ATAS_EKSPEKTASI: { DI_BAWAH_EKSPEKTASI: 'KURANG', SESUAI_EKSPEKTASI: 'BAIK', DI_ATAS_EKSPEKTASI: 'SANGAT_BAIK' },
  SESUAI_EKSPEKTASI: { DI_BAWAH_EKSPEKTASI: 'KURANG', SESUAI_EKSPEKTASI: 'BAIK', DI_ATAS_EKSPEKTASI: 'BAIK' },
  DI_BAWAH_EKSPEKTASI: { DI_BAWAH_EKSPEKTASI: 'SANGAT_KURANG', SESUAI_EKSPEKTASI: 'BUTUH_PERBAIKAN', DI_ATAS_EKSPEKTASI: 'BUTUH_PERBAIKAN' },
}

const GOOD: Predikat[] = ['SANGAT_BAIK', 'BAIK']

/**
 * Illustrative caps: the better the organisation did, the more of its people may be rated well. BKPSDM
 * sets the real numbers from the regulation and its own policy in EVALUATION_DISTRIBUTION_FILE.
 */
export const DEFAULT_DISTRIBUTION: DistributionConfig = {
  default: 'BAIK',
  rules: {
    ISTIMEWA: [{ predikat: ['SANGAT_BAIK'], atMost: 20 }],
    BAIK: [
      { predikat: ['SANGAT_BAIK'], atMost: 10 },
      { predikat: GOOD, atMost: 70 },
    ],
    BUTUH_PERBAIKAN: [
      { predikat: ['SANGAT_BAIK'], atMost: 5 },
      { predikat: GOOD, atMost: 50 },
    ],
    KURANG: [
      { predikat: ['SANGAT_BAIK'], atMost: 0 },
      { predikat: GOOD, atMost: 30 },
    ],
    SANGAT_KURANG: [
      { predikat: ['SANGAT_BAIK'], atMost: 0 },
      { predikat: GOOD, atMost: 10 },
    ],
  },
}

export type EvaluationPeriodKind = 'monthly' | 'quarterly'

/** Everything the evaluation use cases and jobs are configured with. */
export interface EvaluationSettings {
  period: EvaluationPeriodKind
  /** Calendar days after the rating notice during which the employee may file a keberatan. */
  keberatanDays: number
  /** Work days after the round started before an unrated evaluation goes to the Atasan Pejabat Penilai. */
  escalationWorkDays: number
  matrix: PredikatMatrix
  distribution: DistributionConfig
}

/** Reads the predikat from the matrix: configuration, never a branch in code. */
export const predikatOf = (matrix: PredikatMatrix, hasil: Rating, perilaku: Rating): Predikat => matrix[hasil][perilaku]

/** Validates a parsed JSON document; problems are phrased for the operator who wrote the file. */
export function parseSetting<T>(schema: z.ZodType<T>, json: unknown, label: string): { value?: T; problems: string[] } {
  const r = schema.safeParse(json)
  if (r.success) return { value: r.data, problems: [] }
  return { problems: r.error.issues.map((i) => `${label}: ${i.path.join('.') || '(root)'}: ${i.message}`) }
}
