import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { describeCsv, readCsvBytes } from '../admin/csv-text.js'
import { IMPORT_TRANSACTION } from '../admin/import-org.js'
import { ENTITY_LABEL, PREVIEW_EXAMPLES, type PreviewItem, type PreviewPart } from '../admin/import-preview.js'
import { localDate } from '../domain/dates.js'
import { allow, forbidden, notFound } from './guard.js'
import {
  claimUpload,
  type FileError,
  type FileSlot,
  findUpload,
  type ImporKind,
  isKind,
  keepUpload,
  KINDS,
  type KindSpec,
  looksLike,
  type StoredCount,
  UPLOAD_MINUTES,
  type UploadedFile,
} from './impor-kinds.js'
import { Csrf, Page } from './layout.js'
import type { ConsoleApp, ConsoleDeps, ConsoleEnv } from './types.js'

// Impor (ADMIN): the organisation, holidays, leave, SKP and rencana aksi files, checked by the CLI's own imports
// (src/admin/). Upload → every bad row with its line and reason, nothing stored; or a preview of what
// would change, the files kept server-side for their uploader (ConsoleUpload) → Simpan: checked again
// against the database as it is then and stored in one transaction, once, audited with the admin's name.

type C = Context<ConsoleEnv>

const MB = 1024 * 1024
/** The largest upload (all files of one form together). */
export const MAX_UPLOAD_BYTES = 20 * MB
/** Errors listed on one page; the count says how many more there are. */
const MAX_ERRORS_SHOWN = 5_000
const ORDER: ImporKind[] = ['organisasi', 'libur', 'cuti', 'skp', 'rencana-aksi']

const TooLarge = () => (
  <Page title="Berkas terlalu besar">
    <p class="error" role="alert">
      Berkas yang diunggah lebih dari {MAX_UPLOAD_BYTES / MB} MB. Tidak ada yang disimpan. Pecah berkasnya (misalnya per unit kerja atau per tahun),
      lalu unggah lagi.
    </p>
    <p>
      <a href="/console/impor">Kembali ke Impor</a>
    </p>
  </Page>
)

/**
 * Refuses an upload over the limit before anything reads it (the session middleware parses every POST's
 * body for its CSRF token, so this runs ahead of it: index.tsx mounts it first).
 */
export const imporUploadLimit: MiddlewareHandler<ConsoleEnv> = bodyLimit({
  // the multipart framing around the files: a file of just under the limit still gets through to the
  // per-file check, which answers the same
  maxSize: MAX_UPLOAD_BYTES + MB,
  onError: (c) => c.html(<TooLarge />, 413),
})

const columnsText = (slot: FileSlot) =>
  [...slot.columns.required, ...slot.columns.optional.map((c) => `[${c}]`)].join(', ')

function ImportForm(props: { kind: ImporKind; spec: KindSpec; c: C }) {
  const viewer = props.c.get('viewer')
  return (
    <section class="card" aria-labelledby={`judul-${props.kind}`}>
      <h2 id={`judul-${props.kind}`} style="margin-top:.2rem">
        {props.spec.title}
      </h2>
      <form method="post" action={`/console/impor/${props.kind}`} enctype="multipart/form-data">
        <Csrf viewer={viewer} />
        {props.spec.files.map((slot) => (
          <>
            <label for={`${props.kind}-${slot.field}`}>
              {slot.label} <span class="muted">({slot.cliName})</span>
            </label>
            <input id={`${props.kind}-${slot.field}`} type="file" name={slot.field} accept=".csv,.txt,text/csv,text/plain" required />
            <p class="muted">Kolom: {columnsText(slot)}</p>
          </>
        ))}
        <button type="submit">Periksa</button>
      </form>
    </section>
  )
}

function FormsPage(props: { c: C }) {
  return (
    <Page title="Impor" viewer={props.c.get('viewer')} path="/console/impor">
      <p>
        Unggah berkas CSV untuk diperiksa. Setiap baris diperiksa dengan aturan yang sama seperti perintah impor di CLI; bila ada kesalahan, semua
        baris yang salah ditampilkan dengan nomor barisnya dan tidak ada yang disimpan. Bila tidak ada kesalahan, Anda melihat pratinjau perubahan
        lebih dulu, lalu menekan <strong>Simpan</strong>.
      </p>
      <p class="muted">
        Berkas boleh dipisah koma, titik koma (Excel dengan pengaturan Indonesia) atau tab; disimpan sebagai UTF-8 (dengan atau tanpa BOM), UTF-16
        ("Unicode text") atau Windows-1252. Paling besar {MAX_UPLOAD_BYTES / MB} MB per unggahan. Pratinjau berlaku {UPLOAD_MINUTES} menit.
      </p>
      {ORDER.map((kind) => (
        <ImportForm kind={kind} spec={KINDS[kind]} c={props.c} />
      ))}
    </Page>
  )
}

function ErrorsPage(props: { c: C; spec: KindSpec; files: Map<string, string>; errors: FileError[]; hints: string[]; atConfirm?: boolean }) {
  const shown = props.errors.slice(0, MAX_ERRORS_SHOWN)
  const fileName = (field: string) => props.files.get(field) ?? props.spec.files.find((s) => s.field === field)?.label ?? field
  return (
    <Page title={`Impor ditolak: ${props.spec.title}`} viewer={props.c.get('viewer')} path="/console/impor">
      <p class="error" role="alert">
        {props.atConfirm ? 'Data di database sudah berubah sejak pratinjau dan berkas ini tidak lagi lolos pemeriksaan. ' : ''}
        {props.errors.length} kesalahan; tidak ada yang disimpan. Perbaiki berkasnya, lalu unggah lagi.
      </p>
      {props.hints.map((h) => (
        <p class="notice">{h}</p>
      ))}
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Berkas</th>
              <th scope="col" class="num">
                Baris
              </th>
              <th scope="col">Kesalahan</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr>
                <td>{fileName(e.field)}</td>
                <td class="num">{e.line > 0 ? e.line : '—'}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.errors.length > shown.length ? (
        <p class="muted">
          {props.errors.length - shown.length} kesalahan lain tidak ditampilkan. Perbaiki yang di atas lalu unggah lagi, atau periksa seluruhnya dengan
          perintah CLI <code>{props.spec.command}</code>.
        </p>
      ) : null}
      <p>
        <a href="/console/impor">Kembali ke Impor</a>
      </p>
    </Page>
  )
}

const Changes = (props: { item: PreviewItem }) =>
  props.item.fields?.length ? (
    <ul>
      {props.item.fields.map((f) => (
        <li>
          <code>{f.column}</code>: {f.from === '' ? <span class="muted">(kosong)</span> : f.from} → {f.to === '' ? <span class="muted">(kosong)</span> : f.to}
        </li>
      ))}
    </ul>
  ) : null

function Examples(props: { title: string; total: number; items: PreviewItem[]; withChanges?: boolean }) {
  if (props.items.length === 0) return null
  return (
    <>
      <h3>
        {props.title}
        {props.total > props.items.length ? ` (${props.items.length} pertama dari ${props.total})` : ''}
      </h3>
      <div class="scroll">
        <table>
          <tbody>
            {props.items.map((i) => (
              <tr>
                <td>
                  <code>{i.key}</code>
                </td>
                <td>{i.label}</td>
                {props.withChanges ? (
                  <td>
                    <Changes item={i} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

/** What this kind of import does with rows the file leaves out, said truthfully per kind. */
function leftOut(kind: ImporKind, parts: PreviewPart[]): string[] {
  const part = (entity: PreviewPart['entity']) => parts.find((p) => p.entity === entity)
  switch (kind) {
    case 'organisasi': {
      const units = part('units')?.notInFile ?? 0
      const employees = part('employees')?.notInFile ?? 0
      const inactive = part('employees')?.inactive ?? 0
      return [
        `Impor organisasi tidak menonaktifkan siapa pun: ${employees} pegawai dan ${units} unit kerja di database yang tidak ada di berkas dibiarkan seperti sekarang.`,
        ...(inactive > 0 ? [`${inactive} pegawai di berkas berstatus nonaktif di database; impor ini tidak mengaktifkan mereka kembali.`] : []),
      ]
    }
    case 'libur':
      return [`Impor hari libur tidak menghapus atau menonaktifkan: ${part('holidays')?.notInFile ?? 0} hari libur di database yang tidak ada di berkas (misalnya tahun lain) dibiarkan.`]
    case 'cuti':
      return ['Impor cuti hanya menambah: baris yang sudah pernah diimpor dilewati, dan cuti di database yang tidak ada di berkas dibiarkan.']
    case 'skp':
      return [
        'Setiap SKP (nip, tahun) di berkas menggantikan rencananya: RHK aktif yang tidak ada lagi di berkas dinonaktifkan (tidak dihapus; aktivitas yang merujuknya tetap). SKP pegawai atau tahun lain dibiarkan.',
      ]
    case 'rencana-aksi':
      return [
        'Setiap (nip, tahun, kode, bulan) di berkas menggantikan rencana aksi RHK itu pada bulan itu: rencana aksi aktif yang tidak ada lagi di berkas dinonaktifkan (tidak dihapus; kegiatan yang merujuknya tetap). RHK dan bulan lain dibiarkan. SKP harus sudah diimpor.',
      ]
  }
}

function PreviewPage(props: { c: C; kind: ImporKind; id: string; files: UploadedFile[]; parts: PreviewPart[] }) {
  const spec = KINDS[props.kind]
  const nothing = props.parts.every((p) => p.created + p.updated + (p.deactivated ?? 0) === 0)
  return (
    <Page title={`Pratinjau impor: ${spec.title}`} viewer={props.c.get('viewer')} path="/console/impor">
      <p class="notice" role="status">
        Berkas lolos pemeriksaan. <strong>Belum ada yang disimpan.</strong> Periksa perubahan di bawah, lalu tekan Simpan (dalam {UPLOAD_MINUTES}{' '}
        menit).
      </p>
      <ul>
        {props.files.map((f) => (
          <li>
            {spec.files.find((s) => s.field === f.field)?.label}: <strong>{f.name}</strong>{' '}
            <span class="muted">(dibaca sebagai {describeCsv(f.encoding, f.separator)})</span>
          </li>
        ))}
      </ul>
      <div class="scroll">
        <table>
          <caption class="muted" style="text-align:left">
            Yang akan berubah bila disimpan
          </caption>
          <thead>
            <tr>
              <th scope="col">Data</th>
              <th scope="col" class="num">
                Baru
              </th>
              <th scope="col" class="num">
                Diubah
              </th>
              <th scope="col" class="num">
                Tetap
              </th>
              <th scope="col" class="num">
                Dinonaktifkan
              </th>
            </tr>
          </thead>
          <tbody>
            {props.parts.map((p) => (
              <tr data-entity={p.entity}>
                <th scope="row">{ENTITY_LABEL[p.entity]}</th>
                <td class="num">{p.created}</td>
                <td class="num">{p.updated}</td>
                <td class="num">{p.unchanged}</td>
                <td class="num">{p.deactivated ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {leftOut(props.kind, props.parts).map((t) => (
        <p class="muted">{t}</p>
      ))}
      {props.parts.some((p) => p.deactivated === null) ? <p class="muted">— : impor ini tidak pernah menonaktifkan data jenis ini.</p> : null}
      {nothing ? <p class="notice">Tidak ada yang berubah: isi berkas sudah sama dengan database.</p> : null}
      <form method="post" action="/console/impor/simpan">
        <Csrf viewer={props.c.get('viewer')} />
        <input type="hidden" name="unggahan" value={props.id} />
        <button type="submit">Simpan</button> <a href="/console/impor">Batal</a>
      </form>
      {props.parts.map((p) => (
        <>
          <Examples title={`${ENTITY_LABEL[p.entity]} baru`} total={p.created} items={p.examples.created} />
          <Examples title={`${ENTITY_LABEL[p.entity]} diubah`} total={p.updated} items={p.examples.updated} withChanges />
          <Examples title={`${ENTITY_LABEL[p.entity]} dinonaktifkan`} total={p.deactivated ?? 0} items={p.examples.deactivated} />
        </>
      ))}
      <p class="muted">Contoh dibatasi {PREVIEW_EXAMPLES} baris per jenis perubahan.</p>
    </Page>
  )
}

function StoredPage(props: { c: C; spec: KindSpec; counts: StoredCount[] }) {
  return (
    <Page title={`Impor tersimpan: ${props.spec.title}`} viewer={props.c.get('viewer')} path="/console/impor">
      <p class="notice" role="status">
        Impor selesai dan tercatat di jejak audit atas nama Anda.
      </p>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Data</th>
              <th scope="col" class="num">
                Baru
              </th>
              <th scope="col" class="num">
                Diubah
              </th>
              <th scope="col" class="num">
                Tetap
              </th>
              <th scope="col" class="num">
                Dinonaktifkan
              </th>
            </tr>
          </thead>
          <tbody>
            {props.counts.map((p) => (
              <tr data-entity={p.entity}>
                <th scope="row">{ENTITY_LABEL[p.entity]}</th>
                <td class="num">{p.created}</td>
                <td class="num">{p.updated}</td>
                <td class="num">{p.unchanged}</td>
                <td class="num">{p.deactivated ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href="/console/impor">Impor berkas lain</a>
      </p>
    </Page>
  )
}

function Gone(props: { c: C; title: string; text: string }) {
  return (
    <Page title={props.title} viewer={props.c.get('viewer')} path="/console/impor">
      <p class="error" role="alert">
        {props.text}
      </p>
      <p>
        <a href="/console/impor">Kembali ke Impor</a>
      </p>
    </Page>
  )
}

/** Thrown inside the confirm's transaction to roll the claim back with the import. */
class Refused extends Error {
  constructor(readonly errors: FileError[]) {
    super('import refused at confirm')
  }
}
class AlreadyUsed extends Error {}

export function registerImpor(app: ConsoleApp, deps: ConsoleDeps) {
  app.use('/console/impor', allow('ADMIN'))
  app.use('/console/impor/*', allow('ADMIN'))
  const context = () => {
    const at = deps.clock.now()
    return { at, today: localDate(at, deps.config.TZ_DEFAULT) }
  }

  app.get('/console/impor', (c) => c.html(<FormsPage c={c} />))

  app.post('/console/impor/simpan', async (c) => {
    const viewer = c.get('viewer')
    const body = await c.req.parseBody({ all: true })
    const id = typeof body['unggahan'] === 'string' ? body['unggahan'] : ''
    const ctx = context()
    const upload = await findUpload(deps.db, id, viewer.employeeId, ctx.at)
    switch (upload.found) {
      case 'no':
        return c.html(<Gone c={c} title="Unggahan tidak dikenal" text="Unggahan ini tidak ada atau sudah kedaluwarsa. Tidak ada yang diubah; unggah berkasnya lagi." />, 404)
      case 'other':
        deps.log.warn({ employeeId: viewer.employeeId }, 'console import: confirm of another admin\'s upload refused')
        return forbidden(c, 'Unggahan ini milik admin lain: hanya yang mengunggahnya yang dapat menyimpannya. Tidak ada yang diubah.')
      case 'used':
        return c.html(<Gone c={c} title="Sudah disimpan" text="Unggahan ini sudah disimpan sebelumnya. Tidak ada yang diubah lagi." />, 409)
      case 'expired':
        return c.html(<Gone c={c} title="Pratinjau kedaluwarsa" text={`Pratinjau ini lebih dari ${UPLOAD_MINUTES} menit. Tidak ada yang diubah; unggah berkasnya lagi.`} />, 410)
      case 'yes':
        break
    }
    const spec = KINDS[upload.kind]
    const texts = Object.fromEntries(upload.files.map((f) => [f.field, f.text]))
    const store = spec.prepare(texts, ctx)
    try {
      const stored = await deps.db.$transaction(async (tx) => {
        if (!(await claimUpload(tx, id, viewer.employeeId, ctx.at))) throw new AlreadyUsed()
        const r = await store(tx, { actorId: viewer.employeeId, via: 'console', sha256: upload.sha256 })
        if (!r.ok) throw new Refused(r.errors)
        return r
      }, IMPORT_TRANSACTION)
      deps.log.info({ employeeId: viewer.employeeId, kind: upload.kind, counts: stored.counts }, 'console import stored')
      return c.html(<StoredPage c={c} spec={spec} counts={stored.counts} />)
    } catch (e) {
      if (e instanceof AlreadyUsed) return c.html(<Gone c={c} title="Sudah disimpan" text="Unggahan ini sudah disimpan sebelumnya. Tidak ada yang diubah lagi." />, 409)
      if (e instanceof Refused) {
        const names = new Map(upload.files.map((f) => [f.field, f.name]))
        return c.html(<ErrorsPage c={c} spec={spec} files={names} errors={e.errors} hints={[]} atConfirm />, 422)
      }
      throw e
    }
  })

  app.post('/console/impor/:kind', async (c) => {
    const kind = c.req.param('kind')
    if (!isKind(kind)) return notFound(c)
    const spec = KINDS[kind]
    const body = await c.req.parseBody({ all: true })
    const errors: FileError[] = []
    const hints: string[] = []
    const files: UploadedFile[] = []
    const names = new Map<string, string>()
    let total = 0
    for (const slot of spec.files) {
      const value = body[slot.field]
      const file = value instanceof File && !(value.size === 0 && value.name === '') ? value : null
      if (!file) {
        errors.push({ field: slot.field, line: 0, message: `berkas ${slot.label.toLowerCase()} (${slot.cliName}) belum dipilih` })
        continue
      }
      const name = file.name.slice(0, 200) || slot.cliName
      names.set(slot.field, name)
      total += file.size
      if (file.size > MAX_UPLOAD_BYTES || total > MAX_UPLOAD_BYTES) return c.html(<TooLarge />, 413)
      const read = readCsvBytes(Buffer.from(await file.arrayBuffer()))
      if (!read.ok) {
        errors.push({ field: slot.field, line: 0, message: read.problem })
        continue
      }
      const other = looksLike(read.text, slot)
      if (other) hints.push(`Berkas ${name} tampaknya berkas ${other.label.toLowerCase()} (${other.cliName}), bukan ${slot.label.toLowerCase()} (${slot.cliName}). Unggah di formulir yang sesuai.`)
      files.push({ field: slot.field, name, text: read.text, encoding: read.encoding, separator: read.separator })
    }
    if (errors.length > 0) return c.html(<ErrorsPage c={c} spec={spec} files={names} errors={errors} hints={hints} />, 422)

    const ctx = context()
    const texts = Object.fromEntries(files.map((f) => [f.field, f.text]))
    const checked = await spec.preview(deps.db, texts, ctx)
    if (!checked.ok) return c.html(<ErrorsPage c={c} spec={spec} files={names} errors={checked.errors} hints={hints} />, 422)
    const id = await keepUpload(deps.db, { employeeId: c.get('viewer').employeeId, kind, files, at: ctx.at })
    return c.html(<PreviewPage c={c} kind={kind} id={id} files={files} parts={checked.parts} />)
  })
}
