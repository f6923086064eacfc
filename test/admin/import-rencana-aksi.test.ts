import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importRencanaAksi } from '../../src/admin/import-rencana-aksi.js'
import { runCli } from '../../src/cli/index.js'
import { openDatabase, type Database } from '../../src/db/client.js'
import { FIXTURES, people } from '../helpers/app.js'
import { templateDatabaseUrl, tempDatabaseUrl } from '../helpers/db.js'
import { afterEveryTest } from '../helpers/cleanup.js'
import { csvFile } from '../scheduler/helpers.js'

const EXAMPLE = path.join(FIXTURES, 'kendari-rencana-aksi-2026.csv')
const HEADER = 'nip,tahun,kode,bulan,rencana_aksi,target,satuan'
const AT = '2026-11-27T09:00:00Z'
const { andi, salmiah, kabid } = people
const sudirman = '199107272020011015'

const opened: Database[] = []
afterEveryTest(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()))
})

/** The fixture organisation and its SKP, imported through the CLI as an admin does; the CLI bound to that database. */
async function withSkp() {
  const template = await templateDatabaseUrl({ org: true, at: AT })
  const url = template ?? tempDatabaseUrl()
  const cli = async (...argv: string[]) => {
    let out = ''
    let err = ''
    const code = await runCli(argv, { env: { DATABASE_URL: url, LOG_LEVEL: 'warn' }, stdout: (s) => (out += s), stderr: (s) => (err += s) })
    return { code, out, err }
  }
  if (!template) {
    const org = await cli('import-org', '--create', path.join(FIXTURES, 'kendari-units.csv'), path.join(FIXTURES, 'kendari-employees.csv'))
    if (org.code !== 0) throw new Error(org.err)
  }
  const skp = await cli('import-skp', path.join(FIXTURES, 'kendari-skp-2026.csv'))
  if (skp.code !== 0) throw new Error(skp.err)
  const db = await openDatabase(url)
  opened.push(db)
  return { cli, db: db.prisma }
}

type Prisma = Awaited<ReturnType<typeof withSkp>>['db']

/** One person's plan for one RHK and month as [text, target, satuan, active], in plan order. */
const planOf = (db: Prisma, nip: string, code: string, period: string) =>
  db.rencanaAksi
    .findMany({ where: { period, rhk: { code, skp: { year: 2026, employee: { nip } } } }, orderBy: [{ active: 'desc' }, { position: 'asc' }] })
    .then((rows) => rows.map((r) => [r.text, r.target, r.satuan, r.active]))

describe('import-rencana-aksi', () => {
  it('imports the example, changes nothing the second time, and a month given again replaces only that month of that RHK', async () => {
    const { cli, db } = await withSkp()
    const first = await cli('import-rencana-aksi', EXAMPLE)
    expect(first).toMatchObject({ code: 0, err: '' })
    expect(first.out).toBe('Impor rencana aksi selesai.\nRencana bulanan (RHK per bulan): 14\nRencana aksi: 19 baru, 0 diubah, 0 tetap, 0 dinonaktifkan\n')
    expect(await planOf(db, andi.nip, 'RHK-1', '2026-11')).toEqual([
      ['Menyusun analisis hasil penilaian kinerja bulan Oktober', 1, 'dokumen', true],
      ['Menyusun telaahan staf hasil analisis penilaian kinerja', 2, 'dokumen', true],
      ['Memaparkan hasil analisis dalam rapat bidang', 1, 'kegiatan', true],
    ])
    expect(await planOf(db, sudirman, 'RHK-1', '2026-12')).toEqual([['Memutakhirkan data pegawai Dinas Kesehatan', 60, 'data', true]])

    const again = await cli('import-rencana-aksi', EXAMPLE)
    expect(again.out).toContain('Rencana aksi: 0 baru, 0 diubah, 19 tetap, 0 dinonaktifkan')

    // an activity already names the telaahan: it must keep pointing at it after the plan drops it
    const telaahan = await db.rencanaAksi.findFirstOrThrow({ where: { text: { startsWith: 'Menyusun telaahan' } } })
    const andiRow = await db.employee.findUniqueOrThrow({ where: { nip: andi.nip } })
    const activity = await db.activity.create({
      data: { employeeId: andiRow.id, date: '2026-11-20', minutes: 60, description: 'Telaahan', status: 'DISETUJUI', submittedAt: new Date(AT), rhkId: telaahan.rhkId, rencanaAksiId: telaahan.id, realisasi: 1 },
    })

    // Andi's November for RHK-1 again (the month as YYYY-MM, a text in other case and spacing): one changed
    // target, one new, two left out; his December and everyone else's plans stay as they were
    const csv = [
      HEADER,
      `${andi.nip},2026,rhk-1,2026-11,"menyusun analisis  hasil penilaian kinerja bulan Oktober",2,dokumen`,
      `${andi.nip},2026,RHK-1,11,Menyusun bahan paparan analisis untuk Kepala Bidang,1,bahan paparan`,
    ].join('\n')
    // --dry-run first: the counts the import reports, the changes named, nothing stored
    const dry = await cli('import-rencana-aksi', '--dry-run', csvFile('andi-november.csv', csv.split('\n')))
    expect(dry).toMatchObject({ code: 0, err: '' })
    expect(dry.out).toContain('Pratinjau (--dry-run): tidak ada yang disimpan.\nRencana aksi: 1 baru, 1 diubah, 0 tetap, 2 dinonaktifkan\n')
    expect(dry.out).toContain(`  + ${andi.nip} RHK-1 2026-11 Menyusun bahan paparan analisis untuk Kepala Bidang (1 bahan paparan)\n`)
    expect(dry.out).toContain('target "1" → "2"')
    expect(dry.out).toContain(`  - ${andi.nip} RHK-1 2026-11 Menyusun telaahan staf hasil analisis penilaian kinerja\n`)
    expect(await planOf(db, andi.nip, 'RHK-1', '2026-11')).toHaveLength(3)
    expect(await db.auditLog.count({ where: { action: 'rencana-aksi.import' } })).toBe(2)
    const replaced = await importRencanaAksi(db, csv, new Date(AT))
    expect(replaced).toEqual({ ok: true, plans: 1, rencanaAksi: { created: 1, updated: 1, unchanged: 0, deactivated: 2 } })
    expect(await planOf(db, andi.nip, 'RHK-1', '2026-11')).toEqual([
      ['menyusun analisis hasil penilaian kinerja bulan Oktober', 2, 'dokumen', true],
      ['Menyusun bahan paparan analisis untuk Kepala Bidang', 1, 'bahan paparan', true],
      ['Menyusun telaahan staf hasil analisis penilaian kinerja', 2, 'dokumen', false],
      ['Memaparkan hasil analisis dalam rapat bidang', 1, 'kegiatan', false],
    ])
    expect((await db.activity.findUniqueOrThrow({ where: { id: activity.id } })).rencanaAksiId).toBe(telaahan.id)
    expect(await planOf(db, andi.nip, 'RHK-1', '2026-12')).toEqual([['Menyusun analisis hasil penilaian kinerja bulan November', 1, 'dokumen', true]])
    expect(await planOf(db, andi.nip, 'RHK-2', '2026-11')).toHaveLength(2)
    expect(await db.rencanaAksi.count()).toBe(20)

    // a plan dropped and given again comes back (the same row, active again)
    const back = await importRencanaAksi(db, `${HEADER}\n${andi.nip},2026,RHK-1,11,Menyusun telaahan staf hasil analisis penilaian kinerja,2,dokumen\n`, new Date(AT))
    expect(back).toMatchObject({ ok: true, rencanaAksi: { created: 0, updated: 1, deactivated: 2 } })
    expect((await db.rencanaAksi.findUniqueOrThrow({ where: { id: telaahan.id } })).active).toBe(true)

    const audits = await db.auditLog.findMany({ where: { action: 'rencana-aksi.import' }, orderBy: { id: 'asc' } })
    expect(audits).toHaveLength(4)
    expect(JSON.parse(audits[2]!.detail!)).toEqual({ plans: 1, rencanaAksi: { created: 1, updated: 1, unchanged: 0, deactivated: 2 } })
  })

  it('reports every bad row with its line, and stores nothing', async () => {
    const { cli, db } = await withSkp()
    await db.employee.update({ where: { nip: kabid.nip }, data: { active: false } })
    const rows: [string, string[]][] = [
      // a good row: stored only if the whole file is
      [`${andi.nip},2026,RHK-1,11,Menyusun analisis bulan Oktober,1,dokumen`, []],
      ['199999999999999999,2026,RHK-1,11,Analisis,1,dokumen', ['nip 199999999999999999 tidak ada di data pegawai (impor organisasi dulu: import-org)']],
      [`${kabid.nip},2026,PKP-1,11,Rapat,1,kegiatan`, [`pegawai dengan nip ${kabid.nip} tidak aktif`]],
      [`${andi.nip},2025,RHK-1,11,Analisis,1,dokumen`, [`pegawai ${andi.nip} belum memiliki SKP tahun 2025 (impor SKP dulu: import-skp)`]],
      [`${andi.nip},2026,RHK-9,11,Analisis,1,dokumen`, [`RHK RHK-9 tidak ada di SKP ${andi.nip} tahun 2026 (kode yang ada: RHK-1, RHK-2, RHK-3)`]],
      [`${andi.nip},2026,1X,13,,0,`, [
        'kode "1X" tidak valid: kode RHK dari SKP, misalnya RHK-1',
        'bulan "13" tidak valid: tulis 1 sampai 12, atau 2026-11 (tahun yang sama dengan kolom tahun)',
        'rencana_aksi (uraian rencana aksi) wajib diisi',
        'target "0" harus bilangan bulat positif, misalnya 5 (paling besar 1.000.000): realisasi dilaporkan dalam bilangan bulat',
        'satuan wajib diisi (misalnya dokumen, laporan, kegiatan)',
      ]],
      [`${andi.nip},26,RHK-1,11,Analisis,"1,5",dokumen`, ['tahun "26" tidak valid (misalnya 2026)', 'target "1,5" harus bilangan bulat positif']],
      [`${andi.nip},2026,RHK-1,2025-11,Analisis,-2,+dokumen`, ['bulan "2025-11" tidak valid', 'target "-2" harus bilangan bulat positif', 'satuan "+dokumen" harus diawali huruf atau %, tanpa # dan +']],
      [`${andi.nip},2026,RHK-2,Nov,Verifikasi,dua,SKP`, ['bulan "Nov" tidak valid', 'target "dua" harus bilangan bulat positif']],
      [`${salmiah.nip},2026,RHK-1,11,${'x'.repeat(501)},1,laporan`, ['rencana_aksi terlalu panjang (501 karakter, maksimal 500)']],
      [`${andi.nip},2026,rhk-1,11,menyusun  analisis bulan oktober,3,dokumen`, ['rencana aksi "menyusun analisis bulan oktober" untuk RHK RHK-1 bulan 2026-11 ganda: sudah ada di baris 2']],
      [`${andi.nip},2026,RHK-1,11,Analisis`, ['jumlah kolom tidak sama dengan judul (seharusnya 7)']],
    ]
    const file = csvFile('rencana-aksi-salah.csv', [HEADER, ...rows.map(([row]) => row)])
    const r = await cli('import-rencana-aksi', file)
    expect(r.code).toBe(1)
    rows.forEach(([, problems], i) => {
      for (const p of problems) expect(r.err).toContain(`rencana-aksi-salah.csv:${i + 2}: ${p}`)
    })
    expect(r.err).not.toContain('rencana-aksi-salah.csv:2:')
    expect(r.err).toMatch(/\n\d+ kesalahan; tidak ada data yang diimpor\.\n$/)
    expect(await db.rencanaAksi.count()).toBe(0)
    expect(await db.auditLog.count({ where: { action: 'rencana-aksi.import' } })).toBe(0)

    // a file without a required column is refused at its header
    const noSatuan = await importRencanaAksi(db, 'nip,tahun,kode,bulan,rencana_aksi,target\n', new Date(AT))
    expect(noSatuan).toEqual({ ok: false, errors: [{ line: 1, message: 'kolom wajib tidak ada: satuan' }] })
    // the example's own text, read as the console will hand it over
    const text = readFileSync(EXAMPLE, 'utf8')
    const inactive = `pegawai dengan nip ${kabid.nip} tidak aktif`
    expect(await importRencanaAksi(db, text, new Date(AT))).toEqual({ ok: false, errors: [4, 5, 6].map((line) => ({ line, message: inactive })) })
  })
})
