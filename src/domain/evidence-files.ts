import type { Evidence } from './types.js'

/** The bytes of a piece of evidence, as stored in the attachment store. */
export interface EvidenceFile {
  filename: string
  mime: string
  data: Uint8Array<ArrayBuffer>
}

/**
 * Downloads evidence from the platform it was sent on. A platform registers one for the evidence kinds it
 * writes (Telegram: photo, document; Slack: file). It throws a DomainError for a file over the size cap
 * (the person is told and nothing is stored); it returns null when the file cannot be had just now.
 */
export type EvidenceFetcher = (evidence: Evidence) => Promise<EvidenceFile | null>

/** The platforms' fetchers by evidence kind; a report's evidence is downloaded once, when it is submitted. */
export function createEvidenceFetchers() {
  const byKind = new Map<Evidence['kind'], EvidenceFetcher>()
  const byPrefix: { prefix: string; kinds: Evidence['kind'][]; fetcher: EvidenceFetcher }[] = []
  return {
    /**
     * `refPrefix`: this fetcher takes only references that start with it (WhatsApp's `wa:` media), so two
     * platforms that both write photos and documents each fetch their own.
     */
    register(kinds: Evidence['kind'][], fetcher: EvidenceFetcher, opts: { refPrefix?: string } = {}) {
      if (opts.refPrefix) byPrefix.push({ prefix: opts.refPrefix, kinds, fetcher })
      else for (const k of kinds) byKind.set(k, fetcher)
    },
    /** The bytes of this evidence, or null for a link, a kind no enabled platform fetches, or a file that cannot be had now. */
    async fetch(evidence: Evidence | undefined): Promise<EvidenceFile | null> {
      if (!evidence) return null
      const fetcher = byPrefix.find((p) => p.kinds.includes(evidence.kind) && evidence.ref.startsWith(p.prefix))?.fetcher ?? byKind.get(evidence.kind)
      return fetcher ? fetcher(evidence) : null
    },
  }
}
export type EvidenceFetchers = ReturnType<typeof createEvidenceFetchers>

const IMAGE_MIME = /^image\/(jpeg|png|gif|webp|heic|heif|bmp|tiff)$/

/** Whether to show the evidence as a picture (a photo) or as a document. */
export const isImage = (mime: string) => IMAGE_MIME.test(mime)

const MIME_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', heic: 'image/heic',
  pdf: 'application/pdf', doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  txt: 'text/plain', csv: 'text/csv', zip: 'application/zip',
}

/** A file's type told by its name, where the platform does not say. */
export const mimeFromName = (name: string) => MIME_BY_EXTENSION[/\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? ''] ?? 'application/octet-stream'
