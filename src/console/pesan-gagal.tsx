import type { Context } from 'hono'
import { formatDateTimeId } from '../messages/format.js'
import { configSecrets, discardDeadLetters, listDeadLetters, retryDeadLetters, shownReason, type Selection, type Settled } from '../notify/dead-letters.js'
import type { Viewer } from './auth.js'
import { allow } from './guard.js'
import { Csrf, Page, PAGE_SIZE, Pager, pageParam } from './layout.js'
import type { ConsoleApp, ConsoleDeps, ConsoleEnv } from './types.js'

// Pesan gagal (docs/console.md): the messages the dispatcher gave up on, with why, to send again or let
// go: one, several (checkboxes) or all. The same functions as `npm run cli -- dead-letters`, with the admin
// as the actor of each audit entry; a message someone else settled meanwhile changes nothing.

const PATH = '/console/pesan-gagal'
const MAX_IDS = 1000

type Action = 'retry' | 'discard'
const DONE: Record<Action, string> = { retry: 'dijadwalkan untuk dikirim lagi', discard: 'dilepaskan' }

interface Notice {
  kind: 'ok' | 'error'
  text: string
}

const ids = (list: number[]) => list.map((id) => `#${id}`).join(', ')

/** The result of an action, from the query the redirect after it carries (`?retry=2&id=12,15`). */
function noticeFrom(query: Record<string, string>): Notice | undefined {
  for (const action of ['retry', 'discard'] as const) {
    const n = Number(query[action])
    if (query[action] === undefined || !Number.isInteger(n) || n < 0) continue
    if (n === 0) return { kind: 'ok', text: 'Tidak ada pesan gagal yang perlu diproses.' }
    const list = (query['id'] ?? '').split(',').filter((x) => /^\d{1,12}$/.test(x)).map(Number)
    return { kind: 'ok', text: `${n} pesan ${DONE[action]}${list.length > 0 ? `: ${ids(list)}${n > list.length ? ', …' : ''}` : ''}.` }
  }
  return undefined
}

async function ListPage(props: { deps: ConsoleDeps; viewer: Viewer; page: number; notice?: Notice | undefined }) {
  const { deps, viewer, page } = props
  const [rows, total] = await Promise.all([
    listDeadLetters(deps.db, { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE }),
    deps.db.outbox.count({ where: { status: 'DEAD' } }),
  ])
  const shown = rows.slice(0, PAGE_SIZE)
  const secrets = configSecrets(deps.config)
  const tz = deps.config.TZ_DEFAULT
  return (
    <Page title="Pesan gagal" viewer={viewer} path={PATH}>
      <p>
        Pesan yang tidak berhasil dikirim setelah semua percobaan. <strong>Kirim ulang</strong> menjadwalkannya lagi (terkirim dalam beberapa detik bila
        penyebabnya sudah teratasi); <strong>Lepaskan</strong> berarti pesan itu tidak akan dikirim. Setiap tindakan dicatat di jejak audit atas nama Anda.
      </p>
      {props.notice ? (
        <p class={props.notice.kind === 'ok' ? 'notice' : 'error'} role={props.notice.kind === 'ok' ? 'status' : 'alert'}>
          {props.notice.text}
        </p>
      ) : null}
      {total === 0 ? (
        <p class="card">Tidak ada pesan gagal.</p>
      ) : (
        <>
          <p class="muted">{total} pesan gagal.</p>
          <form method="post" action={PATH}>
            <Csrf viewer={viewer} />
            <input type="hidden" name="page" value={String(page)} />
            <div class="scroll">
              <table>
                <thead>
                  <tr>
                    <th>Pilih</th>
                    <th>Pesan</th>
                    <th>Penerima</th>
                    <th>Dibuat</th>
                    <th class="num">Percobaan</th>
                    <th>Alasan</th>
                    <th>Tindakan</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((r) => (
                    <tr data-id={String(r.id)}>
                      <td>
                        <input type="checkbox" name="id" value={String(r.id)} id={`id-${r.id}`} aria-label={`Pilih pesan #${r.id}`} />
                      </td>
                      <td>
                        <label for={`id-${r.id}`} style="margin:0">
                          #{r.id} {r.kind}
                        </label>
                      </td>
                      <td>
                        {r.recipient.name}
                        <br />
                        <span class="muted">
                          NIP {r.recipient.nip}
                          {r.platform ? ` · ${r.platform}` : ''}
                        </span>
                      </td>
                      <td>{formatDateTimeId(r.createdAt, tz)}</td>
                      <td class="num">
                        {r.attempts}
                        {r.rateLimits > 0 ? <span class="muted"> (+{r.rateLimits} kali diminta menunggu)</span> : null}
                      </td>
                      <td>{shownReason(r.lastError, secrets) ?? 'tanpa keterangan'}</td>
                      <td>
                        <button type="submit" name="one" value={`retry:${r.id}`} class="secondary">
                          Kirim ulang
                        </button>{' '}
                        <button type="submit" name="one" value={`discard:${r.id}`} class="secondary">
                          Lepaskan
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p>
              <button type="submit" name="action" value="retry">
                Kirim ulang yang dipilih
              </button>{' '}
              <button type="submit" name="action" value="discard" class="danger">
                Lepaskan yang dipilih
              </button>
            </p>
          </form>
          <Pager page={page} hasNext={rows.length > PAGE_SIZE} href={(p) => `${PATH}?page=${p}`} />
          <form method="post" action={PATH} class="card">
            <Csrf viewer={viewer} />
            <input type="hidden" name="all" value="1" />
            <p>
              <strong>Semua pesan gagal</strong> ({total}, termasuk yang tidak tampil di halaman ini).
            </p>
            <label style="font-weight:normal">
              <input type="checkbox" name="confirm" value="1" required /> Saya yakin, terapkan pada semua pesan gagal
            </label>
            <p>
              <button type="submit" name="action" value="retry">
                Kirim ulang semua
              </button>{' '}
              <button type="submit" name="action" value="discard" class="danger">
                Lepaskan semua
              </button>
            </p>
          </form>
        </>
      )}
    </Page>
  )
}

/** What the form asks for, or what is wrong with it. */
function requestOf(body: Record<string, string | File | (string | File)[]>): { action: Action; which: Selection } | string {
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string')
  const one = strings(body['one'])[0]
  if (one !== undefined) {
    const m = /^(retry|discard):(\d{1,12})$/.exec(one)
    if (!m) return 'Tindakan tidak dikenal.'
    return { action: m[1] as Action, which: { ids: [Number(m[2])] } }
  }
  const action = strings(body['action'])[0]
  if (action !== 'retry' && action !== 'discard') return 'Tindakan tidak dikenal: pilih Kirim ulang atau Lepaskan.'
  if (strings(body['all'])[0] === '1') {
    if (strings(body['confirm'])[0] !== '1') return 'Centang "Saya yakin" untuk menerapkan tindakan pada semua pesan gagal.'
    return { action, which: { all: true } }
  }
  const list = strings(body['id'])
  if (list.length === 0) return 'Pilih minimal satu pesan (centang kotaknya), atau pakai tombol di baris pesan.'
  if (list.length > MAX_IDS || list.some((x) => !/^\d{1,12}$/.test(x))) return 'Pilihan pesan tidak valid.'
  return { action, which: { ids: [...new Set(list.map(Number))] } }
}

export function registerPesanGagal(app: ConsoleApp, deps: ConsoleDeps) {
  app.use(PATH, allow('ADMIN'))
  app.use(`${PATH}/*`, allow('ADMIN'))

  app.get(PATH, async (c) => {
    const page = pageParam(c.req.query('page'))
    return c.html(await ListPage({ deps, viewer: c.get('viewer'), page, notice: noticeFrom(c.req.query()) }))
  })

  app.post(PATH, async (c: Context<ConsoleEnv>) => {
    const viewer = c.get('viewer')
    const body = await c.req.parseBody({ all: true })
    const page = pageParam(typeof body['page'] === 'string' ? body['page'] : undefined)
    const request = requestOf(body)
    if (typeof request === 'string') return c.html(await ListPage({ deps, viewer, page, notice: { kind: 'error', text: `${request} Tidak ada yang diubah.` } }), 400)
    const settle = request.action === 'retry' ? retryDeadLetters : discardDeadLetters
    const result: Settled = await settle(deps.db, request.which, deps.clock.now(), { actorId: viewer.employeeId, via: 'console' })
    if (result.missing.length > 0) {
      const text =
        `${result.missing.length === 1 ? 'Pesan' : 'Pesan-pesan'} ${ids(result.missing)} sudah tidak ada di daftar pesan gagal: ` +
        'sudah dikirim ulang atau dilepaskan (mungkin oleh admin lain) sejak halaman ini dibuka. Tidak ada yang diubah; periksa daftar di bawah lalu coba lagi.'
      return c.html(await ListPage({ deps, viewer, page, notice: { kind: 'error', text } }), 409)
    }
    if (request.action === 'retry' && result.changed.length > 0) deps.afterCommit()
    deps.log.info({ action: request.action, ids: result.changed, actorId: viewer.employeeId }, 'console settled dead letters')
    return c.redirect(`${PATH}?${request.action}=${result.changed.length}&id=${result.changed.slice(0, 50).join(',')}`, 303)
  })
}
