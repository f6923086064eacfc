import { describe, expect, it } from 'vitest'
import { people, startHarness, type Harness } from '../../helpers/app.js'
import { buttonData, buttonLabels } from '../../helpers/telegram.js'
import { eventually } from '../../helpers/wait.js'
import { supervisorOpenedBot } from './supervisor-opened.js'

const andi = people.andi.telegram
const kabid = people.kabid.telegram

const current = (h: Harness, messageId: number) => h.tg.messagesTo(andi).find((m) => m.message_id === messageId)!

describe('Ubah and Tarik on a receipt live while the report is undecided', () => {
  it('a decision redraws the receipt with the outcome and no buttons', async () => {
    const h = await startHarness()
    h.tg.userSends(kabid, '/start')
    await h.tg.waitForMessageTo(kabid, /Selamat datang/)
    h.tg.userSends(andi, '/lapor 08:00-09:00 Rapat koordinasi')
    const receipt = await h.tg.waitForMessageTo(andi, /terkirim ke atasan/)
    expect(buttonLabels(receipt)).toHaveLength(2)
    const card = await h.tg.waitForMessageTo(kabid, /menunggu persetujuan/)
    h.tg.userClicks(kabid, card.message_id, buttonData(card, /^✅ Setujui$/)!)
    await eventually(() => buttonLabels(current(h, receipt.message_id)).length === 0, { label: 'receipt without buttons' })
    expect(current(h, receipt.message_id).text).toMatch(/Status: Disetujui/)
  })

  it('a withdrawal and an edit take the buttons off the old receipt; the new receipt has them', async () => {
    const h = await startHarness()
    await supervisorOpenedBot(h)
    h.tg.userSends(andi, '/lapor 08:00-09:00 Rapat koordinasi')
    const first = await h.tg.waitForMessageTo(andi, /#1 terkirim ke atasan/)
    h.tg.userClicks(andi, first.message_id, buttonData(first, /Ubah/)!)
    await h.tg.waitForMessageTo(andi, /Cukup kirim yang berubah/)
    h.tg.userSends(andi, '09:00-10:00')
    const edited = await h.tg.waitForMessageTo(andi, /diperbarui dan dikirim ulang/)
    await eventually(() => buttonLabels(current(h, first.message_id)).length === 0, { label: 'old receipt without buttons' })
    expect(current(h, first.message_id).text).toMatch(/09:00–10:00/)
    expect(buttonLabels(edited).length).toBe(2)

    h.tg.userClicks(andi, edited.message_id, buttonData(edited, /Tarik/)!)
    await h.tg.waitForMessageTo(andi, /ditarik/)
    await eventually(() => buttonLabels(current(h, edited.message_id)).length === 0, { label: 'edited receipt without buttons' })
    expect(current(h, edited.message_id).text).toMatch(/Status: Ditarik/)
  })
})
