import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, people, startHarness, type Harness } from '../helpers/app.js'
import { consoleClient, signIn } from '../helpers/console.js'

// The console's Impor section over real HTTP against the real app: only an ADMIN uploads and stores;
// every bad row comes back with its line and reason and nothing is stored; a good file shows what would
// change, is kept for its uploader only, and is stored once, audited, by the CLI's own import functions.

const admin = { nip: '197406162008012010', telegram: 790_000_012 }
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8')

/** A multipart form with these files (field → [name, content]). */
function upload(files: Record<string, [string, string | Buffer]>): FormData {
  const form = new FormData()
  for (const [field, [name, content]] of Object.entries(files)) form.set(field, new File([content], name, { type: 'text/csv' }))
  return form
}

const HOLIDAYS = 'date;name;kind\r\n2026-12-24;"Cuti Bersama Natal; Malam Natal, 2026";cuti_bersama\r\n2026-12-25;Hari Raya Natal, 2026;libur\r\n'

/** Everything an import or an upload could have written. */
async function written(h: Harness) {
  const db = h.app.db.prisma
  return {
    uploads: await db.consoleUpload.count(),
    holidays: await db.holiday.count(),
    leave: await db.leave.count(),
    units: await db.unit.count(),
    employees: await db.employee.findMany({ select: { nip: true, name: true, position: true, unitId: true }, orderBy: { nip: 'asc' } }),
    rhk: await db.rhk.findMany({ select: { code: true, active: true, text: true }, orderBy: { id: 'asc' } }),
    imports: await db.auditLog.count({ where: { action: { in: ['org.import', 'calendar.import_holidays', 'calendar.import_leave', 'skp.import'] } } }),
  }
}

/** The upload id of a preview page. */
const uploadId = (html: string) => /name="unggahan" value="([\w-]{22})"/.exec(html)?.[1]

/** The numbers of one summary row of a preview or result page: new, changed, unchanged, deactivated. */
function row(html: string, entity: string): string[] {
  const tr = new RegExp(`<tr data-entity="${entity}">(.*?)</tr>`, 's').exec(html)?.[1]
  if (!tr) throw new Error(`no row ${entity} in ${html.slice(0, 2000)}`)
  return [...tr.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]!)
}

/** The rows of an error table: [file, line, reason]. */
const errorRows = (html: string) =>
  [...html.matchAll(/<tr><td>([^<]*)<\/td><td class="num">([^<]*)<\/td><td>(.*?)<\/td><\/tr>/gs)].map((m) => [m[1], m[2], m[3]])

describe('console: Impor', () => {
  it('only an ADMIN may open, upload and store; without a session or a valid CSRF token nothing happens', async () => {
    const h = await startHarness()
    const before = await written(h)

    const anonymous = consoleClient(h)
    const page = await anonymous.get('/console/impor')
    expect([page.status, page.location]).toEqual([303, '/console/masuk'])
    expect((await anonymous.post('/console/impor/libur', upload({ berkas: ['libur.csv', HOLIDAYS] }))).status).toBe(401)
    expect((await anonymous.post('/console/impor/simpan', { unggahan: 'x'.repeat(22) })).status).toBe(401)

    const boss = await signIn(h, admin)
    const forms = await boss.get('/console/impor')
    expect(forms.status).toBe(200)
    for (const kind of ['organisasi', 'libur', 'cuti', 'skp']) expect(forms.text).toContain(`action="/console/impor/${kind}" enctype="multipart/form-data"`)
    expect(forms.text).toContain('titik koma')
    // an upload of the admin's own, for the others to try to store
    const preview = await boss.post('/console/impor/libur', upload({ berkas: ['libur.csv', HOLIDAYS] }))
    expect(preview.status).toBe(200)
    const id = uploadId(preview.text)!
    expect(id).toBeDefined()

    for (const person of [people.kaban, people.kabid]) {
      const other = await signIn(h, person)
      // the session's CSRF token, from a page of theirs with a form: the refusals below are about the role
      await other.get('/console/akun')
      expect(other.csrf).toBeDefined()
      expect((await other.get('/console/impor')).status).toBe(403)
      expect((await other.get('/console/impor/libur')).status).toBe(403)
      const refused = await other.post('/console/impor/libur', upload({ berkas: ['libur.csv', HOLIDAYS] }))
      expect(refused.status).toBe(403)
      expect(refused.text).toContain('tidak termasuk wewenang Anda')
      expect((await other.post('/console/impor/simpan', { unggahan: id })).status).toBe(403)
      // the menu does not offer it either
      expect((await other.get('/console')).text).not.toContain('href="/console/impor"')
    }

    // the admin's own forms without the session's token
    const missing = await boss.post('/console/impor/libur', upload({ berkas: ['libur.csv', HOLIDAYS] }), { csrf: false })
    expect(missing.status).toBe(403)
    const forged = upload({ berkas: ['libur.csv', HOLIDAYS] })
    forged.set('_csrf', 'x'.repeat(43))
    expect((await boss.post('/console/impor/libur', forged)).status).toBe(403)
    expect((await boss.request('POST', '/console/impor/simpan', { unggahan: id, _csrf: 'x'.repeat(43) })).status).toBe(403)
    expect((await boss.request('POST', '/console/impor/simpan', { unggahan: id })).status).toBe(403)

    expect(await written(h)).toEqual({ ...before, uploads: 1 })
    expect(await h.app.db.prisma.consoleUpload.findUniqueOrThrow({ where: { id } })).toMatchObject({ usedAt: null })
  })

  it('shows every bad row with its file, line and reason, refuses what is not a CSV, too big or in the wrong form, and stores nothing', async () => {
    const h = await startHarness()
    const boss = await signIn(h, admin)
    await boss.get('/console/impor')
    const before = await written(h)

    const bad = [
      'date,name,kind',
      '2026-12-25,Hari Raya Natal,libur',
      '25/12/2026,Natal,libur',
      '2026-12-26,,libur',
      // a cell a spreadsheet would run as a formula is text to the import, checked and shown like any other
      '"=HYPERLINK(""http://x.example"",""klik"")",Natal,libur',
      '2026-12-25,Natal lagi,hari_besar',
    ].join('\n')
    const r = await boss.post('/console/impor/libur', upload({ berkas: ['libur-salah.csv', bad] }))
    expect(r.status).toBe(422)
    expect(r.text).toContain('5 kesalahan; tidak ada yang disimpan')
    expect(errorRows(r.text)).toEqual([
      ['libur-salah.csv', '3', 'date &quot;25/12/2026&quot; bukan tanggal yang valid (format YYYY-MM-DD, misalnya 2026-12-25)'],
      ['libur-salah.csv', '4', 'name wajib diisi'],
      ['libur-salah.csv', '5', 'date &quot;=HYPERLINK(&quot;http://x.example&quot;,&quot;klik&quot;)&quot; bukan tanggal yang valid (format YYYY-MM-DD, misalnya 2026-12-25)'],
      ['libur-salah.csv', '6', 'kind &quot;hari_besar&quot; tidak dikenal (pilih libur atau cuti_bersama)'],
      ['libur-salah.csv', '6', 'tanggal 2026-12-25 ganda (sudah ada di baris 2)'],
    ])

    // the organisation: both files, errors of each named by its file
    const employees = fixture('kendari-employees.csv').replace(',III/d,', ',III/z,').replace('198603022018032015', '198613022018032015')
    const org = await boss.post('/console/impor/organisasi', upload({ unit: ['unit.csv', fixture('kendari-units.csv').replace(',BIDANG\r\n', ',BIDANGAN\r\n')], pegawai: ['pegawai.csv', employees] }))
    expect(org.status).toBe(422)
    const orgRows = errorRows(org.text)
    expect(orgRows[0]).toEqual(['unit.csv', '4', expect.stringContaining('kind &quot;BIDANGAN&quot; tidak dikenal')])
    expect(orgRows.some(([file, line, why]) => file === 'pegawai.csv' && line === '9' && why!.includes('grade &quot;III/z&quot; tidak valid'))).toBe(true)
    expect(orgRows.some(([file, line, why]) => file === 'pegawai.csv' && line === '9' && why!.startsWith('nip &quot;198613022018032015&quot;'))).toBe(true)

    // an empty file, a workbook, binary data, a file not chosen
    const empty = await boss.post('/console/impor/cuti', upload({ berkas: ['cuti.csv', ''] }))
    expect(errorRows(empty.text)).toEqual([['cuti.csv', '1', 'file kosong: baris pertama harus judul kolom (nip,from,to,kind)']])
    const xlsx = await boss.post('/console/impor/skp', upload({ berkas: ['skp.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100)])] }))
    expect(errorRows(xlsx.text)).toEqual([['skp.xlsx', '—', expect.stringContaining('buku kerja XLSX/ODS (arsip ZIP), bukan CSV')]])
    const noFile = new FormData()
    noFile.set('berkas', new File([], ''))
    expect(errorRows((await boss.post('/console/impor/libur', noFile)).text)).toEqual([['Hari libur', '—', 'berkas hari libur (holidays.csv) belum dipilih']])

    // a BOM and Windows-1252 are read as the CLI reads them; the wrong file in a form is recognised
    const wrong = await boss.post('/console/impor/libur', upload({ berkas: ['pegawai.csv', `\uFEFF${fixture('kendari-employees.csv')}`] }))
    expect(wrong.status).toBe(422)
    expect(wrong.text).toContain('Berkas pegawai.csv tampaknya berkas pegawai (employees.csv), bukan hari libur (holidays.csv)')
    expect(errorRows(wrong.text)[0]).toEqual(['pegawai.csv', '1', expect.stringContaining('kolom tidak dikenal: nip, unit_code, position')])

    // over 20 MB: refused before it is read, with the limit in words
    const big = await boss.post('/console/impor/cuti', upload({ berkas: ['cuti.csv', Buffer.alloc(21 * 1024 * 1024, 0x41)] }))
    expect(big.status).toBe(413)
    expect(big.text).toContain('lebih dari 20 MB')
    // just under the limit of the whole request, over the limit of the file: the same answer
    const under = await boss.post('/console/impor/cuti', upload({ berkas: ['cuti.csv', Buffer.alloc(20 * 1024 * 1024 + 100, 0x41)] }))
    expect(under.status).toBe(413)
    // an unknown kind
    expect((await boss.post('/console/impor/pegawai', upload({ berkas: ['x.csv', 'a'] }))).status).toBe(404)

    expect(await written(h)).toEqual(before)
    // the session still works after the refused uploads
    expect((await boss.get('/console/impor')).status).toBe(200)
  })

  it("previews, then stores once in the admin's name; another admin's or a forged upload is refused; ';' files; confirm checks again", async () => {
    const h = await startHarness()
    const db = h.app.db.prisma
    const boss = await signIn(h, admin)
    await boss.get('/console/impor')
    const bossId = (await db.employee.findUniqueOrThrow({ where: { nip: admin.nip } })).id

    // holidays in ';' with quoted fields and commas in values
    const preview = await boss.post('/console/impor/libur', upload({ berkas: ['libur.csv', HOLIDAYS] }))
    expect(preview.status).toBe(200)
    expect(preview.text).toContain('Belum ada yang disimpan')
    expect(preview.text).toContain('dibaca sebagai UTF-8, pemisah &#39;;&#39;')
    expect(row(preview.text, 'holidays')).toEqual(['2', '0', '0', '—'])
    expect(preview.text).toContain('Cuti Bersama Natal; Malam Natal, 2026 (cuti_bersama)')
    const id = uploadId(preview.text)!
    expect(await db.holiday.count()).toBe(0)

    // another admin cannot store it, nor can a forged id
    await db.employee.update({ where: { nip: people.salmiah.nip }, data: { role: 'ADMIN' } })
    const otherAdmin = await signIn(h, people.salmiah)
    await otherAdmin.get('/console/impor')
    const theirs = await otherAdmin.post('/console/impor/simpan', { unggahan: id })
    expect(theirs.status).toBe(403)
    expect(theirs.text).toContain('milik admin lain')
    expect((await otherAdmin.post('/console/impor/simpan', { unggahan: 'A'.repeat(22) })).status).toBe(404)
    expect((await otherAdmin.post('/console/impor/simpan', { unggahan: `${id}' OR 1=1` })).status).toBe(404)
    expect(await db.holiday.count()).toBe(0)

    const stored = await boss.post('/console/impor/simpan', { unggahan: id })
    expect(stored.status).toBe(200)
    expect(stored.text).toContain('Impor selesai')
    expect(row(stored.text, 'holidays')).toEqual(['2', '0', '0', '—'])
    expect(await db.holiday.findMany({ select: { date: true, name: true, kind: true }, orderBy: { date: 'asc' } })).toEqual([
      { date: '2026-12-24', name: 'Cuti Bersama Natal; Malam Natal, 2026', kind: 'cuti_bersama' },
      { date: '2026-12-25', name: 'Hari Raya Natal, 2026', kind: 'libur' },
    ])
    const trail = await db.auditLog.findMany({ where: { action: 'calendar.import_holidays' } })
    expect(trail).toHaveLength(1)
    expect(trail[0]!.actorId).toBe(bossId)
    expect(JSON.parse(trail[0]!.detail!)).toMatchObject({ created: 2, updated: 0, via: 'console', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect(await db.consoleUpload.findUniqueOrThrow({ where: { id } })).toMatchObject({ content: '', usedAt: h.clock.now() })

    // the same confirm again (a double click, the back button): nothing more
    const before = await written(h)
    const twice = await boss.post('/console/impor/simpan', { unggahan: id })
    expect(twice.status).toBe(409)
    expect(twice.text).toContain('sudah disimpan')
    expect(await written(h)).toEqual(before)

    // the organisation in ';' files as Indonesian Excel saves them: a new unit, a moved employee
    const units = [...fixture('kendari-units.csv').trimEnd().split('\r\n'), 'BKPSDM-DATA,"Subbidang Data; Informasi Kinerja",BKPSDM-PKP,LAINNYA']
      .map((l) => l.replaceAll(',', ';'))
      .join('\r\n')
    // Excel quotes a cell only when it holds ';' or a quote: names with commas come unquoted
    const employees = fixture('kendari-employees.csv')
      .split('\r\n')
      .map((l) => l.replace(/"([^"]*)"/g, (_, s: string) => s.replace(',', '\u0000')).replaceAll(',', ';').replaceAll('\u0000', ','))
      .join('\r\n')
      .replace(';BKPSDM-PKP;Analis Sumber Daya Manusia Aparatur Ahli Muda;', ';BKPSDM-DATA;Analis Data Kinerja, Ahli Muda;')
    expect(employees).toContain(';Wa Ode Tamrin, S.E.;')
    const orgPreview = await boss.post('/console/impor/organisasi', upload({ unit: ['unit kerja.csv', units], pegawai: ['pegawai.csv', employees] }))
    expect(orgPreview.status).toBe(200)
    expect(row(orgPreview.text, 'units')).toEqual(['1', '0', '12', '—'])
    // Salmiah was made an ADMIN above; the file says EMPLOYEE, and the preview says so
    expect(row(orgPreview.text, 'employees')).toEqual(['0', '2', '38', '—'])
    expect(orgPreview.text).toContain('<code>role</code>: ADMIN → EMPLOYEE')
    expect(orgPreview.text).toContain('Impor organisasi tidak menonaktifkan siapa pun: 0 pegawai dan 0 unit kerja')
    expect(orgPreview.text).toContain('<code>unit_code</code>: BKPSDM-PKP → BKPSDM-DATA')
    expect(orgPreview.text).toContain('<code>position</code>: Analis Sumber Daya Manusia Aparatur Ahli Muda → Analis Data Kinerja, Ahli Muda')
    const orgStored = await boss.post('/console/impor/simpan', { unggahan: uploadId(orgPreview.text)! })
    expect(orgStored.status).toBe(200)
    expect(row(orgStored.text, 'employees')).toEqual(['0', '2', '38', '—'])
    const andi = await db.employee.findUniqueOrThrow({ where: { nip: people.andi.nip }, include: { unit: true } })
    expect([andi.position, andi.unit.code, andi.unit.name]).toEqual(['Analis Data Kinerja, Ahli Muda', 'BKPSDM-DATA', 'Subbidang Data; Informasi Kinerja'])
    const orgTrail = await db.auditLog.findFirstOrThrow({ where: { action: 'org.import', actorId: bossId } })
    expect(JSON.parse(orgTrail.detail!)).toMatchObject({ via: 'console', counts: { units: { created: 1 }, employees: { updated: 2 } } })

    // SKP: an RHK left out is shown as deactivated, then deactivated
    const skp = fixture('kendari-skp-2026.csv')
    await boss.post('/console/impor/simpan', { unggahan: uploadId((await boss.post('/console/impor/skp', upload({ berkas: ['skp.csv', skp] }))).text)! })
    const shorter = skp.split('\n').filter((l) => !l.includes(',RHK-3,')).join('\n')
    const skpPreview = await boss.post('/console/impor/skp', upload({ berkas: ['skp.csv', shorter] }))
    expect(row(skpPreview.text, 'rhk')).toEqual(['0', '0', '8', '1'])
    expect(skpPreview.text).toContain(`${people.andi.nip} 2026 RHK-3`)
    expect(await db.rhk.count({ where: { active: false } })).toBe(0)
    await boss.post('/console/impor/simpan', { unggahan: uploadId(skpPreview.text)! })
    expect(await db.rhk.findMany({ where: { active: false }, select: { code: true } })).toEqual([{ code: 'RHK-3' }])

    // leave: the database changes between preview and confirm; the confirm checks again and stores nothing
    const leavePreview = await boss.post('/console/impor/cuti', upload({ berkas: ['cuti.csv', `nip;from;to;kind\n${people.ahmad.nip};2026-12-01;2026-12-03;dinas luar\n`] }))
    expect(row(leavePreview.text, 'leave')).toEqual(['1', '0', '0', '—'])
    await db.employee.update({ where: { nip: people.ahmad.nip }, data: { active: false } })
    const late = await boss.post('/console/impor/simpan', { unggahan: uploadId(leavePreview.text)! })
    expect(late.status).toBe(422)
    expect(errorRows(late.text)).toEqual([['cuti.csv', '2', `tidak ada pegawai aktif dengan nip ${people.ahmad.nip}`]])
    expect(await db.leave.count()).toBe(0)
    // the upload was not used up: with the person active again it can be stored
    await db.employee.update({ where: { nip: people.ahmad.nip }, data: { active: true } })
    expect((await boss.post('/console/impor/simpan', { unggahan: uploadId(leavePreview.text)! })).status).toBe(200)
    expect(await db.leave.count()).toBe(1)

    // a preview expires after 30 minutes
    const old = await boss.post('/console/impor/libur', upload({ berkas: ['libur.csv', 'date,name\n2027-01-01,Tahun Baru 2027\n'] }))
    h.clock.advance(20 * 60_000)
    await boss.get('/console/impor')
    h.clock.advance(11 * 60_000)
    const expired = await boss.post('/console/impor/simpan', { unggahan: uploadId(old.text)! })
    expect(expired.status).toBe(410)
    expect(await db.holiday.count({ where: { date: '2027-01-01' } })).toBe(0)
    // expired uploads are dropped when the next file comes in
    await boss.post('/console/impor/libur', upload({ berkas: ['libur.csv', HOLIDAYS] }))
    expect(await db.consoleUpload.count()).toBe(1)
  })
})
