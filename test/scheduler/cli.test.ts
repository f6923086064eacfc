import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../helpers/app.js'
import { csvFile, link, wita } from './helpers.js'

const sudirman = 700000064

describe('import-holidays', () => {
  it('reports every bad line and imports nothing; then imports, and a re-import only updates what changed', async () => {
    const h = await startHarness()
    const bad = csvFile('libur.csv', [
      'date,name,kind',
      '2026-12-25,Hari Raya Natal,libur',
      '2026-02-30,Tanggal salah,libur',
      '2026-12-24,,cuti_bersama',
      '2026-12-25,Natal lagi,libur',
      '2026-12-26,Sesuatu,cuti',
    ])
    const r = await h.cli('import-holidays', bad)
    expect(r.code).toBe(1)
    expect(r.err.split('\n').filter((l) => l.startsWith(bad)).map((l) => l.slice(bad.length + 1, bad.length + 3))).toEqual(['3:', '4:', '5:', '6:'])
    expect(r.err).toMatch(/:3: date "2026-02-30" bukan tanggal yang valid/)
    expect(r.err).toMatch(/:5: tanggal 2026-12-25 ganda \(sudah ada di baris 2\)/)
    expect(r.err).toMatch(/:6: kind "cuti" tidak dikenal/)
    expect(r.err).toMatch(/4 kesalahan; tidak ada data yang diimpor/)
    expect(await h.app.db.prisma.holiday.count()).toBe(0)

    const good = ['date,name', '2026-12-24,Cuti Bersama Natal', '2026-12-25,Hari Raya Natal']
    expect((await h.cli('import-holidays', csvFile('ok.csv', good))).out).toMatch(/Hari libur: 2 baru, 0 diubah, 0 tetap/)
    const again = await h.cli('import-holidays', csvFile('ok2.csv', [...good.slice(0, 2), '2026-12-25,Hari Raya Natal 2026']))
    expect(again.out).toMatch(/Hari libur: 0 baru, 1 diubah, 1 tetap/)
    expect(await h.app.db.prisma.holiday.findMany({ orderBy: { date: 'asc' }, select: { date: true, kind: true } })).toEqual([
      { date: '2026-12-24', kind: 'cuti_bersama' },
      { date: '2026-12-25', kind: 'libur' },
    ])
  })
})

describe('import-leave', () => {
  it('checks NIP, dates and kind on every line, all or nothing, and can be imported again', async () => {
    const h = await startHarness()
    const bad = csvFile('cuti.csv', [
      'nip,from,to,kind',
      `${people.andi.nip},2026-12-01,2026-12-03,cuti`,
      '199999999999999999,2026-12-01,2026-12-01,izin',
      `${people.salmiah.nip},2026-12-05,2026-12-01,sakit`,
      `${people.kabid.nip},2026-12-01,2026-12-01,liburan`,
      `${people.andi.nip},2026-12-01,2026-12-03,cuti`,
    ])
    const r = await h.cli('import-leave', bad)
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/:3: tidak ada pegawai aktif dengan nip 199999999999999999/)
    expect(r.err).toMatch(/:4: to \(2026-12-01\) sebelum from \(2026-12-05\)/)
    expect(r.err).toMatch(/:5: kind "liburan" tidak dikenal \(pilih cuti, izin, sakit, dinas luar\)/)
    expect(r.err).toMatch(/:6: baris ganda \(sama dengan baris 2\)/)
    expect(await h.app.db.prisma.leave.count()).toBe(0)

    const good = csvFile('ok.csv', ['nip,from,to,kind', `${people.andi.nip},2026-12-01,2026-12-03,cuti`, `${people.kabid.nip},2026-12-02,2026-12-02,Dinas Luar`])
    expect((await h.cli('import-leave', good)).out).toMatch(/Cuti\/izin: 2 baru, 0 diubah, 0 tetap/)
    expect((await h.cli('import-leave', good)).out).toMatch(/Cuti\/izin: 0 baru, 0 diubah, 2 tetap/)
    expect((await h.app.db.prisma.leave.findMany({ select: { kind: true }, orderBy: { id: 'asc' } })).map((l) => l.kind)).toEqual(['cuti', 'dinas_luar'])
  })
})

describe('run-job', () => {
  it('runs a job as of a given time with the same guarantees; the running app delivers', async () => {
    const h = await startHarness({ at: wita('2026-11-27T17:00').toISOString() })
    await link(h, sudirman)
    const first = await h.cli('run-job', 'activity-reminder', '--at', '2026-11-27T15:30')
    expect(first).toMatchObject({ code: 0, out: 'activity-reminder untuk periode 2026-11-27: 1 penerima, 1 pesan baru di antrean, 0 sudah pernah dikirim.\n' })
    await h.tg.waitForMessageTo(sudirman, /Pengingat laporan kegiatan/)
    const again = await h.cli('run-job', 'activity-reminder', '--at=2026-11-27T15:30')
    expect(again.out).toMatch(/0 pesan baru di antrean, 1 sudah pernah dikirim/)
    expect(await h.app.db.prisma.jobRun.findFirst()).toMatchObject({ job: 'activity-reminder', period: '2026-11-27', trigger: 'manual', dueAt: wita('2026-11-27T15:30') })

    expect((await h.cli('run-job', 'nope')).code).toBe(2)
    expect((await h.cli('run-job', 'weekly-digest', '--at')).code).toBe(2)
    const badTime = await h.cli('run-job', 'weekly-digest', '--at', 'senin')
    expect(badTime.code).toBe(2)
    expect(badTime.err).toMatch(/Waktu "senin" tidak valid.*\nPemakaian: npm run cli -- run-job <job>/)
    expect((await h.cli('help', 'run-job')).out).toMatch(/run-job <job> \[--at <waktu>\] \[--force\]/)
  })
})
