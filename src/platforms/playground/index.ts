import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isUniqueViolation } from '../../db/client.js'
import { playgroundOn } from '../../domain/accounts.js'
import type { IsoDate } from '../../domain/dates.js'
import { isImage, mimeFromName } from '../../domain/evidence-files.js'
import type { Evidence } from '../../domain/types.js'
import { sendJson, type Route } from '../../http/server.js'
import { t } from '../../messages/index.js'
import { zonedInstant } from '../../scheduler/cron-time.js'
import { createScheduler, JOB_NAMES, type JobName } from '../../scheduler/index.js'
import type { ChatPlatform, PlatformDeps, PlatformModule } from '../types.js'
import { createChat, PLAYGROUND_CAPABILITIES } from './chat.js'
import { createInbound, type PlaygroundInput } from './inbound.js'
import { createPlaygroundNotifier } from './notifier.js'
import { playgroundPage } from './page.js'

/** Where the page is, on the app's own port. */
export const PLAYGROUND_PATH = '/playground'
/** A file sent from the page travels as base64 in the JSON body. */
const MAX_FILE_BYTES = 2 * 1024 * 1024
const MAX_BODY_BYTES = Math.ceil((MAX_FILE_BYTES * 4) / 3) + 64 * 1024
/** The scheduled jobs a trainer may run from the page (housekeeping is no lesson). */
export const PLAYGROUND_JOBS = JOB_NAMES.filter((j) => j !== 'housekeeping')

/** A request from this machine (the playground answers only these unless PLAYGROUND=true). */
export function fromLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? ''
  return a === '::1' || a.startsWith('127.') || a.startsWith('::ffff:127.')
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const c of req) {
    size += (c as Buffer).length
    if (size > MAX_BODY_BYTES) return null
    chunks.push(c as Buffer)
  }
  try {
    const v: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** A chat of no one yet (its external id as is). */
const GUEST = /^guest-[a-z0-9-]{1,40}$/

const str = (v: unknown) => (typeof v === 'string' ? v : undefined)

/**
 * The playground: a practice chat on the app's own page (docs/playground.md), a fourth adapter on the same
 * seam, conversation core, renderer and use cases as the real platforms. Its chat is in the database
 * (chat.ts); every active employee gets a playground account the import vouches for, so anyone of the
 * organisation can be picked on the page and reached by what the bot sends.
 */
export async function createPlaygroundPlatform(deps: PlatformDeps): Promise<ChatPlatform> {
  const { config, services, db, clock, claims } = deps
  const log = deps.log.child({ platform: 'playground' })
  const chat = createChat({ db, clock })
  const notifier = createPlaygroundNotifier(chat)
  const inbound = createInbound({ services, chat })
  // open to other machines only when asked for on purpose (a training room)
  const open = config.PLAYGROUND === 'true'
  const scheduler = createScheduler({ db, clock, log, cfg: config, instanceId: 'playground', afterCommit: () => services.linking.deliverWaiting() })

  /** Every active employee without a playground account gets one, vouched for like an imported account. */
  async function ensureAccounts(): Promise<void> {
    const missing = await db.employee.findMany({ where: { active: true, accounts: { none: { platform: 'playground' } } }, select: { id: true } })
    for (const e of missing) {
      try {
        await db.chatAccount.create({ data: { employeeId: e.id, platform: 'playground', externalId: String(e.id), vouchedBy: 'import' } })
      } catch (err) {
        // made meanwhile by another start or request
        if (!isUniqueViolation(err)) throw err
      }
    }
  }

  const chains = new Map<string, Promise<void>>()
  const inFlight = new Set<Promise<void>>()
  /** One person's inputs one after another (their conversation has one state); answered when handled. */
  function enqueue(chatId: string, key: string, input: PlaygroundInput): Promise<void> {
    const run = (chains.get(chatId) ?? Promise.resolve()).then(async () => {
      const started = performance.now()
      let outcome: 'handled' | 'duplicate' | 'failed' = 'handled'
      try {
        const r = await claims.once('playground', key, async () => {
          try {
            await inbound.onInput(chatId, key, input)
          } catch (err) {
            outcome = 'failed'
            log.error({ err: { message: err instanceof Error ? err.message : String(err) } }, 'playground input failed')
            await chat.add(chatId, 'notice', { blocks: [{ type: 'text', text: t('error.generic') }] })
          }
        })
        if (r === 'duplicate') outcome = 'duplicate'
      } finally {
        deps.metrics.handlerSeconds.observe({ platform: 'playground' }, (performance.now() - started) / 1000)
        deps.metrics.updates.inc({ platform: 'playground', outcome })
      }
    })
    chains.set(chatId, run)
    inFlight.add(run)
    void run
      .finally(() => {
        inFlight.delete(run)
        if (chains.get(chatId) === run) chains.delete(chatId)
      })
      // the caller awaits `run` and answers its failure
      .catch(() => undefined)
    return run
  }

  /**
   * The person's playground chat, by employee id; null when there is no such active person. A guest
   * (`guest-<name>`) is a chat of no one yet: for practising linking with a code (/start KODE).
   */
  async function chatOf(as: unknown): Promise<string | null> {
    if (typeof as === 'string' && GUEST.test(as)) return as
    const id = typeof as === 'number' ? as : Number(str(as))
    if (!Number.isSafeInteger(id) || id <= 0) return null
    const a = await db.chatAccount.findFirst({ where: { platform: 'playground', employeeId: id, employee: { active: true } }, select: { externalId: true } })
    return a?.externalId ?? null
  }

  /**
   * A file sent from the page (`{ id?, name, mime, base64 }`), stored in the attachment store at once, as
   * WhatsApp's media are: the report that takes it links the stored copy.
   */
  async function stored(f: unknown): Promise<Evidence | 'tooLarge' | undefined> {
    if (!f || typeof f !== 'object') return undefined
    const { id, name, mime, base64 } = f as Record<string, unknown>
    if (typeof base64 !== 'string') return undefined
    const data = Buffer.from(base64, 'base64')
    if (data.length > MAX_FILE_BYTES) return 'tooLarge'
    const filename = (str(name) ?? 'berkas').slice(0, 200)
    const type = str(mime) || mimeFromName(filename) || 'application/octet-stream'
    const row = await db.attachment.create({ data: { filename, mime: type, data }, select: { id: true } })
    // the page's own name for the file, when it gives one, is the platform's reference (as a media id is)
    const ref = str(id) && /^[\w.-]{1,100}$/.test(str(id)!) ? str(id)! : String(row.id)
    return { kind: isImage(type) ? 'photo' : 'document', ref: `pg:${ref}`, name: filename, fileId: row.id }
  }

  const guard =
    (handler: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void) =>
    async (req: IncomingMessage, res: ServerResponse) => {
      if (!open && !fromLoopback(req)) {
        return sendJson(res, 403, { error: 'the playground answers this machine only (PLAYGROUND=true opens it to others)' })
      }
      await handler(req, res)
    }

  const routes: Route[] = [
    {
      method: 'GET',
      path: PLAYGROUND_PATH,
      handler: guard((_req, res) => {
        const html = playgroundPage({ jobs: PLAYGROUND_JOBS, tz: config.TZ_DEFAULT })
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), 'cache-control': 'no-store' })
        res.end(html)
      }),
    },
    {
      method: 'GET',
      path: `${PLAYGROUND_PATH}/api/people`,
      handler: guard(async (_req, res) => {
        await ensureAccounts()
        const people = await db.employee.findMany({
          where: { active: true },
          select: { id: true, nip: true, name: true, role: true, position: true, unit: { select: { code: true, name: true } }, supervisor: { select: { id: true, name: true } } },
          orderBy: [{ unitId: 'asc' }, { id: 'asc' }],
        })
        sendJson(res, 200, {
          people: people.map((p) => ({ id: p.id, nip: p.nip, name: p.name, role: p.role, position: p.position, unit: p.unit, supervisor: p.supervisor })),
        })
      }),
    },
    {
      method: 'GET',
      path: `${PLAYGROUND_PATH}/api/chat`,
      handler: guard(async (req, res) => {
        const q = new URL(req.url ?? '/', 'http://localhost').searchParams
        const chatId = await chatOf(q.get('as'))
        if (!chatId) return sendJson(res, 404, { error: 'no such person' })
        const after = Number(q.get('after') ?? 0)
        const messages = await chat.read(chatId, Number.isSafeInteger(after) && after > 0 ? after : 0)
        sendJson(res, 200, { messages, cursor: messages.at(-1)?.cursor ?? (after > 0 ? after : 0) })
      }),
    },
    {
      method: 'POST',
      path: `${PLAYGROUND_PATH}/api/send`,
      handler: guard(async (req, res) => {
        const body = await readJson(req)
        if (!body) return sendJson(res, 400, { error: 'a JSON object is expected' })
        const chatId = await chatOf(body.as)
        if (!chatId) return sendJson(res, 404, { error: 'no such person' })
        const text = str(body.text) ?? ''
        const data = str(body.data)
        const file = await stored(body.file)
        if (file === 'tooLarge') return sendJson(res, 413, { error: t('evidence.tooLarge', { size: MAX_FILE_BYTES + 1, max: MAX_FILE_BYTES }) })
        const input: PlaygroundInput | null = file
          ? { kind: 'text', text: text.slice(0, 4000), evidence: file }
          : text !== ''
            ? // whitespace too: an empty answer is the flow's to refuse ("Alasan wajib diisi")
              { kind: 'text', text: text.slice(0, 4000) }
            : data
              ? { kind: 'press', data, ...(str(body.ref) ? { ref: str(body.ref)! } : {}) }
              : null
        if (!input) return sendJson(res, 400, { error: 'text or data (a button) is expected' })
        // the page names each input once (a double click, a retried request): handled once
        const key = (str(body.id) ?? randomUUID()).slice(0, 100)
        try {
          await enqueue(chatId, key, input)
        } catch (err) {
          log.error({ err: { message: err instanceof Error ? err.message : String(err) } }, 'playground input failed')
          return sendJson(res, 500, { error: 'internal error' })
        }
        sendJson(res, 200, { ok: true })
      }),
    },
    {
      method: 'POST',
      path: `${PLAYGROUND_PATH}/api/run-job`,
      handler: guard(async (req, res) => {
        const body = await readJson(req)
        const job = str(body?.job)
        if (!job || !(PLAYGROUND_JOBS as readonly string[]).includes(job)) return sendJson(res, 400, { error: `job must be one of ${PLAYGROUND_JOBS.join(', ')}` })
        const atText = str(body?.at)
        let at = clock.now()
        if (atText) {
          // wall time in TZ_DEFAULT, as the page's date and time fields give it
          const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(atText)
          if (!m || Number(m[2]) > 23 || Number(m[3]) > 59 || Number.isNaN(Date.parse(`${m[1]}T00:00:00Z`))) return sendJson(res, 400, { error: 'at must look like 2026-11-27T15:30 (local time)' })
          at = zonedInstant(m[1] as IsoDate, Number(m[2]) * 3600 + Number(m[3]) * 60, config.TZ_DEFAULT)
        }
        await ensureAccounts()
        const outcome = await scheduler.run(job as JobName, at, 'manual')
        // a time still to come is allowed in the sandbox (a trainer runs this afternoon's reminder now), and said
        sendJson(res, 200, { job, at: at.toISOString(), ahead: at.getTime() > clock.now().getTime(), ...outcome })
      }),
    },
  ]

  return {
    platform: 'playground',
    capabilities: PLAYGROUND_CAPABILITIES,
    notifier,
    // nothing leaves the machine: no platform limits to keep
    limits: { ratePerSec: 1000, chatIntervalMs: 0 },
    routes,
    duties: [],
    start: async () => {
      await ensureAccounts()
      log.info({ path: PLAYGROUND_PATH, open }, open ? 'playground open to every machine that reaches the port (PLAYGROUND=true)' : 'playground ready for this machine')
    },
    stop: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight])
      await scheduler.stop()
    },
  }
}

export const playgroundPlatform: PlatformModule = {
  platform: 'playground',
  enabled: (config) => playgroundOn(config),
  create: createPlaygroundPlatform,
}
