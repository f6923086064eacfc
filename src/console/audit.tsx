import type { HtmlEscapedString } from 'hono/utils/html'
import { Prisma } from '../generated/prisma/client.js'
import type { Db } from '../db/client.js'
import { addDays, isValidDate, type IsoDate } from '../domain/dates.js'
import { formatDateTimeId } from '../messages/format.js'
import { zonedInstant } from '../scheduler/cron-time.js'
import type { Viewer } from './auth.js'
import { allow } from './guard.js'
import { Page, PAGE_SIZE, Pager, pageParam } from './layout.js'
import type { ConsoleApp, ConsoleDeps } from './types.js'

// Audit (docs/console.md): the append-only trail, filtered by who (NIP or name), what (one action, or
// every action under a prefix such as "console.*") and when (local days of TZ_DEFAULT), newest first and
// paged in the database: the table can hold millions of rows, so each filter runs on an index
// (action+at, actorId+at, at) and nothing is counted in full.

const PATH = '/console/audit'
/** More people than this matching a name is too vague a filter: the page asks for more of the name. */
const MAX_PEOPLE = 20
const MAX_ACTIONS = 500

export interface AuditFilter {
  person: string
  action: string
  from: string
  to: string
}

/**
 * Every action in the trail, in order, read by a loose index scan over (action, at): one index probe per
 * distinct action instead of a pass over every row. Portable SQL (SQLite and PostgreSQL).
 */
export async function distinctActions(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ action: string | null }[]>(Prisma.sql`
    WITH RECURSIVE a("action") AS (
      SELECT MIN(l."action") FROM "AuditLog" l
      UNION ALL
      SELECT (SELECT MIN(l."action") FROM "AuditLog" l WHERE l."action" > a."action") FROM a WHERE a."action" IS NOT NULL
    )
    SELECT a."action" AS "action" FROM a WHERE a."action" IS NOT NULL LIMIT ${MAX_ACTIONS}`)
  return rows.map((r) => r.action!).filter(Boolean)
}

/** The choices of the action filter: each action, and each dotted prefix shared by several ("console.*"). */
export function actionChoices(actions: string[]): { value: string; label: string }[] {
  const prefixes = new Map<string, number>()
  for (const a of actions) {
    const parts = a.split('.')
    for (let i = 1; i < parts.length; i++) {
      const p = `${parts.slice(0, i).join('.')}.`
      prefixes.set(p, (prefixes.get(p) ?? 0) + 1)
    }
  }
  const choices = [
    ...actions.map((a) => ({ key: a, value: a, label: a })),
    ...[...prefixes].filter(([, n]) => n > 1).map(([p, n]) => ({ key: p, value: `${p}*`, label: `${p}* (semua ${n} tindakan)` })),
  ]
  // a prefix right before the actions it covers
  choices.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
  return choices.map(({ value, label }) => ({ value, label }))
}

const isDate = (s: string): s is IsoDate => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  return m !== null && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))
}

interface Resolved {
  where: Prisma.AuditLogWhereInput
  /** Who the person filter matched, to say so above the list. */
  people?: { name: string; nip: string }[]
}

/** The filter as a query, or what is wrong with it in words. */
async function resolve(deps: ConsoleDeps, f: AuditFilter, actions: string[]): Promise<Resolved | string> {
  const where: Prisma.AuditLogWhereInput = {}
  const out: Resolved = { where }
  const person = f.person.trim()
  if (person !== '') {
    const nip = person.replace(/\s+/g, '')
    if (/^\d+$/.test(nip)) {
      if (nip.length !== 18) return `NIP "${person}" tidak valid: NIP terdiri dari 18 angka.`
      const e = await deps.db.employee.findUnique({ where: { nip }, select: { id: true, name: true, nip: true } })
      if (!e) return `Tidak ada pegawai dengan NIP ${nip}.`
      where.actorId = e.id
      out.people = [e]
    } else {
      if (person.length < 2) return 'Tulis paling sedikit 2 huruf nama, atau NIP lengkap.'
      if (person.length > 100) return 'Nama terlalu panjang.'
      // case-insensitive on both databases (Prisma's `mode: 'insensitive'` is PostgreSQL only)
      const pattern = `%${person.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      const found = await deps.db.$queryRaw<{ id: number | bigint; name: string; nip: string }[]>(
        Prisma.sql`SELECT "id", "name", "nip" FROM "Employee" WHERE lower("name") LIKE ${pattern} ESCAPE '\\' ORDER BY "name" LIMIT ${MAX_PEOPLE + 1}`,
      )
      if (found.length === 0) return `Tidak ada pegawai yang namanya memuat "${person}".`
      if (found.length > MAX_PEOPLE) return `Lebih dari ${MAX_PEOPLE} pegawai namanya memuat "${person}": tulis nama lebih lengkap, atau NIP.`
      where.actorId = { in: found.map((e) => Number(e.id)) }
      out.people = found.map((e) => ({ name: e.name, nip: e.nip }))
    }
  }
  const action = f.action.trim()
  if (action !== '') {
    if (action.endsWith('*')) {
      const prefix = action.slice(0, -1)
      // the actions under the prefix, as a list: an IN on the (action, at) index, exact on both databases
      const under = actions.filter((a) => a.startsWith(prefix))
      if (under.length === 0) return `Belum ada tindakan berawalan "${prefix}" di jejak audit.`
      where.action = { in: under }
    } else {
      if (!actions.includes(action)) return `Tindakan "${action}" belum pernah tercatat di jejak audit.`
      where.action = action
    }
  }
  for (const [label, value] of [
    ['Tanggal awal', f.from],
    ['Tanggal akhir', f.to],
  ] as const) {
    if (value !== '' && !isDate(value)) return `${label} "${value}" bukan tanggal yang valid: tulis YYYY-MM-DD, misalnya 2026-11-01.`
  }
  if (f.from !== '' && f.to !== '' && f.from > f.to) return `Tanggal awal ${f.from} jatuh setelah tanggal akhir ${f.to}: tukar keduanya.`
  const tz = deps.config.TZ_DEFAULT
  if (f.from !== '' || f.to !== '') {
    where.at = {
      ...(f.from !== '' ? { gte: zonedInstant(f.from, 0, tz) } : {}),
      ...(f.to !== '' ? { lt: zonedInstant(addDays(f.to, 1), 0, tz) } : {}),
    }
  }
  return out
}

/** The detail column: its JSON as "key: value" lines (escaped by JSX like everything else). */
function Detail(props: { json: string | null }) {
  if (!props.json) return <span class="muted">—</span>
  let parsed: unknown
  try {
    parsed = JSON.parse(props.json)
  } catch {
    return <code>{props.json}</code>
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return <code>{props.json}</code>
  return (
    <>
      {Object.entries(parsed as Record<string, unknown>).map(([k, v]) => (
        <div>
          <span class="muted">{k}:</span> {typeof v === 'string' ? v : JSON.stringify(v)}
        </div>
      ))}
    </>
  )
}

function query(f: AuditFilter, page?: number): string {
  const q = new URLSearchParams()
  if (f.person) q.set('orang', f.person)
  if (f.action) q.set('aksi', f.action)
  if (f.from) q.set('dari', f.from)
  if (f.to) q.set('sampai', f.to)
  if (page && page > 1) q.set('page', String(page))
  const s = q.toString()
  return s ? `${PATH}?${s}` : PATH
}

async function AuditPage(props: { deps: ConsoleDeps; viewer: Viewer; filter: AuditFilter; page: number }): Promise<{ html: HtmlEscapedString | Promise<HtmlEscapedString>; status: 200 | 400 }> {
  const { deps, viewer, filter, page } = props
  const actions = await distinctActions(deps.db)
  const resolved = await resolve(deps, filter, actions)
  const error = typeof resolved === 'string' ? resolved : undefined
  const rows =
    typeof resolved === 'string'
      ? []
      : await deps.db.auditLog.findMany({ where: resolved.where, orderBy: [{ at: 'desc' }, { id: 'desc' }], skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE + 1 })
  const shown = rows.slice(0, PAGE_SIZE)
  const actorIds = [...new Set(shown.map((r) => r.actorId).filter((id): id is number => id !== null))]
  const actors = new Map((await deps.db.employee.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, nip: true } })).map((e) => [e.id, e]))
  const tz = deps.config.TZ_DEFAULT
  const html = (
    <Page title="Audit" viewer={viewer} path={PATH}>
      <p>Jejak audit: siapa melakukan apa dan kapan. Jejak ini hanya bertambah; tidak ada yang bisa diubah atau dihapus dari sini.</p>
      <form method="get" action={PATH} class="card">
        <label for="orang">Orang (NIP atau nama)</label>
        <input id="orang" name="orang" value={filter.person} maxlength={100} autocomplete="off" />
        <label for="aksi">Tindakan</label>
        <select id="aksi" name="aksi">
          <option value="">Semua tindakan</option>
          {actionChoices(actions).map((a) => (
            <option value={a.value} selected={filter.action === a.value}>
              {a.label}
            </option>
          ))}
        </select>
        <label for="dari">Dari tanggal</label>
        <input id="dari" name="dari" type="date" value={filter.from} />
        <label for="sampai">Sampai tanggal</label>
        <input id="sampai" name="sampai" type="date" value={filter.to} />
        <p class="muted">Tanggal menurut zona waktu {tz}.</p>
        <p>
          <button type="submit">Tampilkan</button> <a href={PATH}>Hapus filter</a>
        </p>
      </form>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : (
        <>
          {typeof resolved !== 'string' && resolved.people && resolved.people.length > 1 ? (
            <p class="muted">Cocok dengan {resolved.people.map((p) => `${p.name} (${p.nip})`).join(', ')}.</p>
          ) : null}
          {shown.length === 0 ? (
            <p class="card">Tidak ada catatan yang cocok dengan filter ini.</p>
          ) : (
            <div class="scroll">
              <table>
                <thead>
                  <tr>
                    <th>Waktu</th>
                    <th>Pelaku</th>
                    <th>Tindakan</th>
                    <th>Objek</th>
                    <th>Sebelum → sesudah</th>
                    <th>Rincian</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((r) => {
                    const actor = r.actorId === null ? undefined : actors.get(r.actorId)
                    return (
                      <tr data-id={String(r.id)}>
                        <td>{formatDateTimeId(r.at, tz)}</td>
                        <td>
                          {actor ? (
                            <>
                              {actor.name}
                              <br />
                              <span class="muted">NIP {actor.nip}</span>
                            </>
                          ) : r.actorId !== null ? (
                            <span class="muted">pegawai #{r.actorId}</span>
                          ) : (
                            <span class="muted">sistem / baris perintah</span>
                          )}
                          {r.actorPlatform ? (
                            <>
                              <br />
                              <span class="muted">
                                {r.actorPlatform}
                                {r.actorExternal ? ` ${r.actorExternal}` : ''}
                              </span>
                            </>
                          ) : null}
                        </td>
                        <td>
                          <code>{r.action}</code>
                        </td>
                        <td>
                          {r.entity}
                          {r.entityId !== null ? ` #${r.entityId}` : ''}
                        </td>
                        <td>{r.beforeStatus || r.afterStatus ? `${r.beforeStatus ?? '—'} → ${r.afterStatus ?? '—'}` : '—'}</td>
                        <td>
                          <Detail json={r.detail} />
                        </td>
                      </tr>
                    )
                  })}
                </tbody>
              </table>
            </div>
          )}
          <Pager page={page} hasNext={rows.length > PAGE_SIZE} href={(p) => query(filter, p)} />
        </>
      )}
    </Page>
  )
  return { html, status: error ? 400 : 200 }
}

export function registerAudit(app: ConsoleApp, deps: ConsoleDeps) {
  app.use(PATH, allow('ADMIN'))
  app.use(`${PATH}/*`, allow('ADMIN'))

  app.get(PATH, async (c) => {
    const q = (name: string) => (c.req.query(name) ?? '').trim().slice(0, 200)
    const filter: AuditFilter = { person: q('orang'), action: q('aksi'), from: q('dari'), to: q('sampai') }
    const { html, status } = await AuditPage({ deps, viewer: c.get('viewer'), filter, page: pageParam(c.req.query('page')) })
    return c.html(html, status)
  })
}
