import type { Child } from 'hono/jsx'
import type { ConsoleRole, Viewer } from './auth.js'

// The console's frame: every page is server-rendered HTML that works without JavaScript, readable on a
// phone. Words are Bahasa Indonesia; values are escaped by hono/jsx.

export interface NavItem {
  path: string
  label: string
  roles: readonly ConsoleRole[]
}

/** The sections, in menu order, with who may open each (the routes check the same roles on the server). */
export const NAV: readonly NavItem[] = [
  { path: '/console', label: 'Beranda', roles: ['ADMIN', 'LEADER', 'SUPERVISOR'] },
  { path: '/console/organisasi', label: 'Organisasi', roles: ['ADMIN', 'LEADER'] },
  { path: '/console/dasbor', label: 'Dasbor', roles: ['ADMIN', 'LEADER'] },
  { path: '/console/ekspor', label: 'Ekspor', roles: ['ADMIN', 'LEADER'] },
  { path: '/console/impor', label: 'Impor', roles: ['ADMIN'] },
  { path: '/console/kode', label: 'Kode tautan', roles: ['ADMIN'] },
  { path: '/console/pesan-gagal', label: 'Pesan gagal', roles: ['ADMIN'] },
  { path: '/console/audit', label: 'Audit', roles: ['ADMIN'] },
]

export const ROLE_LABEL: Record<ConsoleRole, string> = { ADMIN: 'Admin BKPSDM', LEADER: 'Pimpinan', SUPERVISOR: 'Atasan' }

const CSS = `
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2430;background:#f4f6f9}
a{color:#0b5cad}header{background:#12355b;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center}
header a{color:#fff}header .who{margin-left:auto;font-size:.9em}nav{display:flex;flex-wrap:wrap;gap:.2rem .9rem;padding:.5rem 1rem;background:#dfe7f1}
nav a{text-decoration:none;padding:.15rem 0}nav a[aria-current=page]{font-weight:700;border-bottom:2px solid #12355b}
main{padding:1rem;max-width:1100px;margin:0 auto}h1{font-size:1.35rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:1.4rem 0 .5rem}
table{border-collapse:collapse;width:100%;background:#fff;margin:.5rem 0}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e3e7ee;vertical-align:top}
th{background:#eef2f7;font-weight:600}.scroll{overflow-x:auto}.num{text-align:right;font-variant-numeric:tabular-nums}
form.inline{display:inline}input,select,button{font:inherit;padding:.35rem .5rem;border:1px solid #b7c2d0;border-radius:4px;max-width:100%}
button{background:#12355b;color:#fff;border-color:#12355b;cursor:pointer}button.secondary{background:#fff;color:#12355b}button.danger{background:#a4262c;border-color:#a4262c}
.card{background:#fff;border:1px solid #e3e7ee;border-radius:6px;padding:.8rem 1rem;margin:.6rem 0}.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:.6rem}
.big{font-size:1.6rem;font-weight:700}.muted{color:#5b6676}.ok{color:#1f7a35}.bad{color:#a4262c}.notice{background:#fff7d6;border:1px solid #e6cf73;padding:.6rem .8rem;border-radius:6px}
.error{background:#fde8e8;border:1px solid #e2a3a3;padding:.6rem .8rem;border-radius:6px}label{display:block;margin:.5rem 0 .2rem}
.pager{display:flex;gap:1rem;margin:.6rem 0}@media print{header,nav,.noprint{display:none}main{padding:0;max-width:none}body{background:#fff}}
`

export function Page(props: { title: string; viewer?: Viewer; path?: string; children?: Child }) {
  const items = props.viewer ? NAV.filter((n) => n.roles.includes(props.viewer!.role)) : []
  return (
    <html lang="id">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Konsol kinerja-bot`}</title>
        <style>{CSS}</style>
      </head>
      <body>
        <header>
          <a href="/console">
            <strong>Konsol kinerja-bot</strong>
          </a>
          {props.viewer ? (
            <span class="who">
              <a href="/console/akun">{props.viewer.name}</a> · {ROLE_LABEL[props.viewer.role]}
            </span>
          ) : null}
        </header>
        {items.length > 0 ? (
          <nav aria-label="Menu">
            {items.map((n) => (
              <a href={n.path} aria-current={props.path === n.path ? 'page' : undefined}>
                {n.label}
              </a>
            ))}
          </nav>
        ) : null}
        <main>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  )
}

/** The session's anti-CSRF token: every form that changes something carries it. */
export const Csrf = (props: { viewer: Viewer }) => <input type="hidden" name="_csrf" value={props.viewer.csrf} />

/** Previous/next links of a paged list; `href(page)` builds the link with the list's filters. */
export function Pager(props: { page: number; hasNext: boolean; href: (page: number) => string }) {
  return (
    <div class="pager">
      {props.page > 1 ? <a href={props.href(props.page - 1)}>« Sebelumnya</a> : null}
      <span class="muted">Halaman {props.page}</span>
      {props.hasNext ? <a href={props.href(props.page + 1)}>Berikutnya »</a> : null}
    </div>
  )
}

/** A page number from the query (1 when missing or not a positive number). */
export function pageParam(value: string | undefined): number {
  const n = Number(value)
  return Number.isInteger(n) && n >= 1 && n <= 1_000_000 ? n : 1
}

export const PAGE_SIZE = 50
