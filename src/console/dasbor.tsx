import type { Context } from 'hono'
import { datesBetween, workDaysSince, type Calendar } from '../domain/calendar.js'
import { addDays, localDate, type IsoDate } from '../domain/dates.js'
import { QUEUE_ORDER } from '../domain/decisions.js'
import { REPORTED_STATUSES } from '../domain/digest.js'
import type { DigestUnit, DigestView } from '../domain/scheduled-messages.js'
import { formatClockRange, formatDateId, formatMinutes } from '../messages/index.js'
import { complianceChartSvg, trendChartSvg, type TrendPoint } from '../scheduler/chart.js'
import { loadDigestData } from '../scheduler/jobs/digest-data.js'
import { isoWeek } from '../scheduler/jobs/weekly-digest.js'
import {
  chooseWeek,
  cityOf,
  countWaitingBefore,
  createTrend,
  partFor,
  pathTo,
  personFigures,
  viewOf,
  waitedSince,
  weekFigures,
  type DasborConfig,
  type UnitRow,
  type Week,
} from './dasbor-data.js'
import { Age, capaian, Card, Chart, compliance, complianceChange, SECTION_CSS, shortDate, statusLabel, thousands } from './figures.js'
import { allow, forbidden, notFound } from './guard.js'
import { Page, PAGE_SIZE, Pager, pageParam } from './layout.js'
import { scopeWith, unitInScope, type Scope } from './scope.js'
import { dayKind } from './today.js'
import type { ConsoleApp, ConsoleDeps, ConsoleEnv } from './types.js'

// Dasbor (docs/console.md): per unit and week, the weekly digest's numbers (the same reads and the same
// domain code), with its chart, a trend, and a drill-down from the organisation to a unit to a person.
// ADMIN sees every unit, a LEADER their unit's subtree; a unit or person outside it is refused (403).

type C = Context<ConsoleEnv>

const PATH = '/console/dasbor'

/** A link to the dashboard of a unit (or the viewer's default) for a week, with other parameters. */
function dasborHref(opts: { unit?: number; week?: IsoDate; extra?: Record<string, string> }): string {
  const q = new URLSearchParams()
  if (opts.unit !== undefined) q.set('unit', String(opts.unit))
  if (opts.week) q.set('minggu', opts.week)
  for (const [k, v] of Object.entries(opts.extra ?? {})) q.set(k, v)
  const s = q.toString()
  return s ? `${PATH}?${s}` : PATH
}
const personHref = (id: number, week: IsoDate) => `${PATH}/pegawai/${id}?minggu=${week}`

const weekLabel = (w: Week) => `${isoWeek(w.from)} · ${formatDateId(w.from)} – ${formatDateId(w.to)}`

/** The week picker: an ISO week input (a text field where the browser has none), the weeks around it. */
function WeekPicker(props: { week: Week; last: Week; hidden: Record<string, string>; href: (week: IsoDate) => string }) {
  const prev = addDays(props.week.from, -7)
  const next = addDays(props.week.from, 7)
  return (
    <>
      <form method="get" class="week noprint">
        {Object.entries(props.hidden).map(([k, v]) => (
          <input type="hidden" name={k} value={v} />
        ))}
        <div>
          <label for="minggu">Minggu (ISO, atau tanggal mana pun di minggu itu)</label>
          <input id="minggu" name="minggu" type="week" value={isoWeek(props.week.from)} max={isoWeek(props.last.from)} placeholder="2026-W48" />
        </div>
        <button type="submit">Tampilkan</button>
      </form>
      <p class="weeknav noprint">
        <a href={props.href(prev)}>« Minggu sebelumnya</a>
        {next <= props.last.from ? <a href={props.href(next)}>Minggu berikutnya »</a> : null}
        {props.week.from !== props.last.from ? <a href={props.href(props.last.from)}>Minggu lengkap terakhir</a> : null}
      </p>
    </>
  )
}

/** Where the viewer is: the units from the top of their scope down to this one, each a link. */
function Crumbs(props: { path: UnitRow[]; week: IsoDate; last?: { label: string } }) {
  return (
    <nav class="crumbs" aria-label="Jalur unit">
      {props.path.map((u, i) => (
        <>
          {i > 0 ? ' › ' : ''}
          {i === props.path.length - 1 && !props.last ? <span aria-current="page">{u.name}</span> : <a href={dasborHref({ unit: u.id, week: props.week })}>{u.name}</a>}
        </>
      ))}
      {props.last ? (
        <>
          {' › '}
          <span aria-current="page">{props.last.label}</span>
        </>
      ) : null}
    </nav>
  )
}

/** The headline figures of a subtree for the week, as the digest's total says them. */
function Totals(props: { total: DigestUnit; silent: number; overdue: number; threshold: number }) {
  const t = props.total
  return (
    <div class="cards" id="ringkasan">
      <Card
        id="kepatuhan"
        label="Kepatuhan laporan harian"
        value={compliance(t.week)}
        note={
          <>
            {t.week.reportedDays}/{t.week.expectedDays} hari · {complianceChange(t.week, t.previous) || 'tidak ada pembanding'}
          </>
        }
      />
      <Card
        id="menit"
        label="Menit disetujui"
        value={thousands(t.week.approvedMinutes)}
        note={
          <>
            capaian {capaian(t.week)} dari target {thousands(t.week.targetMinutes)} menit
          </>
        }
      />
      <Card
        id="menunggu"
        label="Menunggu persetujuan (saat ini)"
        value={thousands(t.pending)}
        note={
          t.pending === 0 ? (
            'tidak ada'
          ) : (
            <>
              terlama {t.oldestPendingWorkDays} hari kerja · {props.overdue} menunggu ≥ {props.threshold} hari kerja
            </>
          )
        }
      />
      <Card id="pegawai" label="Pegawai wajib lapor" value={thousands(t.employees)} note={<>{props.silent} tanpa laporan sepanjang minggu</>} />
    </div>
  )
}

function UnitRowCells(props: { u: DigestUnit }) {
  const u = props.u
  return (
    <>
      <td class="num">{thousands(u.employees)}</td>
      <td class="num">
        {compliance(u.week)} <span class="muted">({u.week.reportedDays}/{u.week.expectedDays})</span>
      </td>
      <td class="num">{complianceChange(u.week, u.previous) || '—'}</td>
      <td class="num">{thousands(u.week.approvedMinutes)}</td>
      <td class="num">{thousands(u.week.targetMinutes)}</td>
      <td class="num">{capaian(u.week)}</td>
      <td class="num">{thousands(u.pending)}</td>
    </>
  )
}

const UnitHead = () => (
  <>
    <th class="num">Pegawai</th>
    <th class="num">Kepatuhan</th>
    <th class="num">Perubahan</th>
    <th class="num">Disetujui (menit)</th>
    <th class="num">Target (menit)</th>
    <th class="num">Capaian</th>
    <th class="num">Menunggu</th>
  </>
)

function TrendTable(props: { points: TrendPoint[] }) {
  return (
    <details>
      <summary>Angka tren per minggu</summary>
      <div class="scroll">
        <table id="tren-tabel">
          <thead>
            <tr>
              <th>Minggu</th>
              <th class="num">Kepatuhan</th>
              <th class="num">Hari lapor / wajib</th>
              <th class="num">Disetujui (menit)</th>
              <th class="num">Target (menit)</th>
              <th class="num">Capaian</th>
            </tr>
          </thead>
          <tbody>
            {props.points.map((p) => (
              <tr>
                <td>
                  {isoWeek(p.from)} <span class="muted">({formatDateId(p.from)})</span>
                </td>
                <td class="num">{compliance(p.week)}</td>
                <td class="num">
                  {p.week.reportedDays}/{p.week.expectedDays}
                </td>
                <td class="num">{thousands(p.week.approvedMinutes)}</td>
                <td class="num">{thousands(p.week.targetMinutes)}</td>
                <td class="num">{capaian(p.week)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}

/** The top of the viewer's scope: every unit for ADMIN, the own unit's subtree for a LEADER. */
function scopeTop(scope: Scope, cityId: number): number {
  return scope.kind === 'units' ? scope.rootUnitId : cityId
}

/** The units shown as the path to `unitId`, cut at the top of the viewer's scope. */
function scopedPath(units: UnitRow[], unitId: number, top: number): UnitRow[] {
  const path = pathTo(units, unitId)
  const at = path.findIndex((u) => u.id === top)
  return at >= 0 ? path.slice(at) : path
}

export function registerDasbor(app: ConsoleApp, deps: ConsoleDeps) {
  const cfg: DasborConfig = { tz: deps.config.TZ_DEFAULT, minutesPerDay: deps.config.MINUTES_PER_DAY, backlogWorkDays: deps.config.ESCALATION_WORK_DAYS }
  const trend = createTrend(deps.db, deps.clock, cfg)
  app.use(PATH, allow('ADMIN', 'LEADER'))
  app.use(`${PATH}/*`, allow('ADMIN', 'LEADER'))

  const readUnits = () => deps.db.unit.findMany({ select: { id: true, code: true, name: true, parentId: true } })

  app.get(PATH, async (c: C) => {
    const viewer = c.get('viewer')
    const units = await readUnits()
    const scope = scopeWith(viewer, units)
    const city = cityOf(units)
    const top = scopeTop(scope, city.id)
    const asked = c.req.query('unit')
    let rootId = top
    if (asked !== undefined && asked !== '') {
      if (!/^\d{1,9}$/.test(asked)) return notFound(c, 'Unit ini tidak ada.')
      rootId = Number(asked)
      if (!unitInScope(scope, rootId)) return forbidden(c, 'Unit ini di luar unit yang Anda pimpin.')
      if (!city.units.some((u) => u.id === rootId)) return notFound(c, 'Unit ini tidak ada.')
    }
    const today = localDate(deps.clock.now(), cfg.tz)
    const { week, notice } = chooseWeek(c.req.query('minggu'), today)
    const last = chooseWeek(undefined, today).week

    const current = await weekFigures(deps.db, cfg, { units, rootId, week, today })
    const view = viewOf(current.org, rootId, cfg)
    const cutoff = waitedSince(current.data.calendar, today, cfg.backlogWorkDays, cfg.tz)
    const [overdue, points] = await Promise.all([
      countWaitingBefore(deps.db, partFor(units, rootId), cutoff),
      trend.points({ units, rootId, current, today }),
    ])

    // the units right under this one, each with its subtree's totals (paged: a Kecamatan may have many)
    const children = city.units.filter((u) => u.parentId === rootId).sort((a, b) => a.code.localeCompare(b.code))
    const unitPage = pageParam(c.req.query('hal_unit'))
    const childRows = children.slice((unitPage - 1) * PAGE_SIZE, unitPage * PAGE_SIZE).map((u) => ({ unit: u, total: viewOf(current.org, u.id, cfg, 0).total }))
    // the unit's own people, in the digest's order (by name), paged
    const own = current.data.employees.filter((e) => e.unitId === rootId)
    const peoplePage = pageParam(c.req.query('hal_pegawai'))
    const people = own.slice((peoplePage - 1) * PAGE_SIZE, peoplePage * PAGE_SIZE).map((e) => ({ e, f: personFigures(current.data, e) }))
    const root = city.units.find((u) => u.id === rootId)!
    const silentCount = view.silent.length + view.silentMore
    const href = (extra: Record<string, string>) => dasborHref({ unit: rootId, week: week.from, extra })

    return c.html(
      <Page title={`Dasbor — ${root.name}`} viewer={viewer} path={PATH}>
        <style>{SECTION_CSS}</style>
        <Crumbs path={scopedPath(city.units, rootId, top)} week={week.from} />
        <p>
          <strong>{weekLabel(week)}</strong>
        </p>
        {notice ? (
          <p class="notice" role="status">
            {notice}
          </p>
        ) : null}
        <WeekPicker week={week} last={last} hidden={rootId === top ? {} : { unit: String(rootId) }} href={(w) => dasborHref({ unit: rootId === top ? undefined : rootId, week: w })} />
        <Totals total={view.total} silent={silentCount} overdue={overdue} threshold={cfg.backlogWorkDays} />
        <p class="muted">
          Angka yang sama dengan ringkasan mingguan pimpinan: kepatuhan = hari dengan laporan ÷ hari kerja wajib (cuti dan libur tidak dihitung); target
          menit dihitung proporsional per hari kerja. “Menunggu” adalah keadaan saat ini, umurnya dalam hari kerja.
        </p>

        <h2>Kepatuhan per unit</h2>
        <Chart id="grafik-kepatuhan" svg={complianceChartSvg(view)} label={`Kepatuhan laporan harian per unit, ${weekLabel(week)}`} />

        <h2>Tren {points.length} minggu</h2>
        <Chart id="grafik-tren" svg={trendChartSvg(root.name, points)} label={`Tren kepatuhan dan menit disetujui terhadap target, ${points.length} minggu`} />
        <TrendTable points={points} />

        {children.length > 0 ? (
          <>
            <h2>Unit di bawahnya ({children.length})</h2>
            <div class="scroll">
              <table id="unit-bawah">
                <thead>
                  <tr>
                    <th>Unit</th>
                    <UnitHead />
                  </tr>
                </thead>
                <tbody>
                  {childRows.map(({ unit, total }) => (
                    <tr>
                      <td>
                        <a href={dasborHref({ unit: unit.id, week: week.from })}>{unit.name}</a>
                      </td>
                      <UnitRowCells u={total} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {children.length > PAGE_SIZE ? <Pager page={unitPage} hasNext={unitPage * PAGE_SIZE < children.length} href={(p) => href({ hal_unit: String(p) })} /> : null}
          </>
        ) : null}

        <h2>Pegawai di unit ini ({own.length})</h2>
        {own.length === 0 ? (
          <p class="muted">Tidak ada pegawai aktif yang langsung berada di unit ini.</p>
        ) : (
          <>
            <div class="scroll">
              <table id="pegawai-unit">
                <thead>
                  <tr>
                    <th>Nama</th>
                    <th class="num">Hari lapor / wajib</th>
                    <th class="num">Kepatuhan</th>
                    <th class="num">Disetujui (menit)</th>
                    <th class="num">Target (menit)</th>
                    <th class="num">Capaian</th>
                    <th class="num">Menunggu</th>
                  </tr>
                </thead>
                <tbody>
                  {people.map(({ e, f }) => (
                    <tr>
                      <td>
                        <a href={personHref(e.id, week.from)}>{e.name}</a>
                      </td>
                      {e.supervisorId === null || !f ? (
                        <td colspan={5} class="muted">
                          tidak wajib melapor (tanpa atasan langsung)
                        </td>
                      ) : (
                        <>
                          <td class={`num${f.week.expectedDays > 0 && f.week.reportedDays === 0 ? ' state-silent' : ''}`}>
                            {f.week.reportedDays}/{f.week.expectedDays}
                          </td>
                          <td class="num">{compliance(f.week)}</td>
                          <td class="num">{thousands(f.week.approvedMinutes)}</td>
                          <td class="num">{thousands(f.week.targetMinutes)}</td>
                          <td class="num">{capaian(f.week)}</td>
                        </>
                      )}
                      <td class="num">{thousands(f?.pending ?? 0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {own.length > PAGE_SIZE ? <Pager page={peoplePage} hasNext={peoplePage * PAGE_SIZE < own.length} href={(p) => href({ hal_pegawai: String(p) })} /> : null}
          </>
        )}

        <Backlog view={view} />
        <Silent view={view} />
      </Page>,
    )
  })

  app.get(`${PATH}/pegawai/:id{[0-9]+}`, async (c: C) => {
    const viewer = c.get('viewer')
    const id = Number(c.req.param('id'))
    if (!Number.isSafeInteger(id) || id > 2_147_483_647) return notFound(c, 'Pegawai ini tidak ada.')
    const [units, person] = await Promise.all([
      readUnits(),
      deps.db.employee.findUnique({
        where: { id },
        select: { id: true, nip: true, name: true, position: true, unitId: true, supervisorId: true, active: true, supervisor: { select: { name: true } } },
      }),
    ])
    const scope = scopeWith(viewer, units)
    if (!unitInScope(scope, person?.unitId ?? -1)) return forbidden(c, 'Pegawai ini di luar unit yang Anda pimpin.')
    if (!person) return notFound(c, 'Pegawai ini tidak ada.')
    const city = cityOf(units)
    const today = localDate(deps.clock.now(), cfg.tz)
    const { week, notice } = chooseWeek(c.req.query('minggu'), today)
    const last = chooseWeek(undefined, today).week
    // the digest's reads for this one person: their figures come out as they count in their unit's
    const data = await loadDigestData(deps.db, { tz: cfg.tz, week, today, minutesPerDay: cfg.minutesPerDay, part: { employeeIds: [id] } })
    const row = data.employees[0]
    const f = row ? personFigures(data, row) : undefined
    const cutoff = waitedSince(data.calendar, today, cfg.backlogWorkDays, cfg.tz)
    const [activities, waiting, overdue] = await Promise.all([
      deps.db.activity.findMany({
        where: { employeeId: id, date: { gte: week.from, lte: week.to } },
        orderBy: [{ date: 'asc' }, { startMinute: 'asc' }, { id: 'asc' }],
        select: { id: true, date: true, startMinute: true, endMinute: true, minutes: true, description: true, status: true },
      }),
      deps.db.activity.findMany({
        where: { employeeId: id, status: 'DIAJUKAN' },
        orderBy: QUEUE_ORDER,
        take: PAGE_SIZE,
        select: { id: true, date: true, minutes: true, description: true, submittedAt: true },
      }),
      countWaitingBefore(deps.db, { employeeIds: [id] }, cutoff),
    ])
    const unitPath = scopedPath(city.units, person.unitId, scopeTop(scope, city.id))
    const expected = person.active && person.supervisorId !== null
    const w = f?.week ?? { expectedDays: 0, reportedDays: 0, approvedMinutes: 0, targetMinutes: 0 }

    return c.html(
      <Page title={person.name} viewer={viewer} path={PATH}>
        <style>{SECTION_CSS}</style>
        <Crumbs path={unitPath} week={week.from} last={{ label: person.name }} />
        <p>
          NIP {person.nip} · {person.position}
          {person.supervisor ? <> · atasan langsung: {person.supervisor.name}</> : null} ·{' '}
          <a href={`/console/organisasi/pegawai/${person.id}`}>data pegawai</a>
        </p>
        <p>
          <strong>{weekLabel(week)}</strong>
        </p>
        {!person.active ? <p class="notice">Pegawai ini tidak aktif: tidak dihitung dalam ringkasan.</p> : null}
        {person.active && person.supervisorId === null ? <p class="notice">Tanpa atasan langsung: tidak wajib melapor, tidak dihitung dalam kepatuhan.</p> : null}
        {notice ? (
          <p class="notice" role="status">
            {notice}
          </p>
        ) : null}
        <WeekPicker week={week} last={last} hidden={{}} href={(wk) => personHref(person.id, wk)} />
        <div class="cards" id="ringkasan">
          <Card id="kepatuhan" label="Hari dengan laporan" value={expected ? `${w.reportedDays}/${w.expectedDays}` : '—'} note={expected ? `kepatuhan ${compliance(w)}` : 'tidak wajib melapor'} />
          <Card id="menit" label="Menit disetujui" value={thousands(w.approvedMinutes)} note={expected ? `capaian ${capaian(w)} dari target ${thousands(w.targetMinutes)} menit` : undefined} />
          <Card
            id="menunggu"
            label="Menunggu persetujuan (saat ini)"
            value={thousands(f?.pending ?? 0)}
            note={f && f.pending > 0 ? `terlama ${f.oldestPendingWorkDays} hari kerja · ${overdue} menunggu ≥ ${cfg.backlogWorkDays} hari kerja` : 'tidak ada'}
          />
        </div>

        <h2>Hari demi hari</h2>
        <DayTable week={week} calendar={data.calendar} employeeId={person.id} expected={expected} activities={activities} />

        <h2>Laporan minggu ini ({activities.length})</h2>
        {activities.length === 0 ? (
          <p class="muted">Tidak ada laporan bertanggal minggu ini.</p>
        ) : (
          <div class="scroll">
            <table id="laporan">
              <thead>
                <tr>
                  <th>Tanggal</th>
                  <th>Waktu</th>
                  <th class="num">Menit</th>
                  <th>Uraian</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {activities.map((a) => (
                  <tr>
                    <td>{shortDate(a.date)}</td>
                    <td>{a.startMinute !== null && a.endMinute !== null ? formatClockRange(a.startMinute, a.endMinute) : '—'}</td>
                    <td class="num">{thousands(a.minutes)}</td>
                    <td>{a.description}</td>
                    <td>{statusLabel(a.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <h2>Menunggu persetujuan</h2>
        {waiting.length === 0 ? (
          <p class="muted">Tidak ada laporan yang menunggu persetujuan.</p>
        ) : (
          <div class="scroll">
            <table id="menunggu-daftar">
              <thead>
                <tr>
                  <th>Tanggal kegiatan</th>
                  <th>Uraian</th>
                  <th class="num">Menit</th>
                  <th>Diajukan</th>
                  <th>Menunggu</th>
                </tr>
              </thead>
              <tbody>
                {waiting.map((a) => {
                  const submitted = localDate(a.submittedAt, cfg.tz)
                  return (
                    <tr>
                      <td>{shortDate(a.date)}</td>
                      <td>{a.description}</td>
                      <td class="num">{thousands(a.minutes)}</td>
                      <td>{shortDate(submitted)}</td>
                      <td>
                        <Age days={ageOf(data.calendar, submitted, today)} threshold={cfg.backlogWorkDays} />
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <a href={dasborHref({ unit: person.unitId, week: week.from })}>« Kembali ke unit</a>
        </p>
      </Page>,
    )
  })
}

const ageOf = (cal: Calendar, submitted: IsoDate, today: IsoDate) => workDaysSince(cal, submitted, today)

function DayTable(props: {
  week: Week
  calendar: Calendar
  employeeId: number
  expected: boolean
  activities: { date: IsoDate; minutes: number; status: string }[]
}) {
  return (
    <div class="scroll">
      <table id="hari">
        <thead>
          <tr>
            <th>Tanggal</th>
            <th>Hari</th>
            <th>Laporan</th>
            <th class="num">Menit dilaporkan</th>
            <th class="num">Menit disetujui</th>
          </tr>
        </thead>
        <tbody>
          {datesBetween(props.week.from, props.week.to).map((d) => {
            const kind = dayKind(props.calendar, props.employeeId, d)
            const mine = props.activities.filter((a) => a.date === d)
            const reported = mine.filter((a) => REPORTED_STATUSES.includes(a.status))
            const approved = mine.filter((a) => a.status === 'DISETUJUI').reduce((s, a) => s + a.minutes, 0)
            const silent = props.expected && kind.work && reported.length === 0
            return (
              <tr>
                <td>{shortDate(d)}</td>
                <td>{kind.label}</td>
                <td class={silent ? 'state-silent' : reported.length > 0 ? 'state-ok' : undefined}>
                  {silent ? 'Tidak melapor' : reported.length > 0 ? `${reported.length} laporan` : '—'}
                </td>
                <td class="num">{reported.length > 0 ? formatMinutes(reported.reduce((s, a) => s + a.minutes, 0)) : '—'}</td>
                <td class="num">{approved > 0 ? thousands(approved) : '—'}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

function Backlog(props: { view: DigestView }) {
  const v = props.view
  return (
    <>
      <h2>Atasan dengan persetujuan tertunda ≥ {v.backlogThreshold} hari kerja</h2>
      {v.backlog.length === 0 ? (
        <p class="muted">Tidak ada.</p>
      ) : (
        <div class="scroll">
          <table id="tunggakan">
            <thead>
              <tr>
                <th>Atasan</th>
                <th>Unit</th>
                <th class="num">Menunggu</th>
                <th class="num">Terlama</th>
              </tr>
            </thead>
            <tbody>
              {v.backlog.map((b) => (
                <tr>
                  <td>{b.name}</td>
                  <td>{b.unit}</td>
                  <td class="num">{thousands(b.pending)}</td>
                  <td class="num">
                    <Age days={b.oldestWorkDays} threshold={v.backlogThreshold} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}

function Silent(props: { view: DigestView }) {
  const v = props.view
  return (
    <>
      <h2>Tanpa laporan sepanjang minggu ({v.silent.length + v.silentMore})</h2>
      {v.silent.length === 0 ? (
        <p class="muted">Semua pegawai yang wajib lapor mengirim laporan minggu ini.</p>
      ) : (
        <ul id="tanpa-laporan">
          {v.silent.map((s) => (
            <li>
              {s.name} <span class="muted">({s.unit})</span>
            </li>
          ))}
          {v.silentMore > 0 ? <li class="muted">dan {v.silentMore} lainnya (lihat per unit)</li> : null}
        </ul>
      )}
    </>
  )
}
