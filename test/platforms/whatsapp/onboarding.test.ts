import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, people } from '../../helpers/app.js'
import { tempDir } from '../../helpers/db.js'
import { eventually } from '../../helpers/wait.js'
import { seen, sentTo, startWhatsAppHarness, waitForWa, WA_DISPLAY } from '../../helpers/whatsapp-harness.js'

// How people come to the bot on WhatsApp, end to end over HTTP against the fake Cloud API: the number
// the import lists (whatsapp_phone) and the wa.me link of `npm run cli -- link-code`.

const KABID_WA = '6281200000043'

/** The fixture's employees.csv with a whatsapp_phone column: `phones` by NIP, written as admins write them. */
function employeesWithPhones(phones: Record<string, string>): string {
  const [header, ...lines] = readFileSync(path.join(FIXTURES, 'kendari-employees.csv'), 'utf8').trimEnd().split(/\r?\n/)
  const file = path.join(tempDir(), 'employees.csv')
  writeFileSync(file, [`${header},whatsapp_phone`, ...lines.map((l) => `${l},${phones[l.slice(0, 18)] ?? ''}`)].join('\n') + '\n')
  return file
}

describe('WhatsApp onboarding', () => {
  it('whatsapp_phone of the import: a card reaches the number by template before it ever wrote; its first message links it and delivers the card', async () => {
    const h = await startWhatsAppHarness()
    const imported = await h.cli('import-org', path.join(FIXTURES, 'kendari-units.csv'), employeesWithPhones({ [people.kabid.nip]: '+62 812-0000-0043' }))
    expect(imported).toMatchObject({ code: 0, err: '' })
    const account = await h.app.db.prisma.chatAccount.findFirstOrThrow({ where: { platform: 'whatsapp', externalId: KABID_WA }, include: { employee: true } })
    expect(account).toMatchObject({ vouchedBy: 'import', linkedAt: null, lastInboundAt: null, employee: { nip: people.kabid.nip } })

    h.tg.userSends(people.andi.telegram, '/start')
    await h.tg.waitForMessageTo(people.andi.telegram, /Selamat datang/)
    h.tg.userSends(people.andi.telegram, '/lapor 08:00-10:30 Menyusun laporan keuangan bulanan')
    const receipt = await h.tg.waitForMessageTo(people.andi.telegram, /Laporan #\d+ terkirim/)
    const id = Number(/#(\d+)/.exec(receipt.text)![1])

    // reachable before the first message: the template, naming the card; nothing free-form into the closed window
    const template = await waitForWa(h.wa, KABID_WA, /\[template kinerja_pesan_menunggu\]/)
    expect(seen(template).text).toContain(`#${id}`)
    expect(sentTo(h.wa, KABID_WA).filter((m) => m.type !== 'template')).toHaveLength(0)
    await eventually(() => h.app.db.prisma.outbox.findFirst({ where: { kind: 'approval_card', status: 'WAITING' } }))

    // the first message (anything) links the number: the welcome, then the card in full
    const after = h.wa.sent.length
    await h.wa.inbound(KABID_WA, { type: 'text', text: 'Selamat pagi' })
    const welcome = await waitForWa(h.wa, KABID_WA, /Selamat datang, Nurhayati Ramli/, { after })
    const card = await waitForWa(h.wa, KABID_WA, new RegExp(`Laporan kegiatan #${id} menunggu persetujuan`), { after })
    expect(h.wa.sent.indexOf(welcome)).toBeLessThan(h.wa.sent.indexOf(card))
    expect(card.windowOpen).toBe(true)
    const linked = await h.app.db.prisma.chatAccount.findFirstOrThrow({ where: { platform: 'whatsapp', externalId: KABID_WA } })
    expect(linked.chatId).toBe(KABID_WA)
    expect(linked.linkedAt).not.toBeNull()
  })

  it('link-code prints a wa.me link whose text, sent from any number, links it', async () => {
    const h = await startWhatsAppHarness({ telegram: false })
    const nip = '199009192018121008'
    const issued = await h.cli('link-code', nip)
    expect(issued.code).toBe(0)
    const code = issued.out.trimEnd().split('\n').at(-1)!
    const line = issued.out.split('\n').find((l) => l.includes('https://wa.me/'))
    expect(line).toBe(`Di WhatsApp, pegawai cukup membuka tautan ini lalu menekan Kirim: https://wa.me/${WA_DISPLAY}?text=${encodeURIComponent(code)}`)

    // what the phone types when the link is opened
    const url = new URL(/https:\/\/wa\.me\/\S+/.exec(line!)![0])
    const stranger = '6281255500001'
    await h.wa.inbound(stranger, { type: 'text', text: url.searchParams.get('text')! })
    await waitForWa(h.wa, stranger, /Selamat datang, Ahmad Anwar/)
    const account = await h.app.db.prisma.chatAccount.findFirstOrThrow({ where: { platform: 'whatsapp', externalId: stranger }, include: { employee: true } })
    expect(account.employee.nip).toBe(nip)
  })
})
