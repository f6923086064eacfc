import type { Context } from 'hono'
import { reachabilityOf, type Reachability, type Reason } from '../admin/unreachable.js'
import type { Db } from '../db/client.js'
import { chatOf } from '../domain/accounts.js'
import type { Platform } from '../domain/types.js'
import { Prisma } from '../generated/prisma/client.js'
import { formatDateTimeId } from '../messages/format.js'
import { allow, forbidden, notFound } from './guard.js'
import { PAGE_SIZE, Page, Pager, pageParam } from './layout.js'
import { scopeOf, unitInScope, type Scope } from './scope.js'
import type { ConsoleApp, ConsoleDeps, ConsoleEnv } from './types.js'

// Organisasi (docs/console.md): the unit tree and its people, searchable by name or NIP, each person's
// chat accounts and whether messages reach them. An ADMIN sees the whole organisation, a LEADER their
// unit's subtree; every list is paged by the database (LIMIT/OFFSET on an indexed order), so a page costs
// the same at 40 people as at 100,000.

const SECTION = '/console/organisasi'

export const PLATFORM_LABEL: Record<Platform, string> = { telegram: 'Telegram', slack: 'Slack', whatsapp: 'WhatsApp', playground: 'Playground' }
const platformLabel = (p: string) => PLATFORM_LABEL[p as Platform] ?? p

const EMPLOYEE_ROLE: Record<string, string> = { EMPLOYEE: 'Pegawai', SUPERVISOR: 'Atasan', LEADER: 'Pimpinan', ADMIN: 'Admin BKPSDM' }
const VOUCHED: Record<string, string> = { import: 'data impor', email: 'e-mail terverifikasi', code: 'kode tautan' }

type C = Context<ConsoleEnv>

// ---------------------------------------------------------------------------------------------- queries

/** What a search looks for: digits are the start of a NIP, anything else a part of the name. */
export function parseQuery(raw: string | undefined): { text: string; nip?: string; name?: string } | null {
  const text = (raw ?? '').replace(/\s+/g, ' ').trim().slice(0, 100)
  if (!text) return null
  const digits = text.replace(/\s/g, '')
  return /^\d+$/.test(digits) ? { text, nip: digits } : { text, name: text.toLowerCase() }
}

/** `%`, `_` and the escape character itself match literally in a LIKE pattern with ESCAPE '!'. */
const likeEscape = (s: string) => s.replace(/[!%_]/g, (c) => `!${c}`)

/**
 * One page of the people in scope whose NIP starts with the digits or whose name contains the text
 * (case-insensitive, the same on SQLite and PostgreSQL: lower() on both sides), by name. Only the ids of
 * the page come back from the database, then their rows.
 */
async function searchPeople(db: Db, scope: Scope, q: NonNullable<ReturnType<typeof parseQuery>>, page: number) {
  if (scope.kind === 'units' && scope.unitIds.length === 0) return { people: [], hasNext: false }
  const conds: Prisma.Sql[] = [q.nip !== undefined ? Prisma.sql`"nip" LIKE ${`${q.nip}%`}` : Prisma.sql`lower("name") LIKE ${`%${likeEscape(q.name!)}%`} ESCAPE '!'`]
  if (scope.kind === 'units') conds.push(Prisma.sql`"unitId" IN (${Prisma.join(scope.unitIds)})`)
  if (scope.kind === 'team') conds.push(Prisma.sql`"supervisorId" = ${scope.supervisorId}`)
  // our own integers: literals, so neither database has to guess a parameter's type
  const limit = Prisma.raw(String(PAGE_SIZE + 1))
  const offset = Prisma.raw(String((page - 1) * PAGE_SIZE))
  const rows = await db.$queryRaw<{ id: number | bigint }[]>(
    Prisma.sql`SELECT "id" FROM "Employee" WHERE ${Prisma.join(conds, ' AND ')} ORDER BY "name", "id" LIMIT ${limit} OFFSET ${offset}`,
  )
  const ids = rows.map((r) => Number(r.id))
  const found = await db.employee.findMany({ where: { id: { in: ids.slice(0, PAGE_SIZE) } }, select: PERSON_ROW })
  const byId = new Map(found.map((p) => [p.id, p]))
  return { people: ids.slice(0, PAGE_SIZE).flatMap((id) => byId.get(id) ?? []), hasNext: ids.length > PAGE_SIZE }
}

/** The columns of a person in a list. */
const PERSON_ROW = {
  id: true,
  nip: true,
  name: true,
  position: true,
  role: true,
  active: true,
  unit: { select: { id: true, code: true, name: true } },
  accounts: { select: { platform: true, externalId: true, chatId: true, linkedAt: true } },
} as const

type PersonRow = Awaited<ReturnType<typeof searchPeople>>['people'][number]

/** Per unit of `ids`: its active people (direct members) and its sub-units, counted by the database. */
async function unitStats(db: Db, ids: number[]): Promise<(id: number) => string> {
  const [people, children] = await Promise.all([
    db.employee.groupBy({ by: ['unitId'], where: { active: true, unitId: { in: ids } }, _count: { _all: true } }),
    db.unit.groupBy({ by: ['parentId'], where: { parentId: { in: ids } }, _count: { _all: true } }),
  ])
  const p = new Map(people.map((r) => [r.unitId, r._count._all]))
  const u = new Map(children.map((r) => [r.parentId, r._count._all]))
  return (id) => `${p.get(id) ?? 0} pegawai${u.get(id) ? `, ${u.get(id)} sub-unit` : ''}`
}

const UNIT_ROW = { id: true, code: true, name: true, parentId: true } as const

// ---------------------------------------------------------------------------------------------- pieces

function reasonText(r: Reason): string {
  switch (r.kind) {
    case 'no_account':
      return 'Belum punya akun chat: tidak ada di data impor dan belum memakai kode tautan.'
    case 'never_opened':
      return `Akun ${platformLabel(r.platform)} ${r.externalId} dari data impor belum pernah membuka bot (bot ${platformLabel(r.platform)} tidak dapat memulai percakapan).`
    case 'platform_off':
      return `Hanya punya akun ${platformLabel(r.platform)} ${r.externalId}, tetapi ${platformLabel(r.platform)} tidak diaktifkan di aplikasi ini.`
    case 'dead':
      return `Pesan terakhir kepadanya gagal terkirim (${r.lastError ?? 'tanpa keterangan'}); ${r.count} pesan gagal.`
  }
}

function Reach(props: { r: Reachability | undefined; active: boolean }) {
  if (!props.active) return <span class="muted">nonaktif</span>
  if (!props.r) return <span class="muted">—</span>
  return props.r.reasons.length === 0 ? <span class="ok">terjangkau</span> : <span class="bad">tidak terjangkau</span>
}

function PeopleTable(props: { people: PersonRow[]; reach: Map<number, Reachability>; showUnit: boolean }) {
  if (props.people.length === 0) return <p class="muted">Tidak ada pegawai.</p>
  return (
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th>Nama</th>
            <th>NIP</th>
            {props.showUnit ? <th>Unit</th> : null}
            <th>Jabatan</th>
            <th>Akun chat</th>
            <th>Pesan</th>
          </tr>
        </thead>
        <tbody>
          {props.people.map((p) => (
            <tr>
              <td>
                <a href={`${SECTION}/pegawai/${p.id}`}>{p.name}</a>
                {p.role !== 'EMPLOYEE' ? <span class="muted"> · {EMPLOYEE_ROLE[p.role] ?? p.role}</span> : null}
              </td>
              <td>{p.nip}</td>
              {props.showUnit ? (
                <td>
                  <a href={`${SECTION}/unit/${p.unit.id}`}>{p.unit.name}</a>
                </td>
              ) : null}
              <td>{p.position}</td>
              <td>
                {p.accounts.length === 0
                  ? '—'
                  : p.accounts
                      .map((a) => `${platformLabel(a.platform)}${a.linkedAt ? ' ✓' : ' (belum tertaut)'}`)
                      .sort()
                      .join(', ')}
              </td>
              <td>
                <Reach r={props.reach.get(p.id)} active={p.active} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function SearchForm(props: { q?: string }) {
  return (
    <form method="get" action={SECTION} role="search">
      <label for="q">Cari pegawai (nama atau NIP)</label>
      <input id="q" name="q" type="search" value={props.q ?? ''} maxlength={100} placeholder="mis. Andi atau 19860302" />{' '}
      <button type="submit">Cari</button>
    </form>
  )
}

const at = (d: Date | null, tz: string) => (d ? formatDateTimeId(d, tz) : '—')

// ---------------------------------------------------------------------------------------------- routes

export function registerOrganisasi(app: ConsoleApp, deps: ConsoleDeps) {
  const { db } = deps
  const guard = allow('ADMIN', 'LEADER')
  app.use(SECTION, guard)
  app.use(`${SECTION}/*`, guard)

  const reachOf = (people: PersonRow[]) => reachabilityOf(db, people, deps.platforms)

  // the tree (units are few: hundreds, not the people's hundred thousand) and, with ?q=, a page of people
  app.get(SECTION, async (c) => {
    const viewer = c.get('viewer')
    const scope = await scopeOf(db, viewer)
    const q = parseQuery(c.req.query('q'))
    const page = pageParam(c.req.query('page'))
    // the top of the scope and one level under it; each unit's page goes further down (an organisation of
    // 100,000 people has some 10,000 units: the whole tree is no page to read)
    const [roots, found] = await Promise.all([
      db.unit.findMany({ where: scope.kind === 'units' ? { id: scope.rootUnitId } : { parentId: null }, select: UNIT_ROW, orderBy: { code: 'asc' } }),
      q ? searchPeople(db, scope, q, page) : null,
    ])
    const children = await db.unit.findMany({ where: { parentId: { in: roots.map((r) => r.id) } }, select: UNIT_ROW, orderBy: { code: 'asc' } })
    const [stats, reach] = await Promise.all([
      unitStats(db, [...roots, ...children].map((u) => u.id)),
      found ? reachOf(found.people) : new Map<number, Reachability>(),
    ])
    const tree = roots.flatMap((r) => [{ unit: r, depth: 0 }, ...children.filter((u) => u.parentId === r.id).map((unit) => ({ unit, depth: 1 }))])
    return c.html(
      <Page title="Organisasi" viewer={viewer} path={SECTION}>
        <SearchForm q={q?.text} />
        {found && q ? (
          <section aria-label="Hasil pencarian">
            <h2>Hasil pencarian “{q.text}”</h2>
            <PeopleTable people={found.people} reach={reach} showUnit />
            <Pager page={page} hasNext={found.hasNext} href={(n) => `${SECTION}?q=${encodeURIComponent(q.text)}&page=${n}`} />
          </section>
        ) : null}
        <h2>Unit</h2>
        {tree.length === 0 ? <p class="muted">Belum ada unit. Impor data organisasi dulu.</p> : null}
        <ul class="tree">
          {tree.map(({ unit, depth }) => (
            <li style={`padding-left:${depth * 1.2}em`}>
              <a href={`${SECTION}/unit/${unit.id}`}>{unit.name}</a> <span class="muted">({unit.code}, {stats(unit.id)})</span>
            </li>
          ))}
        </ul>
        <style>{'ul.tree{list-style:none;padding:0;background:#fff;border:1px solid #e3e7ee;border-radius:6px}ul.tree li{padding:.25rem .6rem;border-bottom:1px solid #eef1f5}'}</style>
      </Page>,
    )
  })

  app.get(`${SECTION}/unit/:id{[0-9]{1,9}}`, async (c) => {
    const viewer = c.get('viewer')
    const id = Number(c.req.param('id'))
    const unit = await db.unit.findUnique({ where: { id }, select: { id: true, code: true, name: true, kind: true, parentId: true } })
    if (!unit) return notFound(c, 'Unit ini tidak ada.')
    const scope = await scopeOf(db, viewer)
    if (!unitInScope(scope, id)) return forbidden(c, 'Unit ini di luar unit yang Anda pimpin.')
    const page = pageParam(c.req.query('page'))
    const [children, people, path] = await Promise.all([
      db.unit.findMany({ where: { parentId: id }, select: UNIT_ROW, orderBy: { code: 'asc' } }),
      db.employee.findMany({ where: { unitId: id }, select: PERSON_ROW, orderBy: [{ name: 'asc' }, { id: 'asc' }], skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE + 1 }),
      ancestors(db, unit.parentId, scope),
    ])
    const shown = people.slice(0, PAGE_SIZE)
    const [reach, stats] = await Promise.all([reachOf(shown), unitStats(db, [id, ...children.map((u) => u.id)])])
    return c.html(
      <Page title={unit.name} viewer={viewer} path={SECTION}>
        <p class="muted">
          <a href={SECTION}>Organisasi</a>
          {path.map((u) => (
            <>
              {' › '}
              <a href={`${SECTION}/unit/${u.id}`}>{u.name}</a>
            </>
          ))}
          {' › '}
          {unit.code} · {unit.kind} · {stats(id)}
        </p>
        {viewer.role === 'ADMIN' ? (
          <p>
            <a href={`/console/kode?unit=${encodeURIComponent(unit.code)}`}>Buat kode tautan untuk unit ini</a>
          </p>
        ) : null}
        <h2>Sub-unit</h2>
        {children.length === 0 ? (
          <p class="muted">Tidak ada sub-unit.</p>
        ) : (
          <ul>
            {children.map((u) => (
              <li>
                <a href={`${SECTION}/unit/${u.id}`}>{u.name}</a> <span class="muted">({u.code}, {stats(u.id)})</span>
              </li>
            ))}
          </ul>
        )}
        <h2>Pegawai</h2>
        <PeopleTable people={shown} reach={reach} showUnit={false} />
        <Pager page={page} hasNext={people.length > PAGE_SIZE} href={(n) => `${SECTION}/unit/${id}?page=${n}`} />
      </Page>,
    )
  })

  app.get(`${SECTION}/pegawai/:id{[0-9]{1,9}}`, async (c) => personPage(c, deps, Number(c.req.param('id'))))
}

/** The units above one, up to the top or to the edge of the scope (a LEADER sees no further up). */
async function ancestors(db: Db, parentId: number | null, scope: Scope) {
  const out: { id: number; name: string }[] = []
  const seen = new Set<number>()
  for (let id = parentId; id !== null && !seen.has(id) && unitInScope(scope, id); ) {
    seen.add(id)
    const u = await db.unit.findUnique({ where: { id }, select: { id: true, name: true, parentId: true } })
    if (!u) break
    out.unshift({ id: u.id, name: u.name })
    id = u.parentId
  }
  return out
}

async function personPage(c: C, deps: ConsoleDeps, id: number) {
  const { db } = deps
  const tz = deps.config.TZ_DEFAULT
  const viewer = c.get('viewer')
  const e = await db.employee.findUnique({
    where: { id },
    select: {
      ...PERSON_ROW,
      unitId: true,
      positionType: true,
      grade: true,
      email: true,
      supervisor: { select: { id: true, name: true, nip: true, unitId: true } },
      _count: { select: { subordinates: { where: { active: true } } } },
      accounts: { select: { platform: true, externalId: true, chatId: true, vouchedBy: true, linkedAt: true, lastSeenAt: true }, orderBy: { platform: 'asc' } },
    },
  })
  if (!e) return notFound(c, 'Pegawai ini tidak ada.')
  const scope = await scopeOf(db, viewer)
  if (!unitInScope(scope, e.unitId)) return forbidden(c, 'Pegawai ini di luar unit yang Anda pimpin.')
  const now = deps.clock.now()
  const [reach, codes] = await Promise.all([
    reachabilityOf(db, [e], deps.platforms),
    db.linkCode.findMany({ where: { employeeId: id, usedAt: null, expiresAt: { gt: now } }, select: { createdAt: true, expiresAt: true }, orderBy: { id: 'desc' } }),
  ])
  const r = reach.get(id)!
  const enabled = new Set<string>(deps.platforms)
  const through = e.accounts.find((a) => enabled.has(a.platform) && chatOf(a) !== null)
  return c.html(
    <Page title={e.name} viewer={viewer} path={SECTION}>
      <p class="muted">
        <a href={SECTION}>Organisasi</a> › <a href={`${SECTION}/unit/${e.unit.id}`}>{e.unit.name}</a>
      </p>
      <div class="card">
        <dl class="facts">
          <dt>NIP</dt>
          <dd>{e.nip}</dd>
          <dt>Jabatan</dt>
          <dd>
            {e.position} <span class="muted">({e.positionType}, {e.grade})</span>
          </dd>
          <dt>Unit</dt>
          <dd>
            <a href={`${SECTION}/unit/${e.unit.id}`}>{e.unit.name}</a> <span class="muted">({e.unit.code})</span>
          </dd>
          <dt>Peran</dt>
          <dd>{EMPLOYEE_ROLE[e.role] ?? e.role}</dd>
          <dt>Atasan langsung</dt>
          <dd>
            {!e.supervisor ? '—' : unitInScope(scope, e.supervisor.unitId) ? <a href={`${SECTION}/pegawai/${e.supervisor.id}`}>{e.supervisor.name}</a> : e.supervisor.name}
          </dd>
          <dt>Bawahan aktif</dt>
          <dd>{e._count.subordinates}</dd>
          <dt>Status</dt>
          <dd>{e.active ? 'aktif' : <strong class="bad">nonaktif</strong>}</dd>
        </dl>
      </div>

      <h2>Akun chat</h2>
      {e.accounts.length === 0 ? (
        <p class="muted">Belum ada akun chat.</p>
      ) : (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>Platform</th>
                <th>ID akun</th>
                <th>Dijamin lewat</th>
                <th>Tertaut</th>
                <th>Terakhir aktif</th>
              </tr>
            </thead>
            <tbody>
              {e.accounts.map((a) => (
                <tr>
                  <td>
                    {platformLabel(a.platform)}
                    {enabled.has(a.platform) ? null : <span class="muted"> (tidak aktif di aplikasi ini)</span>}
                  </td>
                  <td>{a.externalId}</td>
                  <td>{VOUCHED[a.vouchedBy] ?? a.vouchedBy}</td>
                  <td>{a.linkedAt ? `ya, sejak ${at(a.linkedAt, tz)}` : <span class="bad">belum — belum pernah menulis ke bot</span>}</td>
                  <td>{at(a.lastSeenAt, tz)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Apakah pesan sampai?</h2>
      {!e.active ? (
        <p class="muted">Pegawai nonaktif tidak dikirimi pesan.</p>
      ) : r.reasons.length === 0 ? (
        <p class="ok" role="status">
          Ya: pesan sampai lewat {through ? platformLabel(through.platform) : 'akun chatnya'}.
        </p>
      ) : (
        <div class="notice" role="status">
          <p>
            <strong>Tidak: pesan tidak sampai kepadanya.</strong>
          </p>
          <ul>
            {r.reasons.map((x) => (
              <li>{reasonText(x)}</li>
            ))}
          </ul>
        </div>
      )}
      <div class="cards">
        <div class="card">
          <div class="big">{r.held}</div>
          <div>pesan menunggu (HELD) sampai ia dapat dihubungi</div>
        </div>
        <div class="card">
          <div class="big">{r.dead}</div>
          <div>pesan gagal (DEAD){viewer.role === 'ADMIN' && r.dead > 0 ? <> · <a href="/console/pesan-gagal">Pesan gagal</a></> : null}</div>
        </div>
        <div class="card">
          <div class="big">{codes.length}</div>
          <div>kode tautan berlaku, belum dipakai{codes[0] ? ` (terbaru berlaku sampai ${at(codes[0].expiresAt, tz)})` : ''}</div>
        </div>
      </div>
      {viewer.role === 'ADMIN' && e.active ? (
        <p>
          <a href={`/console/kode?nip=${e.nip}`}>Buat kode tautan untuk {e.name}</a>
        </p>
      ) : null}
      <style>{'dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0}dl.facts dt{font-weight:600}dl.facts dd{margin:0}'}</style>
    </Page>,
  )
}
