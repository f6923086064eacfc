import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../helpers/app.js'
import { eventually } from '../helpers/wait.js'
import { wita } from '../scheduler/helpers.js'

// BKPSDM-PKP in the fixture: Nurhayati (telegram_user_id and slack_user_id), Andi (Telegram), Ahmad Anwar
// (Slack only), Ahmad Sudirman (Telegram and Slack), Salmiah (Telegram), Wa Ode Tamrin (Slack only).
const sudirman = { nip: '199107272020011015', telegram: 700000064 }
const waOde = { nip: '197406162008012010' }

describe('unreachable', () => {
  it('lists the people of a unit messages cannot reach on the platforms that run, each with why', async () => {
    // Friday afternoon: the activity reminder goes out; this installation runs Telegram only
    const h = await startHarness({ at: wita('2026-11-27T15:30').toISOString() })
    for (const who of [sudirman.telegram, people.andi.telegram]) {
      h.tg.userSends(who, '/start')
      await h.tg.waitForMessageTo(who, /Selamat datang/)
    }
    // Andi reports (his supervisor never opened the bot: the card waits); Sudirman has blocked the bot since
    h.tg.userSends(people.andi.telegram, '/lapor 08:00-10:30 Menyusun laporan keuangan bulanan')
    await h.tg.waitForMessageTo(people.andi.telegram, /belum membuka bot/)
    h.tg.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' })
    await h.app.scheduler.run('activity-reminder', h.clock.now(), 'cron')
    await eventually(async () => {
      await h.app.dispatcher.runOnce()
      return (await h.app.db.prisma.outbox.count({ where: { status: 'DEAD' } })) === 1
    }, { label: 'the reminder to Sudirman dead-lettered' })
    // nobody vouched for Salmiah's account any more, and she never linked one
    await h.app.db.prisma.chatAccount.deleteMany({ where: { employee: { nip: people.salmiah.nip } } })

    const r = await h.cli('unreachable', '--unit', 'bkpsdm-pkp')
    expect(r.code).toBe(0)
    const lines = r.out.trim().split('\n')
    expect(lines[0]).toBe('5 pegawai aktif di unit BKPSDM-PKP dan unit di bawahnya tidak dapat dihubungi aplikasi:')
    const line = (name: RegExp) => lines.find((l) => name.test(l)) ?? ''
    expect(line(/Nurhayati/)).toMatch(
      /^- Nurhayati Ramli, M\.Si\. \(NIP 197312012001012015\), Bidang .*\[1 pesan menunggu\]: akun Telegram 700000043 dari impor belum pernah membuka bot \(bot Telegram tidak dapat memulai percakapan\); hanya punya akun Slack U0KDI00007, tetapi Slack tidak diaktifkan di aplikasi ini$/,
    )
    expect(line(/Ahmad Anwar/)).toMatch(/: hanya punya akun Slack U0KDI00009, tetapi Slack tidak diaktifkan di aplikasi ini$/)
    expect(line(/Wa Ode/)).toMatch(new RegExp(`\\(NIP ${waOde.nip}\\).*: hanya punya akun Slack U0KDI00012`))
    expect(line(/Sudirman/)).toMatch(/: pesan terakhir gagal terkirim \(.*blocked by the user.*\); 1 pesan gagal, lihat "dead-letters list"$/)
    expect(line(/Salmiah/)).toMatch(/: belum punya akun chat \(.*\): beri kode dengan "npm run cli -- link-code 197701132006012005"$/)
    expect(line(/Andi Latif/)).toBe('')

    // Nurhayati opens the bot: what waited reaches her, and she is off the list
    h.tg.userSends(people.kabid.telegram, '/start')
    await h.tg.waitForMessageTo(people.kabid.telegram, /menunggu persetujuan/)
    expect((await h.cli('unreachable', '--unit', 'BKPSDM-PKP')).out).not.toMatch(/Nurhayati/)

    expect(await h.cli('unreachable', '--unit', 'TIDAK-ADA')).toMatchObject({ code: 1, err: 'Unit "TIDAK-ADA" tidak ada.\n' })
    expect((await h.cli('unreachable', '--help')).out).toMatch(/unreachable \[--unit <kode>\][\s\S]*Akun Slack dari impor/)
  })
})
