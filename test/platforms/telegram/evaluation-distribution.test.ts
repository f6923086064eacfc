import { describe, expect, it } from 'vitest'
import { people, startHarness } from '../../helpers/app.js'
import { link, wita } from '../../scheduler/helpers.js'
import { actorOf, more, novemberRound } from './evaluation-helpers.js'

const { andi, salmiah, kabid, kaban } = people

describe('distribution of predikat against the pola distribusi', () => {
  it('kurva and the leaders’ digest show each organisation’s counts and flag what exceeds its caps', async () => {
    const h = await startHarness()
    await link(h, more.sekda.telegram)
    const ids = await novemberRound(h)
    const rater = await actorOf(h, kabid.nip)
    const give = async (nip: string, hasil: 'DI_ATAS_EKSPEKTASI' | 'SESUAI_EKSPEKTASI' | 'DI_BAWAH_EKSPEKTASI', perilaku: typeof hasil) => {
      await h.app.services.evaluations.choose(rater, ids.get(nip)!, { hasil, perilaku })
      await h.app.services.evaluations.submit(rater, ids.get(nip)!)
    }
    await give(andi.nip, 'DI_ATAS_EKSPEKTASI', 'DI_ATAS_EKSPEKTASI')
    await give(salmiah.nip, 'SESUAI_EKSPEKTASI', 'SESUAI_EKSPEKTASI')
    await give(more.ahmadSudirman.nip, 'DI_BAWAH_EKSPEKTASI', 'SESUAI_EKSPEKTASI')

    // BKPSDM (headed by its Kepala Badan) holds its Bidang; no predikat recorded: the configured default, Baik
    const k = await h.cli('kurva', 'BKPSDM', '2026-11')
    expect(k.code).toBe(0)
    expect(k.out).toContain('📈 Distribusi predikat kinerja — Badan Kepegawaian dan Pengembangan Sumber Daya Manusia, November 2026')
    expect(k.out).toContain('⚠️ 1 organisasi melampaui pola distribusi.')
    expect(k.out).toContain('• Badan Kepegawaian dan Pengembangan Sumber Daya Manusia — predikat organisasi Baik (bawaan, belum ditetapkan)')
    expect(k.out).toContain('Dinilai 3 dari 7 pegawai (belum final): Sangat Baik 1, Baik 1, Butuh Perbaikan 1, Kurang 0, Sangat Kurang 0')
    expect(k.out).toContain('⚠️ MELAMPAUI POLA Sangat Baik: 33,3% (maks. 10,0%)')
    expect(k.out).toContain('✓ Sangat Baik + Baik: 66,7% (maks. 70,0%)')

    // an organisation rated Istimewa may have more Sangat Baik, but not a third of its people
    expect((await h.cli('predikat-organisasi', 'BKPSDM', '2026', 'istimewa')).out).toContain('tahun 2026: ISTIMEWA')
    const k2 = await h.cli('kurva', 'BKPSDM-PKP', '2026-11')
    expect(k2.out).toContain('predikat organisasi Istimewa\n')
    expect(k2.out).toContain('⚠️ MELAMPAUI POLA Sangat Baik: 33,3% (maks. 20,0%)')
    expect((await h.cli('kurva', 'BKPSDM', '2026-13')).code).toBe(2)
    expect((await h.cli('kurva', 'NOPE', '2026-11')).err).toContain('Unit "NOPE" tidak ada')
    expect((await h.cli('predikat-organisasi', 'BKPSDM', '2026', 'hebat')).code).toBe(2)

    // Monday's digest: the Kepala Badan sees his organisation, the Sekda every organisation below her
    await h.app.dispatcher.runOnce()
    h.clock.set(wita('2026-12-07T07:45'))
    expect(await h.app.scheduler.run('distribution-digest', h.clock.now(), 'cron')).toMatchObject({ status: 'done', result: { recipients: 2 } })
    const toKaban = await h.tg.waitForMessageTo(kaban.telegram, /Distribusi predikat kinerja — Badan Kepegawaian/)
    expect(toKaban.text).toContain('⚠️ MELAMPAUI POLA Sangat Baik: 33,3% (maks. 20,0%)')
    const toSekda = await h.tg.waitForMessageTo(more.sekda.telegram, /Distribusi predikat kinerja — Sekretariat Daerah Kota Kendari/)
    for (const org of ['Dinas Pendidikan dan Kebudayaan', 'Dinas Kesehatan', 'Kecamatan Kadia', 'Badan Kepegawaian']) expect(toSekda.text).toContain(`• ${org}`)
    expect(toSekda.text).toContain('• Dinas Kesehatan — predikat organisasi Baik (bawaan, belum ditetapkan)\n\u00A0\u00A0\u00A0\u00A0Dinilai 0 dari 11 pegawai (belum final)')
    // once a week
    expect(await h.app.scheduler.run('distribution-digest', h.clock.now(), 'manual')).toMatchObject({ result: { enqueued: 0, duplicates: 2 } })
  })
})
