import { readFileSync } from 'node:fs'
import {
  DEFAULT_DISTRIBUTION,
  DEFAULT_MATRIX,
  DistributionSchema,
  MatrixSchema,
  parseSetting,
  type EvaluationPeriodKind,
  type EvaluationSettings,
} from './domain/evaluation-config.js'
import { DEFAULT_TPP_FORMULA, TppFormulaSchema, type TppFormula } from './domain/tpp.js'

export interface EvaluationEnv {
  EVALUATION_PERIOD: EvaluationPeriodKind
  KEBERATAN_DAYS: number
  EVALUATION_ESCALATION_WORK_DAYS: number
  EVALUATION_MATRIX_FILE?: string
  EVALUATION_DISTRIBUTION_FILE?: string
}

function readJson(file: string, variable: string, problems: string[]): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch (e) {
    problems.push(`${variable}: cannot read ${file} as JSON (${(e as Error).message})`)
    return undefined
  }
}

/**
 * The matrix and the distribution caps: the defaults of DOMAIN.md unless a JSON file overrides them.
 * Read once at start with the rest of the configuration, so a bad file stops the start with its reasons.
 */
export function loadEvaluationSettings(env: EvaluationEnv, problems: string[]): EvaluationSettings {
  let matrix = DEFAULT_MATRIX
  let distribution = DEFAULT_DISTRIBUTION
  if (env.EVALUATION_MATRIX_FILE) {
    const json = readJson(env.EVALUATION_MATRIX_FILE, 'EVALUATION_MATRIX_FILE', problems)
    if (json !== undefined) {
      const r = parseSetting(MatrixSchema, json, 'EVALUATION_MATRIX_FILE')
      problems.push(...r.problems)
      if (r.value) matrix = r.value
    }
  }
  if (env.EVALUATION_DISTRIBUTION_FILE) {
    const json = readJson(env.EVALUATION_DISTRIBUTION_FILE, 'EVALUATION_DISTRIBUTION_FILE', problems)
    if (json !== undefined) {
      const r = parseSetting(DistributionSchema, json, 'EVALUATION_DISTRIBUTION_FILE')
      problems.push(...r.problems)
      if (r.value) distribution = r.value
    }
  }
  return {
    period: env.EVALUATION_PERIOD,
    keberatanDays: env.KEBERATAN_DAYS,
    escalationWorkDays: env.EVALUATION_ESCALATION_WORK_DAYS,
    matrix,
    distribution,
  }
}

/**
 * The /tpp formula: the default (share met, capped, × 60 % × the basic TPP; approvals until the 5th of the
 * next month) unless TPP_FORMULA_FILE names an agency's own (docs/tpp.md). A bad file stops the start.
 */
export function loadTppFormula(env: { TPP_FORMULA_FILE?: string | undefined }, problems: string[]): TppFormula {
  if (!env.TPP_FORMULA_FILE) return DEFAULT_TPP_FORMULA
  const json = readJson(env.TPP_FORMULA_FILE, 'TPP_FORMULA_FILE', problems)
  if (json === undefined) return DEFAULT_TPP_FORMULA
  const r = parseSetting(TppFormulaSchema, json, 'TPP_FORMULA_FILE')
  problems.push(...r.problems)
  return r.value ?? DEFAULT_TPP_FORMULA
}
