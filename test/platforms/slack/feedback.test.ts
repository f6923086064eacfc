import { describe, expect, it } from 'vitest'
import { textOf } from '../../helpers/fake-slack.js'
import { opensView, slackPeople, startSlackHarness } from '../../helpers/slack-harness.js'
import { eventually } from '../../helpers/wait.js'
import { SKP_FIXTURE } from '../telegram/evaluation-helpers.js'

const { kabid, ahmad, otherKabid } = slackPeople

describe('Slack: /kinerja umpanbalik', () => {
  it('opens a form with the direct subordinates; the note reaches the employee; others are refused on submit', async () => {
    const h = await startSlackHarness({ telegram: false })
    const { slack, req } = h
    await req.openHome(ahmad.id) // links Ahmad (vouched for by slack_user_id)
    const form = await opensView(slack, 'feedback', () => req.command(kabid.id, 'umpanbalik'))
    const employees = JSON.stringify(form.blocks)
    for (const name of ['Ahmad Anwar, S.Kep.', 'Ahmad Sudirman', 'Andi Latif, S.IP.', 'Salmiah Djafar, M.Si.', 'Wa Ode Tamrin, S.E.']) expect(employees).toContain(name)
    const ahmadId = (await h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip: ahmad.nip } })).id
    const values = (note: string) => ({
      fb_employee: { type: 'static_select', selected_option: { value: String(ahmadId) } },
      fb_value: { type: 'static_select', selected_option: { value: '1' } },
      fb_note: { type: 'plain_text_input', value: note },
    })

    const empty = await req.submit(kabid.id, form, values('  '))
    expect((empty.json?.errors as Record<string, string>).fb_note).toBe('Umpan balik masih kosong. Tuliskan catatannya.')
    const done = await req.submit(kabid.id, form, values('Bahan penilaian sudah rapi dan lengkap.'))
    expect(JSON.stringify(done.json)).toContain('Umpan balik terkirim ke Ahmad Anwar, S.Kep.')
    const dm = await slack.waitFor(() => slack.messagesIn(slack.dmChannel(ahmad.id)).find((m) => /Umpan balik dari Nurhayati/.test(textOf(m))), 'feedback DM')
    expect(textOf(dm)).toContain('Nilai BerAKHLAK: Akuntabel')
    expect(textOf(dm)).toContain('Bahan penilaian sudah rapi dan lengkap.')

    // a supervisor of another unit submitting the same form (ids come from the client) is refused
    const forged = await req.submit(otherKabid.id, form, values('Bukan bawahan saya'))
    expect(JSON.stringify(forged.json)).toContain('Hanya atasan langsung (Pejabat Penilai) pegawai ini')
    expect(await h.app.db.prisma.feedback.count()).toBe(1)
    expect(await h.app.db.prisma.auditLog.count({ where: { action: 'feedback.give.denied' } })).toBe(1)
  })

  it('a typed line links its #code to the RHK, as on Telegram', async () => {
    const h = await startSlackHarness({ telegram: false })
    await h.cli('import-skp', SKP_FIXTURE)
    await h.req.command(ahmad.id, 'lapor 08:00-09:30 #rhk-1 Menyusun bahan penilaian jabatan fungsional')
    const row = await eventually(() => h.app.db.prisma.activity.findFirst({ include: { rhk: true } }), { label: 'the activity' })
    expect([row.description, row.rhk?.code]).toEqual(['Menyusun bahan penilaian jabatan fungsional', 'RHK-1'])
  })
})
