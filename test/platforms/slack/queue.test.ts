import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { buttonsOf, textOf, type SlackBlock } from '../../helpers/fake-slack.js'
import { opensView, slackPeople, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js'

const { kabid, ahmad } = slackPeople

/** Ahmad reports three activities; Nurhayati (linked when she opened App Home) has them in her queue. */
async function queued(h: SlackHarness): Promise<number[]> {
  await h.req.openHome(kabid.id)
  await h.slack.waitFor(() => h.slack.homes.get(kabid.id), 'home')
  for (const line of ['08:00-09:00 Menyusun laporan', '09:00-10:00 Rapat koordinasi', '10:00-11:00 Entri data']) {
    await h.req.command(ahmad.id, `lapor ${line}`)
  }
  const cards = await h.slack.waitFor(() => {
    const found = h.slack.messagesIn(h.slack.dmChannel(kabid.id)).filter((m) => /menunggu persetujuan/.test(m.text))
    return found.length === 3 && found
  }, 'three cards')
  return cards.map((c) => Number(/#(\d+)/.exec(c.text)![1])).sort((a, b) => a - b)
}

/** The /kinerja persetujuan list as Slack shows it (ephemeral: only its response URL leads back to it). */
async function list(h: SlackHarness, total: number): Promise<{ blocks: SlackBlock[] }> {
  await h.req.command(kabid.id, 'persetujuan')
  const res = await h.slack.waitFor(
    () => h.slack.responses.find((r) => r.body.response_type === 'ephemeral' && new RegExp(`Menunggu persetujuan: ${total} laporan`).test(String(r.body.text))),
    'the list',
  )
  return { blocks: res.body.blocks as SlackBlock[] }
}

/** A replacement of the list through its response URL, matching `re`. */
const replaced = (h: SlackHarness, re: RegExp) =>
  h.slack.waitFor(() => h.slack.responses.find((r) => r.body.replace_original === true && re.test(String(r.body.text))), `the list replaced (${re})`)

const decideValues = (x: { blocks?: SlackBlock[] }) => buttonsOf(x).filter((b) => b.action_id?.startsWith('decide_')).map((b) => b.value)

describe('Slack: a decision taken in a queue redraws that queue', () => {
  it('Setujui in the /kinerja persetujuan list replaces the list: the decided item and its buttons are gone', async () => {
    const h = await startSlackHarness({ telegram: false })
    const [first, second, third] = await queued(h)
    const shown = await list(h, 3)
    expect(decideValues(shown)).toContain(`${first}:1:ok`)

    await h.req.click(kabid.id, { ephemeral: shown, channel: h.slack.dmChannel(kabid.id) }, /^✅ Setujui$/)
    const after = await replaced(h, /Menunggu persetujuan: 2 laporan/)
    expect(String(after.body.text)).toMatch(new RegExp(`^Laporan #${first}: Disetujui\\.`))
    const blocks = after.body.blocks as SlackBlock[]
    expect(textOf({ blocks })).toMatch(new RegExp(`Laporan #${first}: Disetujui\\.`))
    expect(decideValues({ blocks }).filter((v) => v!.startsWith(`${first}:`))).toEqual([])
    expect(decideValues({ blocks })).toEqual([`${second}:1:ok`, `${second}:1:rv`, `${second}:1:tl`, `${third}:1:ok`, `${third}:1:rv`, `${third}:1:tl`])
    expect((await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id: first } })).status).toBe('DISETUJUI')
  })

  it('Tolak in the list asks for the reason and replaces the list once the modal is submitted', async () => {
    const h = await startSlackHarness({ telegram: false })
    const [first, second] = await queued(h)
    const shown = await list(h, 3)
    const tolak = buttonsOf(shown).find((b) => b.value === `${second}:1:tl`)!
    const modal = await opensView(h.slack, 'decide_reason', () => h.req.click(kabid.id, { ephemeral: shown, channel: h.slack.dmChannel(kabid.id) }, { action_id: tolak.action_id!, value: tolak.value!, block_id: tolak.block_id! }))
    // the modal remembers the list's page and its way back (the click's response URL)
    expect(modal.private_metadata).toMatch(new RegExp(`^${second}:1:tl:list:1:${h.slack.origin}/respond/r\\d+$`))
    // nothing replaces the list before the decision
    expect(h.slack.responses.filter((r) => r.body.replace_original === true)).toEqual([])

    const submitted = await h.req.submit(kabid.id, modal, { reason: { type: 'plain_text_input', value: 'Bukan kegiatan dinas' } })
    expect(submitted.text).toBe('')
    const after = await replaced(h, new RegExp(`Laporan #${second}: Ditolak\\.`))
    expect(String(after.body.text)).toMatch(/Menunggu persetujuan: 2 laporan/)
    const values = decideValues({ blocks: after.body.blocks as SlackBlock[] })
    expect(values.some((v) => v!.startsWith(`${second}:`))).toBe(false)
    expect(values).toContain(`${first}:1:ok`)
    const row = await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id: second }, include: { decisions: true } })
    expect(row.status).toBe('DITOLAK')
    expect(row.decisions.map((d) => d.note)).toEqual(['Bukan kegiatan dinas'])
  })

  it('posts a redrawn list only to Slack: a response URL of another host in the metadata is refused', async () => {
    const h = await startSlackHarness({ telegram: false })
    const [first] = await queued(h)
    const elsewhere: string[] = []
    const other = createServer((req, res) => {
      elsewhere.push(req.url ?? '')
      res.end('ok')
    })
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
    try {
      const shown = await list(h, 3)
      const modal = await opensView(h.slack, 'decide_reason', () => h.req.click(kabid.id, { ephemeral: shown, channel: h.slack.dmChannel(kabid.id) }, /Tolak/))
      const forged = `${first}:1:tl:list:1:http://127.0.0.1:${(other.address() as AddressInfo).port}/respond/r1`
      const submitted = await h.req.submit(kabid.id, { ...modal, private_metadata: forged }, { reason: { type: 'plain_text_input', value: 'Tidak sesuai' } })
      expect(submitted.text).toBe('')
      // the decision itself is the supervisor's own and stands; only the redraw is not sent anywhere
      expect((await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id: first } })).status).toBe('DITOLAK')
      await h.slack.waitFor(() => h.logs.some((l) => /queue not redrawn/.test(l) && /unknown host/.test(l)), 'the refusal logged')
      expect(elsewhere).toEqual([])
      expect(h.logs.some((l) => l.includes(`127.0.0.1:${(other.address() as AddressInfo).port}`))).toBe(false)
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()))
    }
  })

  it('Revisi from App Home publishes the Home tab again after the reason modal, without the decided item', async () => {
    const h = await startSlackHarness({ telegram: false })
    const [first, second] = await queued(h)
    await h.req.openHome(kabid.id)
    const home = await h.slack.waitFor(() => {
      const v = h.slack.homes.get(kabid.id)
      return v && /Menunggu persetujuan: 3 laporan/.test(textOf(v)) && v
    }, 'the queue in home')
    const publishes = h.slack.callsOf('views.publish').length

    const revisi = buttonsOf(home).find((b) => b.value === `${first}:1:rv`)!
    const modal = await opensView(h.slack, 'decide_reason', () => h.req.click(kabid.id, { home: kabid.id }, { action_id: revisi.action_id!, value: revisi.value!, block_id: revisi.block_id! }))
    expect(modal.private_metadata).toBe(`${first}:1:rv:home:1`)
    await h.req.submit(kabid.id, modal, { reason: { type: 'plain_text_input', value: 'Lengkapi daftar hadir' } })

    const after = await h.slack.waitFor(() => {
      const v = h.slack.homes.get(kabid.id)!
      return /Menunggu persetujuan: 2 laporan/.test(textOf(v)) && v
    }, 'home published again')
    expect(h.slack.callsOf('views.publish').length).toBe(publishes + 1)
    expect(textOf(after)).toMatch(new RegExp(`Laporan #${first}: Perlu revisi\\.`))
    expect(decideValues(after).some((v) => v!.startsWith(`${first}:`))).toBe(false)
    expect(decideValues(after)).toContain(`${second}:1:rv`)
    expect((await h.app.db.prisma.activity.findUniqueOrThrow({ where: { id: first } })).status).toBe('REVISI')
  })

  it('Setujui in App Home keeps the page it was clicked on', async () => {
    const h = await startSlackHarness({ telegram: false, env: { PAGE_SIZE: '1' } })
    const [first, second, third] = await queued(h)
    await h.req.openHome(kabid.id)
    await h.slack.waitFor(() => /halaman 1 dari 3/.test(textOf(h.slack.homes.get(kabid.id) ?? {})), 'page 1 in home')
    await h.req.click(kabid.id, { home: kabid.id }, /Berikutnya/)
    const page2 = await h.slack.waitFor(() => {
      const v = h.slack.homes.get(kabid.id)!
      return /halaman 2 dari 3/.test(textOf(v)) && v
    }, 'page 2 in home')
    expect(decideValues(page2)).toEqual([`${second}:1:ok`, `${second}:1:rv`, `${second}:1:tl`])

    await h.req.click(kabid.id, { home: kabid.id }, /^✅ Setujui$/)
    const after = await h.slack.waitFor(() => {
      const v = h.slack.homes.get(kabid.id)!
      return new RegExp(`Laporan #${second}: Disetujui\\.`).test(textOf(v)) && v
    }, 'home after the approval')
    // still page 2, now of 2: the item that moved up, not the first page again
    expect(textOf(after)).toMatch(/Menunggu persetujuan: 2 laporan \(halaman 2 dari 2\)/)
    expect(decideValues(after)).toEqual([`${third}:1:ok`, `${third}:1:rv`, `${third}:1:tl`])
    expect(decideValues(after).some((v) => v!.startsWith(`${first}:`))).toBe(false)
  })
})
