import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, people, startHarness, type Harness } from '../helpers/app.js'
import { signIn } from '../helpers/console.js'
import { csvFile } from '../scheduler/helpers.js'

// Impor's rencana aksi form over real HTTP: the CLI's checks with their lines, a preview whose counts are
// the ones the import then reports (and the CLI's --dry-run prints), stored once, audited with the admin.

const admin = { nip: '197406162008012010', telegram: 790_000_012 }
const EXAMPLE = path.join(FIXTURES, 'kendari-rencana-aksi-2026.csv')
const HEADER = 'nip,tahun,kode,bulan,rencana_aksi,target,satuan'
const { andi } = people

function upload(name: string, content: string): FormData {
  const form = new FormData()
  form.set('berkas', new File([content], name, { type: 'text/csv' }))
  return form
}

const uploadId = (html: string) => /name="unggahan" value="([\w-]{22})"/.exec(html)?.[1]

function row(html: string, entity: string): string[] {
  const tr = new RegExp(`<tr data-entity="${entity}">(.*?)</tr>`, 's').exec(html)?.[1]
  if (!tr) throw new Error(`no row ${entity} in ${html.slice(0, 2000)}`)
  return [...tr.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]!)
}

const errorRows = (html: string) =>
  [...html.matchAll(/<tr><td>([^<]*)<\/td><td class="num">([^<]*)<\/td><td>(.*?)<\/td><\/tr>/gs)].map((m) => [m[1], m[2], m[3]])
const escaped = (s: string) => s.replaceAll('"', '&quot;')

async function withSkp(h: Harness) {
  const skp = await h.cli('import-skp', path.join(FIXTURES, 'kendari-skp-2026.csv'))
  if (skp.code !== 0) throw new Error(skp.err)
}

const stored = async (h: Harness) => ({
  rencanaAksi: await h.app.db.prisma.rencanaAksi.findMany({ select: { text: true, target: true, satuan: true, active: true }, orderBy: { id: 'asc' } }),
  audits: await h.app.db.prisma.auditLog.count({ where: { action: 'rencana-aksi.import' } }),
})

describe('console: Impor rencana aksi', () => {
  it('lists every bad row with its line and the CLI’s reason, and stores nothing', async () => {
    const h = await startHarness()
    await withSkp(h)
    const boss = await signIn(h, admin)
    const forms = await boss.get('/console/impor')
    expect(forms.text).toContain('action="/console/impor/rencana-aksi" enctype="multipart/form-data"')
    expect(forms.text).toContain('Kolom: nip, tahun, kode, bulan, rencana_aksi, target, satuan')
    const before = await stored(h)

    const lines = [
      HEADER,
      `${andi.nip},2026,RHK-1,11,Menyusun analisis bulan Oktober,1,dokumen`,
      '199999999999999999,2026,RHK-1,11,Analisis,1,dokumen',
      `${andi.nip},2026,RHK-9,11,Analisis,1,dokumen`,
      `${andi.nip},2026,RHK-1,13,Analisis,0,dokumen`,
      `${andi.nip},2026,rhk-1,11,menyusun  analisis bulan oktober,3,dokumen`,
    ]
    const r = await boss.post('/console/impor/rencana-aksi', upload('ra-salah.csv', lines.join('\n')))
    expect(r.status).toBe(422)
    const cli = await h.cli('import-rencana-aksi', csvFile('ra-salah.csv', lines))
    expect(cli.code).toBe(1)
    // the same problems, line for line, as the CLI prints them
    const fromCli = cli.err.trim().split('\n').slice(0, -1).map((l) => /^.*ra-salah\.csv:(\d+): (.*)$/.exec(l)!.slice(1))
    expect(errorRows(r.text)).toEqual(fromCli.map(([line, why]) => ['ra-salah.csv', line, escaped(why!)]))
    expect(errorRows(r.text)).toEqual([
      ['ra-salah.csv', '3', 'nip 199999999999999999 tidak ada di data pegawai (impor organisasi dulu: import-org)'],
      ['ra-salah.csv', '4', `RHK RHK-9 tidak ada di SKP ${andi.nip} tahun 2026 (kode yang ada: RHK-1, RHK-2, RHK-3)`],
      ['ra-salah.csv', '5', escaped('bulan "13" tidak valid: tulis 1 sampai 12, atau 2026-11 (tahun yang sama dengan kolom tahun)')],
      ['ra-salah.csv', '5', expect.stringContaining(escaped('target "0" harus bilangan bulat positif'))],
      ['ra-salah.csv', '6', expect.stringContaining('ganda: sudah ada di baris 2')],
    ])
    expect(r.text).toContain('5 kesalahan; tidak ada yang disimpan')
    expect(await stored(h)).toEqual(before)
    expect(await h.app.db.prisma.consoleUpload.count()).toBe(0)
  })

  it('previews with the import’s counts, stores once through the import on Simpan, audited with the admin as actor', async () => {
    const h = await startHarness()
    await withSkp(h)
    const db = h.app.db.prisma
    const boss = await signIn(h, admin)
    const bossId = (await db.employee.findUniqueOrThrow({ where: { nip: admin.nip } })).id
    await boss.get('/console/impor')

    const preview = await boss.post('/console/impor/rencana-aksi', upload('rencana-aksi.csv', readFileSync(EXAMPLE, 'utf8')))
    expect(preview.status).toBe(200)
    expect(row(preview.text, 'rencana_aksi')).toEqual(['19', '0', '0', '0'])
    expect(preview.text).toContain(`${andi.nip} RHK-1 2026-11`)
    expect((await stored(h)).rencanaAksi).toHaveLength(0)
    const id = uploadId(preview.text)!
    const saved = await boss.post('/console/impor/simpan', { unggahan: id })
    expect(saved.status).toBe(200)
    expect(row(saved.text, 'rencana_aksi')).toEqual(['19', '0', '0', '0'])
    expect((await stored(h)).rencanaAksi).toHaveLength(19)
    // once
    expect((await boss.post('/console/impor/simpan', { unggahan: id })).status).toBe(409)
    const first = await db.auditLog.findMany({ where: { action: 'rencana-aksi.import' } })
    expect(first.map((a) => [a.actorId, a.entity, JSON.parse(a.detail!)])).toEqual([
      [
        bossId,
        'rencana_aksi',
        { plans: 14, rencanaAksi: { created: 19, updated: 0, unchanged: 0, deactivated: 0 }, via: 'console', sha256: (await db.consoleUpload.findUniqueOrThrow({ where: { id } })).sha256 },
      ],
    ])

    // Andi's November for RHK-1 again: one target changed, one new, two left out (deactivated)
    const again = [
      HEADER,
      `${andi.nip},2026,RHK-1,11,Menyusun analisis hasil penilaian kinerja bulan Oktober,2,dokumen`,
      `${andi.nip},2026,RHK-1,11,Menyusun bahan paparan analisis untuk Kepala Bidang,1,bahan paparan`,
    ]
    const changed = await boss.post('/console/impor/rencana-aksi', upload('andi.csv', again.join('\n')))
    expect(row(changed.text, 'rencana_aksi')).toEqual(['1', '1', '0', '2'])
    expect(changed.text).toContain('Menyusun telaahan staf hasil analisis penilaian kinerja')
    expect(changed.text).toMatch(/<code>target<\/code>: 1 → 2/)
    // the CLI's --dry-run says the same
    const dry = await h.cli('import-rencana-aksi', '--dry-run', csvFile('andi.csv', again))
    expect(dry.out).toContain('Rencana aksi: 1 baru, 1 diubah, 0 tetap, 2 dinonaktifkan\n')
    const savedAgain = await boss.post('/console/impor/simpan', { unggahan: uploadId(changed.text)! })
    expect(row(savedAgain.text, 'rencana_aksi')).toEqual(['1', '1', '0', '2'])
    const trail = await db.auditLog.findMany({ where: { action: 'rencana-aksi.import' }, orderBy: { id: 'asc' } })
    expect(JSON.parse(trail.at(-1)!.detail!)).toMatchObject({ plans: 1, rencanaAksi: { created: 1, updated: 1, unchanged: 0, deactivated: 2 }, via: 'console' })
    expect(await db.rencanaAksi.count({ where: { active: false } })).toBe(2)
    expect(await db.rencanaAksi.count()).toBe(20)
  })

  it('refuses a LEADER and a SUPERVISOR: nothing kept, nothing stored', async () => {
    const h = await startHarness()
    await withSkp(h)
    const before = await stored(h)
    for (const person of [people.kaban, people.kabid]) {
      const other = await signIn(h, person)
      await other.get('/console/akun')
      expect(other.csrf).toBeDefined()
      const r = await other.post('/console/impor/rencana-aksi', upload('rencana-aksi.csv', readFileSync(EXAMPLE, 'utf8')))
      expect(r.status).toBe(403)
      expect(r.text).toContain('tidak termasuk wewenang Anda')
    }
    expect(await stored(h)).toEqual(before)
    expect(await h.app.db.prisma.consoleUpload.count()).toBe(0)
  })
})
