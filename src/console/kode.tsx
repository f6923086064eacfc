import type { Context } from 'hono'
import { raw } from 'hono/html'
import QRCode from 'qrcode'
import { isDomainError } from '../domain/errors.js'
import { createLinkingService, type IssuedCode } from '../domain/linking.js'
import { subtree } from '../domain/digest.js'
import type { Platform } from '../domain/types.js'
import { formatDateTimeId } from '../messages/format.js'
import { allow } from './guard.js'
import { Csrf, Page } from './layout.js'
import { PLATFORM_LABEL } from './organisasi.js'
import type { ConsoleApp, ConsoleDeps, ConsoleEnv } from './types.js'

// Kode tautan (docs/console.md): one-time link codes for one person or a whole unit, issued through the
// linking service (domain/linking.ts: only hashes are stored, every issue audited) and shown exactly once,
// on the answer to the POST, as a printable A4 sheet: a card per person with the code and a QR code of
// each platform's deep link. Nothing can show a code again; a lost one is replaced by issuing anew.

const SECTION = '/console/kode'

/** One sheet at most this many people: a bigger unit is printed in parts (sub-units, or only the unlinked). */
export const MAX_CODES = 500

/** Up to this many units the form lists them; beyond, the unit's code is typed (or comes from its Organisasi page). */
const MAX_UNIT_OPTIONS = 300

/** Cards per printed A4 page: two columns of three, each card about 93 × 88 mm. */
const CARDS_PER_SHEET = 6

type C = Context<ConsoleEnv>

interface FormValues {
  nip?: string
  unit?: string
  subUnits?: boolean
  linked?: boolean
}

interface Card extends IssuedCode {
  unit: string
  links: { platform: Platform; url: string; svg: string }[]
}

// ---------------------------------------------------------------------------------------------- pages

function FormPage(props: { c: C; units: { code: string; name: string; depth: number }[] | null; values?: FormValues; error?: string; ttlHours: number }) {
  const viewer = props.c.get('viewer')
  const v = props.values ?? {}
  return (
    <Page title="Kode tautan" viewer={viewer} path={SECTION}>
      <p>
        Pegawai menghubungkan akun chatnya dengan mengirim kode tautan ke bot (atau memindai QR-nya). Setiap kode sekali pakai dan berlaku {props.ttlHours} jam.
        Kode <strong>hanya ditampilkan sekali</strong>, di halaman setelah tombol ditekan: cetak atau simpan lembarnya saat itu juga. Aplikasi hanya menyimpan
        sidik (hash) kode, jadi kode yang hilang tidak bisa dilihat lagi; buat saja kode baru.
      </p>
      {props.error ? (
        <p class="error" role="alert">
          {props.error} Tidak ada kode yang dibuat.
        </p>
      ) : null}
      <div class="card">
        <h2>Untuk satu pegawai</h2>
        <form method="post" action={`${SECTION}/pegawai`}>
          <Csrf viewer={viewer} />
          <label for="nip">NIP</label>
          <input id="nip" name="nip" inputmode="numeric" maxlength={40} value={v.nip ?? ''} required />{' '}
          <button type="submit">Buat kode</button>
        </form>
      </div>
      <div class="card">
        <h2>Untuk satu unit</h2>
        <form method="post" action={`${SECTION}/unit`}>
          <Csrf viewer={viewer} />
          <label for="unit">Unit</label>
          {props.units ? (
            <select id="unit" name="unit" required>
              <option value="">— pilih unit —</option>
              {props.units.map((u) => (
                <option value={u.code} selected={u.code === v.unit}>
                  {`${'\u00a0\u00a0'.repeat(u.depth)}${u.name} (${u.code})`}
                </option>
              ))}
            </select>
          ) : (
            <>
              <input id="unit" name="unit" maxlength={100} value={v.unit ?? ''} required aria-describedby="unit-hint" />
              <p id="unit-hint" class="muted">
                Kode unit, misalnya BKPSDM. Cari unitnya di <a href="/console/organisasi">Organisasi</a>: halaman setiap unit punya tautan “Buat kode tautan untuk unit ini”.
              </p>
            </>
          )}
          <label>
            <input type="checkbox" name="subUnits" value="ya" checked={v.subUnits ?? false} /> termasuk semua sub-unit di bawahnya
          </label>
          <label>
            <input type="checkbox" name="linked" value="ya" checked={v.linked ?? false} /> termasuk pegawai yang sudah punya akun chat tertaut (kode baru
            menggantikan akunnya bila dipakai dari akun lain)
          </label>
          <p class="muted">Tanpa centang: hanya pegawai aktif unit ini yang belum punya akun chat tertaut. Paling banyak {MAX_CODES} pegawai per lembar.</p>
          <button type="submit">Buat kode dan lembar cetak</button>
        </form>
      </div>
    </Page>
  )
}

const SHEET_CSS = `
.sheet{display:grid;grid-template-columns:1fr 1fr;gap:4mm;margin:0 0 1rem}
.kcard{background:#fff;border:1px dashed #8793a3;border-radius:2mm;padding:3mm 4mm;break-inside:avoid;page-break-inside:avoid;overflow:hidden;display:flex;flex-direction:column;gap:1mm}
.kcard .unit{font-size:.75em;color:#5b6676}.kcard .name{font-weight:700;line-height:1.2}.kcard .nip{font-size:.9em}
.kcard .code{font:700 1.45em/1.2 ui-monospace,"DejaVu Sans Mono",monospace;letter-spacing:.08em}.kcard .until{font-size:.75em;color:#5b6676}
.qrs{display:flex;flex-wrap:wrap;gap:2mm 3mm;margin-top:1mm}.qrs figure{margin:0;width:38mm}.qrs svg{width:32mm;height:32mm;display:block}
.qrs figcaption{font-size:.75em}.qrs .url{font:.62em/1.25 ui-monospace,monospace;word-break:break-all;color:#1d2430}.kcard .how{font-size:.72em;color:#5b6676}
@media (max-width:640px){.sheet{grid-template-columns:1fr}}
@page{size:A4;margin:10mm}
@media print{
  main>h1{display:none}
  body{font-size:11pt}
  .sheet{height:272mm;grid-template-rows:repeat(${CARDS_PER_SHEET / 2},1fr);margin:0;break-after:page;page-break-after:always}
  .sheet:last-of-type{break-after:auto;page-break-after:auto}
}
`

function SheetPage(props: { c: C; title: string; cards: Card[]; tz: string }) {
  const viewer = props.c.get('viewer')
  const { cards, tz } = props
  const until = cards[0] ? formatDateTimeId(cards[0].expiresAt, tz) : ''
  const sheets: Card[][] = []
  for (let i = 0; i < cards.length; i += CARDS_PER_SHEET) sheets.push(cards.slice(i, i + CARDS_PER_SHEET))
  return (
    <Page title={props.title} viewer={viewer} path={SECTION}>
      <style>{raw(SHEET_CSS)}</style>
      <div class="noprint">
        <p class="notice" role="status">
          {cards.length} kode tautan dibuat, berlaku sampai {until}. <strong>Kode hanya ditampilkan sekali, di halaman ini</strong>: cetak sekarang (menu Cetak
          di peramban, kertas A4) atau simpan sebagai PDF. Setelah halaman ini ditutup kode tidak dapat dilihat lagi.
        </p>
        <p>
          <a href={SECTION}>« Kembali ke Kode tautan</a>
        </p>
      </div>
      {sheets.map((sheet) => (
        <section class="sheet">
          {sheet.map((card) => (
            <article class="kcard" data-nip={card.employee.nip}>
              <div class="unit">{card.unit}</div>
              <div class="name">{card.employee.name}</div>
              <div class="nip">NIP {card.employee.nip}</div>
              <div class="code">{card.code}</div>
              <div class="until">Sekali pakai, berlaku sampai {until}</div>
              {card.links.length > 0 ? (
                <div class="qrs">
                  {card.links.map((l) => (
                    <figure data-platform={l.platform}>
                      {raw(l.svg)}
                      <figcaption>
                        <strong>{PLATFORM_LABEL[l.platform]}</strong>
                        <div class="url">{l.url}</div>
                      </figcaption>
                    </figure>
                  ))}
                </div>
              ) : null}
              <div class="how">
                {card.links.length > 0
                  ? 'Pindai QR dengan kamera ponsel lalu tekan Mulai/Kirim di chat bot kinerja, atau kirim kode ini ke bot.'
                  : 'Kirim kode ini ke bot kinerja di aplikasi chat Anda.'}
              </div>
            </article>
          ))}
        </section>
      ))}
    </Page>
  )
}

// ---------------------------------------------------------------------------------------------- routes

export function registerKode(app: ConsoleApp, deps: ConsoleDeps) {
  const { db } = deps
  const tz = deps.config.TZ_DEFAULT
  const ttlHours = deps.config.LINK_CODE_TTL_HOURS
  const linking = createLinkingService({
    db,
    clock: deps.clock,
    cfg: { codeTtlHours: ttlHours, maxFailures: deps.config.LINK_MAX_FAILURES, lockoutMinutes: deps.config.LINK_LOCKOUT_MINUTES, defaultTimezone: tz },
  })
  const guard = allow('ADMIN')
  app.use(SECTION, guard)
  app.use(`${SECTION}/*`, guard)

  /** Every unit, as a tree (a parent before its children), for the form's list; null when too many to list. */
  async function unitOptions() {
    if ((await db.unit.count()) > MAX_UNIT_OPTIONS) return null
    const units = await db.unit.findMany({ select: { id: true, code: true, name: true, parentId: true } })
    const ids = new Set(units.map((u) => u.id))
    const roots = units.filter((u) => u.parentId === null || !ids.has(u.parentId)).sort((a, b) => a.code.localeCompare(b.code))
    return roots.flatMap((r) => subtree(units, r.id)).map(({ unit, depth }) => ({ code: unit.code, name: unit.name, depth }))
  }

  const form = async (c: C, status: 200 | 400 | 404 | 409, values?: FormValues, error?: string) =>
    c.html(<FormPage c={c} units={await unitOptions()} values={values} error={error} ttlHours={ttlHours} />, status)

  /** The cards of the issued codes, each with a QR code (inline SVG) of every deep link the platforms give. */
  async function cards(issued: IssuedCode[], unitOf: Map<number, string>): Promise<Card[]> {
    return Promise.all(
      issued.map(async (i) => ({
        ...i,
        unit: unitOf.get(i.employee.id) ?? '',
        links: await Promise.all(
          deps.linkUrls(i.code).map(async (l) => ({
            ...l,
            svg: (await QRCode.toString(l.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })).replace(
              '<svg ',
              `<svg role="img" aria-label="QR ${PLATFORM_LABEL[l.platform]}" `,
            ),
          })),
        ),
      })),
    )
  }

  /** Issues, or answers with the form when someone became inactive in between (nothing is issued then). */
  async function issueOr409(c: C, values: FormValues, issue: () => Promise<IssuedCode[]>): Promise<IssuedCode[] | Response> {
    try {
      return await issue()
    } catch (e) {
      if (!isDomainError(e) || e.code !== 'NOT_FOUND') throw e
      return form(c, 409, values, 'Data pegawai berubah saat kode dibuat (ada yang baru dinonaktifkan). Coba lagi.')
    }
  }

  const sheet = (c: C, title: string, list: Card[]) => {
    // shown once: no cache, no history copy
    c.header('cache-control', 'no-store')
    return c.html(<SheetPage c={c} title={title} cards={list} tz={tz} />)
  }

  app.get(SECTION, async (c) => form(c, 200, { nip: /^\d{18}$/.test(c.req.query('nip') ?? '') ? c.req.query('nip') : undefined, unit: c.req.query('unit') }))

  // the answers are POSTs only; opening their address (a reload, the history) shows the form, never a code
  app.get(`${SECTION}/pegawai`, (c) => c.redirect(SECTION, 303))
  app.get(`${SECTION}/unit`, (c) => c.redirect(SECTION, 303))

  app.post(`${SECTION}/pegawai`, async (c) => {
    const viewer = c.get('viewer')
    const body = await c.req.parseBody()
    const nip = (typeof body['nip'] === 'string' ? body['nip'] : '').replace(/\s+/g, '')
    const values = { nip: nip.slice(0, 40) }
    if (!/^\d{18}$/.test(nip)) return form(c, 400, values, `NIP terdiri dari 18 angka (tertulis “${nip.slice(0, 40)}”).`)
    const e = await db.employee.findUnique({ where: { nip }, select: { id: true, name: true, active: true, unit: { select: { name: true } } } })
    if (!e) return form(c, 404, values, `Tidak ada pegawai dengan NIP ${nip}. Periksa NIP-nya, atau impor data pegawai dulu.`)
    if (!e.active) return form(c, 409, values, `${e.name} (NIP ${nip}) tidak aktif: pegawai nonaktif tidak bisa menautkan akun.`)
    const issued = await issueOr409(c, values, () => linking.issueCodes([e.id], { actorId: viewer.employeeId, via: 'console' }))
    if (issued instanceof Response) return issued
    return sheet(c, `Kode tautan: ${e.name}`, await cards(issued, new Map([[e.id, e.unit.name]])))
  })

  app.post(`${SECTION}/unit`, async (c) => {
    const viewer = c.get('viewer')
    const body = await c.req.parseBody()
    const code = (typeof body['unit'] === 'string' ? body['unit'] : '').trim().slice(0, 100)
    const values = { unit: code, subUnits: body['subUnits'] === 'ya', linked: body['linked'] === 'ya' }
    if (!code) return form(c, 400, values, 'Pilih unitnya.')
    const unit = await db.unit.findUnique({ where: { code }, select: { id: true, code: true, name: true } })
    if (!unit) return form(c, 404, values, `Unit dengan kode “${code}” tidak ada.`)
    let unitIds = [unit.id]
    if (values.subUnits) {
      const all = await db.unit.findMany({ select: { id: true, code: true, name: true, parentId: true } })
      unitIds = subtree(all, unit.id).map((t) => t.unit.id)
    }
    const where = {
      active: true,
      unitId: { in: unitIds },
      // "linked": an account on a platform this installation runs that has written to the bot
      ...(values.linked ? {} : { accounts: { none: { linkedAt: { not: null }, platform: { in: [...deps.platforms] } } } }),
    }
    const count = await db.employee.count({ where })
    const scope = `${unit.name}${values.subUnits ? ' dan sub-unitnya' : ''}`
    if (count === 0) {
      return form(c, 409, values, `Tidak ada pegawai aktif${values.linked ? '' : ' yang belum punya akun chat tertaut'} di ${scope}.`)
    }
    if (count > MAX_CODES) {
      return form(c, 400, values, `${count} pegawai di ${scope}: terlalu banyak untuk satu lembar (paling banyak ${MAX_CODES}). Pilih unit yang lebih kecil.`)
    }
    const people = await db.employee.findMany({
      where,
      select: { id: true, unit: { select: { name: true } } },
      orderBy: [{ unit: { code: 'asc' } }, { name: 'asc' }, { id: 'asc' }],
    })
    const by = { actorId: viewer.employeeId, via: 'console', detail: { unit: unit.code, subUnits: values.subUnits, linked: values.linked } }
    const issued = await issueOr409(c, values, () => linking.issueCodes(people.map((p) => p.id), by))
    if (issued instanceof Response) return issued
    return sheet(c, `Kode tautan: ${unit.name}`, await cards(issued, new Map(people.map((p) => [p.id, p.unit.name]))))
  })
}
