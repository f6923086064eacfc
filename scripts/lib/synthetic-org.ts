// A synthetic organisation of any size, the same for the same seed: units, leaders, supervisors and
// employees with valid NIPs, and weeks of activities. Used by the benchmarks and for demos at scale.

export interface SyntheticUnit {
  code: string
  name: string
  parentCode: string | null
  kind: string
}

export interface SyntheticEmployee {
  nip: string
  name: string
  unitCode: string
  position: string
  positionType: string
  grade: string
  supervisorNip: string | null
  role: 'EMPLOYEE' | 'SUPERVISOR' | 'LEADER'
  monthlyTargetMinutes: number
}

export interface SyntheticActivity {
  nip: string
  date: string
  startMinute: number
  endMinute: number
  status: 'DISETUJUI' | 'DIAJUKAN' | 'REVISI' | 'DITOLAK'
  description: string
}

/** mulberry32: small, fast and good enough for test data. */
export function rng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! }
}

const FIRST = ['Andi', 'Ahmad', 'Sri', 'Nur', 'Wa Ode', 'La Ode', 'Rahmat', 'Fitri', 'Hasan', 'Indah', 'Sukri', 'Ratna', 'Jumadil', 'Asniar', 'Budi', 'Rosmini']
const LAST = ['Halim', 'Latif', 'Anwar', 'Ramli', 'Djafar', 'Tamrin', 'Baharuddin', 'Sudirman', 'Amir', 'Kadir', 'Basri', 'Saleh', 'Tosepu', 'Jaya']
const TASKS = ['Menyusun laporan', 'Rapat koordinasi', 'Verifikasi berkas', 'Entri data kepegawaian', 'Pelayanan masyarakat', 'Menyusun notulen', 'Monitoring kegiatan', 'Evaluasi program']
const pad = (n: number, w: number) => String(n).padStart(w, '0')

/** A valid NIP: birth date, TMT at 22–30, gender digit, sequence; unique through `taken`. */
function nip(r: ReturnType<typeof rng>, taken: Set<string>): string {
  for (;;) {
    const by = r.int(1966, 2000)
    const birth = `${by}${pad(r.int(1, 12), 2)}${pad(r.int(1, 28), 2)}`
    const tmt = `${Math.min(2024, by + r.int(22, 30))}${pad(r.int(1, 12), 2)}`
    const n = `${birth}${tmt}${r.int(1, 2)}${pad(r.int(1, 999), 3)}`
    if (!taken.has(n)) {
      taken.add(n)
      return n
    }
  }
}

/**
 * `employees` people: a Sekda, one kepala dinas per ~1,000, one kepala bidang per 10 (9 staff each).
 */
export function generateOrg(opts: { seed: number; employees: number }) {
  const r = rng(opts.seed)
  const taken = new Set<string>()
  const units: SyntheticUnit[] = [{ code: 'SETDA', name: 'Sekretariat Daerah', parentCode: null, kind: 'SEKRETARIAT' }]
  const employees: SyntheticEmployee[] = []
  const person = (unitCode: string, position: string, role: SyntheticEmployee['role'], supervisorNip: string | null): SyntheticEmployee => {
    const e: SyntheticEmployee = {
      nip: nip(r, taken),
      name: `${r.pick(FIRST)} ${r.pick(LAST)}`,
      unitCode,
      position,
      positionType: role === 'EMPLOYEE' ? r.pick(['FUNGSIONAL', 'PELAKSANA']) : 'STRUKTURAL',
      grade: role === 'EMPLOYEE' ? r.pick(['II/c', 'III/a', 'III/b', 'III/c']) : role === 'SUPERVISOR' ? 'IV/a' : 'IV/b',
      supervisorNip,
      role,
      monthlyTargetMinutes: 6600,
    }
    employees.push(e)
    return e
  }
  const sekda = person('SETDA', 'Sekretaris Daerah', 'LEADER', null)
  const dinasCount = Math.max(1, Math.round(opts.employees / 1000))
  const perDinas = Math.ceil((opts.employees - 1) / dinasCount)
  for (let d = 1; d <= dinasCount && employees.length < opts.employees; d++) {
    const code = `DINAS-${pad(d, 3)}`
    units.push({ code, name: `Dinas ${d}`, parentCode: 'SETDA', kind: 'DINAS' })
    const kadis = person(code, `Kepala Dinas ${d}`, 'LEADER', sekda.nip)
    const end = Math.min(opts.employees, employees.length - 1 + perDinas)
    for (let b = 1; employees.length < end; b++) {
      const bidang = `${code}-B${pad(b, 3)}`
      units.push({ code: bidang, name: `Bidang ${b} Dinas ${d}`, parentCode: code, kind: 'BIDANG' })
      const kabid = person(bidang, `Kepala Bidang ${b}`, 'SUPERVISOR', kadis.nip)
      for (let s = 0; s < 9 && employees.length < end; s++) person(bidang, r.pick(['Analis', 'Pranata Komputer', 'Pengadministrasi']), 'EMPLOYEE', kabid.nip)
    }
  }
  return { units, employees }
}

/** About `perWeek` activities per employee per work week before `endDate`, non-overlapping per day. */
export function* generateActivities(opts: {
  seed: number
  employees: readonly Pick<SyntheticEmployee, 'nip'>[]
  workDays: readonly string[]
  perWeek: number
}): Generator<SyntheticActivity> {
  const r = rng(opts.seed ^ 0x5eed)
  const perDay = Math.max(1, Math.round(opts.perWeek / 5))
  for (const e of opts.employees) {
    for (const date of opts.workDays) {
      let start = 7 * 60 + 30
      for (let i = 0; i < perDay; i++) {
        const minutes = r.int(4, 10) * 10
        const roll = r.next()
        yield {
          nip: e.nip,
          date,
          startMinute: start,
          endMinute: start + minutes,
          status: roll < 0.85 ? 'DISETUJUI' : roll < 0.95 ? 'DIAJUKAN' : roll < 0.98 ? 'REVISI' : 'DITOLAK',
          description: `${r.pick(TASKS)} ${i + 1}`,
        }
        start += minutes + r.int(0, 2) * 10
      }
    }
  }
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v)
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** The org as the two CSV files `npm run cli -- import-org` reads. */
export function toCsv(org: ReturnType<typeof generateOrg>): { units: string; employees: string } {
  const units = ['code,name,parent_code,kind', ...org.units.map((u) => [u.code, u.name, u.parentCode, u.kind].map(csvCell).join(','))]
  const employees = [
    'nip,name,unit_code,position,position_type,grade,supervisor_nip,role,monthly_target_minutes,telegram_user_id,slack_user_id',
    ...org.employees.map((e) =>
      [e.nip, e.name, e.unitCode, e.position, e.positionType, e.grade, e.supervisorNip, e.role, e.monthlyTargetMinutes, '', ''].map(csvCell).join(','),
    ),
  ]
  return { units: `${units.join('\n')}\n`, employees: `${employees.join('\n')}\n` }
}

/** SQL dialects the in-database generator writes. */
export type SqlDialect = 'sqlite' | 'postgresql'

/** Task names of the generated descriptions (also used by {@link activityInsertSql}). */
export const ACTIVITY_TASKS: readonly string[] = TASKS

/** 2^31 − 1, a prime: the modulus of the in-database hash (every product stays below 2^63). */
const HASH_MODULUS = 2147483647

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`

/**
 * One `INSERT INTO "Activity" … SELECT` that writes one work day of activities for every row of
 * "Employee" inside the database (no rows travel through the client, so millions of rows take seconds).
 * `perDay` activities per person that day, in fixed non-overlapping slots from 07:30 (2 h apart, 40–100
 * minutes, starting 0 or 10 minutes into the slot), status 85 % DISETUJUI, 10 % DIAJUKAN, 3 % REVISI,
 * 2 % DITOLAK, like {@link generateActivities}. Every value comes from a hash of (seed, employee id,
 * `dayIndex`, slot) in integer arithmetic that SQLite and PostgreSQL evaluate identically (products below
 * 2^63, non-negative `%` and `/`), so the same seed, ids and days give the same rows on both databases.
 * Ids are explicit, `firstId + (employee id − 1) × perDay + slot`: the same rows get the same ids whatever
 * order the database writes them in (employee ids must be 1…n; pass `firstId = dayIndex × n × perDay + 1`).
 * `submittedAt` and `updatedAt` are written as Prisma writes DateTime values.
 */
export function activityInsertSql(opts: {
  dialect: SqlDialect
  seed: number
  date: string
  dayIndex: number
  perDay: number
  firstId: number
  submittedAt: Date
  updatedAt: Date
}): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) throw new Error(`activityInsertSql: bad date ${opts.date}`)
  const M = HASH_MODULUS
  const seed = Math.abs(Math.trunc(opts.seed)) % 1000
  const day = Math.trunc(opts.dayIndex)
  const perDay = Math.max(1, Math.trunc(opts.perDay))
  // the ISO text Prisma's SQLite adapter stores (…+00:00); PostgreSQL reads the same text as the UTC instant
  const ts = (d: Date) => {
    const text = sqlText(d.toISOString().replace('Z', '+00:00'))
    return opts.dialect === 'postgresql' ? `CAST(${text} AS TIMESTAMP(3))` : text
  }
  const slots = Array.from({ length: perDay }, (_, s) => (s === 0 ? 'SELECT 0 AS "s"' : `SELECT ${s}`)).join(' UNION ALL ')
  // three rounds: Park–Miller (linear), a square (breaks the linearity), Park–Miller again
  const k0 = `((${seed * 1000003} + CAST(e."id" AS BIGINT) * 7919 + ${day * 104729} + sl."s" * 15485863) % ${M} + 1)`
  const k1 = `SELECT e."id" AS "eid", sl."s" AS "s", (${k0} * 48271) % ${M} AS "k1" FROM "Employee" e CROSS JOIN (${slots}) sl`
  const k2 = `SELECT "eid", "s", ("k1" * "k1" + 11) % ${M} AS "k2" FROM (${k1}) h1`
  const k = `SELECT "eid", "s", ("k2" * 48271) % ${M} AS "k" FROM (${k2}) h2`
  const tasks = ACTIVITY_TASKS.map((t, i) => `WHEN ${i} THEN ${sqlText(t)}`).join(' ')
  const start = `(450 + "s" * 120 + (("k" / 5600) % 2) * 10)`
  const minutes = `(10 * (4 + ("k" / 100) % 7))`
  const status = `CASE WHEN "k" % 100 < 85 THEN 'DISETUJUI' WHEN "k" % 100 < 95 THEN 'DIAJUKAN' WHEN "k" % 100 < 98 THEN 'REVISI' ELSE 'DITOLAK' END`
  const columns = ['id', 'employeeId', 'date', 'startMinute', 'endMinute', 'minutes', 'description', 'status', 'version', 'submittedAt', 'createdAt', 'updatedAt']
  const select =
    `SELECT ${Math.trunc(opts.firstId) - perDay} + "eid" * ${perDay} + "s", "eid", ${sqlText(opts.date)}, ${start}, ${start} + ${minutes}, ${minutes}, ` +
    `(CASE ("k" / 700) % ${ACTIVITY_TASKS.length} ${tasks} END) || ' ' || CAST("s" + 1 AS TEXT), ${status}, 1, ` +
    `${ts(opts.submittedAt)}, ${ts(opts.submittedAt)}, ${ts(opts.updatedAt)}`
  const insert = `INSERT INTO "Activity" (${columns.map((c) => `"${c}"`).join(', ')}) `
  // SQLite would inline the hash into every use of "k" (a dozen): computed once in a materialized CTE
  // (which also keeps the CROSS JOIN's order, employee then slot: ascending ids); PostgreSQL evaluates the
  // subquery's columns once per row anyway
  return opts.dialect === 'sqlite'
    ? `${insert}WITH "h" AS MATERIALIZED (${k}) ${select} FROM "h"`
    : `${insert}${select} FROM (${k}) h`
}
