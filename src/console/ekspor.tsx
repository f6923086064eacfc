import type { Context } from 'hono'
import { buildExport, EXPORT_KINDS, EXPORT_MAX_DAYS, exportFileName, exportRangeProblem, exportScope, ORGANISATION, type ExportKind } from '../admin/export.js'
import { progresHarian, progresHarianCsv, progresHarianXlsx, type PersonScope, type ProgresHarianScope } from '../admin/export-progres-harian.js'
import { renderTable, type CsvOptions, type ExportFormat } from '../admin/export-write.js'
import { localDate, monthRange } from '../domain/dates.js'
import { unitForest } from '../domain/digest.js'
import type { Viewer } from './auth.js'
import { allow, forbidden } from './guard.js'
import { Csrf, Page } from './layout.js'
import { scopeWith, unitInScope, type Scope } from './scope.js'
import type { ConsoleApp, ConsoleDeps, ConsoleEnv } from './types.js'

// Ekspor (docs/console.md): the CLI's exports (src/admin/export*.ts, the same code, the same audit entry
// with the person who asked) for a unit of the person's scope and a range, downloaded as XLSX or CSV.
// The form posts with the session's CSRF token: a download is personal data and leaves a trail.
// progres-harian (BKN e-Kinerja's form, src/admin/export-progres-harian.ts) takes a unit or one person by
// NIP, both within the person's scope.

const PATH = '/console/ekspor'
/** The form's value for "every unit" (ADMIN only); unit codes are letters, digits and dashes. */
const ALL = '*'

/** The BKN progres harian export: a unit (XLSX, a sheet per person) or one person by NIP (XLSX or CSV). */
const PROGRES = 'progres-harian'

const KINDS: { kind: ExportKind | typeof PROGRES; label: string; about: string }[] = [
  { kind: 'aktivitas', label: 'Aktivitas', about: 'semua laporan kegiatan dalam rentang, satu baris per laporan' },
  { kind: 'menit', label: 'Menit bulanan (dasar TPP)', about: 'menit disetujui per pegawai per bulan dengan target, capaian dan subtotal unit' },
  { kind: 'evaluasi', label: 'Evaluasi (BKN e-Kinerja)', about: 'per pegawai: RHK, realisasi, bukti dukung, rating dan predikat' },
  {
    kind: PROGRES,
    label: 'Progres harian (BKN e-Kinerja)',
    about: 'kegiatan disetujui dalam kolom formulir progres harian BKN, untuk unit (satu sheet per pegawai) atau satu pegawai (isi NIP)',
  },
]

const FORMATS: { value: string; label: string; format: ExportFormat; csv?: CsvOptions }[] = [
  { value: 'xlsx', label: 'Excel (XLSX)', format: 'xlsx' },
  { value: 'csv', label: 'CSV (pemisah koma)', format: 'csv', csv: { separator: ',', decimalComma: false } },
  { value: 'csv-id', label: 'CSV untuk Excel berbahasa Indonesia (pemisah titik koma, desimal koma)', format: 'csv', csv: { separator: ';', decimalComma: true } },
]

const CONTENT_TYPE: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
}

interface Form {
  kind: string
  unit: string
  nip: string
  from: string
  to: string
  format: string
}

type UnitOption = { code: string; name: string; depth: number }

/** The units the person may export, a parent before its children (every root's tree for the whole organisation). */
async function unitOptions(deps: ConsoleDeps, viewer: Viewer): Promise<{ scope: Scope; units: UnitOption[] }> {
  const units = await deps.db.unit.findMany({ select: { id: true, code: true, name: true, parentId: true } })
  const scope = scopeWith(viewer, units)
  const tree = unitForest(units)
  const ids = new Set(units.map((u) => u.id))
  const roots = scope.kind === 'units' ? units.filter((u) => u.id === scope.rootUnitId) : units.filter((u) => u.parentId === null || !ids.has(u.parentId))
  roots.sort((a, b) => a.code.localeCompare(b.code))
  const options = roots.flatMap((r) => tree(r.id)).filter((e) => unitInScope(scope, e.unit.id))
  return { scope, units: options.map((e) => ({ code: e.unit.code, name: e.unit.name, depth: e.depth })) }
}

function defaults(deps: ConsoleDeps, viewer: Viewer, units: UnitOption[]): Form {
  const today = localDate(deps.clock.now(), deps.config.TZ_DEFAULT)
  const unit = viewer.role === 'ADMIN' ? ALL : (units[0]?.code ?? '')
  return { kind: 'aktivitas', unit, nip: '', from: monthRange(today).from, to: today, format: 'xlsx' }
}

function ExportForm(props: { viewer: Viewer; units: UnitOption[]; form: Form; error?: string }) {
  const { viewer, form } = props
  return (
    <Page title="Ekspor" viewer={viewer} path={PATH}>
      <p>
        Unduh data unit dan semua unit di bawahnya untuk suatu rentang tanggal (paling panjang {EXPORT_MAX_DAYS} hari). Isinya sama dengan ekspor dari baris
        perintah, dan setiap unduhan dicatat di jejak audit atas nama Anda karena memuat data pribadi.
      </p>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action={PATH} class="card">
        <Csrf viewer={viewer} />
        <fieldset style="border:0;padding:0;margin:0">
          <legend>Jenis ekspor</legend>
          {KINDS.map((k) => (
            <label style="font-weight:normal">
              <input type="radio" name="kind" value={k.kind} checked={form.kind === k.kind} /> <strong>{k.label}</strong>: <span class="muted">{k.about}</span>
            </label>
          ))}
        </fieldset>
        <label for="unit">Unit</label>
        <select id="unit" name="unit">
          {viewer.role === 'ADMIN' ? (
            <option value={ALL} selected={form.unit === ALL}>
              {ORGANISATION.name}
            </option>
          ) : null}
          {props.units.map((u) => (
            <option value={u.code} selected={form.unit.toUpperCase() === u.code.toUpperCase()}>
              {`${'\u00a0\u00a0'.repeat(u.depth)}${u.name} (${u.code})`}
            </option>
          ))}
        </select>
        <label for="nip">
          NIP <span class="muted">(hanya untuk progres harian; kosongkan untuk seluruh unit)</span>
        </label>
        <input id="nip" name="nip" inputmode="numeric" value={form.nip} />
        <label for="from">Dari tanggal</label>
        <input id="from" name="from" type="date" value={form.from} required />
        <label for="to">Sampai tanggal</label>
        <input id="to" name="to" type="date" value={form.to} required />
        <label for="format">Format</label>
        <select id="format" name="format">
          {FORMATS.map((f) => (
            <option value={f.value} selected={form.format === f.value}>
              {f.label}
            </option>
          ))}
        </select>
        <p class="muted">
          Progres harian: untuk unit hanya XLSX (satu sheet per pegawai, karena CSV berarti satu berkas per pegawai); CSV hanya untuk satu pegawai
          (isi NIP). Kegiatan disetujui yang tidak dapat diekspor beserta alasannya ada di sheet "Tidak diekspor" pada XLSX, tidak di CSV.
        </p>
        <p>
          <button type="submit">Unduh</button>
        </p>
      </form>
    </Page>
  )
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '')

export function registerEkspor(app: ConsoleApp, deps: ConsoleDeps) {
  app.use(PATH, allow('ADMIN', 'LEADER'))
  app.use(`${PATH}/*`, allow('ADMIN', 'LEADER'))

  app.get(PATH, async (c) => {
    const viewer = c.get('viewer')
    const { units } = await unitOptions(deps, viewer)
    return c.html(<ExportForm viewer={viewer} units={units} form={defaults(deps, viewer, units)} />)
  })

  app.post(PATH, async (c: Context<ConsoleEnv>) => {
    const viewer = c.get('viewer')
    const body = await c.req.parseBody()
    const form: Form = {
      kind: text(body['kind']),
      unit: text(body['unit']),
      nip: text(body['nip']),
      from: text(body['from']),
      to: text(body['to']),
      format: text(body['format']) || 'xlsx',
    }
    const { scope, units } = await unitOptions(deps, viewer)
    const refuse = (error: string) => c.html(<ExportForm viewer={viewer} units={units} form={form} error={error} />, 400)

    // the unit first: one outside the person's scope is refused whatever else the form says
    if (form.unit === '') return refuse('Pilih unit.')
    if (form.unit === ALL && scope.kind !== 'all') return forbidden(c, 'Anda hanya dapat mengekspor unit Anda dan unit di bawahnya.')
    const where = await exportScope(deps.db, form.unit === ALL ? null : form.unit, form.from, form.to)
    if (!where) return refuse(`Unit "${form.unit}" tidak ada.`)
    if (!unitInScope(scope, where.unit.id)) return forbidden(c, 'Anda hanya dapat mengekspor unit Anda dan unit di bawahnya.')
    const progres = form.kind.toLowerCase() === PROGRES
    // a person by NIP: only someone inside the scope (for a LEADER, someone unknown is refused the same way)
    let person: PersonScope | null = null
    if (progres && form.nip !== '') {
      const found = await deps.db.employee.findUnique({ where: { nip: form.nip }, select: { id: true, nip: true, name: true, unitId: true } })
      if (!found && scope.kind === 'all') return refuse(`Pegawai dengan NIP "${form.nip}" tidak ada.`)
      if (!found || !unitInScope(scope, found.unitId)) return forbidden(c, 'Anda hanya dapat mengekspor pegawai di unit Anda dan unit di bawahnya.')
      person = { employee: { id: found.id, nip: found.nip, name: found.name }, from: form.from, to: form.to }
    }
    const kind = EXPORT_KINDS[form.kind.toLowerCase()]
    if (!kind && !progres) return refuse('Pilih jenis ekspor: aktivitas, menit, evaluasi, atau progres harian.')
    const range = exportRangeProblem(form.from, form.to, { from: 'Tanggal awal', to: 'tanggal akhir' })
    if (range) return refuse(`${range}.`)
    const format = FORMATS.find((f) => f.value === form.format)
    if (!format) return refuse(`Format "${form.format}" tidak didukung: pilih XLSX atau CSV.`)
    if (progres) {
      if (format.format === 'csv' && !person) {
        return refuse('Progres harian sebagai CSV hanya untuk satu pegawai: isi NIP-nya, atau pilih XLSX untuk seluruh unit (satu sheet per pegawai).')
      }
      return progresDownload(c, person ?? where, format)
    }
    if (!kind) return refuse('Pilih jenis ekspor.')

    const table = await buildExport(
      { db: deps.db, tz: deps.config.TZ_DEFAULT, minutesPerDay: deps.config.MINUTES_PER_DAY },
      kind,
      where,
      deps.clock.now(),
      { actorId: viewer.employeeId, via: 'console' },
    )
    const bytes = await renderTable(table, format.format, format.csv)
    deps.log.info({ kind, unit: where.unit.code, from: where.from, to: where.to, rows: table.rows.length, actorId: viewer.employeeId }, 'console export')
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': CONTENT_TYPE[format.format],
      'content-disposition': `attachment; filename="${exportFileName(kind, where, format.format)}"`,
      'x-content-type-options': 'nosniff',
    })
  })

  /** The progres harian of a unit (XLSX) or a person (XLSX or CSV), as the CLI writes it, audited with the viewer. */
  async function progresDownload(c: Context<ConsoleEnv>, scope: ProgresHarianScope, format: (typeof FORMATS)[number]) {
    const viewer = c.get('viewer')
    const p = await progresHarian(
      { db: deps.db, links: { publicUrl: deps.config.PUBLIC_URL, secret: deps.config.EVIDENCE_LINK_SECRET } },
      scope,
      deps.clock.now(),
      { actorId: viewer.employeeId, via: 'console' },
    )
    const bytes = format.format === 'xlsx' ? await progresHarianXlsx(p) : Buffer.from(progresHarianCsv(p, format.csv)[0]!.csv, 'utf8')
    const label = p.scope.kind === 'person' ? p.scope.nip : p.scope.code
    deps.log.info({ kind: PROGRES, scope: label, from: p.from, to: p.to, rows: p.exported, skipped: p.skipped.length, actorId: viewer.employeeId }, 'console export')
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': CONTENT_TYPE[format.format],
      'content-disposition': `attachment; filename="progres-harian-${label}-${p.from}-${p.to}.${format.format}"`,
      'x-content-type-options': 'nosniff',
    })
  }
}
