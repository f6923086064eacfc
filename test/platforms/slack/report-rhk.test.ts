import { describe, expect, it } from 'vitest'
import { textOf, type SlackBlock, type SlackView } from '../../helpers/fake-slack.js'
import { opensView, slackPeople, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js'
import { reportForm } from '../../helpers/slack-requests.js'
import { eventually } from '../../helpers/wait.js'
import path from 'node:path'
import { FIXTURES } from '../../helpers/app.js'
import { SKP_FIXTURE } from '../telegram/evaluation-helpers.js'

const { ahmad } = slackPeople
// in BKPSDM-PKP, on Slack only, without an SKP in the fixture
const waOde = { id: 'U0KDI00012', nip: '197406162008012010' }
const andiNip = '198603022018032015'
const WAIT = 15_000
const TEST_TIMEOUT = 60_000

type Option = { text: { text: string }; value: string }
type Select = { type: string; options?: Option[]; option_groups?: { label: { text: string }; options: Option[] }[]; initial_option?: Option }

const rhkSelect = (view: SlackView): Select | undefined => (view.blocks.find((b: SlackBlock) => b.block_id === 'rhk')?.element as Select | undefined)

const rhkId = async (h: SlackHarness, nip: string, code: string) =>
  (await h.app.db.prisma.rhk.findFirstOrThrow({ where: { code, skp: { employee: { nip } } } })).id

const chosen = (value: string) => ({ rhk: { type: 'static_select', selected_option: { value } } })
const RENCANA_AKSI = path.join(FIXTURES, 'kendari-rencana-aksi-2026.csv')
const PERAWAT = 'Menyusun bahan penilaian kinerja jabatan fungsional perawat'

/** `/kinerja lapor`: the form, then (once the person is known) the same form with the RHK field. */
async function openForm(h: SlackHarness, userId: string): Promise<SlackView> {
  const form = await opensView(h.slack, 'report', () => h.req.command(userId, 'lapor'))
  await h.slack.waitFor(() => rhkSelect(h.slack.views.get(form.id)!), 'the RHK field added to the form', WAIT)
  return h.slack.views.get(form.id)!
}

const activities = (h: SlackHarness) =>
  h.app.db.prisma.activity.findMany({ orderBy: { id: 'asc' }, select: { description: true, date: true, rhk: { select: { code: true } } } })

describe('Slack: the RHK of a report', () => {
  it('the report form offers the RHKs of the SKP; the one chosen is stored, "Tanpa RHK" stores none, another person\'s is refused', async () => {
    const h = await startSlackHarness({ telegram: false })
    const { slack, req } = h
    await h.cli('import-skp', SKP_FIXTURE)
    const mine = await rhkId(h, ahmad.nip, 'RHK-1')

    const form = await openForm(h, ahmad.id)
    const select = rhkSelect(form)!
    expect(select.type).toBe('static_select')
    expect(select.options!.map((o) => [o.text.text, o.value])).toEqual([
      ['Tanpa RHK', '0'],
      [expect.stringMatching(/^RHK-1 — /), String(mine)],
    ])
    // the typed fields kept their block and action ids (Slack keeps what was typed across the update)
    expect(form.blocks.map((b) => b.block_id)).toEqual(['description', 'date', 'start', 'end', 'duration', 'rhk', 'evidence_link', 'evidence_file'])
    expect(form.blocks.find((b) => b.block_id === 'rhk')?.optional).toBe(true)

    // an RHK of somebody else's SKP (the id comes from the client): shown at the field, nothing stored
    const foreign = await req.submit(ahmad.id, form, { ...reportForm({ description: 'Bukan RHK saya', date: '2026-11-27', start: '08:00', end: '09:00' }), ...chosen(String(await rhkId(h, andiNip, 'RHK-2'))) })
    expect(foreign.json).toEqual({ response_action: 'errors', errors: { rhk: expect.stringMatching(/bukan bagian dari SKP Anda/) } })
    const junk = await req.submit(ahmad.id, form, { ...reportForm({ description: 'Nilai aneh', date: '2026-11-27', start: '08:00', end: '09:00' }), ...chosen('RHK-1') })
    expect((junk.json?.errors as Record<string, string>).rhk).toMatch(/bukan bagian dari SKP Anda/)
    expect(await h.app.db.prisma.activity.count()).toBe(0)

    const ok = await req.submit(ahmad.id, form, { ...reportForm({ description: 'Menyusun bahan penilaian jabatan fungsional', date: '2026-11-27', start: '08:00', end: '09:30' }), ...chosen(String(mine)) })
    expect(ok.status).toBe(200)
    const receipt = await slack.waitFor(() => slack.messagesIn(slack.dmChannel(ahmad.id)).find((m) => /Menyusun bahan penilaian/.test(textOf(m))), 'the receipt', WAIT)
    expect(textOf(receipt)).toMatch(/RHK: RHK-1 — /)

    const second = await openForm(h, ahmad.id)
    await req.submit(ahmad.id, second, { ...reportForm({ description: 'Rapat internal bidang', date: '2026-11-27', start: '10:00', end: '11:00' }), ...chosen('0') })
    const third = await openForm(h, ahmad.id)
    await req.submit(ahmad.id, third, reportForm({ description: 'Entri data tanpa memilih', date: '2026-11-27', start: '13:00', end: '14:00' }))
    await eventually(async () => (await h.app.db.prisma.activity.count()) === 3, { label: 'three activities', timeoutMs: WAIT })
    expect((await activities(h)).map((a) => [a.description, a.rhk?.code ?? null]).sort()).toEqual([
      ['Entri data tanpa memilih', null],
      ['Menyusun bahan penilaian jabatan fungsional', 'RHK-1'],
      ['Rapat internal bidang', null],
    ])

    // ✏️ Ubah: the form starts at the report's RHK; "Tanpa RHK" takes it off, no choice keeps it
    const edit = await opensView(slack, 'report', () => req.click(ahmad.id, { message: receipt }, /Ubah/))
    expect(rhkSelect(edit)?.initial_option?.value).toBe(String(mine))
    const first = (await h.app.db.prisma.activity.findFirstOrThrow({ where: { description: 'Menyusun bahan penilaian jabatan fungsional' } })).id
    await req.submit(ahmad.id, edit, reportForm({ description: 'Menyusun bahan penilaian jabatan fungsional (revisi)', date: '2026-11-27', start: '08:00', end: '09:30' }))
    await eventually(async () => (await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id: first } })).description.endsWith('(revisi)'), { label: 'the edit', timeoutMs: WAIT })
    expect((await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id: first }, include: { rhk: true } })).rhk?.code).toBe('RHK-1')
    await req.submit(ahmad.id, edit, { ...reportForm({ description: 'Menyusun bahan penilaian jabatan fungsional (revisi 2)', date: '2026-11-27', start: '08:00', end: '09:30' }), ...chosen('0') })
    await eventually(async () => (await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id: first } })).description.endsWith('(revisi 2)'), { label: 'the second edit', timeoutMs: WAIT })
    expect((await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id: first } })).rhkId).toBeNull()
  }, TEST_TIMEOUT)

  it('someone without an SKP gets the form without an RHK field', async () => {
    const h = await startSlackHarness({ telegram: false })
    await h.cli('import-skp', SKP_FIXTURE)
    const form = await opensView(h.slack, 'report', () => h.req.command(waOde.id, 'lapor'))
    await h.req.submit(waOde.id, form, reportForm({ description: 'Pemeliharaan aplikasi kinerja', date: '2026-11-27', duration: '90m' }))
    await eventually(() => h.app.db.prisma.activity.findFirst(), { label: 'the activity', timeoutMs: WAIT })
    // the person was looked up (for the report) and nothing was added to the form
    expect(h.slack.callsOf('views.update')).toHaveLength(0)
    expect(rhkSelect(h.slack.views.get(form.id)!)).toBeUndefined()
  }, TEST_TIMEOUT)

  it('groups the RHKs by SKP year while the backdate window reaches into last year; the year must match the date', async () => {
    // Saturday 2 January 2027: three days back is 30 December 2026
    const h = await startSlackHarness({ telegram: false, at: '2027-01-02T02:00:00Z' })
    await h.cli('import-skp', SKP_FIXTURE)
    const mine = await rhkId(h, ahmad.nip, 'RHK-1')
    const form = await openForm(h, ahmad.id)
    const select = rhkSelect(form)!
    expect(select.options).toBeUndefined()
    expect(select.option_groups!.map((g) => [g.label.text, g.options.map((o) => o.value)])).toEqual([
      ['SKP 2026', [String(mine)]],
      ['Lainnya', ['0']],
    ])
    const wrongYear = await h.req.submit(ahmad.id, form, { ...reportForm({ description: 'Kegiatan tahun baru', date: '2027-01-02', duration: '1 jam' }), ...chosen(String(mine)) })
    expect((wrongYear.json?.errors as Record<string, string>).rhk).toMatch(/untuk tahun tanggal kegiatan ini/)
    await h.req.submit(ahmad.id, form, { ...reportForm({ description: 'Rekap akhir tahun', date: '2026-12-31', duration: '1 jam' }), ...chosen(String(mine)) })
    const row = await eventually(() => h.app.db.prisma.activity.findFirst({ include: { rhk: true } }), { label: 'the activity', timeoutMs: WAIT })
    expect([row.date, row.rhk?.code]).toEqual(['2026-12-31', 'RHK-1'])
  }, TEST_TIMEOUT)

  it('the one-line form links its #code through the shared grammar; an unknown code is refused with the codes', async () => {
    const h = await startSlackHarness({ telegram: false })
    await h.cli('import-skp', SKP_FIXTURE)
    // one at a time: each is stored after the command's ack
    await h.req.command(ahmad.id, 'lapor 08:00-09:30 #rhk-1 Menyusun bahan penilaian')
    await eventually(async () => (await h.app.db.prisma.activity.count()) === 1, { label: 'the first activity', timeoutMs: WAIT })
    await h.req.command(ahmad.id, 'lapor 90m Verifikasi berkas #RHK-1')
    await h.req.command(ahmad.id, 'lapor 13:00-14:00 #RHK-9 Kode yang tidak ada')
    await h.slack.waitFor(() => h.slack.responses.find((r) => /RHK "#RHK-9" tidak ada di SKP Anda tahun 2026\. Kode yang tersedia: RHK-1/.test(String(r.body.text))), 'the refusal', WAIT)
    await eventually(async () => (await h.app.db.prisma.activity.count()) === 2, { label: 'two activities', timeoutMs: WAIT })
    expect((await activities(h)).map((a) => [a.description, a.rhk?.code])).toEqual([
      ['Menyusun bahan penilaian', 'RHK-1'],
      ['Verifikasi berkas', 'RHK-1'],
    ])
  }, TEST_TIMEOUT)

  it('picking an RHK adds its rencana aksi of the month and the realisasi to the form; both are stored, checked at their fields, shown, and kept by Ubah', async () => {
    const h = await startSlackHarness({ telegram: false })
    const { slack, req } = h
    await h.cli('import-skp', SKP_FIXTURE)
    await h.cli('import-rencana-aksi', RENCANA_AKSI)
    const mine = await rhkId(h, ahmad.nip, 'RHK-1')
    const perawat = (await h.app.db.prisma.rencanaAksi.findFirstOrThrow({ where: { text: PERAWAT } })).id
    const block = `rencana_aksi_${mine}`
    const typed = reportForm({ description: 'Menyusun bahan penilaian perawat', date: '2026-11-27', start: '08:00', end: '09:30' })

    // the RHK select tells the app at once; the form comes back with the rencana aksi of that RHK
    const form = await openForm(h, ahmad.id)
    expect(form.blocks.find((b) => b.block_id === 'rhk')?.dispatch_action).toBe(true)
    const picked = await req.select(ahmad.id, form, 'rhk', String(mine), typed)
    expect(picked.status).toBe(200)
    const withPlan = await slack.waitFor(() => {
      const v = slack.views.get(form.id)!
      return v.blocks.some((b) => b.block_id === block) ? v : undefined
    }, 'the rencana aksi added to the form', WAIT)
    // the typed fields keep their block and action ids (Slack keeps what was typed)
    expect(withPlan.blocks.map((b) => b.block_id)).toEqual(['description', 'date', 'start', 'end', 'duration', 'rhk', block, 'realisasi', 'evidence_link', 'evidence_file'])
    const select = withPlan.blocks.find((b) => b.block_id === block)!.element as Select
    expect(select.options!.map((o) => [o.text.text, o.value])).toEqual([
      ['Tanpa rencana aksi', '0'],
      // cut to Slack's 75 characters, keeping the target
      ['Menyusun bahan penilaian kinerja jabatan fungsional per… (target 2 dokumen)', String(perawat)],
    ])
    expect(withPlan.blocks.find((b) => b.block_id === 'realisasi')?.element).toMatchObject({ type: 'number_input', is_decimal_allowed: false, min_value: '1', initial_value: '1' })
    // "Tanpa RHK" takes the fields away again
    await req.select(ahmad.id, withPlan, 'rhk', '0', typed)
    await slack.waitFor(() => !slack.views.get(form.id)!.blocks.some((b) => b.block_id === block), 'the rencana aksi taken off the form', WAIT)

    // refused at their fields: a realisasi of 0, someone else's rencana aksi; nothing stored
    const plan = (ra: string, realisasi: string | null) => ({ ...typed, ...chosen(String(mine)), [block]: { type: 'static_select', selected_option: { value: ra } }, realisasi: { type: 'number_input', value: realisasi } })
    const zero = await req.submit(ahmad.id, withPlan, plan(String(perawat), '0'))
    expect(zero.json).toEqual({ response_action: 'errors', errors: { realisasi: expect.stringMatching(/^Realisasi "0" tidak valid/) } })
    const andis = (await h.app.db.prisma.rencanaAksi.findFirstOrThrow({ where: { text: 'Memaparkan hasil analisis dalam rapat bidang' } })).id
    const foreign = await req.submit(ahmad.id, withPlan, plan(String(andis), '2'))
    expect(foreign.json).toEqual({ response_action: 'errors', errors: { [block]: expect.stringMatching(/bukan rencana aksi RHK laporan ini/) } })
    expect(await h.app.db.prisma.activity.count()).toBe(0)

    await req.submit(ahmad.id, withPlan, plan(String(perawat), '2'))
    const receipt = await slack.waitFor(() => slack.messagesIn(slack.dmChannel(ahmad.id)).find((m) => /Menyusun bahan penilaian perawat/.test(textOf(m))), 'the receipt', WAIT)
    expect(textOf(receipt)).toContain(`Rencana aksi: ${PERAWAT} · Realisasi: 2 dokumen`)
    const row = await h.app.db.prisma.activity.findFirstOrThrow({ include: { rencanaAksi: true } })
    expect([row.rencanaAksi?.text, row.realisasi]).toEqual([PERAWAT, 2])

    // ✏️ Ubah: the form opens at the report's rencana aksi and realisasi; a new realisasi is stored
    const edit = await opensView(slack, 'report', () => req.click(ahmad.id, { message: receipt }, /Ubah/))
    expect((edit.blocks.find((b) => b.block_id === block)?.element as Select).initial_option?.value).toBe(String(perawat))
    expect(edit.blocks.find((b) => b.block_id === 'realisasi')?.element).toMatchObject({ initial_value: '2' })
    await req.submit(ahmad.id, edit, plan(String(perawat), '3'))
    await eventually(async () => (await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id: row.id } })).realisasi === 3, { label: 'the new realisasi', timeoutMs: WAIT })
    // sent without them (the fields left as they were not sent): kept
    await req.submit(ahmad.id, edit, { ...typed, description: { type: 'plain_text_input', value: 'Menyusun bahan penilaian perawat (revisi)' } })
    await eventually(async () => (await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id: row.id } })).description.endsWith('(revisi)'), { label: 'the edit', timeoutMs: WAIT })
    expect(await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ rencanaAksiId: perawat, realisasi: 3 })
  }, TEST_TIMEOUT)
})
