import type { IncomingMessage, ServerResponse } from 'node:http'
import { whatsappEnabled } from '../../config.js'
import { DomainError } from '../../domain/errors.js'
import { mimeFromName } from '../../domain/evidence-files.js'
import type { Route } from '../../http/server.js'
import { scrubSecrets } from '../../logger.js'
import { t } from '../../messages/index.js'
import type { ChatPlatform, PlatformDeps, PlatformModule } from '../types.js'
import { createWhatsAppClient } from './client.js'
import { createInbound } from './inbound.js'
import { WHATSAPP_CAPABILITIES } from './message.js'
import { createWhatsAppNotifier, createWhatsAppWindow } from './notifier.js'
import { decodeWebhook, SIGNATURE_HEADER, verifyChallenge, verifySignature, type WhatsAppEvent } from './webhook.js'

/** Where Meta calls the app: the verification handshake (GET) and the signed events (POST). */
export const WHATSAPP_WEBHOOK_PATH = '/whatsapp/webhook'
/** Meta's webhooks are small; anything larger is not one. */
const MAX_BODY_BYTES = 1024 * 1024
/** Throughput limit (130429): Meta gives no Retry-After; a second is its documented pacing unit. */
const RATE_LIMIT_MS = 1000

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const c of req) {
    size += (c as Buffer).length
    if (size > MAX_BODY_BYTES) return null
    chunks.push(c as Buffer)
  }
  return Buffer.concat(chunks)
}

function answer(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

/**
 * WhatsApp through the official Cloud API: the webhook routes on the app's port, a notifier that keeps
 * the 24-hour window, and the evidence fetcher of the media people send. No duty: Meta calls us.
 */
export async function createWhatsAppPlatform(deps: PlatformDeps): Promise<ChatPlatform> {
  const { config, services, db, clock, log: parentLog, claims } = deps
  const token = config.WHATSAPP_ACCESS_TOKEN
  const phoneNumberId = config.WHATSAPP_PHONE_NUMBER_ID
  const appSecret = config.WHATSAPP_APP_SECRET
  const verifyToken = config.WHATSAPP_VERIFY_TOKEN
  if (!token || !phoneNumberId || !appSecret || !verifyToken) throw new Error('WhatsApp needs WHATSAPP_ACCESS_TOKEN, WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN')
  const log = parentLog.child({ platform: 'whatsapp' })
  const scrub = (err: unknown) => ({ message: scrubSecrets(err instanceof Error ? err.message : String(err), [token, appSecret]) })

  const client = createWhatsAppClient({ apiUrl: config.WHATSAPP_API_URL, token, phoneNumberId, timeoutMs: deps.sendTimeoutMs })
  // the pair limit (131056) is waited out for the interval kept between two messages to one person
  const pacing = { rateLimitMs: RATE_LIMIT_MS, pairLimitMs: config.WHATSAPP_CHAT_INTERVAL_MS > 0 ? config.WHATSAPP_CHAT_INTERVAL_MS : RATE_LIMIT_MS }
  const templates = { waiting: config.WHATSAPP_TEMPLATE_WAITING, language: config.WHATSAPP_TEMPLATE_LANGUAGE }
  const window = createWhatsAppWindow({ client, db, clock, templates, pacing })
  const notifier = createWhatsAppNotifier({ client, db, clock, log, templates, pacing, window })

  // Media is stored in the attachment store when it arrives (inbound.ts): a report links that copy. This
  // fetcher is the second try for a file whose download failed then, while its media id lasts.
  services.evidence.register(
    ['photo', 'document'],
    async (evidence) => {
      const id = evidence.ref.slice('wa:'.length)
      let got: Awaited<ReturnType<typeof client.download>>
      try {
        got = await client.download(id, config.EVIDENCE_MAX_BYTES)
      } catch (err) {
        log.warn({ err: scrub(err) }, 'whatsapp evidence could not be downloaded: stored by name only')
        return null
      }
      if ('tooLarge' in got) throw new DomainError('INVALID_INPUT', 'evidence.tooLarge', { size: got.tooLarge, max: config.EVIDENCE_MAX_BYTES })
      const filename = evidence.name ?? `bukti-${id}`
      return { filename, mime: got.mime || mimeFromName(filename), data: got.data }
    },
    { refPrefix: 'wa:' },
  )

  const inbound = createInbound({ services, db, clock, log, client, window, maxEvidenceBytes: config.EVIDENCE_MAX_BYTES })

  // each person's messages one after another, in order (their conversation has one state); people in parallel
  const chains = new Map<string, Promise<void>>()
  const inFlight = new Set<Promise<void>>()

  async function handle(e: WhatsAppEvent) {
    const started = performance.now()
    let outcome: 'handled' | 'duplicate' | 'failed' = 'handled'
    try {
      if (e.kind === 'status') {
        await inbound.onStatus(e)
        return
      }
      const result = await claims.once('whatsapp', e.messageId, async () => {
        try {
          await inbound.onMessage(e)
        } catch (err) {
          // the person hears that it failed; the claim is finished, so a redelivery does not run it twice
          outcome = 'failed'
          log.error({ err: scrub(err), wamid: e.messageId }, 'whatsapp message failed')
          await client.send(e.from, { type: 'text', text: { body: t('error.generic') } }).catch(() => undefined)
        }
      })
      if (result === 'duplicate') {
        outcome = 'duplicate'
        log.info({ wamid: e.messageId }, 'duplicate whatsapp message ignored')
      }
    } catch (err) {
      outcome = 'failed'
      log.error({ err: scrub(err) }, 'whatsapp event failed')
    } finally {
      const seconds = (performance.now() - started) / 1000
      deps.metrics.handlerSeconds.observe({ platform: 'whatsapp' }, seconds)
      deps.metrics.updates.inc({ platform: 'whatsapp', outcome })
    }
  }

  function enqueue(e: WhatsAppEvent) {
    const key = e.kind === 'status' ? `status:${e.recipient ?? ''}` : e.from
    const run = (chains.get(key) ?? Promise.resolve()).then(() => handle(e))
    chains.set(key, run)
    inFlight.add(run)
    void run.finally(() => {
      inFlight.delete(run)
      if (chains.get(key) === run) chains.delete(key)
    })
  }

  const routes: Route[] = [
    {
      method: 'GET',
      path: WHATSAPP_WEBHOOK_PATH,
      handler: (req, res) => {
        const query = new URL(req.url ?? '/', 'http://localhost').searchParams
        const r = verifyChallenge(query, verifyToken)
        if (r.status !== 200) log.warn('whatsapp webhook verification refused: check WHATSAPP_VERIFY_TOKEN')
        answer(res, r.status, r.body)
      },
    },
    {
      method: 'POST',
      path: WHATSAPP_WEBHOOK_PATH,
      handler: async (req, res) => {
        const raw = await readBody(req)
        if (raw === null) return answer(res, 413, 'Payload Too Large')
        if (!verifySignature(raw, req.headers[SIGNATURE_HEADER], appSecret)) {
          log.warn('whatsapp webhook with a bad or missing signature refused')
          return answer(res, 401, 'Unauthorized')
        }
        let body: unknown
        try {
          body = JSON.parse(raw.toString('utf8'))
        } catch {
          return answer(res, 400, 'Bad Request')
        }
        const decoded = decodeWebhook(body)
        if (!decoded.ok) {
          // signed by Meta but not understood: answered 200, or Meta retries it for days
          log.warn({ reason: decoded.reason.slice(0, 500) }, 'whatsapp webhook not understood: ignored')
          return answer(res, 200, 'OK')
        }
        // Meta wants its answer fast: the work happens after it (a redelivery is deduplicated by wamid)
        answer(res, 200, 'OK')
        for (const e of decoded.events) {
          if (e.phoneNumberId !== phoneNumberId) {
            log.warn({ phoneNumberId: e.phoneNumberId }, 'whatsapp event for another business number ignored')
            continue
          }
          enqueue(e)
        }
      },
    },
  ]

  return {
    platform: 'whatsapp',
    capabilities: WHATSAPP_CAPABILITIES,
    notifier,
    limits: { ratePerSec: config.WHATSAPP_RATE_PER_SEC, chatIntervalMs: config.WHATSAPP_CHAT_INTERVAL_MS },
    routes,
    duties: [],
    ...(config.WHATSAPP_DISPLAY_NUMBER ? { linkUrl: (code: string) => `https://wa.me/${config.WHATSAPP_DISPLAY_NUMBER}?text=${encodeURIComponent(code)}` } : {}),
    // the webhook is registered in Meta's app dashboard (docs/whatsapp.md): nothing to do at start
    start: async () => {
      log.info({ path: WHATSAPP_WEBHOOK_PATH, apiUrl: config.WHATSAPP_API_URL }, 'whatsapp webhook ready')
    },
    // what was acknowledged to Meta is finished before the database goes
    stop: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight])
    },
  }
}

export const whatsappPlatform: PlatformModule = {
  platform: 'whatsapp',
  enabled: (config) => whatsappEnabled(config),
  create: createWhatsAppPlatform,
}
