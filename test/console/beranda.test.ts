import { describe, expect, it } from 'vitest'
import { enqueue } from '../../src/domain/outbox.js'
import { people, startHarness, type Harness } from '../helpers/app.js'
import { consoleClient, signIn } from '../helpers/console.js'
import { addActivity, csvFile, employeeId, link, wita } from '../scheduler/helpers.js'

// The Beranda over real HTTP, against reports made through the (fake) Telegram chat: who reported today
// and who did not (leave and holidays are neither), the approvals waiting and their ages in work days,
// the people the bot cannot reach and the messages that died, each as the viewer's role may see them.

const admin = { nip: '197406162008012010', telegram: 790_000_012 }
const sudirman = { nip: '199107272020011015', telegram: 700000064, name: 'Ahmad Sudirman' }
const { andi, salmiah, kabid, kaban, otherKabid } = people

/** The rows of a table (by id) as their cells' text, tags and extra spaces removed. */
function rows(html: string, tableId: string): string[][] {
  const table = new RegExp(`<table id="${tableId}">([\\s\\S]*?)</table>`).exec(html)
  if (!table) return []
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table[1]!)?.[1] ?? ''
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim()),
  )
}

/** The big number and the note of a summary card. */
function card(html: string, id: string): { value: string; note: string } {
  const m = new RegExp(`<div class="card" id="${id}"><div class="muted">[^<]*</div><div class="big">([^<]*)</div>(?:<div class="muted">([\\s\\S]*?)</div>)?</div>`).exec(html)
  if (!m) throw new Error(`no card ${id}`)
  return { value: m[1]!, note: (m[2] ?? '').replace(/<[^>]+>/g, '') }
}

async function report(h: Harness, telegram: number, text: string): Promise<number> {
  const before = h.tg.messagesTo(telegram).at(-1)?.message_id ?? 0
  h.tg.userSends(telegram, text)
  const receipt = await h.tg.waitForMessageTo(telegram, /Laporan #\d+ terkirim/, { afterMessageId: before })
  return Number(/#(\d+)/.exec(receipt.text)![1])
}

describe('Beranda', () => {
  it('shows each role its scope today: reported, not yet, on leave; approvals with their ages; who cannot be reached; dead letters', { timeout: 60_000 }, async () => {
    const h = await startHarness() // Friday 27 November 2026, 17:00 WITA
    await link(h, kabid.telegram, andi.telegram, salmiah.telegram, sudirman.telegram)
    // Salmiah is on leave today; Andi reports twice through the chat; Salmiah reports anyway
    await h.cli('import-leave', csvFile('cuti.csv', ['nip,from,to,kind', `${salmiah.nip},2026-11-26,2026-11-27,cuti`]))
    await report(h, andi.telegram, '/lapor 08:00-10:00 Menyusun laporan kinerja')
    await report(h, andi.telegram, '/lapor 10:30-11:00 Rapat koordinasi')
    await report(h, salmiah.telegram, '/lapor 13:00-14:00 Membalas surat')
    // in DIKBUD-SD (another supervisor): Rahmat reported, the others did not
    await addActivity(h, '199411272024031006', { date: '2026-11-27', minutes: 60, status: 'DIAJUKAN' })
    // items waiting for Nurhayati: Ahmad's since Friday 20 November (5 work days), plus today's three
    await addActivity(h, people.ahmad.nip, { date: '2026-11-20', minutes: 90, status: 'DIAJUKAN', submittedAt: wita('2026-11-20T15:00') })
    // a message to Ahmad Sudirman dies: the platform says he blocked the bot
    await h.app.dispatcher.runOnce()
    h.tg.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' })
    await enqueue(h.app.db.prisma, { recipientId: await employeeId(h, sudirman.nip), message: { kind: 'activity_reminder', date: '2026-11-27', final: false }, at: h.clock.now() })
    h.app.dispatcher.kick()
    for (let i = 0; i < 100 && (await h.app.db.prisma.outbox.count({ where: { status: 'DEAD' } })) === 0; i++) await new Promise((r) => setTimeout(r, 20))
    expect(await h.app.db.prisma.outbox.count({ where: { status: 'DEAD' } })).toBe(1)

    // nobody signed in: the sign-in page
    const anonymous = await consoleClient(h).get('/console')
    expect([anonymous.status, anonymous.location]).toEqual([303, '/console/masuk'])

    // the supervisor: her direct team, one line each, and her queue oldest first
    const nur = await signIn(h, kabid)
    const home = await nur.get('/console')
    expect(home.status).toBe(200)
    expect(home.text).toContain('Hari ini: Jumat, 27 November 2026')
    expect(rows(home.text, 'tim')).toEqual([
      ['Ahmad Anwar, S.Kep.', 'Belum melapor', '0', '—'],
      ['Ahmad Sudirman', 'Belum melapor', '0', '—'],
      ['Andi Latif, S.IP.', 'Sudah melapor', '2', '2 jam 30 menit'],
      ['Salmiah Djafar, M.Si.', 'Cuti (tetap melapor)', '1', '1 jam'],
      ['Wa Ode Tamrin, S.E.', 'Belum melapor', '0', '—'],
    ])
    expect(card(home.text, 'sudah').value).toBe('1/4') // Salmiah's leave takes her out of the day
    expect(card(home.text, 'belum').value).toBe('3')
    expect(card(home.text, 'menunggu')).toEqual({ value: '4', note: 'terlama 5 hari kerja · 1 menunggu ≥ 3 hari kerja' })
    expect(rows(home.text, 'antrean').map((r) => [r[0], r[1], r[4]])).toEqual([
      ['Ahmad Anwar, S.Kep.', 'Jum, 20/11/2026', '5 hari kerja'],
      ['Andi Latif, S.IP.', 'Jum, 27/11/2026', '0 hari kerja'],
      ['Andi Latif, S.IP.', 'Jum, 27/11/2026', '0 hari kerja'],
      ['Salmiah Djafar, M.Si.', 'Jum, 27/11/2026', '0 hari kerja'],
    ])
    expect(home.text).toMatch(/<span class="bad">5 hari kerja<\/span>/)
    // Ahmad Anwar has only a Slack account (Slack is off here), Wa Ode none on Telegram, Sudirman blocked the bot
    const unreachable = rows(home.text, 'tak-terjangkau')
    expect(unreachable.map((r) => r[0])).toEqual(['Ahmad Anwar, S.Kep.', 'Ahmad Sudirman', 'Wa Ode Tamrin, S.E.'])
    expect(unreachable[0]![2]).toBe('hanya punya akun Slack, yang tidak diaktifkan')
    expect(unreachable[1]![2]).toBe('pesan terakhir gagal terkirim (telegram 403: Forbidden: bot was blocked by the user)')
    expect(home.text).not.toContain('/console/organisasi/pegawai/') // not a page a supervisor may open
    expect(home.text).toContain('1 pesan gagal terkirim kepada 1 orang dalam cakupan Anda')
    expect(home.text).not.toContain('Andi Syarif') // another unit's people are not hers
    // the menu offers her no dashboard
    expect(home.text).not.toContain('href="/console/dasbor"')

    // the leader of BKPSDM: per unit of his subtree, and who has not reported, nothing of other units
    const sukri = await signIn(h, kaban)
    const lead = await sukri.get('/console')
    expect(lead.status).toBe(200)
    expect(rows(lead.text, 'per-unit')).toEqual([
      // Sukri himself: a supervisor (the Sekda) above him, so expected; no report
      ['Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', '0/1', '1', '0', '0', '—'],
      ['Bidang Penilaian Kinerja Aparatur dan Penghargaan', '1/5', '4', '1', '4', '5 hari kerja'],
    ])
    expect(rows(lead.text, 'belum-melapor').map((r) => r[0])).toEqual([
      'Sukri Halim, S.Sos.',
      'Ahmad Anwar, S.Kep.',
      'Ahmad Sudirman',
      'Nurhayati Ramli, M.Si.',
      'Wa Ode Tamrin, S.E.',
    ])
    expect(card(lead.text, 'menunggu')).toEqual({ value: '4', note: 'terlama 5 hari kerja · 1 menunggu ≥ 3 hari kerja' })
    expect(rows(lead.text, 'per-atasan')).toEqual([['Nurhayati Ramli, M.Si.', 'Bidang Penilaian Kinerja Aparatur dan Penghargaan', '4', '5 hari kerja']])
    expect(lead.text).toContain(`/console/organisasi/pegawai/${await employeeId(h, sudirman.nip)}`)
    expect(lead.text).not.toContain('Pembinaan Sekolah Dasar')
    expect(lead.text).not.toContain('href="/console/pesan-gagal"')

    // the admin: every unit, and the dead letters with the way to them
    const waOde = await signIn(h, admin)
    const all = await waOde.get('/console')
    expect(all.status).toBe(200)
    const units = rows(all.text, 'per-unit')
    expect(units.map((r) => r[0])).toEqual([
      'Sekretariat Daerah Kota Kendari',
      'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia',
      'Bidang Penilaian Kinerja Aparatur dan Penghargaan',
      // the tree by unit code: DIKBUD-SD before DIKBUD-SEK, KEC-KADIA before KOMINFO
      'Dinas Pendidikan dan Kebudayaan',
      'Bidang Pembinaan Sekolah Dasar',
      'Sekretariat Dinas Pendidikan dan Kebudayaan',
      'Dinas Kesehatan',
      'Bidang Pelayanan Kesehatan',
      'UPTD Puskesmas Mandonga',
      'Kecamatan Kadia',
      'Dinas Komunikasi dan Informatika',
      'Bidang Aplikasi Informatika',
    ])
    // the Sekda has no supervisor: nobody expects her report
    expect(units[0]!.slice(1, 3)).toEqual(['0/0', '0'])
    expect(units[4]!.slice(1, 5)).toEqual(['1/5', '4', '0', '1'])
    expect(card(all.text, 'sudah').value).toBe('2/38')
    expect(card(all.text, 'gagal-jumlah').value).toBe('1')
    expect(rows(all.text, 'pesan-gagal')).toEqual([[expect.any(String), 'Ahmad Sudirman', 'activity_reminder', '—', 'telegram 403: Forbidden: bot was blocked by the user', expect.stringMatching(/^27\/11\/2026 17\.00 WITA$/)]])
    expect(all.text).toContain('href="/console/pesan-gagal"')
    // 40 active people, of whom only those linked here on Telegram (and the admin) can be reached
    expect(Number(card(all.text, 'tak-terjangkau-jumlah').value)).toBeGreaterThan(20)
    expect(rows(all.text, 'tak-terjangkau')).toHaveLength(20)
    expect(all.text).toMatch(/dan \d+ lainnya/)

    // a holiday declared for today: nobody is "not reported"
    await h.cli('import-holidays', csvFile('libur.csv', ['date,name', '2026-11-27,Libur contoh']))
    const holiday = await nur.get('/console')
    expect(holiday.text).toContain('Hari ini hari libur (Libur contoh): tidak ada yang wajib melapor.')
    expect(card(holiday.text, 'belum').value).toBe('0')
    expect(rows(holiday.text, 'tim').map((r) => r[1])).toEqual(['Libur: Libur contoh', 'Libur: Libur contoh', 'Libur: Libur contoh (tetap melapor)', 'Libur: Libur contoh (tetap melapor)', 'Libur: Libur contoh'])
    // the other unit's supervisor sees her own team only
    const sri = await signIn(h, otherKabid)
    const other = await sri.get('/console')
    expect(rows(other.text, 'tim').map((r) => r[0])).toEqual(['Muhammad Sudirman, M.Si.', 'Rahmat Baharuddin', 'Rosmini Baharuddin, S.Kom.', 'Wahyuni Mustafa, S.Kom.'])
  })
})
