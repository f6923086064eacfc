import { startHarness, type Harness } from './app.js'
import { startFakeWhatsApp, type FakeWhatsApp, type SentMessage } from './fake-whatsapp.js'
import { afterEveryTest } from './cleanup.js'

export const WA_TOKEN = 'EAAG-test-whatsapp-access-token-0001'
export const WA_PHONE_NUMBER_ID = '106540352242922'
export const WA_SECRET = 'whatsapp-app-secret-0123456789'
export const WA_VERIFY = 'kinerja-verify-token-0123456789'
export const WA_DISPLAY = '6285211112222'

/** WhatsApp numbers of the fixture people the tests use (invented). */
export const waPeople = {
  kabid: { wa: '6281200000043', nip: '197312012001012015', name: 'Nurhayati Ramli, M.Si.' },
  andi: { wa: '6281200000050', nip: '198603022018032015', name: 'Andi Latif, S.IP.' },
  kaban: { wa: '6281200000008', nip: '198012122003121004', name: 'Sukri Halim, S.Sos.' },
} as const

export interface WhatsAppHarness extends Harness {
  wa: FakeWhatsApp
  webhookUrl(): string
}

export const WHATSAPP_ENV = (wa: FakeWhatsApp): Record<string, string> => ({
  WHATSAPP_ACCESS_TOKEN: WA_TOKEN,
  WHATSAPP_PHONE_NUMBER_ID: WA_PHONE_NUMBER_ID,
  WHATSAPP_APP_SECRET: WA_SECRET,
  WHATSAPP_VERIFY_TOKEN: WA_VERIFY,
  WHATSAPP_DISPLAY_NUMBER: WA_DISPLAY,
  WHATSAPP_API_URL: wa.url,
  // no pair pacing unless a test is about it: flows send several messages to one person in a row
  WHATSAPP_CHAT_INTERVAL_MS: '0',
})

const running: { h?: Harness; wa: FakeWhatsApp }[] = []

/** A fake Cloud API whose window follows the harness's clock once `attachWhatsApp` tells it. */
export async function startWhatsAppFake(): Promise<{ wa: FakeWhatsApp; attach(h: Harness): WhatsAppHarness }> {
  // the fake keeps the window by the app's clock, known once the harness runs
  const clock: { of?: Harness['clock'] } = {}
  const wa = await startFakeWhatsApp({ token: WA_TOKEN, phoneNumberId: WA_PHONE_NUMBER_ID, appSecret: WA_SECRET, displayPhoneNumber: WA_DISPLAY, now: () => clock.of?.now() ?? new Date() })
  const slot: { h?: Harness; wa: FakeWhatsApp } = { wa }
  running.push(slot)
  return {
    wa,
    attach(h) {
      clock.of = h.clock
      slot.h = h
      const harness = h as WhatsAppHarness
      harness.wa = wa
      harness.webhookUrl = () => `http://127.0.0.1:${harness.app.port}/whatsapp/webhook`
      wa.setWebhook(harness.webhookUrl())
      return harness
    },
  }
}

/** The whole app with WhatsApp against the fake Cloud API (and Telegram too unless `telegram: false`). */
export async function startWhatsAppHarness(opts: { telegram?: boolean; env?: Record<string, string>; at?: string } = {}): Promise<WhatsAppHarness> {
  const { wa, attach } = await startWhatsAppFake()
  const h = await startHarness({
    ...(opts.at ? { at: opts.at } : {}),
    env: { ...WHATSAPP_ENV(wa), ...(opts.telegram === false ? { TELEGRAM_BOT_TOKEN: '' } : {}), ...opts.env },
  })
  return attach(h)
}

/** A number the import vouches for (whatsapp_phone): linked by its first message, reachable by template before. */
export async function vouch(h: Harness, nip: string, waId: string): Promise<void> {
  const e = await h.app.db.prisma.employee.findUniqueOrThrow({ where: { nip } })
  await h.app.db.prisma.chatAccount.create({ data: { employeeId: e.id, platform: 'whatsapp', externalId: waId, vouchedBy: 'import' } })
}

export interface WaButton {
  id: string
  title: string
}

/** What the person sees of a sent message: its text and the buttons or list rows under it. */
/* eslint-disable @typescript-eslint/no-explicit-any -- request bodies as the app sent them, read loosely (the fake validated them) */
export function seen(m: SentMessage): { text: string; buttons: WaButton[] } {
  const b = m.body as Record<string, any>
  switch (m.type) {
    case 'text':
      return { text: b.text.body, buttons: [] }
    case 'interactive': {
      const i = b.interactive
      if (i.type === 'button') return { text: i.body.text, buttons: i.action.buttons.map((x: any) => ({ id: x.reply.id, title: x.reply.title })) }
      return { text: i.body.text, buttons: i.action.sections.flatMap((s: any) => s.rows.map((r: any) => ({ id: r.id, title: r.title }))) }
    }
    case 'template': {
      const params = (b.template.components ?? []).flatMap((c: any) => (c.type === 'body' ? c.parameters.map((p: any) => p.text) : []))
      const quick = (b.template.components ?? []).flatMap((c: any) => (c.type === 'button' ? c.parameters.map((p: any) => ({ id: p.payload, title: 'Lihat pesan' })) : []))
      return { text: `[template ${b.template.name}] ${params.join(' | ')}`, buttons: quick }
    }
    case 'image':
    case 'document':
      return { text: b[m.type].caption ?? `[${m.type}]`, buttons: [] }
    default:
      return { text: `[${m.type}]`, buttons: [] }
  }
}

/* eslint-enable @typescript-eslint/no-explicit-any */

export const sentTo = (wa: FakeWhatsApp, waId: string) => wa.sent.filter((m) => m.to === waId)

/** Waits for a message to `waId` whose text (or a button title) matches. */
export async function waitForWa(wa: FakeWhatsApp, waId: string, pattern: RegExp, opts: { after?: number; timeoutMs?: number } = {}): Promise<SentMessage> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000)
  for (;;) {
    const found = sentTo(wa, waId)
      .filter((m) => wa.sent.indexOf(m) >= (opts.after ?? 0))
      .find((m) => {
        const s = seen(m)
        return pattern.test(s.text) || s.buttons.some((x) => pattern.test(x.title))
      })
    if (found) return found
    if (Date.now() > deadline) {
      const all = sentTo(wa, waId).map((m) => `  ${JSON.stringify(seen(m).text.slice(0, 160))}`)
      throw new Error(`timed out waiting for a WhatsApp message to ${waId} matching ${pattern}\n${all.join('\n') || '  (nothing)'}`)
    }
    await new Promise((r) => setTimeout(r, 15))
  }
}

export function buttonId(m: SentMessage, title: RegExp): string {
  const b = seen(m).buttons.find((x) => title.test(x.title))
  if (!b) throw new Error(`no button ${title} on ${JSON.stringify(seen(m))}`)
  return b.id
}

afterEveryTest(async () => {
  for (const slot of running.splice(0)) {
    await slot.h?.app.stop()
    await slot.wa.close()
  }
})
