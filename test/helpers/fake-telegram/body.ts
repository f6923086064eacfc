import type { IncomingMessage } from 'node:http'
import { badRequest, type Params, type UploadedFile } from './types.js'

/*
 * Request parsing for the fake Bot API. Telegram accepts JSON, urlencoded and multipart
 * bodies plus query-string parameters. Node 20's `Request#formData()` cannot parse grammY's
 * multipart stream (grammY writes `content-disposition:form-data;name="x"` without spaces
 * and an unquoted `filename=`), so multipart is parsed here by hand.
 */

/** Fields whose string values are kept verbatim (never coerced to number/boolean/JSON). */
const TEXT_KEYS = new Set([
  'text', 'caption', 'title', 'description', 'short_description', 'name', 'first_name',
  'last_name', 'query', 'data', 'question', 'explanation', 'emoji', 'secret_token', 'url',
  'parse_mode', 'message_text', 'file_name', 'language_code', 'custom_title', 'photo',
  'document', 'sticker', 'audio', 'video', 'voice', 'animation', 'video_note', 'thumbnail',
  'callback_query_id', 'inline_query_id', 'inline_message_id', 'file_id', 'action',
])
const NUMERIC_KEY = /(^|_)(chat_id|message_id|user_id|thread_id)$|^(offset|limit|timeout|max_connections|cache_time|duration|width|height|until_date|latitude|longitude)$/

/** Coerces a form/multipart string the way Telegram interprets it, so params look alike for every encoding. */
export function decodeField(key: string, value: string): unknown {
  if (TEXT_KEYS.has(key)) return value
  if (/^[[{]/.test(value)) {
    try {
      return JSON.parse(value) as unknown
    } catch {
      return value
    }
  }
  if (NUMERIC_KEY.test(key) && /^-?\d+(\.\d+)?$/.test(value)) return Number(value)
  if (value === 'true' || value === 'false') return value === 'true'
  return value
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.once('end', () => resolve(Buffer.concat(chunks)))
    req.once('error', reject)
  })
}

interface Part {
  name: string
  filename?: string
  contentType?: string
  data: Buffer
}

function dispositionParam(header: string, param: string): string | undefined {
  const re = new RegExp(`(?:^|;)\\s*${param}\\s*=\\s*(?:"([^"]*)"|([^;]*))`, 'i')
  const m = re.exec(header)
  return m ? (m[1] ?? m[2] ?? '').trim() : undefined
}

export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const parts: Part[] = []
  const first = body.indexOf(`--${boundary}`)
  if (first === -1) throw badRequest('invalid multipart body')
  const delimiter = Buffer.from(`\r\n--${boundary}`)
  let pos = first + boundary.length + 2
  for (;;) {
    if (body.subarray(pos, pos + 2).toString() === '--') break // closing delimiter
    const start = body.subarray(pos, pos + 2).toString() === '\r\n' ? pos + 2 : pos
    const next = body.indexOf(delimiter, start)
    if (next === -1) break
    const raw = body.subarray(start, next)
    const headerEnd = raw.indexOf('\r\n\r\n')
    const headerText = headerEnd === -1 ? raw.toString('utf8') : raw.subarray(0, headerEnd).toString('utf8')
    const headers = new Map<string, string>()
    for (const line of headerText.split('\r\n')) {
      const colon = line.indexOf(':')
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
    }
    const disposition = headers.get('content-disposition') ?? ''
    const name = dispositionParam(disposition, 'name')
    if (name !== undefined) {
      const part: Part = { name, data: headerEnd === -1 ? Buffer.alloc(0) : raw.subarray(headerEnd + 4) }
      const filename = dispositionParam(disposition, 'filename')
      if (filename !== undefined) part.filename = filename
      const contentType = headers.get('content-type')
      if (contentType !== undefined) part.contentType = contentType
      parts.push(part)
    }
    pos = next + delimiter.length
  }
  return parts
}

/** Replaces every 'attach://<part>' string (top level or nested, e.g. in `media`) with the uploaded file. */
function resolveAttachments(value: unknown, files: Map<string, UploadedFile>, key: string): unknown {
  if (typeof value === 'string' && value.startsWith('attach://')) {
    const file = files.get(value.slice('attach://'.length))
    return file ? { ...file, field: key } : value
  }
  if (Array.isArray(value)) return value.map((v) => resolveAttachments(v, files, key))
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>
    const nestedKey = key === 'media' && typeof obj.type === 'string' ? obj.type : key
    return Object.fromEntries(
      Object.entries(obj).map(([k, v]) => [k, resolveAttachments(v, files, k === 'media' ? nestedKey : k)]),
    )
  }
  return value
}

/** Parses the body per its content type and merges it over the query string parameters. */
export function parseParams(contentType: string | undefined, body: Buffer, query: URLSearchParams): Params {
  const params: Params = {}
  for (const [k, v] of query) params[k] = decodeField(k, v)
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (body.length === 0) return params
  if (type === 'application/json' || (type === '' && /^\s*\{/.test(body.toString('utf8', 0, 16)))) {
    let parsed: unknown
    try {
      parsed = JSON.parse(body.toString('utf8'))
    } catch {
      throw badRequest("can't parse JSON request body")
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw badRequest('request body must be a JSON object')
    }
    return Object.assign(params, parsed)
  }
  if (type === 'application/x-www-form-urlencoded') {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = decodeField(k, v)
    return params
  }
  if (type === 'multipart/form-data') {
    const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '')
    const boundary = (m?.[1] ?? m?.[2])?.trim()
    if (!boundary) throw badRequest('multipart boundary is missing')
    const files = new Map<string, UploadedFile>()
    const fields: [string, string][] = []
    for (const part of parseMultipart(body, boundary)) {
      if (part.filename === undefined) {
        fields.push([part.name, part.data.toString('utf8')])
        continue
      }
      const file: UploadedFile = {
        upload: true,
        field: part.name,
        partName: part.name,
        filename: part.filename,
        size: part.data.length,
        data: Buffer.from(part.data),
      }
      if (part.contentType) file.contentType = part.contentType
      files.set(part.name, file)
    }
    for (const [k, v] of fields) params[k] = resolveAttachments(decodeField(k, v), files, k)
    const referenced = JSON.stringify(fields.map(([, v]) => v))
    for (const [name, file] of files) {
      // A file sent directly under the parameter name (curl -F photo=@x.png) rather than via attach://
      if (!referenced.includes(`attach://${name}`)) params[name] = file
    }
    return params
  }
  throw badRequest(`unsupported content type ${type}`)
}
