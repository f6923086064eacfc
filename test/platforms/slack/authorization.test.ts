import { describe, expect, it } from 'vitest'
import { textOf, type SlackMessage } from '../../helpers/fake-slack.js'
import { opensView, slackPeople, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js'

const { kabid, ahmad, otherKabid, stranger } = slackPeople

/** Ahmad reports on Slack; the card reaches Nurhayati (linked when she opened App Home). */
async function reported(h: SlackHarness): Promise<{ id: number; card: SlackMessage; receipt: SlackMessage }> {
  await h.req.openHome(kabid.id)
  await h.req.openHome(otherKabid.id)
  await h.slack.waitFor(() => h.slack.homes.get(kabid.id) && h.slack.homes.get(otherKabid.id), 'both homes')
  await h.req.command(ahmad.id, 'lapor 08:00-09:00 Menyusun laporan')
  const receipt = await h.slack.waitFor(() => h.slack.messagesIn(h.slack.dmChannel(ahmad.id)).find((m) => /terkirim ke atasan/.test(m.text)), 'the receipt')
  const id = Number(/#(\d+)/.exec(receipt.text)![1])
  const card = await h.slack.waitFor(() => h.slack.messagesIn(h.slack.dmChannel(kabid.id)).find((m) => /menunggu persetujuan/.test(m.text)), 'the card')
  return { id, card, receipt }
}

const answersMatching = (h: SlackHarness, re: RegExp) => h.slack.responses.filter((r) => r.body.response_type === 'ephemeral' && re.test(String(r.body.text)))

describe('Slack: only the current supervisor decides, whatever the client sends', () => {
  it("refuses another supervisor's, the author's and a colleague's clicks with an answer only they see, and audits them", async () => {
    const h = await startSlackHarness({ telegram: false })
    const { id, card } = await reported(h)
    for (const who of [otherKabid.id, ahmad.id]) {
      await h.req.click(who, { message: card }, /^✅ Setujui$/)
      await h.req.click(who, { message: card }, /Tolak/)
    }
    await h.slack.waitFor(() => answersMatching(h, /Hanya atasan langsung pegawai ini/).length === 4, 'four refusals')
    const row = await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id } })
    expect(row.status).toBe('DIAJUKAN')
    expect(await h.app.db.prisma.decision.count()).toBe(0)
    const denied = await h.app.db.prisma.auditLog.findMany({ where: { action: 'activity.decide.denied', entityId: String(id) } })
    expect(denied.map((a) => a.actorExternal).sort()).toEqual([ahmad.id, ahmad.id, otherKabid.id, otherKabid.id])
    expect(denied.every((a) => a.actorPlatform === 'slack')).toBe(true)
    // no reason modal was opened for a forger
    expect([...h.slack.views.values()].some((v) => v.callback_id === 'decide_reason')).toBe(false)
    // and the card is untouched
    expect(card.edits).toBe(0)
  })

  it('refuses forged values: malformed, mismatched with the button, and a forged reason modal', async () => {
    const h = await startSlackHarness({ telegram: false })
    const { id, card } = await reported(h)
    await h.req.click(kabid.id, { message: card }, { action_id: 'decide_ok', value: `${id}:1:ok; DROP TABLE` })
    // the value says "ok" but the button is Tolak's (and vice versa): not a button we ever rendered
    await h.req.click(kabid.id, { message: card }, { action_id: 'decide_tl', value: `${id}:1:ok` })
    await h.slack.waitFor(() => answersMatching(h, /Tombol ini sudah tidak berlaku/).length === 2, 'two stale answers')

    // a reason modal submitted by someone else, with metadata of a real card
    const modal = await opensView(h.slack, 'decide_reason', () => h.req.click(kabid.id, { message: card }, /Revisi/))
    const forged = await h.req.submit(otherKabid.id, modal, { reason: { type: 'plain_text_input', value: 'bukan urusan saya' } })
    expect(forged.json?.response_action).toBe('update')
    expect(JSON.stringify(forged.json)).toMatch(/Hanya atasan langsung/)
    const tampered = await h.req.submit(kabid.id, { ...modal, private_metadata: `${id}:9:xx` }, { reason: { type: 'plain_text_input', value: 'x' } })
    expect(JSON.stringify(tampered.json)).toMatch(/tidak berlaku/)
    expect((await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id } })).status).toBe('DIAJUKAN')
  })

  it('answers replayed and stale buttons with what happened, and an unlinked clicker with how to link', async () => {
    const h = await startSlackHarness({ telegram: false })
    const { id, card, receipt } = await reported(h)
    await h.req.click(kabid.id, { message: card }, /^✅ Setujui$/)
    await h.slack.waitFor(() => /Disetujui oleh/.test(textOf(card)), 'the decided card')
    // the old card's buttons, replayed after the decision
    await h.req.click(kabid.id, { message: card }, { action_id: 'decide_tl', value: `${id}:1:tl` })
    await h.slack.waitFor(() => answersMatching(h, /sudah diputuskan \(Disetujui\)/).length === 1, 'already decided')
    // the receipt lost its Ubah/Tarik buttons with the decision; pressed anyway (an old copy), they change nothing
    await h.slack.waitFor(() => receipt.blocks.every((b) => b.type !== 'actions') && /Status: Disetujui/.test(textOf(receipt)), 'the receipt redrawn')
    await h.req.click(ahmad.id, { message: receipt }, { action_id: 'withdraw', value: String(id) })
    await h.req.click(ahmad.id, { message: receipt }, { action_id: 'edit', value: String(id) })
    await h.slack.waitFor(() => answersMatching(h, /berstatus Disetujui tidak dapat diubah/).length === 2, 'not editable')
    // someone in the workspace who is in no import
    await h.req.click(stranger.id, { message: card }, { action_id: 'decide_ok', value: `${id}:1:ok` })
    await h.slack.waitFor(() => answersMatching(h, /belum terhubung/).length === 1, 'not linked')
    const row = await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id }, include: { decisions: true } })
    expect(row.decisions).toHaveLength(1)
  })

  it('shows the full text of a long description only to the author and the current supervisor', async () => {
    const h = await startSlackHarness({ telegram: false })
    await h.req.openHome(kabid.id)
    await h.slack.waitFor(() => h.slack.homes.get(kabid.id), 'home')
    const long = `Menyusun laporan <evaluasi> & ${'rincian kegiatan '.repeat(50)}akhir`
    await h.req.command(ahmad.id, `lapor 08:00-09:00 ${long}`)
    const card = await h.slack.waitFor(() => h.slack.messagesIn(h.slack.dmChannel(kabid.id)).find((m) => /menunggu persetujuan/.test(m.text)), 'the card')
    const section = card.blocks[0]!.text!.text
    expect(section.length).toBeLessThanOrEqual(3000)
    expect(section).toContain('Menyusun laporan &lt;evaluasi&gt; &amp; rincian')
    expect(section).not.toContain('akhir')
    expect(section).toMatch(/…/)
    const full = await opensView(h.slack, 'notice', () => h.req.click(kabid.id, { message: card }, /Lihat uraian lengkap/))
    expect(textOf(full)).toContain('rincian kegiatan akhir')
    await h.req.click(otherKabid.id, { message: card }, /Lihat uraian lengkap/)
    await h.slack.waitFor(() => answersMatching(h, /tidak berwenang/).length === 1, 'forbidden')
  })

  it('a withdrawn report replaces its card; a button no version of ours made gets an answer', async () => {
    const h = await startSlackHarness({ telegram: false })
    const { id, card, receipt } = await reported(h)
    await h.req.click(ahmad.id, { message: receipt }, /Tarik/)
    await h.slack.waitFor(() => answersMatching(h, new RegExp(`Laporan #${id} ditarik`)).length === 1, 'withdrawn')
    await h.slack.waitFor(() => /ditarik oleh pegawai/.test(textOf(card)) && card.blocks.every((b) => b.type !== 'actions'), 'the card replaced')
    await h.req.click(kabid.id, { message: card }, { action_id: 'approve_everything', value: 'all' })
    await h.slack.waitFor(() => answersMatching(h, /Tombol ini sudah tidak berlaku/).length === 1, 'unknown button answered')
    expect(answersMatching(h, /.*/)).toHaveLength(2)
  })
})
