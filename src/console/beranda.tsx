import type { Context } from 'hono'
import { findUnreachable, type Reason, type UnreachablePerson } from '../admin/unreachable.js'
import { isOrgWorkDay, isWeekend, loadCalendar, workDaysSince, type Calendar } from '../domain/calendar.js'
import { localDate, type IsoDate } from '../domain/dates.js'
import { QUEUE_ORDER, queueWhere } from '../domain/decisions.js'
import { subtree } from '../domain/digest.js'
import type { Platform } from '../domain/types.js'
import { formatDateId, formatDateTimeId, formatMinutes, shortDescription } from '../messages/index.js'
import { listDeadLetters, type DeadLetter } from '../notify/dead-letters.js'
import { loadPending } from '../scheduler/jobs/digest-data.js'
import type { Viewer } from './auth.js'
import { cityOf, waitedSince, type UnitRow } from './dasbor-data.js'
import { Age, Card, SECTION_CSS, shortDate, thousands } from './figures.js'
import { allow } from './guard.js'
import { Page, PAGE_SIZE, Pager, pageParam } from './layout.js'
import { employeesIn, scopeOf, type Scope } from './scope.js'
import { countToday, loadToday, type PersonToday } from './today.js'
import type { ConsoleApp, ConsoleDeps, ConsoleEnv } from './types.js'

// Beranda (docs/console.md): the viewer's scope today. A SUPERVISOR sees their direct team and their own
// approval queue; a LEADER their unit's subtree, an ADMIN the whole organisation, summed per unit with the
// people who have not reported paged. Then what waits: approvals and their ages, people the bot cannot
// reach, messages that could not be delivered.

type C = Context<ConsoleEnv>

const LISTED = 20

const PLATFORM: Record<Platform, string> = { telegram: 'Telegram', slack: 'Slack', whatsapp: 'WhatsApp', playground: 'Playground' }

function reasonText(r: Reason): string {
  switch (r.kind) {
    case 'no_account':
      return 'belum punya akun chat (perlu kode tautan)'
    case 'never_opened':
      return `akun ${PLATFORM[r.platform]} belum pernah membuka bot`
    case 'platform_off':
      return `hanya punya akun ${PLATFORM[r.platform]}, yang tidak diaktifkan`
    case 'dead':
      return `pesan terakhir gagal terkirim${r.lastError ? ` (${r.lastError.slice(0, 120)})` : ''}`
  }
}

const STATE: Record<PersonToday['state'], { text: string; cls?: string }> = {
  reported: { text: 'Sudah melapor', cls: 'state-ok' },
  silent: { text: 'Belum melapor', cls: 'state-silent' },
  leave: { text: '' },
  holiday: { text: '' },
  weekend: { text: '' },
}

/** The person's day in a cell: reported (how much), not yet, or why it is not a work day. */
function StateCell(props: { p: PersonToday }) {
  const p = props.p
  const s = STATE[p.state]
  const text = s.text || p.label
  return (
    <td class={s.cls}>
      {text}
      {p.state !== 'reported' && p.reports > 0 ? <span class="muted"> (tetap melapor)</span> : null}
    </td>
  )
}

/** The day at the top: the date, and whether the organisation works today. */
function TodayLine(props: { today: IsoDate; calendar: Calendar }) {
  const holiday = props.calendar.holidays.get(props.today)
  return (
    <>
      <p>
        <strong>Hari ini: {formatDateId(props.today)}</strong>
      </p>
      {!isOrgWorkDay(props.calendar, props.today) ? (
        <p class="notice" role="status">
          Hari ini {holiday ? `hari libur (${holiday.name})` : isWeekend(props.today) ? 'akhir pekan' : 'bukan hari kerja'}: tidak ada yang wajib melapor.
        </p>
      ) : null}
    </>
  )
}

function UnreachableList(props: { people: UnreachablePerson[]; link: boolean }) {
  const { people } = props
  return (
    <>
      <h2>Tidak dapat dihubungi bot ({people.length})</h2>
      {people.length === 0 ? (
        <p class="muted">Semua pegawai aktif dapat dihubungi bot.</p>
      ) : (
        <>
          <p class="muted">Pengingat, kartu persetujuan dan ringkasan tidak sampai kepada mereka.</p>
          <div class="scroll">
            <table id="tak-terjangkau">
              <thead>
                <tr>
                  <th>Nama</th>
                  <th>Unit</th>
                  <th>Sebab</th>
                  <th class="num">Pesan tertahan</th>
                </tr>
              </thead>
              <tbody>
                {people.slice(0, LISTED).map((p) => (
                  <tr>
                    <td>{props.link ? <a href={`/console/organisasi/pegawai/${p.id}`}>{p.name}</a> : p.name}</td>
                    <td>{p.unit.name}</td>
                    <td>{p.reasons.map(reasonText).join('; ')}</td>
                    <td class="num">{thousands(p.waiting)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {people.length > LISTED ? (
            <p class="muted">
              dan {people.length - LISTED} lainnya{props.link ? <> — daftar lengkap di <a href="/console/organisasi">Organisasi</a></> : null}.
            </p>
          ) : null}
        </>
      )}
    </>
  )
}

function DeadLetters(props: { total: number; oldest: DeadLetter[]; tz: string }) {
  return (
    <>
      <h2>Pesan gagal terkirim ({props.total})</h2>
      {props.total === 0 ? (
        <p class="muted">Tidak ada pesan yang gagal terkirim.</p>
      ) : (
        <>
          <div class="scroll">
            <table id="pesan-gagal">
              <thead>
                <tr>
                  <th>#</th>
                  <th>Penerima</th>
                  <th>Jenis</th>
                  <th>Platform</th>
                  <th>Galat terakhir</th>
                  <th>Dibuat</th>
                </tr>
              </thead>
              <tbody>
                {props.oldest.map((d) => (
                  <tr>
                    <td>{d.id}</td>
                    <td>{d.recipient.name}</td>
                    <td>{d.kind}</td>
                    <td>{d.platform ?? '—'}</td>
                    <td>{d.lastError ? shortDescription(d.lastError) : '—'}</td>
                    <td>{formatDateTimeId(d.createdAt, props.tz)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <a href="/console/pesan-gagal">Kelola pesan gagal (kirim ulang atau buang) »</a>
          </p>
        </>
      )}
    </>
  )
}

/** Dead letters to people of the scope, for those who do not manage them (the ADMIN does). */
function DeadNote(props: { messages: number; people: number }) {
  if (props.messages === 0) return null
  return (
    <p class="notice" id="pesan-gagal">
      {props.messages} pesan gagal terkirim kepada {props.people} orang dalam cakupan Anda (mereka tercantum di atas). Admin BKPSDM dapat mengirim ulang setelah
      penyebabnya diatasi.
    </p>
  )
}

/** The enabled platforms that are real chats: the practice playground reaches everyone, except where it is all there is. */
function realPlatforms(platforms: readonly Platform[]): Platform[] {
  const real = platforms.filter((p) => p !== 'playground')
  return real.length > 0 ? real : [...platforms]
}

export function registerBeranda(app: ConsoleApp, deps: ConsoleDeps) {
  const tz = deps.config.TZ_DEFAULT
  const threshold = deps.config.ESCALATION_WORK_DAYS
  app.use('/console', allow('ADMIN', 'LEADER', 'SUPERVISOR'))

  /** Dead letters to the people of a scope: how many messages, to how many people. */
  async function deadTo(ids: Set<number>) {
    const rows = await deps.db.outbox.groupBy({ by: ['recipientId'], where: { status: 'DEAD' }, _count: { _all: true } })
    const mine = rows.filter((r) => ids.has(r.recipientId))
    return { messages: mine.reduce((s, r) => s + r._count._all, 0), people: mine.length }
  }

  /** Holidays back to `oldest` (pending ages count organisation work days). */
  const holidaysSince = (oldest: IsoDate | undefined, today: IsoDate) => loadCalendar(deps.db, oldest && oldest < today ? oldest : today, today, [])

  app.get('/console', async (c: C) => {
    const viewer = c.get('viewer')
    const scope = await scopeOf(deps.db, viewer)
    return scope.kind === 'team' ? supervisorHome(c, viewer, scope.supervisorId) : wideHome(c, viewer, scope)
  })

  async function supervisorHome(c: C, viewer: Viewer, supervisorId: number) {
    const now = deps.clock.now()
    const today = localDate(now, tz)
    const where = { supervisorId }
    const [{ people, calendar }, queueTotal, queue, unreachable] = await Promise.all([
      loadToday(deps.db, { where, now, tz }),
      deps.db.activity.count({ where: queueWhere(supervisorId) }),
      deps.db.activity.findMany({
        where: queueWhere(supervisorId),
        orderBy: QUEUE_ORDER,
        take: PAGE_SIZE,
        select: { id: true, date: true, minutes: true, description: true, submittedAt: true, employee: { select: { name: true } } },
      }),
      findUnreachable(deps.db, { platforms: realPlatforms(deps.platforms), where }),
    ])
    const oldest = queue[0] ? localDate(queue[0].submittedAt, tz) : undefined
    const ages = await holidaysSince(oldest, today)
    const overdue = queueTotal === 0 ? 0 : await deps.db.activity.count({ where: { ...queueWhere(supervisorId), submittedAt: { lt: waitedSince(ages, today, threshold, tz) } } })
    const dead = await deadTo(new Set(people.map((p) => p.id)))
    const counts = countToday(people)
    const page = pageParam(c.req.query('hal'))
    const shown = people.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)

    return c.html(
      <Page title="Beranda" viewer={viewer} path="/console">
        <style>{SECTION_CSS}</style>
        <TodayLine today={today} calendar={calendar} />
        <div class="cards" id="ringkasan">
          <Card id="sudah" label="Sudah melapor hari ini" value={`${counts.reported}/${counts.expected}`} note={`${people.length} orang di tim Anda`} />
          <Card id="belum" label="Belum melapor" value={counts.silent} note={counts.away > 0 ? `${counts.away} cuti/libur` : undefined} />
          <Card
            id="menunggu"
            label="Menunggu persetujuan Anda"
            value={queueTotal}
            note={queueTotal > 0 ? `terlama ${workDaysSince(ages, oldest!, today)} hari kerja · ${overdue} menunggu ≥ ${threshold} hari kerja` : 'tidak ada'}
          />
          <Card id="tak-terjangkau-jumlah" label="Tidak dapat dihubungi bot" value={unreachable?.length ?? 0} />
        </div>

        <h2>Tim Anda hari ini</h2>
        {people.length === 0 ? (
          <p class="muted">Tidak ada pegawai aktif yang atasan langsungnya Anda.</p>
        ) : (
          <>
            <div class="scroll">
              <table id="tim">
                <thead>
                  <tr>
                    <th>Nama</th>
                    <th>Hari ini</th>
                    <th class="num">Laporan</th>
                    <th class="num">Menit</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((p) => (
                    <tr>
                      <td>{p.name}</td>
                      <StateCell p={p} />
                      <td class="num">{p.reports}</td>
                      <td class="num">{p.minutes > 0 ? formatMinutes(p.minutes) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {people.length > PAGE_SIZE ? <Pager page={page} hasNext={page * PAGE_SIZE < people.length} href={(p) => `/console?hal=${p}`} /> : null}
          </>
        )}

        <h2>Menunggu persetujuan Anda ({queueTotal})</h2>
        {queue.length === 0 ? (
          <p class="muted">Tidak ada laporan yang menunggu keputusan Anda.</p>
        ) : (
          <>
            <div class="scroll">
              <table id="antrean">
                <thead>
                  <tr>
                    <th>Pegawai</th>
                    <th>Tanggal kegiatan</th>
                    <th>Uraian</th>
                    <th class="num">Menit</th>
                    <th>Menunggu</th>
                  </tr>
                </thead>
                <tbody>
                  {queue.map((a) => (
                    <tr>
                      <td>{a.employee.name}</td>
                      <td>{shortDate(a.date)}</td>
                      <td>{shortDescription(a.description)}</td>
                      <td class="num">{thousands(a.minutes)}</td>
                      <td>
                        <Age days={workDaysSince(ages, localDate(a.submittedAt, tz), today)} threshold={threshold} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {queueTotal > queue.length ? <p class="muted">dan {queueTotal - queue.length} lainnya.</p> : null}
            <p class="muted">Putuskan lewat chat: kirim /persetujuan ke bot, atau tekan tombol pada kartu laporan.</p>
          </>
        )}

        <UnreachableList people={unreachable ?? []} link={false} />
        <DeadNote messages={dead.messages} people={dead.people} />
      </Page>,
    )
  }

  async function wideHome(c: C, viewer: Viewer, scope: Exclude<Scope, { kind: 'team' }>) {
    const now = deps.clock.now()
    const today = localDate(now, tz)
    const where = employeesIn(scope)
    const part = scope.kind === 'units' ? { unitIds: scope.unitIds } : undefined
    const [units, { people, calendar }, pending, ownQueue, unreachable] = await Promise.all([
      deps.db.unit.findMany({ select: { id: true, code: true, name: true, parentId: true } }),
      loadToday(deps.db, { where, now, tz }),
      loadPending(deps.db, tz, part),
      deps.db.activity.count({ where: queueWhere(viewer.employeeId) }),
      findUnreachable(deps.db, { platforms: realPlatforms(deps.platforms), where }),
    ])
    // the scope's units in tree order (a parent before its children, by code)
    const tree = scope.kind === 'units' ? subtree(units, scope.rootUnitId) : subtree(cityOf(units).units, cityOf(units).id)
    const order = new Map(tree.map((t, i) => [t.unit.id, i]))
    const active = new Map(people.map((p) => [p.id, p]))

    // waiting items of the scope's active people, per unit and per supervisor (the digest's reading)
    let oldest: IsoDate | undefined
    const perUnit = new Map<number, { pending: number; oldest?: IsoDate }>()
    const perSupervisor = new Map<number, { pending: number; oldest: IsoDate }>()
    let pendingTotal = 0
    for (const [employeeId, w] of pending) {
      const p = active.get(employeeId)
      if (!p) continue
      pendingTotal += w.count
      if (oldest === undefined || w.oldest < oldest) oldest = w.oldest
      const u = perUnit.get(p.unitId) ?? { pending: 0 }
      u.pending += w.count
      if (u.oldest === undefined || w.oldest < u.oldest) u.oldest = w.oldest
      perUnit.set(p.unitId, u)
      if (p.supervisorId !== null) {
        const s = perSupervisor.get(p.supervisorId) ?? { pending: 0, oldest: w.oldest }
        s.pending += w.count
        if (w.oldest < s.oldest) s.oldest = w.oldest
        perSupervisor.set(p.supervisorId, s)
      }
    }
    const ages = await holidaysSince(oldest, today)
    const ageOf = (d: IsoDate | undefined) => (d === undefined ? null : workDaysSince(ages, d, today))
    const backlog = [...perSupervisor]
      .map(([id, s]) => ({ id, pending: s.pending, age: ageOf(s.oldest)! }))
      .sort((a, b) => b.age - a.age || b.pending - a.pending || a.id - b.id)
      .slice(0, 10)
    const [overdue, supervisors, dead, deadList] = await Promise.all([
      pendingTotal === 0
        ? 0
        : deps.db.activity.count({ where: { status: 'DIAJUKAN', submittedAt: { lt: waitedSince(ages, today, threshold, tz) }, employee: { ...where, active: true } } }),
      deps.db.employee.findMany({ where: { id: { in: backlog.map((b) => b.id) } }, select: { id: true, name: true, unit: { select: { name: true } } } }),
      viewer.role === 'ADMIN' ? deps.db.outbox.count({ where: { status: 'DEAD' } }).then((messages) => ({ messages, people: 0 })) : deadTo(new Set(active.keys())),
      viewer.role === 'ADMIN' ? listDeadLetters(deps.db, { limit: 5 }) : Promise.resolve([]),
    ])
    const supervisorOf = new Map(supervisors.map((s) => [s.id, s]))

    // per unit: the people of the unit itself (the Dasbor sums subtrees)
    type UnitToday = { unit: UnitRow; depth: number; people: number; expected: number; reported: number; silent: number; away: number; pending: number; oldest: number | null }
    const perUnitToday = new Map<number, UnitToday>()
    const depthOf = new Map(tree.map((t) => [t.unit.id, t.depth]))
    const unitById = new Map(tree.map((t) => [t.unit.id, t.unit]))
    for (const p of people) {
      const unit = unitById.get(p.unitId)
      if (!unit) continue
      const u = perUnitToday.get(p.unitId) ?? { unit, depth: depthOf.get(p.unitId) ?? 0, people: 0, expected: 0, reported: 0, silent: 0, away: 0, pending: 0, oldest: null }
      perUnitToday.set(p.unitId, u)
      u.people++
      if (!p.canReport) continue
      if (p.state === 'reported') u.reported++
      else if (p.state === 'silent') u.silent++
      else u.away++
    }
    for (const [unitId, w] of perUnit) {
      const u = perUnitToday.get(unitId)
      if (!u) continue
      u.pending = w.pending
      u.oldest = ageOf(w.oldest)
    }
    for (const u of perUnitToday.values()) u.expected = u.reported + u.silent
    const unitRows = [...perUnitToday.values()].sort((a, b) => (order.get(a.unit.id) ?? 0) - (order.get(b.unit.id) ?? 0))
    const silent = people.filter((p) => p.canReport && p.state === 'silent').sort((a, b) => (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0))
    const counts = countToday(people)
    const unitPage = pageParam(c.req.query('hal_unit'))
    const silentPage = pageParam(c.req.query('hal'))
    const q = (k: string, v: number) => {
      const s = new URLSearchParams({ hal_unit: String(unitPage), hal: String(silentPage) })
      s.set(k, String(v))
      return `/console?${s}`
    }
    const minIndent = Math.min(...unitRows.map((u) => u.depth))
    const unitName = (id: number) => unitById.get(id)?.name ?? ''

    return c.html(
      <Page title="Beranda" viewer={viewer} path="/console">
        <style>{SECTION_CSS}</style>
        <TodayLine today={today} calendar={calendar} />
        <p class="muted">
          Cakupan: {scope.kind === 'all' ? 'seluruh organisasi' : `${unitName(scope.rootUnitId)} dan unit di bawahnya`} ·{' '}
          <a href="/console/dasbor">Dasbor mingguan »</a>
        </p>
        <div class="cards" id="ringkasan">
          <Card id="sudah" label="Sudah melapor hari ini" value={`${thousands(counts.reported)}/${thousands(counts.expected)}`} note={`${thousands(counts.away)} cuti/libur`} />
          <Card id="belum" label="Belum melapor" value={thousands(counts.silent)} />
          <Card
            id="menunggu"
            label="Menunggu persetujuan"
            value={thousands(pendingTotal)}
            note={pendingTotal > 0 ? `terlama ${ageOf(oldest)} hari kerja · ${thousands(overdue)} menunggu ≥ ${threshold} hari kerja` : 'tidak ada'}
          />
          <Card id="tak-terjangkau-jumlah" label="Tidak dapat dihubungi bot" value={thousands(unreachable?.length ?? 0)} />
          {viewer.role === 'ADMIN' ? <Card id="gagal-jumlah" label="Pesan gagal terkirim" value={thousands(dead.messages)} /> : null}
          {ownQueue > 0 ? <Card id="antrean-sendiri" label="Menunggu keputusan Anda sendiri" value={ownQueue} note="putuskan lewat chat: /persetujuan" /> : null}
        </div>

        <h2>Per unit hari ini</h2>
        <div class="scroll">
          <table id="per-unit">
            <thead>
              <tr>
                <th>Unit</th>
                <th class="num">Sudah</th>
                <th class="num">Belum</th>
                <th class="num">Cuti/libur</th>
                <th class="num">Menunggu</th>
                <th class="num">Terlama</th>
              </tr>
            </thead>
            <tbody>
              {unitRows.slice((unitPage - 1) * PAGE_SIZE, unitPage * PAGE_SIZE).map((u) => (
                <tr>
                  <td style={`padding-left:${0.5 + Math.min(5, u.depth - minIndent) * 0.9}rem`}>
                    <a href={`/console/dasbor?unit=${u.unit.id}`}>{u.unit.name}</a>
                  </td>
                  <td class="num">
                    {thousands(u.reported)}/{thousands(u.expected)}
                  </td>
                  <td class={`num${u.silent > 0 ? ' state-silent' : ''}`}>{thousands(u.silent)}</td>
                  <td class="num">{thousands(u.away)}</td>
                  <td class="num">{thousands(u.pending)}</td>
                  <td class="num">
                    <Age days={u.oldest} threshold={threshold} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {unitRows.length > PAGE_SIZE ? <Pager page={unitPage} hasNext={unitPage * PAGE_SIZE < unitRows.length} href={(p) => q('hal_unit', p)} /> : null}

        <h2>Belum melapor hari ini ({thousands(silent.length)})</h2>
        {silent.length === 0 ? (
          <p class="muted">Tidak ada: semua yang wajib melapor hari ini sudah melapor.</p>
        ) : (
          <>
            <div class="scroll">
              <table id="belum-melapor">
                <thead>
                  <tr>
                    <th>Nama</th>
                    <th>NIP</th>
                    <th>Unit</th>
                  </tr>
                </thead>
                <tbody>
                  {silent.slice((silentPage - 1) * PAGE_SIZE, silentPage * PAGE_SIZE).map((p) => (
                    <tr>
                      <td>
                        <a href={`/console/dasbor/pegawai/${p.id}`}>{p.name}</a>
                      </td>
                      <td>{p.nip}</td>
                      <td>{unitName(p.unitId)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {silent.length > PAGE_SIZE ? <Pager page={silentPage} hasNext={silentPage * PAGE_SIZE < silent.length} href={(p) => q('hal', p)} /> : null}
          </>
        )}

        <h2>Persetujuan tertunda per atasan</h2>
        {backlog.length === 0 ? (
          <p class="muted">Tidak ada laporan yang menunggu persetujuan.</p>
        ) : (
          <div class="scroll">
            <table id="per-atasan">
              <thead>
                <tr>
                  <th>Atasan</th>
                  <th>Unit</th>
                  <th class="num">Menunggu</th>
                  <th class="num">Terlama</th>
                </tr>
              </thead>
              <tbody>
                {backlog.map((b) => (
                  <tr>
                    <td>{supervisorOf.get(b.id)?.name ?? `#${b.id}`}</td>
                    <td>{supervisorOf.get(b.id)?.unit.name ?? ''}</td>
                    <td class="num">{thousands(b.pending)}</td>
                    <td class="num">
                      <Age days={b.age} threshold={threshold} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <UnreachableList people={unreachable ?? []} link={true} />
        {viewer.role === 'ADMIN' ? <DeadLetters total={dead.messages} oldest={deadList} tz={tz} /> : <DeadNote messages={dead.messages} people={dead.people} />}
      </Page>,
    )
  }
}
